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

  /// A session that begins with a request older than the actor's latest (events out of order
  /// by more than the gap, after a sweep closed the actor's session) ends where its own
  /// requests end: the next request, 70 s after it but before the actor's latest time, opens
  /// a new session. (Judging idleness from the actor's latest time alone would merge them.)
  @Test func aSessionOpenedByALateRequestEndsAtItsOwnRequests() throws {
    var options = AnalysisOptions()
    options.sessionGap = 60
    options.allSessions = true
    let symbols = SymbolTable()
    let engine = AnalysisEngine(options: options, symbols: symbols, inputPaths: ["t.log"])
    for (line, (second, user)) in [(0, "alice"), (200, "bob"), (-100, "alice"), (-30, "alice")].enumerated() {
      var e = LogEvent()
      e.timestamp = Timestamp(microseconds: Int64(second) * 1_000_000)
      e.user = symbols.intern(user)
      e.clientIP = symbols.intern("10.0.0.1")
      e.method = symbols.intern("GET")
      e.path = "/api/v1/patients/\(1000 + line)"
      e.status = 200
      e.responseBytes = 900
      e.lineNumber = Int64(line + 1)
      engine.consume(e)  // bob's request at 200 s sweeps alice's first session away
    }
    let outcome = engine.finish()
    #expect(outcome.sessionCount == 4)
    let alice = try #require(engine.actors.first { $0.key == .user(symbols.intern("alice")) })
    let starts = engine.sessionIndices(ofActor: alice.index).map { engine.sessionReport($0).start.seconds }
    #expect(starts == [0, -100, -30])
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

  /// The kept list never holds more than `keep` sessions, and its storage stops growing there
  /// (doubling would reach the next power of two).
  @Test func theKeptListNeverReservesMoreThanItCanHold() throws {
    let (engine, _) = run(keep: 12)  // doubling from 1 would reach 16
    let identity = try #require(engine.actors.first { $0.key.isIdentity })
    #expect(identity.keptSessions.count == 12)
    #expect(identity.keptSessions.capacity == 12)
  }

  /// Lighter and heavier sessions in every order: the kept ones are the heaviest, as if all
  /// had been kept and cut once.
  @Test(arguments: [1, 3, 7, 19])
  func keptSessionsAreTheHeaviestWhateverTheirOrder(keep: Int) throws {
    let (engine, outcome) = run(keep: keep)
    let (all, _) = run(keep: 1, allSessions: true)
    let expected = all.sessions.sorted { ($0.distinctRecords, -$0.start.seconds) > ($1.distinctRecords, -$1.start.seconds) }.prefix(keep)
    #expect(Set(engine.sessions.map(\.start.seconds)) == Set(expected.map(\.start.seconds)))
    #expect(engine.sessionsOmitted == 20 - keep && outcome.sessionCount == 20)
  }

  @Test func allSessionsKeepsEverySession() {
    let (engine, outcome) = run(keep: 4, allSessions: true)
    #expect(outcome.sessionCount == 20)
    #expect(engine.sessions.count == 20)
    #expect(engine.sessionsOmitted == 0)
  }
}

/// Dropping retired actors' places from the engine's array keeps every actor's rank, so the
/// outcome is the one of a run that never compacts.
@Suite struct ActorCompactionTests {
  private func run(_ world: WorldGenerator, compactionMinimum: Int) -> (AnalysisEngine, AnalysisOutcome) {
    var options = AnalysisOptions()
    options.sessionGap = 600  // sweeps every ten minutes of log time: many of them
    let symbols = SymbolTable()
    let engine = AnalysisEngine(options: options, symbols: symbols, inputPaths: ["world.log"])
    engine.compactionMinimum = compactionMinimum
    for e in world.events(symbols: symbols) { engine.consume(e) }
    return (engine, engine.finish())
  }

  @Test func compactingRetiredActorsChangesNothingReported() {
    var world = WorldGenerator.world(seed: 21, cases: AttackCase.allCases, days: 2, practices: 4)
    // Visitors without patient requests: retired by the sweep once their session closes.
    for k in 0..<3_000 {
      world.req(world.at(day: 0, hour: 1 + Double(k) / 100), ip: "198.51.\(k / 250).\(k % 250)", path: "/", bytes: 512, ua: "Mozilla/5.0 visitor \(k % 7)")
    }
    let (compacting, outcome) = run(world, compactionMinimum: 1)
    let (plain, reference) = run(world, compactionMinimum: Int.max)
    #expect(compacting.compactions > 0 && plain.compactions == 0)
    #expect(compacting.actors.count < plain.actors.count)
    #expect(compacting.actors.enumerated().allSatisfy { $0.element.index == $0.offset || $0.element.index == -1 })
    #expect(outcome == reference)
    #expect(!outcome.findings.isEmpty && outcome.sessionCount == reference.sessionCount)
  }
}
