// Sessions/SuccessSizeSets.swift - the ids a track saw answered with a success, by response-size bucket.

/// Record sets keyed by ``ResponseSizeModel`` bucket, smallest bucket first.
///
/// Two layouts, chosen by content only (so reports never depend on which one a track used):
///
/// - **Packed** (the start of every track): the numeric ids of up to ``packedBuckets``
///   buckets in *one* array, as consecutive segments (one per bucket, increasing bucket, ids
///   increasing within a segment), at most ``packedLimit`` ids in all. A swarm member of a
///   distributed campaign reads a few dozen records whose sizes fall in two or three
///   buckets: one array for them all costs 4 bytes an id plus one array header, where a set
///   per bucket cost three arrays with their headers and spare room (about 9 bytes an id).
/// - **Per bucket**: from the first id beyond those limits, or the first non-numeric id,
///   one ``BucketSets`` object holds the first bucket's ``RecordSet`` and the others in a
///   short sorted array. Lookups are a short linear scan. The object is allocated only then:
///   a packed track (the common case: every member of a swarm) does not carry the 72 bytes
///   of empty sets inline.
///
/// Readers see the same buckets and sets either way: ``forEach(_:)`` builds a packed
/// bucket's ``RecordSet`` when asked (with at most ``packedLimit`` ids, exactly the set the
/// per-bucket layout would hold).
struct SuccessSizeSets {
  /// Most ids (all buckets together) kept packed; at most ``RoaringBitmap/smallLimit``, so a
  /// bucket's set built from its segment has the same layout as one built by inserts.
  static let packedLimit = 1024
  /// Most buckets kept packed.
  static let packedBuckets = 4

  /// `false` while the ids are packed.
  private var perBucket: Bool { sets != nil }
  // Packed layout.
  private var packed: [UInt32] = []
  /// Bucket of each segment (increasing), and the end of each segment in `packed`.
  private var segmentBuckets: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
  private var segmentEnds: (UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0)
  private var segmentCount: UInt8 = 0
  /// The per-bucket layout (`nil` while the ids are packed). Shared by copies until one of
  /// them changes (copy on write).
  private var sets: BucketSets?
  private var firstBucket: Int16 { sets?.firstBucket ?? -1 }

  var isEmpty: Bool { perBucket ? firstBucket < 0 : segmentCount == 0 }

  /// Number of buckets with a set.
  var bucketCount: Int {
    guard let x = sets else { return Int(segmentCount) }
    return x.firstBucket < 0 ? 0 : 1 + x.more.count
  }

  /// Buckets in increasing order.
  var buckets: [UInt8] {
    guard let x = sets else { return (0..<Int(segmentCount)).map { segmentBucket($0) } }
    return x.firstBucket < 0 ? [] : [UInt8(x.firstBucket)] + x.more.map(\.bucket)
  }

  /// The set of the smallest bucket (empty when there is none).
  var firstBucketSet: RecordSet {
    guard let x = sets else { return segmentCount == 0 ? RecordSet() : segmentSet(0) }
    return x.firstSet
  }

  /// Adds `key` to the set of `bucket` (0...255).
  mutating func insert(_ key: RecordKey, bucket: Int) {
    let b = UInt8(min(255, max(0, bucket)))
    if !perBucket {
      if case .numeric(let v) = key, insertPacked(v, bucket: b) { return }
      unpack()
    }
    update(bucket: Int(b)) { $0.insert(key) }
  }

  /// Calls `body` with each bucket and its set, smallest bucket first.
  func forEach(_ body: (Int, RecordSet) -> Void) {
    guard let x = sets else {
      for i in 0..<Int(segmentCount) { body(Int(segmentBucket(i)), segmentSet(i)) }
      return
    }
    guard x.firstBucket >= 0 else { return }
    body(Int(x.firstBucket), x.firstSet)
    for m in x.more { body(Int(m.bucket), m.set) }
  }

  /// Adds every (bucket, id) of `other`.
  mutating func formUnion(_ other: SuccessSizeSets) {
    if !perBucket { unpack() }
    other.forEach { b, s in update(bucket: b) { $0.formUnion(s) } }
  }

  // MARK: - Per-bucket layout

  /// Runs `body` on the set of `bucket` (0...255), created empty if missing.
  private mutating func update(bucket: Int, _ body: (inout RecordSet) -> Void) {
    // Checked before any other reference to the object is taken (a `let` bound first would
    // make it look shared, and every insert would copy every set).
    if !isKnownUniquelyReferenced(&sets) { sets = sets?.copy() ?? BucketSets() }
    let x = sets.unsafelyUnwrapped
    let b = Int16(min(255, max(0, bucket)))
    if x.firstBucket < 0 || b == x.firstBucket {
      x.firstBucket = b
      body(&x.firstSet)
      return
    }
    if b < x.firstBucket {
      // The new bucket becomes the first; the old first moves to the front of the others.
      x.more.insert((UInt8(x.firstBucket), x.firstSet), at: 0)
      x.firstBucket = b
      x.firstSet = RecordSet()
      body(&x.firstSet)
      return
    }
    let u = UInt8(b)
    var i = 0
    while i < x.more.count && x.more[i].bucket < u { i += 1 }
    if i == x.more.count || x.more[i].bucket != u { x.more.insert((u, RecordSet()), at: i) }
    body(&x.more[i].set)
  }

  /// Moves the packed ids to one set per bucket (for good).
  private mutating func unpack() {
    let ids = packed
    let count = Int(segmentCount)
    var start = 0
    var bucketsAndEnds: [(UInt8, Int)] = []
    for i in 0..<count { bucketsAndEnds.append((segmentBucket(i), segmentEnd(i))) }
    packed = []
    segmentCount = 0
    sets = BucketSets()
    for (b, end) in bucketsAndEnds {
      update(bucket: Int(b)) { set in
        for k in start..<end { set.insert(.numeric(ids[k])) }
      }
      start = end
    }
  }

  // MARK: - Packed layout

  @inline(__always)
  private func segmentBucket(_ i: Int) -> UInt8 {
    withUnsafeBytes(of: segmentBuckets) { $0[i] }
  }

  @inline(__always)
  private func segmentEnd(_ i: Int) -> Int {
    Int(withUnsafeBytes(of: segmentEnds) { $0.load(fromByteOffset: i * 2, as: UInt16.self) })
  }

  @inline(__always)
  private func segmentStart(_ i: Int) -> Int { i == 0 ? 0 : segmentEnd(i - 1) }

  /// The set of segment `i` (built from its ids, which are sorted and distinct).
  private func segmentSet(_ i: Int) -> RecordSet {
    var s = RecordSet()
    for k in segmentStart(i)..<segmentEnd(i) { s.insert(.numeric(packed[k])) }
    return s
  }

  /// Adds `v` to the segment of `b`; `false` when that would break the packed limits (the
  /// caller unpacks and inserts it per bucket).
  private mutating func insertPacked(_ v: UInt32, bucket b: UInt8) -> Bool {
    let n = Int(segmentCount)
    var seg = 0
    while seg < n && segmentBucket(seg) < b { seg += 1 }
    let isNewSegment = seg == n || segmentBucket(seg) != b
    if isNewSegment && n == SuccessSizeSets.packedBuckets { return false }
    let start = segmentStart(seg)
    let end = isNewSegment ? start : segmentEnd(seg)
    // Ids read in increasing order are appended to their segment without a search.
    var p = end
    if end > start && v <= packed[end - 1] {
      var lo = start, hi = end
      while lo < hi {
        let mid = (lo + hi) >> 1
        if packed[mid] < v { lo = mid + 1 } else { hi = mid }
      }
      if packed[lo] == v { return true }  // already there (lo < end: v <= the last id)
      p = lo
    }
    guard packed.count < SuccessSizeSets.packedLimit else { return false }
    // Grow by a quarter, not double: most tracks stop at a few dozen ids, and the spare
    // room of hundreds of thousands of them is what a doubling array wastes (a copy of at
    // most 4 KiB every quarter is cheap next to the inserts that filled it).
    packed.growByAQuarterIfFull(minimumCapacity: 8, limit: SuccessSizeSets.packedLimit)
    packed.insert(v, at: p)
    withUnsafeMutableBytes(of: &segmentBuckets) { buckets in
      withUnsafeMutableBytes(of: &segmentEnds) { ends in
        if isNewSegment {
          // Make room for the new segment at `seg`: later segments move up one place.
          var k = n
          while k > seg {
            buckets[k] = buckets[k - 1]
            ends.storeBytes(of: ends.load(fromByteOffset: (k - 1) * 2, as: UInt16.self), toByteOffset: k * 2, as: UInt16.self)
            k -= 1
          }
          buckets[seg] = b
          ends.storeBytes(of: UInt16(start), toByteOffset: seg * 2, as: UInt16.self)
        }
        for k in seg...n where k < (isNewSegment ? n + 1 : n) {
          let e = ends.load(fromByteOffset: k * 2, as: UInt16.self)
          ends.storeBytes(of: e + 1, toByteOffset: k * 2, as: UInt16.self)
        }
      }
    }
    if isNewSegment { segmentCount += 1 }
    return true
  }
}

/// The per-bucket layout of ``SuccessSizeSets``: the smallest bucket's set, and the others.
final class BucketSets {
  /// The smallest bucket seen, or -1 while empty.
  var firstBucket: Int16 = -1
  var firstSet = RecordSet()
  /// The other buckets, increasing, with their sets (one array of pairs: one allocation,
  /// not one for the buckets and one for the sets).
  var more: [(bucket: UInt8, set: RecordSet)] = []

  /// An independent object with the same sets.
  func copy() -> BucketSets {
    let x = BucketSets()
    x.firstBucket = firstBucket
    x.firstSet = firstSet
    x.more = more
    return x
  }
}
