import Testing

@testable import LogForensics

@Suite struct ClosedSessionTests {
  private func session(requests: Int, shares: (Double, Double, Double)) -> ClosedSession {
    var ips = SymbolList()
    ips.append(Symbol(rawValue: 3))
    return ClosedSession(
      actor: .client(ip: Symbol(rawValue: 3), userAgent: Symbol(rawValue: 4)), start: Timestamp(microseconds: 1_000_000),
      end: Timestamp(microseconds: 61_000_000), requests: requests, patientRequests: 7, distinctRecords: 5,
      statusClasses: (6, 0, 3, 1, 0), meanGapSeconds: 12.345, gapCV: 0.5, nightShare: shares.0, missRatio: shares.1,
      sequentialShare: shares.2, scriptClient: true, ipsTruncated: false, userAgentsTruncated: true, ips: ips,
      userAgents: SymbolList(), number: 42)
  }

  /// Shares are stored in thousandths: every value `round3` can give comes back exactly.
  @Test func sharesComeBackExactly() {
    for k in 0...1000 {
      let share = round3(Double(k) / 1000)
      let s = session(requests: 10, shares: (share, round3(Double(1000 - k) / 1000), share))
      #expect(s.nightShare == share)
      #expect(s.missRatio == round3(Double(1000 - k) / 1000))
      #expect(s.sequentialShare == share)
    }
    let ratio = round3(2.0 / 3.0)
    #expect(session(requests: 3, shares: (ratio, 0, 1)).nightShare == 0.667)
  }

  @Test func countsAreKeptAndClampedBeyond32Bits() {
    let s = session(requests: 10, shares: (0, 0, 0))
    #expect(s.requests == 10 && s.patientRequests == 7 && s.distinctRecords == 5 && s.number == 42)
    #expect(s.statusClasses == (6, 0, 3, 1, 0))
    #expect(session(requests: Int(Int32.max) + 5, shares: (0, 0, 0)).requests == Int(Int32.max))
  }

  @Test func reportIsBuiltFromTheCompactFields() {
    let symbols = SymbolTable()
    _ = symbols.intern("x")
    _ = symbols.intern("y")
    _ = symbols.intern("10.0.0.1")
    _ = symbols.intern("curl/8.0")
    let r = session(requests: 10, shares: (0.25, 0.5, 0.125)).report(id: "S0042", symbols: symbols)
    #expect(r.requests == 10 && r.patientRequests == 7 && r.distinctRecords == 5)
    #expect(r.statusMix.map(\.status) == ["2xx", "4xx", "5xx"])
    #expect(r.features.nightShare == 0.25 && r.features.missRatio == 0.5 && r.features.sequentialShare == 0.125)
    #expect(r.features.ips == ["10.0.0.1"])
    #expect(r.features.userAgentsTruncated == true && r.features.ipsTruncated == nil)
  }

  @Test func saturatingCountersStopAtTheMaximum() {
    var x = Int32.max - 1
    x.bump()
    x.bump()
    #expect(x == Int32.max)
    var y: Int32 = 0
    y.bump()
    #expect(y == 1)
    var z = Int32.max - 10
    z.add(100)
    #expect(z == Int32.max)
    var w: Int32 = 5
    w.add(7)
    #expect(w == 12)
  }
}
