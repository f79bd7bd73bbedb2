// Fuzzing/FuzzEntryPoints.swift - the fuzz targets, callable by libFuzzer and by regression tests.

/// Entry points for the libFuzzer harness in `Fuzz/` and for the regression tests that replay
/// the inputs it found (`Tests/LogForensicsTests/FuzzRegressions/<target>/`).
///
/// Each target takes arbitrary bytes, drives one stage of the tool with them and checks what
/// it can about the result against a simple model; a violated check traps (`precondition`),
/// so the fuzzer reports it like a crash. The only side effect is a private temporary file
/// (`gzip`), removed before the call returns.
///
/// ```swift
/// FuzzEntryPoints.target(named: "time")!.run(bytes)
/// ```
public enum FuzzEntryPoints {
  /// One fuzz target.
  public struct Target: Sendable {
    /// Name used by `FUZZ_TARGET`, `scripts/fuzz.sh` and the regression folders.
    public let name: String
    let body: @Sendable (UnsafeRawBufferPointer) -> Void

    /// Runs the target on one input.
    public func run(_ data: UnsafeRawBufferPointer) { body(data) }
  }

  /// Every target, cheap ones first: `parse-<preset>` exists for every preset of
  /// ``FormatCatalog/all``.
  public static let all: [Target] =
    [
      Target(name: "line-splitter", body: fuzzLineSplitter),
      Target(name: "time", body: fuzzTime),
      Target(name: "templater", body: fuzzTemplater),
      Target(name: "json-lines", body: fuzzJSONLines),
    ]
    + FormatCatalog.all.map { d in Target(name: "parse-" + d.name, body: { fuzzPreset(d, $0) }) }
    + [
      Target(name: "nginx-format", body: { fuzzFormatString(nginx: true, $0) }),
      Target(name: "apache-format", body: { fuzzFormatString(nginx: false, $0) }),
      Target(name: "detector", body: fuzzDetector),
      Target(name: "gzip", body: fuzzGzip),
    ]

  /// The names of ``all``, in order.
  public static var targetNames: [String] { all.map(\.name) }

  /// The target called `name`, if any.
  public static func target(named name: String) -> Target? {
    all.first { $0.name == name }
  }

  // MARK: - Shared helpers

  /// The lines of `data` split at `\n` (a `\r` before it removed), the last one kept only if
  /// not empty, at most `limit` of them. A deliberately naive model of ``LineSplitter``.
  static func naiveLines(_ data: UnsafeRawBufferPointer, limit: Int = .max) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    var start = 0
    while start < data.count && lines.count < limit {
      var end = start
      while end < data.count && data[end] != .lf { end += 1 }
      if end == data.count {
        lines.append(Array(data[start..<end]))
        break
      }
      var stop = end
      if stop > start && data[stop - 1] == .cr { stop -= 1 }
      lines.append(Array(data[start..<stop]))
      start = end + 1
    }
    return lines
  }

  /// Feeds `lines` to `parser` the way the pipeline does and checks the outcome's basics.
  static func drive(_ parser: inout any LineParser, _ lines: [[UInt8]], symbols: SymbolTable) {
    var builder = EventBuilder(symbols: symbols, options: EventBuildingOptions(preferForwardedFor: true, userField: "uid"))
    let templater = EndpointTemplater()
    for (n, line) in lines.enumerated() {
      builder.reset(inputIndex: 0, lineNumber: Int64(n + 1))
      let outcome = line.withUnsafeBytes { parser.parse($0, into: &builder) }
      switch outcome {
      case .event, .eventWithWarning:
        builder.finish()
        precondition(builder.event.lineNumber == Int64(n + 1), "parser changed the line number")
        // Use the event as the later stages do: interned fields, report time, template.
        let e = builder.event
        for s in [e.clientIP, e.forwardedFor, e.method, e.httpVersion, e.userAgent, e.user, e.referer, e.host, e.credential]
        where !s.isNone {
          _ = symbols.string(s)
        }
        _ = e.timestamp.iso8601
        _ = templater.template(path: e.path, query: e.query)
      case .skipped(let why), .rejected(let why):
        precondition(!why.isEmpty, "empty skip/reject reason")
      }
    }
  }
}
