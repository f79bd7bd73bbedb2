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
        // The actor goes idle now and then: the ids settle, later ones join them.
        if Int.random(in: 0..<400, using: &rng) == 0 {
          day.settle()
          #expect(day.count == reference.count)
        }
      }
      #expect(day.count == reference.count, "day \(dayNumber)")
      #expect(day.isEmpty == reference.isEmpty)
      day.removeAll()
      #expect(day.count == 0)
    }
  }

  /// Settling several times in a day (sessions of one day), with ids below, between and
  /// above those settled before, and a copy taken in between: counts and inserts stay those
  /// of a set.
  @Test func settledIdsStayCountedAcrossSessions() {
    var day = DayIdSet()
    var reference = Set<UInt32>()
    let sessions: [[UInt32]] = [Array(stride(from: 100, to: 2_000, by: 37)), Array(stride(from: 1, to: 5_000, by: 53)),
                                Array(stride(from: 150, to: 9_000, by: 41)), [7, 3_000_000, 100]]
    for (k, ids) in sessions.enumerated() {
      for v in ids {
        let new = day.insert(.numeric(v))
        #expect(new == reference.insert(v).inserted)
      }
      day.settle()
      #expect(day.count == reference.count, "after session \(k)")
      for v in ids.prefix(20) {
        let new = day.insert(.numeric(v))
        #expect(!new, "a settled id is not new")
      }
      if k == 1 {
        var copy = day.copy()
        let copied = copy.count
        #expect(copied == reference.count)
        // The copy knows its settled ids too (their filter bits came with them).
        for v in sessions[0].prefix(10) {
          let new = copy.insert(.numeric(v))
          #expect(!new, "a settled id of the copy is not new")
        }
      }
    }
    day.removeAll()
    let emptied = day.count, new = day.insert(.numeric(100))
    #expect(emptied == 0 && new)
  }

  /// Ids settled in one session are found again whatever their filter bit: every one of
  /// 4 000 settled ids (each of the 256 bits set many times over), and new ids that share a
  /// bit with a settled one (the filter only says "maybe"), are counted exactly.
  @Test func everySettledIdIsFoundAndFilterMatchesAreChecked() {
    var day = DayIdSet()
    var reference = Set<UInt32>()
    for v in stride(from: UInt32(2), to: 8_002, by: 2) {
      day.insert(.numeric(v))
      reference.insert(v)
    }
    day.settle()
    for v in UInt32(1)...8_001 {
      let new = day.insert(.numeric(v))
      #expect(new == reference.insert(v).inserted, "id \(v)")
    }
    #expect(day.count == 8_001)
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
