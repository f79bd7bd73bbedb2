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
}
