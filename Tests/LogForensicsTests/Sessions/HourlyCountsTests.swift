import Testing

@testable import LogForensics

@Suite struct HourlyCountsTests {
  @Test func countsInOrderAndLateHours() {
    var h = HourlyCounts()
    for hour: Int64 in [10, 10, 11, 13, 13, 13, 12, 9, 13, 11] { h.add(hour) }
    #expect(h.dictionary == [9: 1, 10: 2, 11: 2, 12: 1, 13: 4])
    #expect(h.activeHours == 5)
  }

  @Test func emptyAndSingleHour() {
    var h = HourlyCounts()
    #expect(h.activeHours == 0)
    #expect(h.dictionary.isEmpty)
    for _ in 0..<3 { h.add(42) }
    #expect(h.activeHours == 1)
    #expect(h.dictionary == [42: 3])
  }

  /// The latest hour is kept inline: a late event for an hour before it, the same hour as
  /// an earlier entry, or an hour between two entries, must all count where they belong.
  @Test func matchesADictionaryOnShuffledHours() {
    var rng = SeededRNG(seed: 7)
    var h = HourlyCounts()
    var expected: [Int64: Int] = [:]
    var hour: Int64 = 1_000
    for _ in 0..<5_000 {
      let r = rng.next() % 10
      if r < 6 {
        // mostly the current hour, sometimes the next ones
      } else if r < 9 {
        hour += Int64(rng.next() % 3)
      } else {
        let late = hour - Int64(rng.next() % 5)
        h.add(late)
        expected[late, default: 0] += 1
        continue
      }
      h.add(hour)
      expected[hour, default: 0] += 1
    }
    #expect(h.dictionary == expected)
    #expect(h.activeHours == expected.count)
  }
}
