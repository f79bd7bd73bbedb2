import Testing

@testable import LogForensics

@Suite struct HourlyCountsTests {
  @Test func countsInOrderAndLateHours() {
    var h = HourlyCounts()
    for hour: Int64 in [10, 10, 11, 13, 13, 13, 12, 9, 13, 11] { h.add(hour) }
    #expect(h.dictionary == [9: 1, 10: 2, 11: 2, 12: 1, 13: 4])
    #expect(h.activeHours == 5)
  }
}
