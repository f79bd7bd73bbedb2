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

  /// Hours at the ends of the 32-bit range (clamped timestamps of forged lines) and gaps
  /// wider than 2³¹ read back exactly, late events included.
  @Test func extremeHoursAndWideGaps() {
    var h = HourlyCounts()
    for hour: Int64 in [Int64.min, -5, Int64(Int32.max) - 1, Int64.max, 0, -5] { h.add(hour) }
    #expect(h.dictionary == [Int64(Int32.min): 1, -5: 2, Int64(Int32.max) - 1: 1, Int64(Int32.max): 1, 0: 1])
    #expect(h.activeHours == 5)
  }

  /// A workday's hours take about two bytes each: a count under 128 and a gap of one hour,
  /// one byte each.
  @Test func workdayHoursTakeTwoBytesEach() {
    var h = HourlyCounts()
    var expected: [Int64: Int] = [:]
    for day: Int64 in 0..<200 {
      for hour in 8...18 {
        let at = 493_000 + day * 24 + Int64(hour)
        for _ in 0..<(hour == 12 ? 3 : 40) { h.add(at) }
        expected[at] = hour == 12 ? 3 : 40
      }
    }
    #expect(h.dictionary == expected)
    #expect(h.activeHours == 2_200)
    #expect(h.storedBytes == 2 * 2_199)
  }
}
