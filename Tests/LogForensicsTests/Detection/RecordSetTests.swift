// Detection/RecordSetTests.swift - roaring bitmap, hashed id set and record set.

import Testing

@testable import LogForensics

@Suite("Record sets")
struct RecordSetTests {
  @Test func roaringInsertContainsAndOrder() {
    var r = RoaringBitmap()
    let a = r.insert(70_000), b = r.insert(5), again = r.insert(5), c = r.insert(UInt32.max)
    #expect(a && b && !again && c)
    #expect(r.count == 3)
    #expect(r.contains(70_000) && r.contains(5) && r.contains(UInt32.max))
    #expect(!r.contains(6))
    var seen: [UInt32] = []
    r.forEach { seen.append($0) }
    #expect(seen == [5, 70_000, UInt32.max])
    #expect(r.min == 5 && r.max == UInt32.max)
  }

  @Test func roaringSwitchesToBitmapAndStaysSmall() {
    var r = RoaringBitmap()
    for v in UInt32(1_000_000)..<UInt32(2_000_000) { r.insert(v) }
    #expect(r.count == 1_000_000)
    #expect(r.contains(1_500_000) && !r.contains(999_999) && !r.contains(2_000_000))
    #expect(r.min == 1_000_000 && r.max == 1_999_999)
    // 1 M sequential ids: 16 bitmap containers of 8 KiB, not 4 MB of UInt32.
    #expect(r.approximateBytes < 160_000)
    var other = RoaringBitmap([1_999_999, 2_000_000, 7])
    other.formUnion(r)
    #expect(other.count == 1_000_002)
    #expect(r.intersectionCount(RoaringBitmap([1_000_000, 3, 1_999_999])) == 2)
  }

  /// Sorted arrays grow by a quarter, not double: tens of millions of ids in a few hundred
  /// thousand sets would otherwise leave a third of their memory unused.
  @Test func roaringArraysKeepLittleSpareRoom() {
    var rng = SeededRNG(seed: 11)
    for n in [5, 40, 333, 1000, 1024, 3000, 20_000] {
      var r = RoaringBitmap()
      // Random order (inserts in the middle) over a 300 k range: a small set, then array
      // containers of about 4 500 ids each.
      var inserted = Set<UInt32>()
      while inserted.count < n {
        let v = UInt32(truncatingIfNeeded: rng.next() % 300_000)
        #expect(r.insert(v) == inserted.insert(v).inserted)
      }
      #expect(r.count == n)
      let used = n <= RoaringBitmap.smallLimit ? n * 4 : n * 2
      // At most a quarter more than the values (plus a minimum of 4 per array, and each array
      // container's own rounding).
      #expect(r.reservedValueBytes <= used + used / 4 + 64, "n = \(n): \(r.reservedValueBytes) bytes for \(used)")
      var out: [UInt32] = []
      r.forEach { out.append($0) }
      #expect(out == inserted.sorted())
    }
  }

  @Test func roaringArrayToBitmapBoundaryKeepsEveryValue() {
    var r = RoaringBitmap()
    for v in stride(from: UInt32(0), to: 4097 * 3, by: 3) { r.insert(v) }
    #expect(r.count == 4097)
    var n = 0
    var previous: UInt32?
    r.forEach { v in
      #expect(v % 3 == 0)
      if let p = previous { #expect(v > p) }
      previous = v
      n += 1
    }
    #expect(n == 4097)
  }

  @Test func hashedSetHandlesZeroDuplicatesAndGrowth() {
    var s = HashedIdSet()
    let first = s.insert(0), second = s.insert(0)
    #expect(first && !second)
    for v in UInt64(1)...10_000 { s.insert(v &* 0x9E37_79B9_7F4A_7C15) }
    #expect(s.count == 10_001)
    #expect(s.contains(0) && s.contains(5 &* 0x9E37_79B9_7F4A_7C15) && !s.contains(12_345))
    var t = HashedIdSet()
    t.insert(0)
    t.insert(42)
    t.formUnion(s)
    #expect(t.count == 10_002)
  }

  @Test func recordSetSplitsNumericAndHashedKeys() {
    var r = RecordSet()
    r.insert(RecordKey(text: "123"))
    r.insert(RecordKey(text: "123"))
    r.insert(RecordKey(text: "185077512345608"))  // NIR: above UInt32, hashed
    r.insert(RecordKey(text: "5f0c6a2e-1b7d-4c1e-9a39-2f8f3b0e4d11"))
    #expect(r.count == 3)
    #expect(r.numeric.count == 1 && r.hashed.count == 2)
    #expect(RecordKey(text: "4294967296") == .hashed(HashedIdSet.hash("4294967296")))
    var o = RecordSet()
    o.insert(.numeric(123))
    #expect(r.subtracting(o).count == 2)
  }

  /// Small sets merge linearly; a union past the small limit falls back to insertion; both
  /// give what inserting every value one by one gives.
  @Test func unionsEqualOneByOneInsertion() {
    var rng = SystemRandomNumberGenerator()
    let cases = [(0, 5, 10), (5, 0, 10), (300, 400, 1_000), (700, 700, 5_000), (1_000, 30, 1 << 20), (600, 600, 900),
      (3_000, 3_000, 65_536), (5_000, 5_000, 60_000), (20, 5_000, 200_000), (5_000, 20, 200_000), (9_000, 9_000, 1 << 32 - 1)]
    for (n, m, range) in cases {
      let a = (0..<n).map { _ in UInt32.random(in: 0..<UInt32(range), using: &rng) }
      let b = (0..<m).map { _ in UInt32.random(in: 0..<UInt32(range), using: &rng) }
      var x = RoaringBitmap(a)
      x.formUnion(RoaringBitmap(b))
      let expected = RoaringBitmap(a + b)
      #expect(x == expected, "\(n) ∪ \(m) in \(range): same containers as inserting one by one")
      #expect(x.count == Set(a + b).count)
      #expect(values(x) == Set(a + b).sorted())
    }
  }

  func values(_ r: RoaringBitmap) -> [UInt32] {
    var out: [UInt32] = []
    r.forEach { out.append($0) }
    return out
  }

  /// Sets of every shape (small arrays, array containers, bitmap containers, ids across
  /// several keys), from a fixed-seed generator.
  private static func mixedSets(seed: UInt64) -> [[UInt32]] {
    var g = SeededRNG(seed: seed)
    var out: [[UInt32]] = []
    for shape in 0..<12 {
      var values: [UInt32] = []
      switch shape % 4 {
      case 0: for _ in 0..<Int(g.next() % 900) { values.append(UInt32(g.next() % 300_000)) }  // small, several keys
      case 1: for _ in 0..<3000 { values.append(UInt32(g.next() % 65_536)) }  // array containers
      case 2:
        let start = UInt32(g.next() % 200_000)
        for v in start..<start + 20_000 { values.append(v) }  // bitmap containers
      default: for _ in 0..<Int(g.next() % 5000) { values.append(UInt32(truncatingIfNeeded: g.next())) }  // sparse
      }
      out.append(values)
    }
    return out
  }

  @Test(arguments: [UInt64(1), 2, 3, 4])
  func roaringUnionEqualsInsertionOfEveryValue(seed: UInt64) {
    let lists = RecordSetTests.mixedSets(seed: seed)
    var g = SeededRNG(seed: seed &+ 100)
    // Every subset size from 2 sets up, in a shuffled order.
    for size in [2, 3, 5, 12] {
      let chosen = lists.shuffled(using: &g).prefix(size)
      var inserted = RoaringBitmap()
      for l in chosen { for v in l { inserted.insert(v) } }
      let sets = chosen.map { RoaringBitmap($0) }
      let union = RoaringBitmap.union(Array(sets))
      // Same values and the same containers insertion builds (the type compares containers).
      #expect(union == inserted)
      var pairwise = RoaringBitmap()
      for s in sets { pairwise.formUnion(s) }
      #expect(pairwise == inserted)
      #expect(pairwise.count == Set(chosen.joined()).count)
      #expect(RoaringBitmap.unionCount(Array(sets)) == inserted.count)
    }
  }

  /// A union gathers one key's values in a list while they are few and in bits past
  /// ``RoaringBitmap/unionBitsFrom``; either way the container is the one insertion builds,
  /// at the edges of both thresholds (overlapping sets, so repeats are dropped on both paths).
  @Test(arguments: [511, 512, 513, 4095, 4096, 4097, 6000])
  func roaringUnionAroundTheBitsThreshold(distinct: Int) {
    var g = SeededRNG(seed: UInt64(distinct))
    let universe = (0..<distinct).map { UInt32(70_000 + $0 * 9) }  // one key above the first
    var lists: [[UInt32]] = (0..<6).map { _ in universe.filter { _ in g.next() % 3 == 0 } }
    lists.append(universe)  // every value, so the union has exactly `distinct`
    lists.append(Array(universe.prefix(1_200)))  // a large array container of the same key
    var inserted = RoaringBitmap()
    for l in lists { for v in l { inserted.insert(v) } }
    let union = RoaringBitmap.union(lists.map { RoaringBitmap($0) })
    #expect(union == inserted)
    #expect(union.count == distinct)
    #expect(RoaringBitmap.unionCount(lists.map { RoaringBitmap($0) }) == distinct)
  }

  @Test func roaringUnionOfSmallSetsCrossingTheSmallLimit() {
    // 3 small sets of 600 values: the union (1 500 distinct) leaves the small form exactly
    // as insertion does; two copies of one set stay small.
    let a = RoaringBitmap((0..<600).map { UInt32($0 * 7) })
    let b = RoaringBitmap((0..<600).map { UInt32($0 * 7 + 1) })
    let c = RoaringBitmap((0..<600).map { UInt32($0 * 7 + 70_000) })
    var inserted = RoaringBitmap()
    for s in [a, b, c] { s.forEach { inserted.insert($0) } }
    #expect(RoaringBitmap.union([a, b, c]) == inserted)
    #expect(RoaringBitmap.union([a, RoaringBitmap(), a]) == a)
    #expect(RoaringBitmap.union([]).isEmpty)
  }

  @Test func recordSetUnionKeepsNumericAndHashedIds() {
    var a = RecordSet(), b = RecordSet(), c = RecordSet()
    for v in UInt32(0)..<2000 { a.insert(.numeric(v * 2)) }
    for v in UInt32(0)..<2000 { b.insert(.numeric(v * 3)) }
    for h in UInt64(1)...300 { b.insert(.hashed(h)); c.insert(.hashed(h * 2)) }
    let u = RecordSet.union([a, b, c])
    var expected = a
    expected.formUnion(b)
    expected.formUnion(c)
    #expect(u.count == expected.count)
    #expect(u.numeric == expected.numeric)
    #expect(u.hashed.count == 450)
    #expect(RecordSet.unionCount([a, b, c]) == expected.count)
    #expect(u.contains(.numeric(3)) && u.contains(.hashed(600)) && !u.contains(.numeric(1)))
  }


  @Test func unionBuilderOverSeveralBatchesEqualsInsertion() {
    // 3 000 small sets (three batches) plus a few large ones, with repeats between them; the
    // large ones fill a batch's values (``RoaringBitmap/UnionBuilder/batchValues``) early.
    var g = SeededRNG(seed: 9)
    var builder = RoaringBitmap.UnionBuilder()
    var records = RecordSet.UnionBuilder()
    var inserted = RoaringBitmap()
    var hashedCount = Set<UInt64>()
    for n in 0..<3_000 {
      var values: [UInt32] = []
      let size = n % 500 == 0 ? 6_000 : n % 300 == 1 ? 40_000 : Int(g.next() % 40)
      for _ in 0..<size { values.append(UInt32(g.next() % 400_000)) }
      let set = RoaringBitmap(values)
      builder.add(set)
      var r = RecordSet()
      values.forEach { r.insert(.numeric($0)) }
      if n % 7 == 0 {
        let h = g.next() % 500
        r.insert(.hashed(h))
        hashedCount.insert(h)
      }
      records.add(r)
      values.forEach { inserted.insert($0) }
    }
    #expect(builder.finish() == inserted)
    let all = records.finish()
    #expect(all.numeric == inserted)
    #expect(all.hashed.count == hashedCount.count)
  }

  /// Removals against a reference set, in a small table where probe runs wrap around its
  /// end and values share home slots: lookups still find what remains, and only that.
  @Test func hashedIdSetRemovesValues() {
    var rng = SeededRNG(seed: 3)
    var s = HashedIdSet()
    var reference = Set<UInt64>()
    for round in 0..<4_000 {
      let v = rng.next() % 40  // few values: long runs, many removals that shift others back
      if round % 3 == 0 {
        #expect(s.remove(v) == reference.contains(v))
        reference.remove(v)
      } else {
        #expect(s.insert(v) == reference.insert(v).inserted)
      }
      #expect(s.count == reference.count)
      if round % 50 == 0 {
        for x in UInt64(0)..<40 { #expect(s.contains(x) == reference.contains(x)) }
      }
    }
    var listed = Set<UInt64>()
    s.forEach { listed.insert($0) }
    #expect(listed == reference)
    var empty = HashedIdSet()
    #expect(!empty.remove(5) && !empty.remove(0))
  }
}
