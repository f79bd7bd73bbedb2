// Sessions/AnalysisEngineTests.swift - sessions, actors, logins and token reuse on inline events.

import Foundation
import Testing

@testable import LogForensics

@Suite("Analysis engine")
struct AnalysisEngineTests {
  @Test func sessionsSplitOnTheGapAndActorsPreferUsers() {
    let f = EventFactory()
    let engine = f.engineListingAllSessions()
    engine.consume(f.make(0, user: "alice", path: "/api/patients/1"))
    engine.consume(f.make(300, user: "alice", path: "/api/patients/2", status: 404, bytes: 50))
    engine.consume(f.make(310, ip: "10.0.0.2", path: "/health", ua: "kube-probe/1.28"))
    engine.consume(f.make(1000, user: "alice", path: "/api/patients/3"))  // 700 s gap > 600
    let out = engine.finish()
    #expect(out.sessionCount == 3)
    #expect(out.sessions.map(\.actor) == ["user:alice", "ip:10.0.0.2 ua:kube-probe/1.28", "user:alice"])
    #expect(out.sessions.map(\.id) == ["S0001", "S0002", "S0003"])
    let first = out.sessions[0]
    #expect(first.requests == 2)
    #expect(first.patientRequests == 2)
    #expect(first.distinctRecords == 2)
    #expect(first.statusMix == [StatusCount(status: "2xx", count: 1), StatusCount(status: "4xx", count: 1)])
    #expect(first.features.missRatio == 0.5)
    #expect(first.features.meanGapSeconds == 300)
    #expect(out.findings.isEmpty)
    #expect(out.patientEndpoints == [EndpointSummary(template: "/api/patients/{id}", kind: "record", requests: 3, distinctIds: 3, missSizeThreshold: nil)])
  }

  @Test func failedLoginBurstThenSuccessIsACredentialAttack() throws {
    let f = EventFactory()
    let engine = f.engine()
    for i in 0..<12 {
      engine.consume(f.make(Double(i * 5), ip: "45.0.0.1", method: "POST", path: "/api/auth/login", status: 401, bytes: 100, ua: "python-requests/2.31"))
    }
    engine.consume(f.make(70, ip: "45.0.0.1", method: "POST", path: "/api/auth/login", status: 200, bytes: 600, ua: "python-requests/2.31"))
    let out = engine.finish()
    let finding = try #require(out.findings.first)
    #expect(finding.kind == .credentialAttack)
    #expect(finding.severity == .medium)
    #expect(finding.actors.ips == ["45.0.0.1"])
    #expect(finding.requests == 12)
    #expect(finding.evidence == [Evidence(file: "access.log", line: 1), Evidence(file: "access.log", line: 12), Evidence(file: "access.log", line: 13)])
    #expect(finding.reasons[0].hasPrefix("12 failed logins (401/403) on /api/auth/login from 45.0.0.1 in 0.9 minutes"))
    #expect(out.timeline.map(\.event) == ["finding-start", "login-burst", "finding-end", "login-success"])
  }

  @Test func fewFailuresAreNotABurst() {
    let f = EventFactory()
    let engine = f.engine()
    for i in 0..<3 { engine.consume(f.make(Double(i), method: "POST", path: "/login", status: 401)) }
    engine.consume(f.make(5, method: "POST", path: "/login", status: 302))
    #expect(engine.finish().findings.isEmpty)
  }

  @Test func concurrentUseOfOneCredentialFromTwoIPsIsTokenReuse() throws {
    let f = EventFactory()
    let engine = f.engine()
    for i in 0..<10 {
      let ip = i % 2 == 0 ? "10.3.0.7" : "203.0.113.50"
      engine.consume(f.make(Double(i * 10), ip: ip, path: "/api/v1/invoices/\(i)", credential: "apikey:[fp:0019adf6]"))
    }
    let out = engine.finish()
    let finding = try #require(out.findings.first)
    #expect(finding.kind == .tokenReuse)
    #expect(finding.severity == .medium)
    #expect(finding.actors.ips == ["10.3.0.7", "203.0.113.50"])
    #expect(finding.evidence == [Evidence(file: "access.log", line: 2)])
    #expect(out.timeline.contains { $0.event == "token-reuse" && $0.count == 9 })
  }

  @Test func findingJSONUsesTheContractKeys() throws {
    let f = EventFactory()
    let engine = f.engine()
    for i in 0..<200 {
      engine.consume(f.make(Double(i), ip: "203.0.113.9", path: "/api/patients/\(1000 + i)", ua: "curl/8.5.0"))
    }
    let out = engine.finish()
    let finding = try #require(out.findings.first)
    #expect(finding.kind == .sequentialEnumeration)
    #expect(finding.id == "F001")
    #expect(finding.exposure.records == RecordBounds(estimate: 200, low: 200, high: 200))
    #expect(finding.severity == .medium)
    let enc = JSONEncoder()
    enc.outputFormatting = [.sortedKeys]
    let json = try #require(String(data: enc.encode(finding), encoding: .utf8))
    for key in ["\"id\"", "\"kind\":\"sequential-enumeration\"", "\"severity\":\"medium\"", "\"score\"", "\"start\"", "\"end\"",
                "\"actors\":{\"ips\":[\"203.0.113.9\"],\"userAgents\":[\"curl\\/8.5.0\"],\"users\":[]}", "\"sessionIds\":[\"S0001\"]",
                "\"endpoints\":[\"\\/api\\/patients\\/{id}\"]", "\"requests\":200", "\"distinctRecords\":200",
                "\"exposure\":{\"records\":{\"estimate\":200,\"high\":200,\"low\":200}}", "\"reasons\"", "\"evidence\":[{\"file\":\"access.log\",\"line\":1}"] {
      #expect(json.contains(key), "missing \(key) in \(json.prefix(400))")
    }
    let back = try JSONDecoder().decode(AnalysisOutcome.self, from: enc.encode(out))
    #expect(back == out)
  }

  @Test func timelineIsSanitisedAndHasAnActivityStrip() {
    let f = EventFactory()
    let engine = f.engine()
    for i in 0..<120 {
      engine.consume(f.make(Double(i * 2), ip: "203.0.113.9", path: "/api/patients/\(500 + i)", ua: "evil\u{1B}[2J"))
    }
    let text = TimelineWriter.render(engine.finish(), zone: TimelineZone(argument: "+01:00") ?? .utc)
    #expect(!text.contains("\u{1B}"))
    #expect(text.contains("ua:evil\\x1B[2J"))
    #expect(text.contains("2026-02-17 01:00:00+01:00  F001  finding-start"))
    #expect(text.contains("F001 sequential-enumeration requests per hour from 2026-02-17 01:00:00+01:00 (1 h, peak 120/h):\n  |@|"))
  }
}

@Suite("Pagination")
struct PaginationTests {
  @Test func cursorPagingIsAScrapeAndPagesFollowEachOther() throws {
    let f = EventFactory()
    let engine = f.engine()
    for i in 0..<8 {
      // 100 records of 1 000 bytes per page (the record endpoint below teaches the size), the last holds 40.
      let n = i == 7 ? 40 : 100
      engine.consume(f.make(Double(i * 3), ip: "203.0.113.5", path: "/api/patients", query: "limit=100&cursor=tok\(i)x", bytes: Int64(n * 1000), ua: "python-httpx/0.27"))
    }
    engine.consume(f.make(40, ip: "10.0.0.9", path: "/api/patients/12", bytes: 1000))
    let out = engine.finish()
    let finding = try #require(out.findings.first)
    #expect(finding.kind == .paginationScrape)
    #expect(finding.endpoints == ["/api/patients?cursor&limit"])
    #expect(finding.exposure.records == RecordBounds(estimate: 740, low: 592, high: 800))
    #expect(finding.reasons[0].contains("8 successful pages, 0 at distinct offsets (0–0) and 8 through a cursor"))
  }

  @Test func smallSearchesAreNotAScrape() {
    let f = EventFactory()
    let engine = f.engine()
    for i in 0..<40 {
      engine.consume(f.make(Double(i * 60), user: "sec", path: "/api/patients", query: "name=n\(i)&page=0&size=20", bytes: 3000))
    }
    #expect(engine.finish().findings.isEmpty)
  }
}

@Suite("Bounded memory")
struct BoundedMemoryTests {
  @Test func idleClientActorsWithoutPatientRequestsAreDroppedButCounted() {
    let f = EventFactory()
    let engine = f.engine()
    for i in 0..<50 {
      engine.consume(f.make(Double(i), ip: "198.18.0.\(i)", path: "/wp-login.php", status: 404, bytes: 100, ua: "scanner"))
    }
    engine.consume(f.make(100, user: "dr.a", path: "/api/patients/1"))
    engine.consume(f.make(4000, user: "dr.a", path: "/api/patients/2"))  // sweep: 50 scanner sessions closed
    #expect(engine.actors.filter { $0.index >= 0 }.count == 1)
    let out = engine.finish()
    #expect(out.sessionCount == 52)
    #expect(out.sessions.isEmpty)
    #expect(engine.sessions.map(\.actor) == ["user:dr.a", "user:dr.a"])
  }
}

@Suite("Identifier probing")
struct IdentifierProbingTests {
  @Test func nirsWithInvalidKeysAreProbingEvenWhenAllAnswersLookLikeHits() throws {
    let f = EventFactory()
    let engine = f.engine()
    for order in 1...40 {
      let body = "1850775123" + String(100 + order)  // 13 digits
      let nir = body + "00"  // key 00 is never valid (97 − n mod 97 is 1…97)
      engine.consume(f.make(Double(order), ip: "198.51.100.7", path: "/assures/\(nir)", bytes: 2000, ua: "curl/8.5.0"))
    }
    let out = engine.finish()
    let finding = try #require(out.findings.first)
    #expect(finding.kind == .identifierProbing)
    #expect(finding.reasons.contains("40 of 40 NIRs tried (100%) have an invalid control key: generated, not copied from a record."))
    #expect(finding.exposure.records.estimate == 40)
  }
}

@Suite("Campaigns")
struct CampaignTests {
  /// `count` IPs each take every `count`-th id of 10 000… slowly; `background` random readers.
  func run(count: Int, sequentialInTime: Bool) -> AnalysisOutcome {
    let f = EventFactory()
    let engine = f.engine()
    var events: [LogEvent] = []
    for k in 0..<count {
      let base = sequentialInTime ? Double(k) * 40 * 86_400 : Double(k)
      for j in 0..<150 {
        events.append(f.make(base + Double(j) * 300, ip: "100.64.0.\(k + 1)", path: "/api/patients/\(10_000 + count * j + k)", ua: "Go-http-client/1.1"))
      }
    }
    for r in 0..<5 {
      for j in 0..<60 {
        events.append(f.make(Double(j * 200 + r), ip: "10.0.\(r).1", user: "dr\(r)", path: "/api/patients/\(1_000_000 + (j * 7919 + r * 104_729) % 900_000)"))
        events.append(f.make(Double(j * 200 + r) + 5, ip: "10.0.\(r).1", user: "dr\(r)", path: "/app/main.js"))
      }
    }
    for e in events.sorted(by: { ($0.timestamp, $0.lineNumber) < ($1.timestamp, $1.lineNumber) }) { engine.consume(e) }
    return engine.finish()
  }

  @Test func interleavedSlowActorsFormOneDistributedFinding() throws {
    let out = run(count: 8, sequentialInTime: false)
    let f = try #require(out.findings.first { $0.kind == .distributedEnumeration })
    #expect(f.actors.ips == (1...8).map { "100.64.0.\($0)" })
    #expect(f.distinctRecords == 1200)
    #expect(f.exposure.records.estimate == 1200)
    #expect(f.reasons[1].hasPrefix("Together they cover 1200 of the 1200 ids in 10000–11199 (density 100%) with only 0% overlap"))
  }

  @Test func actorsMonthsApartAreNotOneCampaign() {
    let out = run(count: 8, sequentialInTime: true)
    #expect(!out.findings.contains { $0.kind == .distributedEnumeration })
  }
}
