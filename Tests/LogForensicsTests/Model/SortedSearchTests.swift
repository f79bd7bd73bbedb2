import Testing

@testable import LogForensics

@Suite struct SortedSearchTests {
  /// The first index not below `v` in `a[range]`, by a plain scan.
  private func scan<T: Comparable>(_ a: [T], _ v: T, _ range: Range<Int>) -> Int {
    range.first { a[$0] >= v } ?? range.upperBound
  }

  /// Every sub-range of arrays of every length up to 40 (with repeats), every value from below
  /// the smallest to above the largest: the same answer as a scan.
  @Test func everyRangeAndValueMatchesAScan() {
    var rng = SeededRNG(seed: 11)
    var checked = 0
    var wrong: [String] = []
    for length in 0...40 {
      var a: [UInt32] = (0..<length).map { _ in UInt32(rng.next() % 24) * 2 + 1 }  // odd values, repeats
      a.sort()
      for lo in 0...length {
        for hi in lo...length {
          for v in UInt32(0)...UInt32(50) {
            checked += 1
            let got = a.lowerBound(of: v, in: lo..<hi)
            if got != scan(a, v, lo..<hi) && wrong.count < 5 { wrong.append("a=\(a) range=\(lo)..<\(hi) v=\(v): \(got)") }
          }
        }
      }
    }
    #expect(checked == 629_391)
    #expect(wrong.isEmpty, "\(wrong)")
  }

  /// The extremes of the element type, and long arrays of random values (16 and 32 bits).
  @Test func extremesAndLongArrays() {
    let a: [UInt32] = [0, 0, 1, .max - 1, .max, .max]
    for v: UInt32 in [0, 1, 2, .max - 1, .max] { #expect(a.lowerBound(of: v) == scan(a, v, 0..<a.count)) }
    #expect([UInt16]().lowerBound(of: 3) == 0)
    // Other widths take the Swift loop (32- and 16-bit ids the C one).
    let wide: [UInt64] = [1, 3, 3, 5, .max]
    for v: UInt64 in [0, 1, 2, 3, 4, 5, 6, .max] {
      for lo in 0...wide.count {
        #expect(wide.lowerBound(of: v, in: lo..<wide.count) == scan(wide, v, lo..<wide.count))
      }
    }
    var rng = SeededRNG(seed: 5)
    for length in [1, 2, 3, 1000, 1023, 1024, 1025, 4096] {
      let b = (0..<length).map { _ in UInt16(truncatingIfNeeded: rng.next()) }.sorted()
      for _ in 0..<200 {
        let v = UInt16(truncatingIfNeeded: rng.next())
        #expect(b.lowerBound(of: v) == scan(b, v, 0..<length))
        let i = Int(rng.next() % UInt64(length))
        #expect(b[b.lowerBound(of: b[i])] == b[i])
      }
    }
  }
}
