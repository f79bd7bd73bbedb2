// Report/SessionReportsTests.swift - listed sessions are built when read, outlive the engine, encode as an array.

import Foundation
import Testing

@testable import LogForensics

@Suite struct SessionReportsTests {
  /// Three actors, sessions split by a 600 s gap; the engine's outcome and the engine itself.
  static func outcome() -> (AnalysisOutcome, AnalysisEngine) {
    let f = EventFactory()
    let engine = f.engineListingAllSessions()
    for (k, ip) in ["10.0.0.1", "10.0.0.2", "10.0.0.3"].enumerated() {
      for i in 0..<6 {
        // Two sessions per actor: requests 0-2, then 3-5 an hour later.
        let t = Double(k * 10 + i * 60 + (i >= 3 ? 3600 : 0))
        engine.consume(f.make(t, ip: ip, path: "/api/patients/\(k * 100 + i)"))
      }
    }
    return (engine.finish(), engine)
  }

  /// The deferred list gives the same reports as the engine builds one by one, in the
  /// listed order (start, then id), and they stay readable once the engine is gone.
  @Test func deferredReportsMatchTheEngineAndOutliveIt() throws {
    var (outcome, engine) = Self.outcome()
    let expected = (0..<engine.closedSessionCount).map(engine.sessionReport)
      .sorted { ($0.start, $0.id) < ($1.start, $1.id) }
    #expect(outcome.sessions.count == 6)
    #expect(Array(outcome.sessions) == expected)
    #expect(outcome.sessions.map(\.id) == ["S0001", "S0002", "S0003", "S0004", "S0005", "S0006"])
    weak let gone = engine
    engine = AnalysisEngine(options: AnalysisOptions(), symbols: SymbolTable(), inputPaths: [])
    #expect(gone == nil)  // the list shares the kept sessions, not the engine
    #expect(Array(outcome.sessions) == expected)
    outcome.sessions = []
    #expect(outcome.sessions.isEmpty)
  }

  /// A list holds reports or builds them; either way it encodes as the same JSON array and
  /// decodes to a list of reports equal to it. Changing an element builds the others.
  @Test func deferredAndBuiltListsAreInterchangeable() throws {
    let (outcome, _) = Self.outcome()
    let built = SessionReports(Array(outcome.sessions))
    #expect(built == outcome.sessions)
    let encoder = JSONReportWriter.makeEncoder()
    let a = try encoder.encode(outcome.sessions), b = try encoder.encode(built)
    #expect(a == b)
    #expect(try encoder.encode(Array(outcome.sessions)) == a)
    #expect(try JSONDecoder().decode(SessionReports.self, from: a) == outcome.sessions)
    var changed = outcome.sessions
    changed[1].actor = "changed"
    #expect(changed[1].actor == "changed" && changed[0] == outcome.sessions[0] && changed.count == 6)
    #expect(outcome.sessions[1].actor != "changed")  // a value: the original is untouched
    changed.append(contentsOf: outcome.sessions.prefix(2))
    #expect(changed.count == 8)
  }
}
