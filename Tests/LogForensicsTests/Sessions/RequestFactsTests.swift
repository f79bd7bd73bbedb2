// Sessions/RequestFactsTests.swift - what the parsing thread hands the analysis: facts and a template.

import Testing

@testable import LogForensics

@Suite struct RequestFactsTests {
  /// The facts keep every field the engine reads, and name the same actor and place.
  @Test func factsKeepWhatTheEngineReads() {
    let f = EventFactory()
    var e = f.make(12.5, ip: "203.0.113.7", user: "dr.martin", path: "/api/patients/42", status: 404, bytes: 321, credential: "apikey:1a2b")
    e.referer = f.symbols.intern("https://portal.example/list")
    e.inputIndex = 3
    let facts = RequestFacts(e)
    #expect(facts.timestamp == e.timestamp && facts.status == 404 && facts.responseBytes == 321)
    #expect(facts.clientIP == e.clientIP && facts.userAgent == e.userAgent && facts.referer == e.referer)
    #expect(facts.user == e.user && facts.credential == e.credential)
    #expect(ActorKey(facts) == ActorKey(e))
    #expect(EvidenceRef(facts) == EvidenceRef(e))
    #expect(EvidenceRef(facts) == EvidenceRef(input: 3, line: e.lineNumber))
    // Without a user the credential names the actor, without either the IP and user agent.
    e.user = .none
    #expect(ActorKey(RequestFacts(e)) == .credential(e.credential))
    e.credential = .none
    #expect(ActorKey(RequestFacts(e)) == .client(ip: e.clientIP, userAgent: e.userAgent))
  }

  /// A NIR-shaped id's control key is checked while templating (the analysis receives a
  /// flag, not the text); other ids carry no verdict. Same request twice: the second goes
  /// through the shape cache and must give the same verdict.
  @Test func nirKeysAreCheckedWhileTemplating() {
    let f = EventFactory()
    let templating = RequestTemplating(templater: EndpointTemplater())
    for _ in 0..<2 {
      let valid = templating.templated(f.make(0, path: "/ws/GetPatient", query: "nir=185077512345608"))
      let invalid = templating.templated(f.make(1, path: "/ws/GetPatient", query: "nir=185077512345609"))
      let decimal = templating.templated(f.make(2, path: "/api/patients/12345"))
      #expect(valid.nirKeyValid == true)
      #expect(invalid.nirKeyValid == false)
      #expect(decimal.nirKeyValid == nil)
      #expect(valid.key != nil && decimal.key != nil)
    }
  }
}
