import Testing

@testable import LogForensics

@Suite struct SuccessSizeSetsTests {
  /// The buckets and sets as readers see them.
  private func contents(_ s: SuccessSizeSets) -> [Int: Set<RecordKey>] {
    var out: [Int: Set<RecordKey>] = [:]
    var previous = -1
    s.forEach { b, set in
      #expect(b > previous, "buckets come out increasing")
      previous = b
      var keys = Set<RecordKey>()
      set.forEachKey { keys.insert($0) }
      #expect(keys.count == set.count)
      out[b] = keys
    }
    return out
  }

  /// Random inserts compared with a dictionary of sets, through the packed layout and past
  /// each of its limits (ids, buckets, a non-numeric id).
  @Test(arguments: [(ids: 300, buckets: 3, hashedAt: -1), (ids: 3_000, buckets: 3, hashedAt: -1),
                    (ids: 600, buckets: 9, hashedAt: -1), (ids: 400, buckets: 2, hashedAt: 200)])
  func matchesAReferenceModel(ids: Int, buckets: Int, hashedAt: Int) {
    var rng = SeededRNG(seed: UInt64(ids * 31 + buckets))
    var s = SuccessSizeSets()
    var reference: [Int: Set<RecordKey>] = [:]
    for n in 0..<ids * 2 {
      let key: RecordKey = n == hashedAt ? .hashed(0xDEAD_BEEF) : .numeric(UInt32(rng.next() % UInt64(ids)))
      let bucket = 40 + Int(rng.next() % UInt64(buckets))
      s.insert(key, bucket: bucket)
      reference[bucket, default: []].insert(key)
      if n % 97 == 0 { #expect(contents(s) == reference) }
    }
    #expect(contents(s) == reference)
    #expect(s.bucketCount == reference.count)
    #expect(s.buckets.map(Int.init) == reference.keys.sorted())
    let first = reference.keys.min()!
    var firstKeys = Set<RecordKey>()
    s.firstBucketSet.forEachKey { firstKeys.insert($0) }
    #expect(firstKeys == reference[first])
  }

  /// A bucket built from packed ids equals the set built by inserting them one by one.
  @Test func packedSetsEqualInsertedSets() {
    var s = SuccessSizeSets()
    var direct: [Int: RecordSet] = [:]
    for (i, v) in [50, 7, 9, 1_000_000, 3, 7, 12, 99].enumerated() {
      let b = 43 + i % 3
      s.insert(.numeric(UInt32(v)), bucket: b)
      direct[b, default: RecordSet()].insert(.numeric(UInt32(v)))
    }
    s.forEach { b, set in #expect(set == direct[b]) }
  }

  @Test func emptyAndUnion() {
    var a = SuccessSizeSets()
    #expect(a.isEmpty && a.bucketCount == 0 && a.buckets.isEmpty && a.firstBucketSet.isEmpty)
    a.insert(.numeric(5), bucket: 44)
    var b = SuccessSizeSets()
    b.insert(.numeric(6), bucket: 43)
    b.insert(.numeric(5), bucket: 44)
    a.formUnion(b)
    #expect(contents(a) == [43: [.numeric(6)], 44: [.numeric(5)]])
    #expect(!a.isEmpty && a.buckets == [43, 44])
  }
}
