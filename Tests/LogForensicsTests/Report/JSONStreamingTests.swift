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
