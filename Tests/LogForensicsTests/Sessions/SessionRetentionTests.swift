import Testing

@testable import LogForensics

@Suite struct SessionRetentionTests {
  /// 20 sessions of one account, one hour apart, reading 1 to 5 patients each.
  private func run(keep: Int, allSessions: Bool = false) -> (AnalysisEngine, AnalysisOutcome) {
    var options = AnalysisOptions()
    options.sessionGap = 60
    options.sessionsKeptPerActor = keep
    options.allSessions = allSessions
    let symbols = SymbolTable()
    let engine = AnalysisEngine(options: options, symbols: symbols, inputPaths: ["t.log"])
    var line: Int64 = 0
    for s in 0..<20 {
      for r in 0..<(s % 5 + 1) {
        line += 1
        var e = LogEvent()
        e.timestamp = Timestamp(microseconds: Int64(s * 3600 + r) * 1_000_000)
        e.user = symbols.intern("dr.martin")
        e.clientIP = symbols.intern("10.0.0.1")
        e.userAgent = symbols.intern("MediSoftDesktop/4.12.1")
        e.method = symbols.intern("GET")
        e.path = "/api/v1/patients/\(1000 + s * 10 + r)"
        e.status = 200
        e.responseBytes = 900
        e.lineNumber = line
        engine.consume(e)
      }
    }
    return (engine, engine.finish())
  }

  @Test func keepsTheHeaviestSessionsPerActorAndCountsTheRest() throws {
    let (engine, outcome) = run(keep: 4)
    #expect(outcome.sessionCount == 20)
    #expect(engine.sessions.count == 4)
    #expect(engine.sessions.allSatisfy { $0.distinctRecords == 5 })
    #expect(engine.sessionsOmitted == 16)
    // Kept in closing order, and the actor points at exactly those.
    let starts: [Int64] = engine.sessions.map(\.start.seconds)
    let expected: [Int64] = [4, 9, 14, 19].map { Int64($0) * 3600 }
    #expect(starts == expected)
    let identity = try #require(engine.actors.first { $0.key.isIdentity })
    #expect(engine.sessionIndices(ofActor: identity.index) == [0, 1, 2, 3])
  }

  /// The kept list holds at most `keep + keep / 2 + 1` sessions before it is cut back, and
  /// its storage stops growing there (doubling would reach the next power of two).
  @Test func theKeptListNeverReservesMoreThanItCanHold() throws {
    let (engine, _) = run(keep: 8)  // at most 13 before a cut; doubling would reach 16
    let identity = try #require(engine.actors.first { $0.key.isIdentity })
    #expect(identity.keptSessions.count == 8)
    #expect(identity.keptSessions.capacity < 16)
    #expect(identity.keptSessions.capacity >= 13)
  }

  @Test func allSessionsKeepsEverySession() {
    let (engine, outcome) = run(keep: 4, allSessions: true)
    #expect(outcome.sessionCount == 20)
    #expect(engine.sessions.count == 20)
    #expect(engine.sessionsOmitted == 0)
  }
}
