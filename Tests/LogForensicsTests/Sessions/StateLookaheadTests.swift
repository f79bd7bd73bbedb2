// Sessions/StateLookaheadTests.swift - asking for the next requests' state changes no result.

import Testing

@testable import LogForensics

/// glibc's size of a heap block (not in Swift's Glibc module).
@_silgen_name("malloc_usable_size") private func mallocUsableSize(_ p: UnsafeMutableRawPointer?) -> Int

@Suite struct StateLookaheadTests {
  typealias Item = (facts: RequestFacts, templated: Templated)

  /// The requests of `world` prepared for `engine` (templated by its own templating, in order).
  private func items(_ world: WorldGenerator, _ engine: AnalysisEngine, _ symbols: SymbolTable) -> [Item?] {
    world.events(symbols: symbols).map { e in
      var event = e
      let templated = engine.templating.prepared(&event)
      return (RequestFacts(event), templated)
    }
  }

  /// Two engines analyse the same requests, the second asking for the state of the requests
  /// ahead before each one, in batches cut at 1, 3, 6 and 7 requests (so that the
  /// lookahead runs off the end of a batch at every distance) and in one long batch: the
  /// outcomes (findings, every session, exposure, timeline) are identical.
  @Test(arguments: [1, 3, 6, 7, Int.max])
  func lookaheadChangesNoOutcome(batch: Int) {
    let world = WorldGenerator.world(seed: 23, cases: AttackCase.allCases, days: 2, practices: 4)
    var options = AnalysisOptions()
    options.allSessions = true
    let symbols = SymbolTable()
    let plain = AnalysisEngine(options: options, symbols: symbols, inputPaths: ["access.log"])
    let ahead = AnalysisEngine(options: options, symbols: symbols, inputPaths: ["access.log"])
    let plainItems = items(world, plain, symbols)
    let aheadItems = items(world, ahead, symbols)
    for item in plainItems { plain.consume(item!.facts, item!.templated) }
    var start = 0
    while start < aheadItems.count {
      let end = batch == Int.max ? aheadItems.count : min(aheadItems.count, start + batch)
      let slice = Array(aheadItems[start..<end])
      slice.withUnsafeBufferPointer { b in
        for i in b.indices {
          ahead.prefetchAhead(b, at: i)
          ahead.consume(b[i]!.facts, b[i]!.templated)
        }
      }
      start = end
    }
    let expected = plain.finish()
    let actual = ahead.finish()
    // The world is not trivial: every attack is found, sessions are listed, records exposed.
    #expect(expected.findings.count >= AttackCase.allCases.count)
    #expect(expected.sessions.count > 100)
    #expect(expected.exposure.records.estimate > 1000)
    // Compared whole, reported by parts (the whole outcome printed would run to pages).
    #expect(actual.findings == expected.findings)
    #expect(actual.exposure == expected.exposure && actual.sessionCount == expected.sessionCount)
    #expect(actual.timeline == expected.timeline)
    let same = actual == expected
    #expect(same, "outcomes differ: sessions, patient endpoints or counts")
  }

  /// The lookahead asks for each object's size in bytes: every line of it, and no more than
  /// the heap block the object sits in (the block is at most 15 bytes larger than the
  /// object). A field added to one of these classes without its constant fails here. The
  /// identity state is asked for in part (its first 128 bytes, see
  /// ``IdentityState/lookaheadBytes``): the object must be the 152 bytes that figure assumes.
  @Test func lookaheadSizesAreTheObjectsSizes() {
    func usable(_ o: AnyObject) -> Int { mallocUsableSize(UnsafeMutableRawPointer(Unmanaged.passUnretained(o).toOpaque())) }
    let t = Timestamp(microseconds: 0)
    let objects: [(String, AnyObject, Int)] = [
      ("ActorState", ActorState(key: .client(ip: .none, userAgent: .none), index: 0, time: t), ActorState.lookaheadBytes),
      ("SessionState", SessionState(start: t), SessionState.lookaheadBytes),
      ("IdentityState", IdentityState(), 152),
      ("RecordTrack", RecordTrack(template: 0), RecordTrack.lookaheadBytes),
      ("DayHistory", DayHistory(), DayHistory.lookaheadBytes),
      ("SessionRecordHashes", SessionRecordHashes(), SessionRecordHashes.lookaheadBytes),
    ]
    #expect(IdentityState.lookaheadBytes == 128)
    for (name, object, bytes) in objects {
      let block = usable(object)
      #expect(bytes <= block && block - bytes < 16, "\(name): lookahead asks for \(bytes) bytes, heap block \(block)")
    }
  }

  /// At the edges: an empty batch, requests of actors not seen yet (nothing to look ahead
  /// at), and requests past the end of the batch are skipped without a read.
  @Test func edgesAreSkipped() {
    let f = EventFactory()
    let engine = f.engine()
    var events = [
      f.make(0, user: "a", path: "/api/patients/1"), f.make(1, user: "b", path: "/api/patients/2"),
      f.make(2, ip: "10.0.0.9", path: "/static/app.js"),
    ]
    let empty: [Item?] = []
    empty.withUnsafeBufferPointer { engine.prefetchAhead($0, at: 0) }
    let prepared: [Item?] = events.indices.map { i in
      let t = engine.templating.prepared(&events[i])
      return (RequestFacts(events[i]), t)
    }
    prepared.withUnsafeBufferPointer { b in
      for i in b.indices {
        engine.prefetchAhead(b, at: i)  // before the actors exist, then after
        engine.consume(b[i]!.facts, b[i]!.templated)
        engine.prefetchAhead(b, at: i)
      }
    }
    #expect(engine.actors.count == 3)
  }
}
