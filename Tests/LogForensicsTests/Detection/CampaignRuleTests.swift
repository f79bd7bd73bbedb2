import Testing

@testable import LogForensics

@Suite struct CampaignRuleTests {
  @Test func medianBlockDensityCountsEmptyBlocks() {
    // 10 blocks, 4 occupied: the median block is empty.
    #expect(Detector.medianBlockDensity(counts: [256, 256, 256, 10], blocks: 10) == 0)
    // 4 blocks, all occupied: the median (index 2 of the sorted densities) is 200 / 256,
    // whatever the order of the counts.
    #expect(Detector.medianBlockDensity(counts: [256, 128, 64, 200], blocks: 4) == 200.0 / 256)
    #expect(Detector.medianBlockDensity(counts: [200, 64, 256, 128], blocks: 4) == 200.0 / 256)
    #expect(Detector.medianBlockDensity(counts: [], blocks: 0) == 0)
  }

  @Test func overlapCountsMatchThePairwiseDefinition() {
    let t = { (a: Int64, b: Int64) in (Timestamp(microseconds: a), Timestamp(microseconds: b)) }
    let spans = [t(0, 10), t(5, 15), t(10, 20), t(30, 40), t(12, 12)]
    var pairwise: [Int] = []
    for (i, s) in spans.enumerated() {
      var n = 0
      for (j, o) in spans.enumerated() where j != i && o.0 <= s.1 && s.0 <= o.1 { n += 1 }
      pairwise.append(n)
    }
    #expect(Detector.overlapCounts(spans) == pairwise)
    #expect(pairwise == [2, 3, 3, 0, 2])
  }

  /// Twenty scripted IPs split ids 1…24 000 between them (1 200 each, one a minute at night),
  /// while three staff members read ids across 1…30 000 by day: the campaign covers most of
  /// the range seen on the endpoint, which used to raise the density bar above 100 %.
  @Test func aCampaignCoveringMostOfTheRangeIsFound() {
    let symbols = SymbolTable()
    let engine = AnalysisEngine(options: AnalysisOptions(), symbols: symbols, inputPaths: ["t.log"])
    var events: [LogEvent] = []
    let ua = symbols.intern("python-requests/2.31.0")
    let get = symbols.intern("GET")
    for a in 0..<20 {
      let ip = symbols.intern("203.0.113.\(a + 1)")
      for k in 0..<1200 {
        var e = LogEvent()
        e.timestamp = Timestamp(microseconds: (Int64(k) * 60 + Int64(a)) * 1_000_000)  // from 00:00 UTC
        e.clientIP = ip
        e.userAgent = ua
        e.method = get
        e.path = "/api/v1/patients/\(1 + k * 20 + a)"
        e.status = 200
        e.responseBytes = 2100
        events.append(e)
      }
    }
    var r = SeededRNG(seed: 42)
    for s in 0..<3 {
      let ip = symbols.intern("192.0.2.\(s + 1)")
      let browser = symbols.intern("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/122.0")
      var second: Int64 = 36_000 + Int64(s)  // by day, in bursts, opening related resources
      for _ in 0..<100 {
        second += Int64.random(in: 5...600, using: &r)
        let id = Int.random(in: 1...30_000, using: &r)
        for path in ["/api/v1/patients/\(id)", "/api/v1/patients/\(id)/observations", "/api/v1/patients/\(id)/documents"] {
          var e = LogEvent()
          e.timestamp = Timestamp(microseconds: second * 1_000_000)
          e.clientIP = ip
          e.userAgent = browser
          e.method = get
          e.user = symbols.intern("dr.staff\(s)")
          e.path = path
          e.status = 200
          e.responseBytes = 2300
          events.append(e)
          second += 1
        }
      }
    }
    events.sort { $0.timestamp.microseconds < $1.timestamp.microseconds }
    for (i, var e) in events.enumerated() {
      e.lineNumber = Int64(i + 1)
      engine.consume(e)
    }
    let outcome = engine.finish()
    let campaign = outcome.findings.first { $0.kind == .distributedEnumeration }
    #expect(campaign != nil)
    #expect(campaign.map { $0.actors.ips.count } == 20)
    #expect((campaign?.distinctRecords ?? 0) >= 23_000)
  }

  /// A swarm of 5 000 scripted IPs (12 ids each, some misses, some sizes not logged) is past
  /// the size from which the campaign rule examines its actors, and exposure unites their
  /// tracks, in two halves on two threads: the outcome must be the one-thread outcome.
  @Test func aSwarmIsJudgedTheSameOnOneThreadAndOnTwo() throws {
    func outcome(threads: Int) -> AnalysisOutcome {
      let symbols = SymbolTable()
      var options = AnalysisOptions()
      options.threads = threads
      let engine = AnalysisEngine(options: options, symbols: symbols, inputPaths: ["t.log"])
      let ua = symbols.intern("python-requests/2.31.0")
      let get = symbols.intern("GET")
      let actors = Detector.parallelCampaignActors + 904
      var events: [LogEvent] = []
      for a in 0..<actors {
        let ip = symbols.intern("10.\(a / 65_536).\(a / 256 % 256).\(a % 256)")
        for k in 0..<12 {
          var e = LogEvent()
          e.timestamp = Timestamp(microseconds: (Int64(k) * 7_200 + Int64(a % 3_600)) * 1_000_000)
          e.clientIP = ip
          e.userAgent = ua
          e.method = get
          e.path = "/api/v1/patients/\(1 + k * actors + a)"
          e.status = a % 7 == 0 && k == 3 ? 404 : 200
          e.responseBytes = a % 11 == 0 && k == 5 ? -1 : (a % 13 == 0 && k == 1 ? 90 : 2100)
          events.append(e)
        }
      }
      events.sort { ($0.timestamp.microseconds, $0.path) < ($1.timestamp.microseconds, $1.path) }
      for (i, var e) in events.enumerated() {
        e.lineNumber = Int64(i + 1)
        engine.consume(e)
      }
      return engine.finish()
    }
    let one = outcome(threads: 1), two = outcome(threads: 2)
    let campaign = try #require(two.findings.first { $0.kind == .distributedEnumeration })
    #expect(campaign.actors.ipCount >= Detector.parallelCampaignActors)
    #expect(campaign.exposure.records.high > campaign.exposure.records.low, "sizes not logged widen the bounds")
    #expect(two.exposure == one.exposure)
    let sameFindings = two.findings == one.findings  // compared whole, printed short
    #expect(sameFindings, "findings differ between one and two threads")
  }
}
