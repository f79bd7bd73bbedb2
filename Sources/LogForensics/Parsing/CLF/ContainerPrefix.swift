// Parsing/CLF/ContainerPrefix.swift - strips container-runtime prefixes before any format parser.

/// Recognises the prefixes container runtimes put before each application log line.
///
/// - CRI (Kubernetes, containerd, CRI-O): `2024-01-01T00:00:00.123456789Z stdout F ` — an
///   RFC 3339 time, `stdout` or `stderr`, the `F` (full) or `P` (partial) flag, one space.
/// - docker compose: `name  | ` — a service name (`[A-Za-z0-9_.-]` with at least one letter),
///   spaces, `|`, one space.
///
/// Anything else is not a prefix (a CLF or JSON line never matches either shape).
public enum ContainerPrefix {
  /// The line after the prefix, or `nil` when the line has no container prefix.
  public static func strip(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
    guard !line.isEmpty else { return nil }
    return stripCRI(line) ?? stripCompose(line)
  }

  private static func stripCRI(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
    guard line.count > 20, line[0].isDigit, let sp = line.firstIndex(of: .space, from: 0),
      TimeParsing.iso8601Detailed(line.slice(0, sp)) != nil
    else { return nil }
    var i = sp + 1
    let stream = line.slice(i, min(line.count, i + 7))
    guard stream.equals("stdout ") || stream.equals("stderr ") else { return nil }
    i += 7
    guard i < line.count, line[i] == UInt8(ascii: "F") || line[i] == UInt8(ascii: "P") else { return nil }
    i += 1
    if i == line.count { return line.slice(i, i) }
    guard line[i] == .space else { return nil }
    return line.slice(i + 1, line.count)
  }

  private static func stripCompose(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
    var i = 0
    var sawLetter = false
    while i < line.count && (line[i].isLetter || line[i].isDigit || line[i] == UInt8(ascii: "_") || line[i] == .minus || line[i] == .dot) {
      sawLetter = sawLetter || line[i].isLetter
      i += 1
    }
    // A service name has a letter; `1.2.3.4 | GET …` is a pipe-delimited log, not a prefix.
    guard sawLetter, i < line.count, line[i] == .space else { return nil }
    i = CLFScanning.skipSpaces(line, from: i)
    guard i < line.count, line[i] == .pipe else { return nil }
    i += 1
    if i < line.count && line[i] == .space { i += 1 }
    return line.slice(i, line.count)
  }
}

/// Wraps a parser so that lines with a container prefix (see ``ContainerPrefix``) are parsed
/// without it; lines without one are passed through unchanged.
public struct PrefixStrippingParser: LineParser {
  /// The parser that reads the line once the prefix is removed.
  public var inner: any LineParser

  /// Wraps `inner`.
  public init(_ inner: any LineParser) { self.inner = inner }

  public mutating func parse(_ line: UnsafeRawBufferPointer, into builder: inout EventBuilder) -> LineOutcome {
    inner.parse(ContainerPrefix.strip(line) ?? line, into: &builder)
  }
}
