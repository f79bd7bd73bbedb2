import Testing

@testable import LogForensics

@Suite struct PageParametersTests {
  private func page(_ q: String) -> PageRequest? {
    var s = q
    return s.withUTF8 { PageParameters.page(query: UnsafeRawBufferPointer($0)) }
  }

  @Test func readsSizeOffsetPageAndCursor() {
    #expect(page("_count=50&_getpagesoffset=100") == PageRequest(pageSize: 50, offset: 100))
    #expect(page("page=3&size=100") == PageRequest(pageSize: 100, offset: 300))
    #expect(page("PageSize=20&Page=2") == PageRequest(pageSize: 20, offset: 40))
    #expect(page("limit=10") == PageRequest(pageSize: 10, offset: nil))
    #expect(page("_count=10&_getpages=abc") == PageRequest(pageSize: 10, offset: nil, cursor: true))
    #expect(page("name=dupont") == nil)
    #expect(page("") == nil)
  }

  @Test func ignoresRedactedNegativeOverflowingAndNonASCIIValues() {
    #expect(page("page=[fp:12345678]") == nil)
    #expect(page("limit=-5") == nil)
    #expect(page("limit=+5") == PageRequest(pageSize: 5, offset: nil))
    #expect(page("limit=99999999999999999999") == nil)
    #expect(page("li\u{00E9}mit=5") == nil)
    // page × size overflows: the offset is unknown, the size still counts.
    #expect(page("page=9223372036854775807&size=4") == PageRequest(pageSize: 4, offset: nil))
    #expect(page("&&limit=7&&") == PageRequest(pageSize: 7, offset: nil))
  }

  @Test func templaterAndCacheGiveTheSamePageForEveryRequestOfAShape() {
    // The first request of a shape is templated in full, the next ones come from the cache.
    let engine = AnalysisEngine(options: AnalysisOptions(), symbols: SymbolTable(), inputPaths: ["x"])
    let queries = ["page=1&size=100", "page=2&size=100", "page=7&size=100", "page=12&size=50", "page=0&size=100"]
    for q in queries {
      var e = LogEvent()
      e.path = "/api/v1/lab-results"
      e.query = q
      let got = engine.templateOf(e)
      let full = EndpointTemplater().template(path: e.path, query: q)
      #expect(got.page == full.page, "\(q)")
      #expect(engine.templates.infos[Int(got.template)].text == full.template)
    }
  }
}
