import Testing

@testable import LogForensics

/// What the sets must hold: each id in the largest bucket it was inserted with.
private struct LargestBucketModel {
  var bucketOf: [RecordKey: Int] = [:]

  mutating func insert(_ key: RecordKey, bucket: Int) { bucketOf[key] = max(bucketOf[key] ?? bucket, bucket) }

  var byBucket: [Int: Set<RecordKey>] {
    var out: [Int: Set<RecordKey>] = [:]
    for (k, b) in bucketOf { out[b, default: []].insert(k) }
    return out
  }
}

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
    var model = LargestBucketModel()
    for n in 0..<ids * 2 {
      // A second non-numeric id, read again later with another size.
      let key: RecordKey = n == hashedAt ? .hashed(0xDEAD_BEEF) : hashedAt >= 0 && (n == hashedAt + 7 || n == ids + hashedAt) ? .hashed(0xC0FFEE) : .numeric(UInt32(rng.next() % UInt64(ids)))
      let bucket = 40 + Int(rng.next() % UInt64(buckets))
      s.insert(key, bucket: bucket)
      model.insert(key, bucket: bucket)
      if n % 97 == 0 { #expect(contents(s) == model.byBucket) }
    }
    let reference = model.byBucket
    #expect(contents(s) == reference)
    #expect(s.bucketCount == reference.count)
    #expect(s.buckets.map(Int.init) == reference.keys.sorted())
    let first = reference.keys.min()!
    var firstKeys = Set<RecordKey>()
    s.firstBucketSet.forEachKey { firstKeys.insert($0) }
    #expect(firstKeys == reference[first])
    #expect(s.firstBucketSet.count == reference[first]!.count)
    let distinct = model.bucketOf.count
    #expect(s.distinctCount == distinct)
    s.settle()
    #expect(s.distinctCount == distinct && contents(s) == reference)
    #expect(s.hasNumericIds == reference.values.contains { $0.contains { if case .numeric = $0 { true } else { false } } })
  }

  /// An id read again moves to a larger bucket and never to a smaller one, whether the
  /// earlier read is settled or waiting, in the packed layout, per bucket and for
  /// non-numeric ids: a miss-sized answer followed by a full one is an exposed record.
  @Test func anIdStaysInTheLargestBucketItWasAnsweredWith() {
    for perBucket in [false, true] {
      var s = SuccessSizeSets()
      if perBucket { s.insert(.hashed(0xAB), bucket: 30) }
      s.insert(.numeric(7), bucket: 35)  // error-sized first
      s.insert(.numeric(8), bucket: 44)
      s.insert(.numeric(7), bucket: 44)  // then the record
      s.insert(.numeric(8), bucket: 35)  // an error after the record: still exposed
      s.settle()
      s.insert(.numeric(8), bucket: 46)  // settled in 44, now waiting for 46
      s.insert(.numeric(9), bucket: 35)
      s.insert(.hashed(0xAB), bucket: 44)
      s.insert(.hashed(0xAB), bucket: 31)
      let expected: [Int: Set<RecordKey>] = [35: [.numeric(9)], 44: [.numeric(7), .hashed(0xAB)], 46: [.numeric(8)]]
      #expect(contents(s) == expected, "perBucket \(perBucket)")
      #expect(s.distinctCount == 4 && s.buckets == [35, 44, 46] && s.bucketCount == 3)
      s.settle()
      #expect(contents(s) == expected && s.distinctCount == 4)
    }
  }

  /// A merge moves settled ids to the larger buckets of waiting ones across many buckets,
  /// keeps what a smaller waiting bucket repeats, and stores its encoding without spare room.
  @Test func mergePlacesSettledAndWaitingIdsTogether() {
    let x = BucketSets()
    var model = LargestBucketModel()
    var rng = SeededRNG(seed: 5)
    for round in 0..<6 {
      for _ in 0..<(500 + round * 300) {
        let v = UInt32(rng.next() % 3_000), b = UInt8(40 + rng.next() % 12)
        x.insert(.numeric(v), bucket: b)
        model.insert(.numeric(v), bucket: Int(b))
      }
      x.merge()
      #expect(x.isSettled && x.frozen.count == model.bucketOf.count)
      #expect(x.frozen.capacity <= x.frozen.bytes.count + 32, "\(x.frozen.capacity) for \(x.frozen.bytes.count) bytes")
      var seen: [Int: Set<RecordKey>] = [:]
      x.forEach { b, set in set.forEachKey { seen[b, default: []].insert($0) } }
      #expect(seen == model.byBucket)
    }
  }

  /// Ids merged into the second level (``BucketSets/recent``) read as one set with the
  /// settled and waiting ones at every point: an id in both levels counts once, in its
  /// largest bucket, and a full merge leaves one level of exactly the model's ids.
  @Test func secondLevelIdsReadWithTheSettledOnes() {
    let x = BucketSets()
    var model = LargestBucketModel()
    var rng = SeededRNG(seed: 11)
    var sawRecent = false, sawRebuild = false
    var lastFrozen = 0
    for n in 0..<40_000 {
      // Mostly new ids, some read again in another bucket (larger or smaller).
      let v = rng.next() % 4 == 0 ? UInt32(rng.next() % UInt64(n + 1)) * 3 : UInt32(n) * 3
      let b = UInt8(40 + rng.next() % 8)
      x.insert(.numeric(v), bucket: b)
      model.insert(.numeric(v), bucket: Int(b))
      if !x.recent.isEmpty { sawRecent = true }
      if x.frozen.count != lastFrozen && lastFrozen > 0 && x.recent.isEmpty { sawRebuild = true }
      lastFrozen = x.frozen.count
      if n % 4_999 == 0 || (n > 30_000 && n % 977 == 0) {
        #expect(x.numericCount == model.bucketOf.count, "at \(n)")
        var seen: [Int: Set<RecordKey>] = [:]
        x.forEach { b, set in set.forEachKey { seen[b, default: []].insert($0) } }
        #expect(seen == model.byBucket, "at \(n)")
        #expect(x.buckets.map(Int.init) == model.byBucket.keys.sorted())
      }
    }
    #expect(sawRecent && sawRebuild, "both levels used")
    // While the second level holds ids, the first holds more than eight times as many.
    #expect(x.recent.isEmpty || x.recent.count * 8 < x.frozen.count)
    x.merge()
    #expect(x.isSettled && x.recent.isEmpty && x.frozen.count == model.bucketOf.count)
  }

  /// A settled bucket decodes at its place, in any order.
  @Test func bucketsDecodeAtTheirPlaces() {
    var f = FrozenBucketIds()
    let large = (0..<5_000).map { UInt32($0 * 1_237) }, small = (0..<100).map { UInt32($0 * 7) }
    large.withUnsafeBufferPointer { f.append(bucket: 40, ids: $0) }
    small.withUnsafeBufferPointer { f.append(bucket: 41, ids: $0) }
    let places = f.bucketPlaces()
    #expect(places.map(\.bucket) == [40, 41] && places[0].offset == 0)
    var ids: [UInt32] = [1, 2, 3]
    f.decodeBucket(at: places[1].offset, into: &ids)
    #expect(ids == small)
    f.decodeBucket(at: places[0].offset, into: &ids)
    #expect(ids == large)
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
    s.insert(.numeric(9), bucket: 41)  // stays in the larger bucket 44: counted once
    #expect(s.distinctCount == 205 && s.firstBucketSet.count == 1)
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
    var model = LargestBucketModel()
    for (i, v) in [50, 7, 9, 1_000_000, 3, 7, 12, 99].enumerated() {
      s.insert(.numeric(UInt32(v)), bucket: 43 + i % 3)
      model.insert(.numeric(UInt32(v)), bucket: 43 + i % 3)
    }
    var direct: [Int: RecordSet] = [:]
    for (k, b) in model.bucketOf.sorted(by: { $0.value < $1.value }) { direct[b, default: RecordSet()].insert(k) }
    var buckets = 0
    s.forEach { b, set in
      #expect(set == direct[b])
      buckets += 1
    }
    #expect(buckets == direct.count)
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
    var model = LargestBucketModel()
    var rng = SeededRNG(seed: 7)
    // A practice's patients: ids spread over 3 million numbers, read in any order, some twice.
    let ids = (0..<2_000).map { UInt32(100_000 + ($0 * 7_919) % 3_000_000) }
    for n in 0..<6_000 {
      let v = ids[Int(rng.next() % UInt64(ids.count))]
      let bucket = 40 + Int(rng.next() % 16)
      s.insert(.numeric(v), bucket: bucket)
      model.insert(.numeric(v), bucket: bucket)
      if n == 3_000 {
        let copy = s
        s.insert(.numeric(4_000_000), bucket: 41)
        #expect(!contents(copy)[41, default: []].contains(.numeric(4_000_000)), "the copy does not see later ids")
        model.insert(.numeric(4_000_000), bucket: 41)
      }
    }
    #expect(contents(s) == model.byBucket)
    let stored = model.bucketOf.count
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
    #expect(p.sortedByIdWords() == entries.map { UInt64($0.1) << 8 | UInt64($0.0) }.sorted())
  }
}
