// Evidence/EvidenceExportsTests.swift - Timesketch lines, annex pseudonyms, manifest, writer.

import Foundation
import Testing

@testable import LogForensics

@Suite struct EvidenceExportsTests {
  @Test func timesketchLinesHaveTheRequiredFields() throws {
    let (report, _) = try EvidenceFixtures.sampleReport()
    let lines = TimesketchExport.render(report).split(separator: "\n")
    #expect(lines.count == report.timeline.count)
    let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    #expect(first["datetime"] as? String == "2026-03-03T01:12:04.000Z")
    #expect(first["timestamp_desc"] as? String == "First request of finding")
    #expect(
      first["message"] as? String
        == "F001 finding-start: sequential-enumeration (high): 3600 requests, 3600 records, exposure ≈ 3417")
    #expect(first["finding_id"] as? String == "F001")
    #expect(first["evidence_file"] as? String == "SampleLogs/api-1/patient-api.log.1.gz")
    #expect(first["evidence_line"] as? Int == 18)
    #expect(first["exposure_low"] as? Int == 3417)
    for l in lines {
      let o = try #require(try JSONSerialization.jsonObject(with: Data(l.utf8)) as? [String: Any])
      #expect(o["message"] is String && o["timestamp_desc"] is String)
      #expect(Timestamp(iso8601: o["datetime"] as? String ?? "") != nil)
    }
  }

  @Test func annexPseudonymsAreKeyedHMACs() {
    // Reference value: python3 hmac.new(b'secret-key', b'/api/v1/patients/{id}\x00123', sha256).hexdigest()
    #expect(
      RecordAnnex.pseudonym("123", namespace: "/api/v1/patients/{id}", key: "secret-key")
        == "451c0e2def58c0df7a909d37874bc3c4f693c609142de0cb38406348a9bed304")
    let records = ExposedRecords(namespaces: [
      .init(
        name: "/api/v1/patients/{id}", isListing: false, certain: [123, 124], likely: [], possible: [900], hashedOnly: 2
      )
    ])
    let (text, summary) = RecordAnnex.render(records, key: "secret-key", fileName: "annex.csv")
    #expect(
      text.contains("/api/v1/patients/{id},certain,451c0e2def58c0df7a909d37874bc3c4f693c609142de0cb38406348a9bed304\n"))
    #expect(!text.contains(",123\n"))
    #expect(text.contains("# /api/v1/patients/{id}: 2 exposed ids kept only as hashes by the engine: not listable\n"))
    #expect(summary.listed == 3 && summary.notListable == 2 && summary.pseudonymised)
    #expect(summary.idRanges == [ChartRow(label: "/api/v1/patients/{id}", spans: [123...124, 900...900])])
    let (raw, rawSummary) = RecordAnnex.render(records, key: nil, fileName: "annex.csv")
    #expect(
      raw.contains(
        "/api/v1/patients/{id},certain,123\n/api/v1/patients/{id},certain,124\n/api/v1/patients/{id},possible,900\n"))
    #expect(!rawSummary.pseudonymised)
    #expect(RecordAnnex.generateKey().count == 64)
  }

  @Test func writerProducesEveryOutputAndAManifestOfThem() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let (report, data) = try EvidenceFixtures.sampleReport()
    var o = EvidenceOptions()
    o.jsonPath = dir.appendingPathComponent("r.json").path
    o.reportPath = dir.appendingPathComponent("r.md").path
    o.format = .md
    o.language = .en
    o.timesketchPath = dir.appendingPathComponent("ts.jsonl").path
    o.annexPath = dir.appendingPathComponent("annex.csv").path
    o.annexKey = "k"
    let exposed = ExposedRecords(namespaces: [
      .init(name: "/p/{id}", isListing: false, certain: [1], likely: [], possible: [], hashedOnly: 0)
    ])
    let result = try EvidenceWriter.run(report: report, sourceJSON: data, exposed: exposed, options: o)
    #expect(result.generatedKey == nil)
    let manifest = try String(contentsOfFile: dir.appendingPathComponent("r.md.sha256").path, encoding: .utf8)
    let lines = manifest.split(separator: "\n").filter { !$0.hasPrefix("#") }
    #expect(
      lines.map { String($0.split(separator: " ").last ?? "") } == [
        o.jsonPath!, o.annexPath!, o.timesketchPath!, o.reportPath!,
      ])
    for line in lines {
      let parts = line.split(separator: " ", omittingEmptySubsequences: true)
      let bytes = try Data(contentsOf: URL(fileURLWithPath: String(parts[1])))
      #expect(String(parts[0]) == OutputManifest.sha256(bytes))
    }
    let md = try String(contentsOfFile: o.reportPath!, encoding: .utf8)
    #expect(md.contains("| Output manifest | r.md.sha256 |"))
    #expect(md.contains("| Protection | pseudonymised: HMAC-SHA256 with a key not stored in any output |"))
  }

  @Test func annexWithoutEngineDataIsRefusedAndCaseErrorsPropagate() throws {
    let (report, data) = try EvidenceFixtures.sampleReport()
    var o = EvidenceOptions()
    o.annexPath = "/nonexistent/annex.csv"
    #expect(throws: EvidenceError.annexNeedsAnalysis) {
      try EvidenceWriter.run(report: report, sourceJSON: data, exposed: nil, options: o)
    }
    let bad = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).yaml")
    try "reference: X\nsurprise: 1\n".write(to: bad, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: bad) }
    var o2 = EvidenceOptions()
    o2.casePath = bad.path
    o2.reportPath = "-"
    do {
      _ = try EvidenceWriter.run(report: report, sourceJSON: data, exposed: nil, options: o2)
      Issue.record("expected a case-file error")
    } catch let e as CaseFileError {
      #expect(e.line == 2)
      #expect(e.message.hasPrefix("unknown key 'surprise'"))
    }
  }

  @Test func engineListsExposedRecordIdsMatchingTheReportBounds() throws {
    var config = AnalysisConfiguration(paths: [Golden.repoRoot.appendingPathComponent("SampleLogs").path])
    config.collectExposedRecords = true
    let result = Analyzer.run(config)
    let exposed = try #require(result.exposedRecords)
    let e = result.report.summary.exposure.records
    let certain = exposed.namespaces.reduce(0) { $0 + $1.certain.count }
    #expect(certain + exposed.namespaces.reduce(0) { $0 + ($1.hashedOnly) } >= e.low)
    #expect(exposed.listable + exposed.hashedOnly == e.high)
    #expect(exposed.namespaces.map(\.name).contains("/api/v1/patients/{id}"))
  }
}
