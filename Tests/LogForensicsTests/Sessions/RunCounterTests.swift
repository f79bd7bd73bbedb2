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

@Suite struct RunCounterReadsTests {
  @Test func readsBuildNothingAndSeeThePendingRun() {
    var c = RunCounter<Int>()
    #expect(c.distinctCount == 0 && c.dominant == nil && !c.contains(1))
    for k in [3, 3, 1, 2, 2, 2] { c.add(k) }  // the run of 2s is still pending
    #expect(c.distinctCount == 3)
    #expect(c.contains(2) && c.contains(1) && !c.contains(4))
    #expect(c.dominant == 2)
    var seen: [Int: Int] = [:]
    c.forEach { seen[$0] = $1 }
    #expect(seen == [3: 2, 1: 1, 2: 3])
    c.add(3)  // 3 is in the table and now pending again: 3 + 1
    #expect(c.counts == [3: 3, 1: 1, 2: 3])
    #expect(c.distinctCount == 3)
    #expect(c.dominant == 2, "equal counts: the smallest key")
  }
}
