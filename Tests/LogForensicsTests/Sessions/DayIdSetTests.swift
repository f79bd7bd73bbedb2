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
      // Busy and quiet days alternate, so the storage is both kept and freed between days.
      let requests = dayNumber % 3 == 0 ? 5_000 : Int.random(in: 0...40, using: &rng)
      for n in 0..<requests {
        let key: RecordKey =
          Int.random(in: 0..<10, using: &rng) == 0
          ? .hashed(UInt64.random(in: 0...50, using: &rng))
          : .numeric(UInt32.random(in: 0...3_000, using: &rng) * (dayNumber % 2 == 0 ? 1 : 65_537))
        day.insert(key)
        reference.insert(key)
        // The count is read (without merging, then merging) and the actor goes idle now and
        // then: the ids settle, later ones join them.
        if n % 293 == 0 {
          let counted = day.count
          #expect(counted == reference.count)
          let merged = day.mergedCount()
          #expect(merged == reference.count)
        }
        if Int.random(in: 0..<400, using: &rng) == 0 {
          day.settle()
          let settledCount = day.count
          #expect(settledCount == reference.count)
        }
      }
      let dayCount = day.count
      #expect(dayCount == reference.count, "day \(dayNumber)")
      let dayMerged = day.mergedCount()
      #expect(dayMerged == reference.count, "day \(dayNumber)")
      let dayEmpty = day.isEmpty
      #expect(dayEmpty == reference.isEmpty)
      day.removeAll()
      let afterRemoval = day.count
      #expect(afterRemoval == 0)
      let emptyAfterRemoval = day.isEmpty
      #expect(emptyAfterRemoval)
    }
  }

  /// Settling several times in a day (sessions of one day), with ids below, between and
  /// above those settled before, and a copy taken in between: counts stay those of a set,
  /// and the copy is independent of the original.
  @Test func settledIdsStayCountedAcrossSessions() {
    var day = DayIdSet()
    var reference = Set<UInt32>()
    let sessions: [[UInt32]] = [Array(stride(from: 100, to: 2_000, by: 37)), Array(stride(from: 1, to: 5_000, by: 53)),
                                Array(stride(from: 150, to: 9_000, by: 41)), [7, 3_000_000, 100]]
    for (k, ids) in sessions.enumerated() {
      for v in ids {
        day.insert(.numeric(v))
        reference.insert(v)
      }
      day.settle()
      let counted = day.count
      #expect(counted == reference.count, "after session \(k)")
      for v in ids.prefix(20) { day.insert(.numeric(v)) }  // settled ids again: not new
      let merged = day.mergedCount()
      #expect(merged == reference.count, "after session \(k), repeats")
      if k == 1 {
        var copy = day.copy()
        let copied = copy.count
        #expect(copied == reference.count)
        for v in sessions[0].prefix(10) { copy.insert(.numeric(v)) }
        copy.insert(.numeric(4_000_000))
        let copyMerged = copy.mergedCount()
        #expect(copyMerged == reference.count + 1)
        let original = day.count
        #expect(original == reference.count, "the original does not see the copy's ids")
      }
    }
    day.removeAll()
    let emptied = day.count
    day.insert(.numeric(100))
    let afterInsert = day.count
    #expect(emptied == 0 && afterInsert == 1)
  }

  @Test func zeroAndLargeIdsAreDistinct() {
    var day = DayIdSet()
    for key in [RecordKey.numeric(0), .numeric(0), .numeric(UInt32.max), .hashed(0), .numeric(UInt32.max)] { day.insert(key) }
    let counted = day.count
    #expect(counted == 3)
    let merged = day.mergedCount()
    #expect(merged == 3)
  }

  /// A track's day counts are those of a set per day, read while its days go on, after it
  /// settles (idle actor) and after `settle()` at the end of a run.
  @Test func trackDayCountsAreExact() {
    let track = RecordTrack(template: 1)
    var expected: [(Int64, Int)] = []
    var rng = SystemRandomNumberGenerator()
    for day in Int64(20_000)..<20_006 {
      var ids = Set<UInt32>()
      for n in 0..<(day % 2 == 0 ? 3_000 : 25) {
        let v = UInt32.random(in: 0...(day % 2 == 0 ? 2_000 : 30), using: &rng)
        ids.insert(v)
        let time = Timestamp(microseconds: (day * 86_400 + Int64(n)) * 1_000_000)
        track.addRecord(value: Int64(v), key: .numeric(v), status: 200, bytes: 10, time: time, evidence: .unset)
        if n == 1_000 { track.settleDay() }
      }
      expected.append((day, ids.count))
      #expect(track.currentDayCount == ids.count, "day \(day)")
    }
    track.settle()
    #expect(track.allDays.map { $0.0 } == expected.map { $0.0 })
    #expect(track.allDays.map { $0.1 } == expected.map { $0.1 })
  }
}
