// Sessions/ForgedValuesTests.swift - forged byte counts, 40-digit ids and clocks going backwards through the engine.

import Testing

@testable import LogForensics

@Suite struct ForgedValuesTests {
  @Test func pagesClaimingInt64MaxBytesSaturateInsteadOfTrapping() throws {
    let f = EventFactory()
    let engine = f.engine()
    for i in 0..<8 {
      engine.consume(
        f.make(Double(i * 3), ip: "203.0.113.5", path: "/api/patients", query: "limit=100&cursor=tok\(i)x", bytes: Int64.max,
          ua: "python-httpx/0.27"))
    }
    engine.consume(f.make(40, ip: "10.0.0.9", path: "/api/patients/12", bytes: 1000))
    let out = engine.finish()
    let finding = try #require(out.findings.first)
    #expect(finding.kind == .paginationScrape)
    #expect(finding.reasons[0].contains("\(Int64.max) bytes in total"))
  }

  @Test func oneForgedHugeAnswerDoesNotTurnEveryRecordIntoAMiss() {
    var m = ResponseSizeModel()
    for i in 0..<40 { m.add(size: 900 + Int64(i * 10)) }
    m.add(size: Int64.max)  // ignored: not a plausible answer
    #expect(m.total == 40)
    #expect(m.hitThresholdBucket() == nil)
    m.add(size: 50_000_000)  // plausible, but alone: not a cluster of records
    m.add(size: 60_000_000)
    #expect(m.hitThresholdBucket() == nil)
    // Three or more large answers against small error bodies still split.
    var probing = ResponseSizeModel()
    for _ in 0..<40 { probing.add(size: 62) }
    for i in 0..<3 { probing.add(size: 4000 + Int64(i)) }
    #expect(probing.hitThresholdBucket() != nil)
  }

  @Test func benignUsersAreNotProbersBecauseOfOneForgedSize() {
    let f = EventFactory()
    let engine = f.engine()
    var t = 0.0
    for u in 0..<10 {
      for k in 0..<30 {
        engine.consume(f.make(t, ip: "10.0.0.\(u)", user: "dr\(u)", path: "/api/v1/patients/\(u * 100 + k)", bytes: 1000 + Int64(k)))
        t += 7
      }
    }
    engine.consume(f.make(t, ip: "10.9.9.9", path: "/api/v1/patients/1", bytes: 9_223_372_036_854_775_807))
    #expect(engine.finish().findings.isEmpty)
  }

  static func allSessions() -> AnalysisOptions {
    var o = AnalysisOptions()
    o.allSessions = true
    return o
  }

  @Test func fortyDigitIdsAreCountedWithoutOverflow() throws {
    let f = EventFactory()
    let engine = f.engine(Self.allSessions())
    let prefix = "1234567890123456789012345678901234567"  // 37 digits
    for i in 0..<300 {
      let id = prefix + String(format: "%03d", i)  // 40 digits, consecutive
      engine.consume(f.make(Double(i), ip: "203.0.113.7", path: "/api/v1/patients/\(id)", bytes: 1500, ua: "curl/8"))
    }
    let out = engine.finish()
    let s = try #require(out.sessions.first)
    #expect(s.distinctRecords == 300)
    #expect(out.patientEndpoints.first?.template == "/api/v1/patients/{id}")
    #expect(out.patientEndpoints.first?.distinctIds == 300)
  }

  @Test func aClockGoingBackwardsKeepsSessionsSane() throws {
    let f = EventFactory()
    let engine = f.engine(Self.allSessions())
    // Time jumps back an hour in the middle (events arrive as a late stream would deliver them).
    for i in 0..<50 { engine.consume(f.make(7200 + Double(i), ip: "10.0.0.1", path: "/api/v1/patients/\(i)")) }
    for i in 50..<100 { engine.consume(f.make(3600 + Double(i), ip: "10.0.0.1", path: "/api/v1/patients/\(i)")) }
    let out = engine.finish()
    let sessions = out.sessions.filter { $0.actor.hasPrefix("ip:10.0.0.1") }
    #expect(sessions.reduce(0) { $0 + $1.requests } == 100)
    for s in sessions {
      #expect(s.end >= s.start)
      #expect(s.features.meanGapSeconds >= 0)
      #expect(s.rate >= 0)
    }
  }

  @Test func aClientRotatingItsUserAgentIsStillOneActor() throws {
    let f = EventFactory()
    let engine = f.engine(Self.allSessions())
    for i in 0..<2000 {
      engine.consume(f.make(Double(i), ip: "203.0.113.9", path: "/api/v1/patients/\(5000 + i)", ua: "Mozilla/5.0 Chrome/120.0.\(i)"))
    }
    let out = engine.finish()
    let finding = try #require(out.findings.first)
    #expect(finding.kind == .sequentialEnumeration)
    #expect(finding.requests == 2000 - Int(AnalysisEngine.maximumAgentsPerIP))
    #expect(finding.actors.ips == ["203.0.113.9"])
    #expect(finding.actors.userAgentCount == 2000 - Int(AnalysisEngine.maximumAgentsPerIP))
    #expect(finding.actors.userAgents.count == ActorSet.limit)
    let rotating = try #require(out.sessions.first { $0.actor.contains("(rotating: more than 64 user agents from this IP)") })
    #expect(rotating.actor == "ip:203.0.113.9 ua:(rotating: more than 64 user agents from this IP)")
    #expect(rotating.features.userAgentsTruncated == true)
    // The first 64 agents stay actors of their own (one request each).
    #expect(out.sessions.count == 65)
  }
}
