// Sessions/CompactTrackTests.swift - record tracks keep each id once; pages once; sessions share sets.

import Testing

@testable import LogForensics

@Suite struct CompactTrackTests {
  static func time(_ s: Int64) -> Timestamp { Timestamp(microseconds: s * 1_000_000) }
  static let ev = EvidenceRef(input: 0, line: 1)

  @Test func distinctIdsAreTheUnionOfTheOutcomeSets() {
    let t = RecordTrack(template: 0)
    // id 1: hit then 404; id 2: two sizes; id 3: unknown size; id 4: 403; id 5: 500.
    let requests: [(UInt32, Int32, Int64)] = [(1, 200, 2000), (1, 404, 90), (2, 200, 2000), (2, 200, 9000), (3, 200, -1), (4, 403, 10), (5, 500, 10)]
    for (i, r) in requests.enumerated() {
      t.note(time: Self.time(Int64(i)), evidence: Self.ev)
      t.addRecord(value: Int64(r.0), key: .numeric(r.0), status: r.1, bytes: r.2, time: Self.time(Int64(i)), evidence: Self.ev)
    }
    #expect(t.distinctCount == 5)
    var all: [UInt32] = []
    t.distinctIds().numeric.forEach { all.append($0) }
    #expect(all == [1, 2, 3, 4, 5])
    #expect(t.notFound.count == 1 && t.successUnknownSize.count == 1 && t.otherStatus.count == 2)
    #expect(t.successBySize.buckets == [UInt8(ResponseSizeModel.bucket(2000)), UInt8(ResponseSizeModel.bucket(9000))])
    #expect(t.clientErrors == 2 && t.serverErrors == 1 && t.successes == 4)
    #expect(t.allDayCounts == [5])
  }

  @Test func aSingleOutcomeSetIsCountedWithoutAUnion() {
    let t = RecordTrack(template: 0)
    for i in 0..<100 {
      t.addRecord(value: Int64(i), key: .numeric(UInt32(i)), status: 200, bytes: 2000, time: Self.time(Int64(i)), evidence: Self.ev)
    }
    #expect(t.distinctCount == 100)
    #expect(t.coverageDensity == 1)
  }

  /// Finished days are two varints each: the day (before the epoch too, earlier than the
  /// previous one after a late event, clamped to 32 bits) and its count (clamped too).
  @Test func dayHistoryKeepsDaysAndCountsInOrder() {
    let h = DayHistory()
    let days: [(Int64, Int)] = [(-3, 7), (0, 0), (20_000, 123_456), (20_001, 1), (19_999, 4), (Int64(Int32.min), Int(UInt32.max))]
    for (d, c) in days { h.append(day: d, count: c) }
    #expect(h.count == 6)
    #expect(h.keys == days.map(\.0) && h.counts == days.map(\.1))
    var seen: [Int] = []
    h.forEachCount { seen.append($0) }
    #expect(seen == days.map(\.1))
    let c = DayHistory()
    h.copyDays(to: c)
    h.append(day: 20_002, count: 5)
    #expect(c.count == 6 && h.count == 7)
    #expect(c.keys == days.map(\.0) && h.keys == days.map(\.0) + [20_002])
    let clamped = DayHistory()
    clamped.append(day: .max, count: .max)
    #expect(clamped.keys == [Int64(Int32.max)] && clamped.counts == [Int(UInt32.max)])
  }

  /// A staff member's working days: the next day and fewer than 128 patients take two bytes.
  @Test func dayHistoryTakesTwoBytesAWorkday() {
    let h = DayHistory()
    h.append(day: 20_000, count: 40)
    let first = h.storedBytes
    for d in 20_001..<20_201 { h.append(day: Int64(d), count: 40 + d % 50) }
    #expect(h.count == 201 && h.storedBytes == first + 2 * 200)
    #expect(h.counts.dropFirst().elementsEqual((20_001..<20_201).map { 40 + $0 % 50 }))
  }

  @Test func dayCountsWithoutASecondSetOnTheFirstDay() {
    let t = RecordTrack(template: 0)
    let day: Int64 = 86_400
    for i in 0..<10 { t.addRecord(value: nil, key: .numeric(UInt32(i)), status: 200, bytes: 1, time: Self.time(Int64(i)), evidence: Self.ev) }
    #expect(t.dayIsWhole && t.currentDayCount == 10)  // no day set: the track's own sets count the day
    #expect(t.allDayCounts == [10])
    // Day 2: ids 5..14 (5 of them old): that day has 10 distinct, the track 15.
    for i in 5..<15 { t.addRecord(value: nil, key: .numeric(UInt32(i)), status: 200, bytes: 1, time: Self.time(day + Int64(i)), evidence: Self.ev) }
    #expect(!t.dayIsWhole)
    #expect(t.allDayCounts == [10, 10])
    #expect(t.distinctCount == 15)
    // A copy (an identity's first context) keeps counting the same way.
    let c = t.copy()
    c.addRecord(value: nil, key: .numeric(99), status: 200, bytes: 1, time: Self.time(day + 50), evidence: Self.ev)
    #expect(c.allDayCounts == [10, 11])
    #expect(t.allDayCounts == [10, 10])
  }

  @Test func repeatedPagesAreKeptOnceWithTheirLargestAnswer() {
    let t = RecordTrack(template: 0)
    for b: Int64 in [100, 300, 200] { t.addPage(PageRequest(pageSize: 20, offset: 0), status: 200, bytes: b) }
    t.addPage(PageRequest(pageSize: 20, offset: 20), status: 200, bytes: 50)
    t.addPage(PageRequest(pageSize: 50, offset: 0), status: 200, bytes: 70)  // another page size: another page
    t.addPage(PageRequest(pageSize: 20, offset: 40), status: 500, bytes: 9)  // failed: not a page
    var cursor = PageRequest(pageSize: 10, offset: nil)
    cursor.cursor = true
    t.addPage(cursor, status: 200, bytes: 5)
    t.addPage(cursor, status: 200, bytes: 5)
    #expect(t.pages == [
      PageFetch(offset: 0, pageSize: 20, bytes: 300), PageFetch(offset: 20, pageSize: 20, bytes: 50),
      PageFetch(offset: 0, pageSize: 50, bytes: 70), PageFetch(offset: -1, pageSize: 10, bytes: 5),
      PageFetch(offset: -1, pageSize: 10, bytes: 5),
    ])
    #expect(t.pageCount == 7)
    #expect(t.pageBytes == 100 + 300 + 200 + 50 + 70 + 5 + 5)
    #expect(t.pagesWalked == 2 + 2)
    #expect(t.maxPageSize == 50)
    // The exposure of the repeats equals the exposure of the largest one alone.
    let sets = ExposureEstimator.pages(t, namespace: "n", recordSize: 10)
    #expect(sets.estimate["n"]?.count == 20 + 5 + 2)  // page (0, 50)'s 7 records are among page (0, 20)'s; 1 per cursor page
    let merged = RecordTrack.merged([t, t])
    #expect(merged.pageCount == 14 && merged.pages.count == 7)
  }

  @Test func sessionCountsItsSoleTrackThenBuildsItsSetForASecondOne() {
    let f = EventFactory()
    let engine = f.engineListingAllSessions()
    // Session 1: /patients/{id} only (sole track), then /patients/{id}/documents (same records).
    for i in 0..<30 { engine.consume(f.make(Double(i), user: "dr.a", path: "/api/patients/\(i)")) }
    #expect(engine.actors[0].live?.soleTrack != nil)
    #expect(engine.actors[0].live?.distinctRecords == 30)
    engine.consume(f.make(40, user: "dr.a", path: "/api/patients/3/documents"))
    engine.consume(f.make(41, user: "dr.a", path: "/api/patients/31/documents"))
    #expect(engine.actors[0].live?.soleTrack == nil)
    #expect(engine.actors[0].live?.distinctRecords == 31, "one namespace: /patients/3 is the same record")
    // Session 2 reads old and new ids on the old track: its own set from the start.
    for i in 25..<35 { engine.consume(f.make(Double(5000 + i), user: "dr.a", path: "/api/patients/\(i)")) }
    #expect(engine.actors[0].live?.soleTrack == nil)
    let out = engine.finish()
    #expect(out.sessions.map(\.distinctRecords) == [31, 10])
  }
}

@Suite struct SymbolListTests {
  @Test func firstSeenOrderWithTheFirstInline() {
    let symbols = SymbolTable()
    let a = symbols.intern("10.0.0.1"), b = symbols.intern("10.0.0.2")
    var l = SymbolList()
    #expect(l.count == 0 && l.all.isEmpty && !l.contains(a) && !l.contains(.none))
    l.append(b)
    l.append(a)
    #expect(l.count == 2 && l.contains(a) && l.contains(b) && !l.contains(.none))
    #expect(l.all == [b, a])
    #expect(l.map { symbols.string($0) } == ["10.0.0.2", "10.0.0.1"])
  }
}

/// Evidence samples: requests 2, 10, 100, 1 000 and 10 000 of a track (the first two kept
/// inline), and every sample of the tracks a merged track sums.
@Suite struct TrackSampleTests {
  static func track(requests: Int, input: Int32) -> RecordTrack {
    let t = RecordTrack(template: 0)
    for n in 1...requests {
      t.note(time: Timestamp(microseconds: Int64(n)), evidence: EvidenceRef(input: input, line: Int64(n)))
    }
    return t
  }

  @Test func sampledRequestsAreKeptInOrder() {
    #expect(Self.track(requests: 1, input: 0).samples.isEmpty)
    #expect(Self.track(requests: 9, input: 0).samples.map(\.line) == [2])
    #expect(Self.track(requests: 75, input: 0).samples.map(\.line) == [2, 10])
    #expect(Self.track(requests: 12_000, input: 0).samples.map(\.line) == [2, 10, 100, 1_000, 10_000])
  }

  @Test func aMergedTrackKeepsEverySample() {
    let a = Self.track(requests: 150, input: 0)
    let b = Self.track(requests: 20, input: 1)
    let m = RecordTrack.merged([a, b])
    #expect(m.samples == a.samples + b.samples)
    #expect(m.samples.count == 5)
    #expect(m.requests == 170)
  }
}
