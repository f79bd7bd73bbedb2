import Foundation
import Testing

@testable import LogForensics

@Suite struct ReportTests {
  static func analyzeSampleLogs(threads: Int = 2) throws -> (Report, String) {
    var config = AnalysisConfiguration(paths: [Golden.repoRoot.appendingPathComponent("SampleLogs").path])
    config.pipeline.threads = threads
    let result = Analyzer.run(config)
    let json = String(decoding: try JSONReportWriter.encode(result.report), as: UTF8.self)
    // Paths become repository-relative so the golden file does not depend on the checkout.
    return (result.report, json.replacingOccurrences(of: Golden.repoRoot.path + "/", with: ""))
  }

  @Test func sampleReportValidatesAgainstThePublishedSchema() throws {
    let (_, json) = try Self.analyzeSampleLogs()
    let schema = try Data(contentsOf: Golden.repoRoot.appendingPathComponent("docs/report-schema.json"))
    let errors = try JSONSchemaValidator(schemaData: schema).validate(Data(json.utf8))
    #expect(errors.isEmpty, "\(errors.prefix(20).joined(separator: "\n"))")
  }

  @Test func schemaValidatorCatchesDrift() throws {
    let schema = try Data(contentsOf: Golden.repoRoot.appendingPathComponent("docs/report-schema.json"))
    let v = try JSONSchemaValidator(schemaData: schema)
    #expect(!(try v.validate(Data(#"{"schemaVersion": 2}"#.utf8))).isEmpty)
    let (_, json) = try Self.analyzeSampleLogs()
    let extra = json.replacingOccurrences(of: "\"schemaVersion\" : 1", with: "\"schemaVersion\" : 1, \"surprise\" : true")
    #expect(try v.validate(Data(extra.utf8)).contains { $0.contains("surprise") })
  }

  @Test func sameInputsGiveByteIdenticalJSONWhateverTheThreadCount() throws {
    let (_, a) = try Self.analyzeSampleLogs(threads: 2)
    let (_, b) = try Self.analyzeSampleLogs(threads: 2)
    let (_, c) = try Self.analyzeSampleLogs(threads: 1)
    #expect(a == b)
    #expect(a == c)
  }

  @Test func reportRoundTripsThroughCodable() throws {
    let (report, _) = try Self.analyzeSampleLogs()
    let decoded = try JSONReportWriter.decode(try JSONReportWriter.encode(report))
    #expect(decoded == report)
  }

  @Test func sampleLogsGolden() throws {
    let (_, json) = try Self.analyzeSampleLogs()
    try Golden.assertMatches(json, named: "sample-logs-report.json")
  }

  @Test func sampleLogsSummaryGolden() throws {
    let (report, _) = try Self.analyzeSampleLogs()
    let text = TextSummary.render(report).replacingOccurrences(of: Golden.repoRoot.path + "/", with: "")
    try Golden.assertMatches(text, named: "sample-logs-summary.txt")
  }

  @Test func sampleLogsInputsAreWhatTheGeneratorMade() throws {
    let (report, _) = try Self.analyzeSampleLogs()
    let byName = Dictionary(uniqueKeysWithValues: report.inputs.map { (URL(fileURLWithPath: $0.path).lastPathComponent, $0) })
    let truncated = try #require(byName["api-1-2026-03-01.log.gz"])
    #expect(truncated.complete == false)
    #expect(truncated.errors.first?.kind == "gzip-truncated")
    #expect(truncated.parsed > 100)
    let gateway = try #require(byName["gateway.jsonl.gz"])
    #expect(gateway.gzipMembers == 2)
    #expect(gateway.complete)
    #expect(gateway.format == "json")
    #expect(byName["u_ex260303.log"]?.format == "w3c")
    #expect(byName["patient-api.log.1.gz"]?.format == "combined")
    #expect(byName["patient-api.log.1.gz"]?.credentialsRedacted ?? 0 > 3000)
    // The rotated set is one stream read oldest first.
    let api1 = report.inputs.filter { $0.path.contains("/api-1/") }.map { URL(fileURLWithPath: $0.path).lastPathComponent }
    #expect(api1 == ["patient-api.log.2.gz", "patient-api.log.1.gz", "patient-api.log"])
    #expect(Set(report.inputs.filter { $0.path.contains("/api-1/") }.map(\.stream)).count == 1)
    // Every sample line is a well-formed request.
    for input in report.inputs where input.complete {
      #expect(input.rejected == 0, "\(input.path): \(input.rejectedSamples.first?.reason ?? "")")
    }
  }
}
