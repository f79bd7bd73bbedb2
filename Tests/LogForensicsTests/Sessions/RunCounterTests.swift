import Testing

@testable import LogForensics

@Suite struct RunCounterTests {
  @Test func runsAreFoldedBeforeEveryRead() {
    var c = RunCounter<String>()
    for k in ["a", "a", "b", "a", "a", "a", "c"] { c.add(k) }
    #expect(c.counts == ["a": 5, "b": 1, "c": 1])
    c.add("c")
    #expect(c.counts == ["a": 5, "b": 1, "c": 2])
  }
}
