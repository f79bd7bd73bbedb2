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
}
