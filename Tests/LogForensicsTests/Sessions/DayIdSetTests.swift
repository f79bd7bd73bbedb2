import Testing

@testable import LogForensics

/// The day set counts exactly what a ``RecordSet`` of the same keys counts, through growth,
/// repeats, the id 0, hashed keys and days emptied by `removeAll()` (storage kept or freed).
@Suite struct DayIdSetTests {
  @Test func countsLikeARecordSetDayAfterDay() {
    var rng = SystemRandomNumberGenerator()
    var day = DayIdSet()
    for dayNumber in 0..<12 {
      var reference = RecordSet()
      // Busy and quiet days alternate, so the table is both kept and freed between days.
      let requests = dayNumber % 3 == 0 ? 5_000 : Int.random(in: 0...40, using: &rng)
      for _ in 0..<requests {
        let key: RecordKey =
          Int.random(in: 0..<10, using: &rng) == 0
          ? .hashed(UInt64.random(in: 0...50, using: &rng))
          : .numeric(UInt32.random(in: 0...3_000, using: &rng) * (dayNumber % 2 == 0 ? 1 : 65_537))
        let new = day.insert(key)
        let expected = reference.insert(key)
        #expect(new == expected)
      }
      #expect(day.count == reference.count, "day \(dayNumber)")
      #expect(day.isEmpty == reference.isEmpty)
      day.removeAll()
      #expect(day.count == 0)
    }
  }

  @Test func zeroAndLargeIdsAreDistinct() {
    var day = DayIdSet()
    let inserted = [
      day.insert(.numeric(0)), day.insert(.numeric(0)), day.insert(.numeric(UInt32.max)), day.insert(.hashed(0)),
    ]
    #expect(inserted == [true, false, true, true])
    #expect(day.count == 3)
  }
}
