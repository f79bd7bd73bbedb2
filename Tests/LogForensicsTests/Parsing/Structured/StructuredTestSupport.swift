// Tests/LogForensicsTests/Parsing/Structured/StructuredTestSupport.swift - helpers for the structured-format parser tests.

import Foundation
@testable import LogForensics

/// A parser under test with its own symbol table and builder.
struct ParserHarness<P: LineParser> {
  var parser: P
  var builder = EventBuilder(symbols: SymbolTable())
  var lineNumber: Int64 = 0

  init(_ parser: P) { self.parser = parser }

  var symbols: SymbolTable { builder.symbols }
  var event: LogEvent { builder.event }

  /// Parses one line (given without its terminator) and finishes the event like the pipeline.
  @discardableResult
  mutating func parse(_ line: String) -> LineOutcome {
    parse(Array(line.utf8))
  }

  @discardableResult
  mutating func parse(_ bytes: [UInt8]) -> LineOutcome {
    lineNumber += 1
    builder.reset(inputIndex: 0, lineNumber: lineNumber)
    let outcome = bytes.withUnsafeBytes { parser.parse($0, into: &builder) }
    switch outcome {
    case .event, .eventWithWarning: builder.finish()
    default: break
    }
    return outcome
  }

  /// Parses every line of a multi-line string; returns the outcome of the last one.
  @discardableResult
  mutating func parseLines(_ text: String) -> LineOutcome {
    var last = LineOutcome.skipped("nothing")
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) { last = parse(String(line)) }
    return last
  }

  func string(_ s: Symbol) -> String { symbols.string(s) }
  func extra(_ name: String) -> String? {
    event.extras.first { symbols.string($0.name) == name }?.value
  }
}

/// Access to the shared real-world corpus (`<repo>/../shared/realworld`), read in place.
enum RealWorld {
  /// The corpus directory, or `nil` when it is not present (tests then skip).
  static var directory: String? {
    var url = URL(fileURLWithPath: #filePath)
    while url.pathComponents.count > 1 && url.lastPathComponent != "Tests" { url.deleteLastPathComponent() }
    let dir = url.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/realworld").path
    return FileManager.default.fileExists(atPath: dir) ? dir : nil
  }

  /// The decoded lines of a corpus file (`.gz` through `/bin/gzip -dc`), terminators
  /// (`\n`, `\r\n`) removed; a final unterminated line is kept.
  static func lines(_ relativePath: String) throws -> [[UInt8]] {
    guard let dir = directory else { return [] }
    let path = dir + "/" + relativePath
    let data: Data
    if path.hasSuffix(".gz") {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: "/bin/gzip")
      p.arguments = ["-dc", path]
      let pipe = Pipe()
      p.standardOutput = pipe
      try p.run()
      data = pipe.fileHandleForReading.readDataToEndOfFile()
      p.waitUntilExit()
    } else {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    }
    var out: [[UInt8]] = []
    var current: [UInt8] = []
    for b in data {
      if b == 0x0A {
        if current.last == 0x0D { current.removeLast() }
        out.append(current)
        current.removeAll(keepingCapacity: true)
      } else {
        current.append(b)
      }
    }
    if !current.isEmpty { out.append(current) }
    return out
  }

  /// Removes a container-runtime prefix (`<RFC3339> stdout F ` or `caddy  | `) — a stand-in
  /// until the pipeline's prefix stripper exists.
  static func stripPrefix(_ line: [UInt8]) -> [UInt8] {
    let s = String(decoding: line, as: UTF8.self)
    if let r = s.range(of: " stdout F ") ?? s.range(of: " stderr F "), !s.hasPrefix("{") { return Array(s[r.upperBound...].utf8) }
    if let r = s.range(of: " | "), !s.hasPrefix("{") { return Array(s[r.upperBound...].utf8) }
    return line
  }
}

/// Counts of outcomes over a file, with the rejected lines kept for inspection.
struct OutcomeTally {
  var events = 0
  var warnings = 0
  var skipped = 0
  var rejected: [(line: Int, reason: String, text: String)] = []
  var eventsByLine: [Int: LogEvent] = [:]

  static func run<P: LineParser>(_ parser: P, lines: [[UInt8]], keep: Set<Int> = []) -> (OutcomeTally, ParserHarness<P>) {
    var h = ParserHarness(parser)
    var t = OutcomeTally()
    for (i, l) in lines.enumerated() {
      switch h.parse(l) {
      case .event: t.events += 1
      case .eventWithWarning: t.warnings += 1
      case .skipped: t.skipped += 1
      case .rejected(let r): t.rejected.append((i + 1, r, String(decoding: l.prefix(200), as: UTF8.self)))
      }
      if keep.contains(i + 1) { t.eventsByLine[i + 1] = h.event }
    }
    return (t, h)
  }
}
