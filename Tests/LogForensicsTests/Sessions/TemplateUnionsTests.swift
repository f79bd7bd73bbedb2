import Testing

@testable import LogForensics

@Suite struct TemplateUnionsTests {
  /// The union per template is built in two halves on two threads from ``TemplateUnions/splitFrom``
  /// actors on: counts and numeric sets (down to their layout) must be those of one
  /// thread. The actors overlap (a record read by actors of both halves counts once), answer
  /// with several sizes and with misses, and one template has non-numeric ids.
  @Test func twoThreadsUniteAsOne() {
    let f = EventFactory()
    let engine = f.engine()
    let actors = TemplateUnions.splitFrom + 37
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
    let one = TemplateUnions.build(actors: engine.actors, templates: templates, keepNumeric: keep, threads: 1)
    let two = TemplateUnions.build(actors: engine.actors, templates: templates, keepNumeric: keep, threads: 2)
    #expect(one.distinctIds == two.distinctIds)
    #expect(one.distinctIds.contains { $0 > 1_000 }, "the record template unites thousands of ids")
    for t in 0..<templates {
      let a = one.takeNumeric(TemplateID(t)), b = two.takeNumeric(TemplateID(t))
      #expect(a == b, "template \(t)")
    }
  }
}
