// Report/JSONStreamingTests.swift - the piecewise report encoding is byte for byte Foundation's.

import Foundation
import Testing

@testable import LogForensics

@Suite struct JSONStreamingTests {
  /// Foundation's encoding of the whole document, the reference the writer must match.
  static func wholeDocument(_ report: Report) throws -> Data {
    var d = try JSONReportWriter.makeEncoder().encode(report)
    d.append(0x0A)
    return d
  }

  @Test func sampleReportWithEverySessionMatchesTheWholeDocumentEncoding() throws {
    var config = AnalysisConfiguration(paths: [Golden.repoRoot.appendingPathComponent("SampleLogs").path])
    config.analysis.allSessions = true
    let report = Analyzer.run(config).report
    #expect(report.sessions.count > 100 && !report.findings.isEmpty && !report.timeline.isEmpty && report.inputs.count > 10)
    let pieces = try JSONReportWriter.encode(report)
    #expect(pieces == (try Self.wholeDocument(report)))
    #expect(try JSONReportWriter.decode(pieces) == report)
  }

  @Test func emptyLongArraysAndHostileStringsMatchToo() throws {
    var config = AnalysisConfiguration(paths: [Golden.repoRoot.appendingPathComponent("SampleLogs").path])
    config.analysis.allSessions = true
    var report = Analyzer.run(config).report
    // Strings that need escaping, an element with an empty nested array, one element only.
    report.sessions = SessionReports(Array(report.sessions.prefix(1)))
    report.sessions[0].actor = "ip:10.0.0.1 ua:\u{1B}[31m\"<script>\"\\é\u{0}/\n"
    report.sessions[0].statusMix = []
    report.timeline = []
    report.findings = []
    #expect(try JSONReportWriter.encode(report) == (try Self.wholeDocument(report)))
    report.sessions = []
    report.inputs = []
    #expect(try JSONReportWriter.encode(report) == (try Self.wholeDocument(report)))
  }

  @Test func writtenFileEqualsTheEncodingAcrossSeveralBufferedWrites() throws {
    var config = AnalysisConfiguration(paths: [Golden.repoRoot.appendingPathComponent("SampleLogs").path])
    config.analysis.allSessions = true
    var report = Analyzer.run(config).report
    while report.sessions.count < 6_000 { report.sessions += report.sessions }  // > 1 MiB of sessions
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("r.json").path
    try JSONReportWriter.write(report, to: path)
    let written = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(written.count > 2 << 20)
    #expect(written == (try Self.wholeDocument(report)))
    try JSONReportWriter.write(report, to: path, threads: 2)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == written)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["r.json"], "no temporary file left")
  }

  /// Long arrays encoded in blocks on two threads give the same bytes, whether the sessions
  /// are built when read (the analysis's deferred list, read from both threads) or stored,
  /// for counts that fill the last pair of blocks, leave it half full or leave one element.
  @Test func twoThreadsEncodeTheSameBytes() throws {
    var config = AnalysisConfiguration(paths: [Golden.repoRoot.appendingPathComponent("SampleLogs").path])
    config.analysis.allSessions = true
    let deferred = Analyzer.run(config).report
    let whole = try Self.wholeDocument(deferred)
    func encoded(_ r: Report, threads: Int, block: Int) throws -> Data {
      var out = Data()
      try JSONReportWriter.encode(r, threads: threads, block: block) { out.append($0) }
      return out
    }
    #expect(deferred.sessions.count > 300)
    for block in [1, 16, 64, 150] { #expect(try encoded(deferred, threads: 2, block: block) == whole, "blocks of \(block)") }
    var stored = deferred
    stored.sessions = SessionReports(Array(deferred.sessions))
    for count in [128, 257, 317] {
      var r = stored
      r.sessions = SessionReports(Array(stored.sessions.prefix(count)))
      #expect(try encoded(r, threads: 2, block: 64) == (try Self.wholeDocument(r)), "\(count) sessions")
    }
    #expect(JSONReportWriter.parallelBlock >= 64, "blocks large enough that a thread per pair costs little")
  }

  @Test func reindentationKeepsEmptyLinesEmpty() {
    let d = JSONReportWriter.indented(Data("{\n  \"a\" : [\n\n  ]\n}".utf8), first: false)
    #expect(String(decoding: d, as: UTF8.self) == ",\n    {\n      \"a\" : [\n\n      ]\n    }")
  }
}

/// Sessions write their own JSON (``JSONBytesEncodable``): the bytes must be `JSONEncoder`'s
/// for any value, hostile strings and awkward numbers included.
@Suite struct SessionJSONBytesTests {
  static let strings: [String] = {
    var controls = ""
    for c in 0..<0x20 { controls.unicodeScalars.append(UnicodeScalar(UInt8(c))) }
    return [
      "", "S000001", "user:alice", controls, "\u{7F}\"\\/é\u{2028}\u{FFFF}😀", "ip:10.0.0.1 ua:\u{1B}[31m\"<script>\"\\",
      "a\"", "\\", "/api/v1/patients/{id}", "ua:Mozilla/5.0 (X11; Linux x86_64)", String(repeating: "x", count: 3000),
    ]
  }()
  static let doubles: [Double] = [
    0, -0.0, 1, -1, 1.5, 0.1, 0.2 + 0.1, 1e-5, 1e-7, 123.456, 1e15, 1e15 - 1, 999_999_999_999_999.5, 1e16, 1e21,
    -1e16, Double.leastNonzeroMagnitude, 2.2250738585072014e-308, 1.7976931348623157e308, 60, 0.333, 2.0 / 3, 1234567.891, -42.25,
    9_007_199_254_740_994, Double(Int64.max), -Double(Int64.max),
  ]
  static let ints: [Int] = [0, 1, -1, 9, 10, 99, 100, 12_345, Int(Int32.max), Int.max, Int.min, -1_000_000]

  static func randomDouble(_ rng: inout SeededRNG) -> Double {
    switch rng.next() % 4 {
    case 0: return doubles[Int(rng.next() % UInt64(doubles.count))]
    case 1:
      let d = Double(bitPattern: rng.next())
      return d.isFinite ? d : 1
    case 2: return (Double(rng.next() % 100_000) / 1000).rounded(.toNearestOrEven)
    default: return Double(rng.next() % 1_000_000) / 1000
    }
  }

  static func randomSession(_ rng: inout SeededRNG) -> SessionReport {
    func s() -> String { strings[Int(rng.next() % UInt64(strings.count))] }
    func i() -> Int { rng.next() % 2 == 0 ? ints[Int(rng.next() % UInt64(ints.count))] : Int(rng.next() % 100_000) }
    func d() -> Double { randomDouble(&rng) }
    func t() -> Timestamp {
      let spans: [Int64] = [1_000_000, 86_400_000_000, 400 * 365 * 86_400_000_000, 9000 * 365 * 86_400_000_000]
      let span = spans[Int(rng.next() % 4)]
      return Timestamp(microseconds: Int64(bitPattern: rng.next()) % span + (rng.next() % 2 == 0 ? 1_780_000_000_000_000 : 0))
    }
    func list() -> [String] { (0..<Int(rng.next() % 4)).map { _ in s() } }
    func flag() -> Bool? { [nil, true, false][Int(rng.next() % 3)] }
    let mix = (0..<Int(rng.next() % 3)).map { _ in StatusCount(status: s(), count: i()) }
    let features = SessionFeatures(
      ips: list(), userAgents: list(), meanGapSeconds: d(), gapCV: d(), nightShare: d(), missRatio: d(),
      scriptClient: rng.next() % 2 == 0, sequentialShare: d(), ipsTruncated: flag(), userAgentsTruncated: flag())
    return SessionReport(
      id: s(), actor: s(), start: t(), end: t(), requests: i(), patientRequests: i(), distinctRecords: i(),
      statusMix: mix, rate: d(), features: features)
  }

  @Test func randomSessionsMatchJSONEncoder() throws {
    let encoder = JSONReportWriter.makeEncoder()
    var rng = SeededRNG(seed: 20261206)
    for n in 0..<3000 {
      let session = Self.randomSession(&rng)
      var own = JSONBytes()
      try JSONReportWriter.appendElement(session, encoder, to: &own)
      let foundation = JSONReportWriter.indented(try encoder.encode(session), first: true)
      #expect(Data(own.bytes) == foundation, "session \(n): \(String(decoding: foundation, as: UTF8.self))")
      if Data(own.bytes) != foundation { break }
    }
  }

  /// A field added to these types must be written by hand too (SessionReport+JSONBytes.swift):
  /// an optional one that the random sessions leave out would pass the comparison above.
  @Test func handWrittenEncodingsCoverEveryField() {
    var rng = SeededRNG(seed: 1)
    let session = Self.randomSession(&rng)
    #expect(Mirror(reflecting: session).children.map(\.label) == [
      "id", "actor", "start", "end", "requests", "patientRequests", "distinctRecords", "statusMix", "rate", "features",
    ])
    #expect(Mirror(reflecting: session.features).children.map(\.label) == [
      "ips", "userAgents", "meanGapSeconds", "gapCV", "nightShare", "missRatio", "scriptClient", "sequentialShare",
      "ipsTruncated", "userAgentsTruncated",
    ])
    #expect(Mirror(reflecting: StatusCount(status: "2xx", count: 1)).children.map(\.label) == ["status", "count"])
  }

  @Test func everyDoubleWrittenLikeJSONEncoder() throws {
    let encoder = JSONReportWriter.makeEncoder()
    var rng = SeededRNG(seed: 7)
    var values = Self.doubles + Self.doubles.map { -$0 }
    for _ in 0..<20_000 { values.append(Self.randomDouble(&rng)) }
    for e in -330...310 { values.append(Double(sign: .plus, exponent: e, significand: 1)) }
    for p in 0...22 { values.append(Double("1e\(p)")!); values.append(Double("1e-\(p)")!) }
    var own = JSONBytes()
    for v in values {
      own.bytes.removeAll(keepingCapacity: true)
      try own.double(v)
      #expect(String(decoding: own.bytes, as: UTF8.self) == String(decoding: try encoder.encode(v), as: UTF8.self), "\(v)")
    }
  }

  @Test func nonFiniteNumbersFailAsJSONEncoderFails() {
    var rng = SeededRNG(seed: 3)
    var session = Self.randomSession(&rng)
    session.rate = .nan
    var own = JSONBytes()
    #expect(throws: EncodingError.self) { try JSONReportWriter.appendElement(session, JSONReportWriter.makeEncoder(), to: &own) }
    session.rate = 1
    session.features.gapCV = -.infinity
    #expect(throws: EncodingError.self) { try JSONReportWriter.appendElement(session, JSONReportWriter.makeEncoder(), to: &own) }
  }
}
