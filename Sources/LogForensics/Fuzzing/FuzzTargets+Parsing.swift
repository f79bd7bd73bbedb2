// Fuzzing/FuzzTargets+Parsing.swift - fuzz targets for parsers, format strings, detection, times.

extension FuzzEntryPoints {
  /// Lines given to one parser per input (inputs are small; this bounds the slow cases).
  static let maxLines = 64

  /// `parse-<preset>`: a fresh parser of the preset reads the input's lines, in order (so
  /// header-driven formats see their `#Fields:` lines), and each event goes through the
  /// builder's finish, the report's time formatting and the endpoint templater.
  static func fuzzPreset(_ descriptor: FormatDescriptor, _ data: UnsafeRawBufferPointer) {
    guard var parser = try? descriptor.makeParser() else {
      preconditionFailure("preset \(descriptor.name) has no parser")
    }
    drive(&parser, naiveLines(data, limit: maxLines), symbols: SymbolTable())
  }

  /// `json-lines`: ``JSONLineParser`` with byte 0 choosing `maxExtras` (0–7), the rest as lines.
  static func fuzzJSONLines(_ data: UnsafeRawBufferPointer) {
    guard data.count >= 1 else { return }
    var parser: any LineParser = JSONLineParser(maxExtras: Int(data[0] & 7))
    drive(&parser, naiveLines(data.slice(1, data.count), limit: maxLines), symbols: SymbolTable())
  }

  /// `nginx-format` / `apache-format`: the first line is a format string, compiled as
  /// `--log-format nginx:'…'` / `apache:'…'` would; when it compiles, the other lines are
  /// parsed with it.
  static func fuzzFormatString(nginx: Bool, _ data: UnsafeRawBufferPointer) {
    var lines = naiveLines(data, limit: maxLines + 1)
    guard !lines.isEmpty else { return }
    let format = String(decoding: lines.removeFirst(), as: UTF8.self)
    let argument = LogFormat(formatArgument: (nginx ? "nginx:" : "apache:") + format)
    _ = argument?.description
    guard var parser = try? (nginx ? FormatCatalog.compileNginx(format) : FormatCatalog.compileApache(format)) else {
      return
    }
    drive(&parser, lines, symbols: SymbolTable())
  }

  /// `detector`: the input's lines are the sample ``FormatDetector`` chooses a format from.
  /// Checks the detection record against the lines and that the chosen preset (with its
  /// container prefix, if any) reads the sample to the same counts.
  static func fuzzDetector(_ data: UnsafeRawBufferPointer) {
    let lines = naiveLines(data, limit: 32)
    let (descriptor, prefixed, detection) = FormatDetector.detect(lines)
    let sample = lines.filter { l in l.contains { $0 != .space && $0 != .tab && $0 != .cr } }
    precondition(detection.sampledLines == sample.count, "sampled \(detection.sampledLines) of \(sample.count)")
    precondition(detection.matchedLines + detection.skippedLines <= sample.count, "more matched+skipped than sampled")
    guard let descriptor else {
      precondition(detection.format == "unknown" && !prefixed, "no descriptor but format \(detection.format)")
      return
    }
    precondition(detection.format == descriptor.name, "detection names \(detection.format), chose \(descriptor.name)")
    guard var parser = try? descriptor.makeParser() else { preconditionFailure("\(descriptor.name) has no parser") }
    if prefixed { parser = PrefixStrippingParser(parser) }
    var builder = EventBuilder(symbols: SymbolTable())
    var events = 0
    var skipped = 0
    for (n, line) in sample.enumerated() {
      builder.reset(inputIndex: 0, lineNumber: Int64(n + 1))
      switch line.withUnsafeBytes({ parser.parse($0, into: &builder) }) {
      case .event, .eventWithWarning: events += 1
      case .skipped: skipped += 1
      case .rejected: break
      }
    }
    precondition(events == detection.matchedLines && skipped == detection.skippedLines, "re-parse gives \(events)/\(skipped), detection \(detection.matchedLines)/\(detection.skippedLines)")
  }

  /// `time`: every time parser on the whole input. Checks that `iso8601` agrees with
  /// `iso8601Detailed`, and that a time within years 1–9999 survives the report's round trip
  /// (``Timestamp/iso8601`` then ``Timestamp/init(iso8601:)``) to the millisecond.
  static func fuzzTime(_ data: UnsafeRawBufferPointer) {
    var times: [Timestamp] = []
    if let t = TimeParsing.clf(data) { times.append(t.timestamp) }
    let detailed = TimeParsing.iso8601Detailed(data)
    precondition(TimeParsing.iso8601(data) == detailed?.timestamp, "iso8601 and iso8601Detailed disagree")
    if let t = detailed { times.append(t.timestamp) }
    if let t = TimeParsing.epoch(data) { times.append(t) }
    for i in 0..<min(data.count, 8) {
      if let (offset, next) = TimeParsing.zoneOffset(data, i) {
        precondition(abs(offset) < 86_400 && next > i && next <= data.count, "zone offset \(offset) next \(next)")
      }
      if let m = TimeParsing.monthNumber(data, i) { precondition((1...12).contains(m), "month \(m)") }
    }
    for t in times {
      let text = t.iso8601
      let year = Timestamp.civilFromDays(Int(t.seconds / 86_400)).year
      guard (1...9999).contains(year), year == Int(text.prefix(4)) else { continue }
      guard let back = Timestamp(iso8601: text) else { preconditionFailure("report time \(text) does not parse back") }
      let millis = t.microseconds - ((t.microseconds % 1000) + 1000) % 1000
      precondition(back.microseconds == millis, "\(text) parses back to \(back.microseconds), expected \(millis)")
    }
  }
}
