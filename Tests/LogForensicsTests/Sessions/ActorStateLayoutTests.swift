// Sessions/ActorStateLayoutTests.swift - what each kind of actor keeps, and where kept sessions are listed from.

import Testing

@testable import LogForensics

@Suite("Actor state layout")
struct ActorStateLayoutTests {
  /// Only identities carry the token-reuse and context state; anonymous clients do not.
  @Test func onlyIdentitiesHaveIdentityState() throws {
    let f = EventFactory()
    let engine = f.engine()
    engine.consume(f.make(0, ip: "10.0.0.1", path: "/api/patients/1"))
    engine.consume(f.make(1, ip: "10.0.0.2", user: "alice", path: "/api/patients/2"))
    engine.consume(f.make(2, ip: "10.0.0.3", user: "alice", path: "/api/patients/3"))
    let client = try #require(engine.actors.first { !$0.key.isIdentity })
    let alice = try #require(engine.actors.first { $0.key.isIdentity })
    #expect(client.identity == nil)
    #expect(client.contexts.isEmpty && client.ipSwitches == 0 && client.firstSwitch == nil)
    #expect(alice.identity != nil)
    #expect(alice.contexts.count == 2)
    // A request from another IP within 60 s is an interleaving, noted at that request
    // (alice's second: line 3 of the factory's input 0).
    #expect(alice.ipSwitches == 1)
    #expect(alice.firstSwitch?.1 == EvidenceRef(input: 0, line: 3))
  }

  /// A plain client actor counts no IPs nor user agents of its own: its key names them. The
  /// rotating-agent client of an IP (more than 64 user agents) and identities count them,
  /// with the same figures either way.
  @Test func clientFiguresComeFromTheKeyOrFromCounts() throws {
    let f = EventFactory()
    let engine = f.engine()
    for t in 0..<3 { engine.consume(f.make(Double(t), ip: "10.0.0.9", path: "/api/patients/\(t)", ua: "curl/8.5.0")) }
    for n in 0..<70 { engine.consume(f.make(10 + Double(n), ip: "10.0.0.7", path: "/api/patients/\(n)", ua: "agent-\(n)")) }
    engine.consume(f.make(90, ip: "10.0.0.7", path: "/api/patients/99", ua: "agent-69"))
    engine.consume(f.make(91, ip: "10.0.0.1", user: "alice", path: "/api/patients/1", ua: "A"))
    engine.consume(f.make(92, ip: "10.0.0.2", user: "alice", path: "/api/patients/2", ua: "B"))
    engine.consume(f.make(93, ip: "10.0.0.2", user: "alice", path: "/api/patients/3", ua: "B"))
    let s = f.symbols
    let curl = try #require(engine.actors.first { $0.key == .client(ip: s.intern("10.0.0.9"), userAgent: s.intern("curl/8.5.0")) })
    #expect(curl.ips == [s.intern("10.0.0.9"): 3])
    #expect(curl.userAgents == [s.intern("curl/8.5.0"): 3])
    #expect(curl.distinctIPCount == 1 && curl.dominantUserAgent == s.intern("curl/8.5.0"))
    #expect(curl.usedIP(s.intern("10.0.0.9")) && !curl.usedIP(s.intern("10.0.0.7")))
    // agent-64…agent-69 (the 65th agent on) and agent-69 again went to the rotating-agent actor.
    let rotating = try #require(engine.actors.first { $0.key.clientIP == s.intern("10.0.0.7") && $0.requests == 7 })
    #expect(rotating.ips == [s.intern("10.0.0.7"): 7])
    #expect(rotating.userAgents.count == 6)
    #expect(rotating.userAgents[s.intern("agent-69")] == 2)
    #expect(rotating.dominantUserAgent == s.intern("agent-69"))
    let alice = try #require(engine.actors.first { $0.key == .user(s.intern("alice")) })
    #expect(alice.ips == [s.intern("10.0.0.1"): 1, s.intern("10.0.0.2"): 2])
    #expect(alice.distinctIPCount == 2 && alice.dominantUserAgent == s.intern("B"))
    #expect(alice.usedIP(s.intern("10.0.0.1")) && !alice.usedIP(s.intern("10.0.0.9")))
  }

  /// Evidence kept as (input, line) becomes the input's path, or `input#N` for an index the
  /// engine was not given.
  @Test func evidenceReferencesNameTheirInput() {
    let engine = AnalysisEngine(options: AnalysisOptions(), symbols: SymbolTable(), inputPaths: ["a.log", "b.log.gz"])
    #expect(engine.evidence(EvidenceRef(input: 1, line: 42)) == Evidence(file: "b.log.gz", line: 42))
    #expect(engine.evidence(EvidenceRef(input: 7, line: 3)) == Evidence(file: "input#7", line: 3))
    #expect(engine.evidence(EvidenceRef(input: -1, line: 3)) == Evidence(file: "input#-1", line: 3))
  }

  /// Sessions are listed by start time, then id, even when a session that started later
  /// closed first (ids follow the closing order).
  @Test func sessionsAreListedByStartThenId() {
    let f = EventFactory()
    let engine = f.engineListingAllSessions()
    // Bob's session starts at 0 and stays open until the end; Carol's starts at 10 and
    // closes at the sweep after 700 s, so it gets the first id.
    engine.consume(f.make(0, user: "bob", path: "/api/patients/1"))
    engine.consume(f.make(10, user: "carol", path: "/api/patients/2"))
    for t in stride(from: 100.0, through: 1_500, by: 100) {
      engine.consume(f.make(t, user: "bob", path: "/api/patients/\(Int(t))"))
    }
    let out = engine.finish()
    #expect(out.sessions.map(\.actor) == ["user:bob", "user:carol"])
    #expect(out.sessions.map(\.id) == ["S0002", "S0001"])
    #expect(out.sessions.map(\.requests) == [16, 1])
  }
}

/// `finish()` called twice gives the same outcome (sessions are listed, not moved).
@Suite("Engine finish")
struct EngineFinishTests {
  @Test func finishingTwiceGivesTheSameOutcome() {
    let f = EventFactory()
    let engine = f.engineListingAllSessions()
    for t in stride(from: 0.0, through: 3_000, by: 250) {
      engine.consume(f.make(t, ip: "10.0.0.\(Int(t) % 3)", user: t < 1_000 ? "dana" : nil, path: "/api/patients/\(Int(t))"))
    }
    let first = engine.finish()
    let second = engine.finish()
    // Dana: one session (250 s gaps); the 9 later requests rotate over 3 anonymous IPs,
    // 750 s apart on each, so each is a session of its own.
    #expect(first.sessions.count == 10)
    #expect(first.sessionCount == 10)
    #expect(first == second)
  }
  /// Tracks and slices are reached through caches that hold no reference (the last track, the
  /// last slice) and a map searched past its first entries: an identity that moves between
  /// twelve patient endpoints (past ``TrackMap/indexedFrom``) and three IP + user agent
  /// contexts keeps every request on its own template's track and context's slice.
  @Test func requestsStayOnTheirTemplatesTrackAndContextsSlice() throws {
    let f = EventFactory()
    let engine = f.engine()
    let parts = [
      "notes", "documents", "allergies", "coverage", "contacts", "history", "vaccines", "letters", "images", "alerts",
      "consents", "devices",
    ]
    let endpoints = parts.map { "/api/v1/patients/{id}/\($0)" }
    var expected: [String: (requests: Int, ids: Set<Int>)] = [:]
    var expectedSlice: [String: Int] = [:]
    var rng = SeededRNG(seed: 5)
    var contextOf: [Int: Int] = [:]  // contexts are numbered in order of first sight
    for n in 0..<3_000 {
      let e = Int(rng.next() % 12), pair = n < 40 ? 0 : Int(rng.next() % 3), id = Int(rng.next() % 500)
      let c = pair
      if contextOf[pair] == nil { contextOf[pair] = contextOf.count }
      let endpoint = endpoints[e]
      engine.consume(
        f.make(Double(n), ip: "10.0.0.\(c + 1)", user: "alice", path: endpoint.replacingOccurrences(of: "{id}", with: "\(id)"),
          ua: "UA\(c)"))
      expected[endpoint, default: (0, [])].requests += 1
      expected[endpoint, default: (0, [])].ids.insert(id)
      expectedSlice["\(endpoint) \(contextOf[pair]!)", default: 0] += 1
    }
    let alice = try #require(engine.actors.first { $0.key.isIdentity })
    #expect(alice.tracks.count == 12)
    #expect(alice.contexts.count == 3)
    for (t, track) in alice.tracks {
      let text = engine.templates[t].text
      let name = try #require(endpoints.first { text.hasSuffix("/" + $0.split(separator: "/").last!) }, "\(text)")
      let want = try #require(expected[name])
      #expect(track.requests == want.requests, "\(name)")
      #expect(track.distinctCount == want.ids.count, "\(name)")
      #expect(alice.track(t) === track)
      for c in 0..<3 {
        let slice = try #require(alice.slice(t, context: Int32(c)))
        #expect(slice.requests == expectedSlice["\(name) \(c)"] ?? 0, "\(name) context \(c)")
      }
    }
  }
}
