// Detection/DistinctValueCapTests.swift - a key shared by 100k IPs and user agents gives bounded actor lists with totals.

import Foundation
import Testing

@testable import LogForensics

@Suite struct DistinctValueCapTests {
  /// One API key walking 100 000 patient ids, each request from a new IP and user agent.
  static let outcome: AnalysisOutcome = {
    let f = EventFactory()
    let engine = f.engine()
    let n = 100_000
    for i in 0..<n {
      let ip = "10.\(i >> 16 & 255).\(i >> 8 & 255).\(i & 255)"
      engine.consume(
        f.make(Double(i) * 0.25, ip: ip, path: "/api/v1/patients/\(i + 1)", ua: "bot/\(i)", credential: "apikey:cafe0001"))
    }
    return engine.finish()
  }()

  @Test func findingActorListsAreCutWithTheirTotals() throws {
    let outcome = Self.outcome
    let withSwarm = outcome.findings.filter { $0.actors.ipsTotal != nil }
    #expect(Set(withSwarm.map(\.kind)) == [.distributedEnumeration, .tokenReuse])
    for f in withSwarm {
      #expect(f.actors.ips.count == ActorSet.limit)
      #expect(f.actors.ipsTotal == 100_000)
      #expect(f.actors.userAgents.count == ActorSet.limit)
      #expect(f.actors.userAgentsTotal == 100_000)
      #expect(f.actors.usersTotal == nil)
      #expect(f.actors.ips == f.actors.ips.sorted())
      #expect(f.actors.ips.first == "10.0.0.0")
      #expect(f.actors.ipCount == 100_000)
      // Reasons stay sentences, not lists of 100 000 addresses.
      for r in f.reasons { #expect(r.utf8.count < 4000, "\(f.kind): reason of \(r.utf8.count) bytes") }
    }
    #expect(
      outcome.findings.contains { $0.kind == .distributedEnumeration && $0.distinctRecords == 100_000 },
      "\(outcome.findings.map { "\($0.kind) \($0.distinctRecords) \($0.actors.ipCount)" })")
  }

  @Test func sessionListsSayTheyWereCut() throws {
    let outcome = Self.outcome
    let s = try #require(outcome.sessions.first { $0.actor.hasPrefix("credential:") })
    #expect(s.features.ips.count == 16)
    #expect(s.features.ipsTruncated == true)
    #expect(s.features.userAgentsTruncated == true)
    #expect(s.requests == 100_000)
  }

  @Test func cappedReportValidatesAndRendersTheCounts() throws {
    let outcome = Self.outcome
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("caps-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let log = dir.appendingPathComponent("a.log")
    try Data("10.0.0.1 - - [17/Feb/2026:00:00:00 +0000] \"GET / HTTP/1.1\" 200 10 \"-\" \"x\"\n".utf8).write(to: log)
    var report = Analyzer.run(AnalysisConfiguration(paths: [log.path])).report
    report.findings = outcome.findings
    report.sessions = outcome.sessions
    let data = try JSONReportWriter.encode(report)
    let schema = try Data(contentsOf: Golden.repoRoot.appendingPathComponent("docs/report-schema.json"))
    let errors = try JSONSchemaValidator(schemaData: schema).validate(data)
    #expect(errors.isEmpty, "\(errors.prefix(10).joined(separator: "\n"))")
    #expect(data.count < 2_000_000)
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains("\"ipsTotal\" : 100000"))
    #expect(text.contains("\"ipsTruncated\" : true"))
    #expect(try JSONReportWriter.decode(data) == report)
    // Terminal summary and evidence report say how many were left out.
    let summary = TextSummary.render(report, elapsedSeconds: 1)
    #expect(summary.contains("(+99994 IPs)"))
    let doc = EvidenceBuilder(EvidenceInputs(report: report), language: .en).build()
    let md = MarkdownRenderer.render(doc)
    #expect(md.contains("… (+99900)"), "no count of the IPs left out")
  }

  @Test func smallListsHaveNoTotals() {
    let a = ActorSet.capped(ips: ["10.0.0.2", "10.0.0.1"], users: [], userAgents: ["curl"])
    #expect(a.ips == ["10.0.0.1", "10.0.0.2"])
    #expect(a.ipsTotal == nil && a.usersTotal == nil && a.userAgentsTotal == nil)
    let big = ActorSet.capped(ips: (0..<101).map { "ip\($0)" }, users: [], userAgents: [])
    #expect(big.ips.count == 100 && big.ipsTotal == 101 && big.ipCount == 101)
  }
}
