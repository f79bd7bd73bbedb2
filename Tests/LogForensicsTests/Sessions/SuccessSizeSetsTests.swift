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
                    (ids: 600, buckets: 9, hashedAt: -1), (ids: 400, buckets: 2, hashedAt: 200),
                    (ids: 20_000, buckets: 16, hashedAt: 9_000)])
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
    #expect(s.firstBucketSet.count == reference[first]!.count)
    let distinct = Set(reference.values.joined()).count
    #expect(s.distinctCount == distinct)
    s.settle()
    #expect(s.distinctCount == distinct && contents(s) == reference)
    #expect(s.hasNumericIds == reference.values.contains { $0.contains { if case .numeric = $0 { true } else { false } } })
  }

  /// The settled lists' distinct count across buckets: ids shared by buckets counted once,
  /// buckets that end early or hold one id, one bucket alone.
  @Test func frozenDistinctCountMergesTheBuckets() {
    var f = FrozenBucketIds()
    #expect(f.distinctCount == 0)
    let lists: [(UInt8, [UInt32])] = [(40, [5, 9, 1_000, 70_000]), (41, [9]), (43, [1, 5, 6, 9, 2_000_000, 4_000_000_000]), (50, [4_000_000_000])]
    for (b, ids) in lists { ids.withUnsafeBufferPointer { f.append(bucket: b, ids: $0) } }
    #expect(f.count == 12)
    #expect(f.distinctCount == Set(lists.flatMap(\.1)).count)
    var one = FrozenBucketIds()
    [3, 8, 13].withUnsafeBufferPointer { one.append(bucket: 42, ids: $0) }
    #expect(one.distinctCount == 3)
  }

  /// Trimming gives the spare room of the growing encoding back (a second bucket appended
  /// doubles the storage of the first), and the ids read back.
  @Test func trimGivesSpareRoomBack() {
    var f = FrozenBucketIds()
    let large = (0..<5_000).map { UInt32($0 * 1_237) }, small = (0..<100).map { UInt32($0 * 7) }
    large.withUnsafeBufferPointer { f.append(bucket: 40, ids: $0) }
    small.withUnsafeBufferPointer { f.append(bucket: 41, ids: $0) }
    #expect(f.capacity > f.bytes.count * 3 / 2, "the case trimming is for")
    f.trim()
    #expect(f.capacity <= f.bytes.count + f.bytes.count / 8 + 16)
    var back: [[UInt32]] = []
    f.forEachBucket { _, xs in back.append(Array(xs)) }
    #expect(back == [large, small])
  }

  /// The distinct count and whether numeric ids exist, read from the layout, in each
  /// layout: packed, one settled bucket (numeric and hashed ids), waiting ids, several buckets.
  @Test func distinctCountAndNumericIdsWithoutBuildingSets() {
    var s = SuccessSizeSets()
    #expect(s.distinctCount == 0 && !s.hasNumericIds)
    for v in [9, 3, 9, 700] { s.insert(.numeric(UInt32(v)), bucket: 44) }
    #expect(s.distinctCount == 3 && s.hasNumericIds)  // packed
    s.insert(.hashed(0xFEED), bucket: 44)  // per bucket from here on
    s.insert(.hashed(0xFEED), bucket: 44)
    #expect(s.distinctCount == 4 && s.hasNumericIds)
    for v in 1_000..<1_200 { s.insert(.numeric(UInt32(v)), bucket: 44) }  // some still waiting
    s.insert(.numeric(3), bucket: 44)
    #expect(s.distinctCount == 204)
    s.settle()
    #expect(s.distinctCount == 204)
    s.insert(.numeric(5), bucket: 41)  // a smaller bucket comes first
    s.insert(.numeric(9), bucket: 41)  // an id of two buckets counts once
    #expect(s.distinctCount == 205 && s.firstBucketSet.count == 2)
    s.settle()
    #expect(s.distinctCount == 205)
    var hashedOnly = SuccessSizeSets()
    hashedOnly.insert(.hashed(1), bucket: 40)
    #expect(!hashedOnly.hasNumericIds && hashedOnly.hasHashedIds && hashedOnly.distinctCount == 1)
    #expect(s.hasHashedIds)
    var numericOnly = SuccessSizeSets()
    numericOnly.insert(.numeric(1), bucket: 40)
    #expect(!numericOnly.hasHashedIds)
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

  /// Settled ids (delta-encoded) plus pending ones read back exactly, across many merges, and
  /// a copy keeps its own ids (copy on write of the per-bucket object).
  @Test func settledAndPendingIdsReadBackAndCopiesStayApart() {
    var s = SuccessSizeSets()
    var reference: [Int: Set<RecordKey>] = [:]
    var rng = SeededRNG(seed: 7)
    // A practice's patients: ids spread over 3 million numbers, read in any order, some twice.
    let ids = (0..<2_000).map { UInt32(100_000 + ($0 * 7_919) % 3_000_000) }
    for n in 0..<6_000 {
      let v = ids[Int(rng.next() % UInt64(ids.count))]
      let bucket = 40 + Int(rng.next() % 16)
      s.insert(.numeric(v), bucket: bucket)
      reference[bucket, default: []].insert(.numeric(v))
      if n == 3_000 {
        let copy = s
        s.insert(.numeric(4_000_000), bucket: 41)
        #expect(!contents(copy)[41, default: []].contains(.numeric(4_000_000)), "the copy does not see later ids")
        reference[41, default: []].insert(.numeric(4_000_000))
      }
    }
    #expect(contents(s) == reference)
    let stored = reference.values.reduce(0) { $0 + $1.count }
    // Gaps of a few thousand: about two bytes an id once settled (a sorted [UInt32] takes four).
    #expect(s.settledBytes > 0 && s.settledBytes < stored * 5 / 2, "\(s.settledBytes) bytes for \(stored) ids")
  }

  /// The encoding keeps ids at the ends of the range and buckets in order.
  @Test func frozenIdsRoundTrip() {
    var f = FrozenBucketIds()
    let parts: [(UInt8, [UInt32])] = [(0, [0, 1, 127, 128, 16_383, 16_384]), (7, [5]), (255, [1 << 31, UInt32.max - 1, UInt32.max])]
    for (b, ids) in parts { ids.withUnsafeBufferPointer { f.append(bucket: b, ids: $0) } }
    var back: [(UInt8, [UInt32])] = []
    f.forEachBucket { b, ids in back.append((b, Array(ids))) }
    #expect(back.map(\.0) == parts.map(\.0))
    #expect(back.map(\.1) == parts.map(\.1))
    #expect(f.count == 10 && f.buckets == [0, 7, 255])
  }

  /// Random buckets, dense and sparse, clustered and spread: each decodes to what was encoded.
  @Test func frozenIdsRoundTripAtEveryDensity() {
    var rng = SeededRNG(seed: 11)
    var f = FrozenBucketIds()
    var parts: [(UInt8, [UInt32])] = []
    for b in 0..<40 {
      let n = 1 + Int(rng.next() % 3_000)
      let range = UInt64(n) << (rng.next() % 20)  // from every id to one in a million
      var ids = Set<UInt32>()
      while ids.count < n { ids.insert(UInt32(truncatingIfNeeded: rng.next() % max(UInt64(n), range))) }
      if b % 5 == 0 { ids.insert(UInt32.max) }  // one far outlier: a long unary part
      let sorted = ids.sorted()
      sorted.withUnsafeBufferPointer { f.append(bucket: UInt8(b * 6), ids: $0) }
      parts.append((UInt8(b * 6), sorted))
    }
    var back: [(UInt8, [UInt32])] = []
    f.forEachBucket { b, ids in back.append((b, Array(ids))) }
    #expect(back.map(\.0) == parts.map(\.0))
    #expect(back.map(\.1) == parts.map(\.1))
  }

  /// Waiting ids keep their bucket and every bit of the id, repeats included, in five bytes.
  @Test func pendingIdsComeBackSorted() {
    var p = PendingIds()
    let entries: [(UInt8, UInt32)] = [(255, .max), (0, 0), (7, 0x0102_0304), (0, 0), (255, 1), (7, 0x8000_0000)]
    for (b, v) in entries { p.append(bucket: b, id: v) }
    #expect(p.count == entries.count)
    #expect(p.sortedWords() == entries.map { UInt64($0.0) << 32 | UInt64($0.1) }.sorted())
  }
}
