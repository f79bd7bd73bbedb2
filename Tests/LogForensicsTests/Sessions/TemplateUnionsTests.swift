import Testing

@testable import LogForensics

@Suite struct TemplateUnionsTests {
  /// The union per template built on a thread that follows another one's progress (as at
  /// the end of a run, where the engine's thread settles the tracks and makes their actors
  /// available as it goes): counts and numeric sets (down to their layout) must be those of
  /// one pass over every actor. The actors overlap (a record read by actors of both halves counts once), answer
  /// with several sizes and with misses, and one template has non-numeric ids.
  @Test func followingUnionUnitesAsOne() {
    let f = EventFactory()
    let engine = f.engine()
    let actors = 165
    var events: [LogEvent] = []
    for a in 0..<actors {
      let ip = "10.1.\(a / 256).\(a % 256)"
      for k in 0..<40 {
        // Ids shared across actors (a % 50), spread over many high halves (k * 70 001), and
        // one range dense enough to become a bitmap container in the union.
        let id = k < 20 ? 1 + (a % 50) * 3 + k * 70_001 : 200_000 + a * 20 + k
        let status: Int32 = (a + k) % 9 == 0 ? 404 : 200
        let bytes: Int64 = k % 3 == 0 ? 900 : 2_000 + Int64(k % 4) * 700
        events.append(f.make(Double(a * 40 + k), ip: ip, path: "/api/v1/patients/\(id)", status: status, bytes: bytes))
        if k % 5 == 0 {
          events.append(f.make(Double(a * 40 + k) + 0.5, ip: ip, path: "/api/v1/patients/\(id)/documents"))
          let nir = "1\(String(format: "%02d", a % 90 + 10))0575\(String(format: "%06d", a * 7 + k))"
          events.append(f.make(Double(a * 40 + k) + 0.7, ip: ip, path: "/api/v1/patients", query: "nir=\(nir)"))
        }
      }
    }
    for e in events { engine.consume(e) }
    _ = engine.finish()
    let templates = engine.templateRequests.count
    let keep = [Bool](repeating: true, count: templates)
    // As at the end of a run: actors made available a few at a time by this thread while the
    // union follows on another; with a helper thread started before the last ones, or not.
    for withHelper in [false, true] {
      let one = TemplateUnions.build(actors: engine.actors, templates: templates, keepNumeric: keep)
      #expect(one.distinctIds.contains { $0 > 1_000 }, "the record template unites thousands of ids")
      let ready = IndexCursor(end: engine.actors.count, step: 16, available: 0)
      let helper = UnionHelper()
      let followingJob = BackgroundJob {
        TemplateUnions.build(actors: engine.actors, templates: templates, keepNumeric: keep, ready: ready, helper: helper)
      }
      for n in stride(from: 5, through: engine.actors.count / 2, by: 5) { ready.makeAvailable(upTo: n) }
      if withHelper { helper.start(actors: engine.actors, templates: templates, cursor: ready) }
      ready.makeAvailable(upTo: engine.actors.count)
      let following = followingJob.result()
      #expect(one.distinctIds == following.distinctIds, "helper \(withHelper)")
      for t in 0..<templates {
        #expect(one.takeNumeric(TemplateID(t)) == following.takeNumeric(TemplateID(t)), "template \(t), helper \(withHelper)")
      }
    }
  }
}
