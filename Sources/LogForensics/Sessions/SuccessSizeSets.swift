// Sessions/SuccessSizeSets.swift - the ids a track saw answered with a success, by response-size bucket.

import CPrefetch

/// Record sets keyed by ``ResponseSizeModel`` bucket, smallest bucket first.
///
/// **Each id is in one bucket: the largest it was answered with.** A record answered once
/// with an error-sized body and once in full was exposed, and is not a miss; a record read
/// again with another size (a list of observations that grew, a compressed answer) is one
/// record, not two entries. On 50 M lines of staff traffic, whose sub-resources come back
/// with sizes of many buckets, a set per bucket held 28.3 M entries for 17.6 M distinct
/// (track, id) pairs.
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
///   one ``BucketSets`` object. Its numeric ids settle, by bucket, in a delta encoding of
///   about two bytes an id (``FrozenBucketIds``); new ones wait in a flat list, merged in
///   once it reaches a sixteenth of the settled ids, into a second, smaller encoding while
///   that stays under an eighth of the first, so each id is re-encoded a bounded number of
///   times (about 10) and an insert is an append. Non-numeric ids keep one ``HashedIdSet`` per
///   bucket. The object is allocated only then: a packed track (the common case: every
///   member of a swarm) carries none of it.
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

  var isEmpty: Bool {
    guard let x = sets else { return segmentCount == 0 }
    return x.frozen.isEmpty && x.isSettled && x.hashed.isEmpty
  }

  /// Bytes of the settled ids' encoding (0 in the packed layout): for tests and sizing.
  var settledBytes: Int { sets.map { $0.frozen.bytes.count + $0.recent.bytes.count } ?? 0 }

  /// Number of buckets with a set.
  var bucketCount: Int {
    guard let x = sets else { return Int(segmentCount) }
    return x.buckets.count
  }

  /// Merges ids waiting in the per-bucket layout into the settled ones (the track is complete:
  /// every later read decodes the settled ids only, and the waiting list is freed). An object
  /// shared with a copy is left as it is: merging would copy it.
  mutating func settle() {
    guard sets?.isSettled == false, isKnownUniquelyReferenced(&sets) else { return }
    sets.unsafelyUnwrapped.merge()
  }

  /// Buckets in increasing order.
  var buckets: [UInt8] {
    guard let x = sets else { return (0..<Int(segmentCount)).map { segmentBucket($0) } }
    return x.buckets
  }

  /// The set of the smallest bucket (empty when there is none).
  var firstBucketSet: RecordSet {
    guard let x = sets else { return segmentCount == 0 ? RecordSet() : segmentSet(0) }
    return x.firstSet
  }

  /// Number of distinct ids, all buckets together: the sum of the buckets' counts (an id is
  /// in one bucket only), read from the layout; no set is built.
  var distinctCount: Int {
    guard let x = sets else { return packed.count }
    return x.numericCount + x.hashed.reduce(0) { $0 + $1.set.count }
  }

  /// `true` when some bucket holds a non-numeric id (no set is built).
  var hasHashedIds: Bool { sets.map { !$0.hashed.isEmpty } ?? false }

  /// `true` when some bucket holds a numeric id (no set is built).
  var hasNumericIds: Bool {
    guard let x = sets else { return segmentCount > 0 }
    return !x.frozen.isEmpty || !x.isSettled
  }

  /// The per-bucket object's address, `nil` while the ids are packed: read as bytes, since
  /// a read of the reference would retain it (for lookahead hints).
  @inline(__always)
  private mutating func perBucketAddress() -> UnsafeRawPointer? {
    UnsafeRawPointer(bitPattern: withUnsafeBytes(of: &sets) { $0.load(as: UInt.self) })
  }

  /// Lookahead: the first two lines of the packed ids (their array's buffer, read without a
  /// retain), or of the per-bucket object.
  @inline(__always)
  mutating func prefetchStorage() {
    lf_prefetch_range(perBucketAddress() ?? ArrayStorage.buffer(of: &packed), 128)
  }

  /// Lookahead: the header (count, capacity) of the per-bucket object's waiting list, when
  /// there is one (ask for the object first: ``prefetchStorage()``).
  @inline(__always)
  mutating func prefetchPendingHeader() {
    guard let p = perBucketAddress() else { return }
    Unmanaged<BucketSets>.fromOpaque(p)._withUnsafeGuaranteedRef { $0.pending.prefetchHeader() }
  }

  /// Lookahead: where the per-bucket object's next waiting id is written (ask for the
  /// header first: ``prefetchPendingHeader()``).
  @inline(__always)
  mutating func prefetchPendingTail() {
    guard let p = perBucketAddress() else { return }
    Unmanaged<BucketSets>.fromOpaque(p)._withUnsafeGuaranteedRef { $0.pending.prefetchTail() }
  }

  /// Adds `key` to the set of `bucket` (0...255).
  mutating func insert(_ key: RecordKey, bucket: Int) {
    let b = UInt8(min(255, max(0, bucket)))
    if !perBucket {
      if case .numeric(let v) = key, insertPacked(v, bucket: b) { return }
      unpack()
    }
    uniqueSets()._withUnsafeGuaranteedRef { $0.insert(key, bucket: b) }
  }

  /// Calls `body` with each bucket and its set, smallest bucket first.
  func forEach(_ body: (Int, RecordSet) -> Void) {
    guard let x = sets else {
      for i in 0..<Int(segmentCount) { body(Int(segmentBucket(i)), segmentSet(i)) }
      return
    }
    x.forEach(body)
  }

  /// Adds every (bucket, id) of `other`.
  mutating func formUnion(_ other: SuccessSizeSets) {
    if !perBucket { unpack() }
    uniqueSets()._withUnsafeGuaranteedRef { x in other.forEach { b, s in x.formUnion(s, bucket: UInt8(b)) } }
  }

  // MARK: - Per-bucket layout

  /// The per-bucket object, copied first if another value shares it (copy on write), without a
  /// retain: `sets` holds it until the next change of `self`, so callers use it at once
  /// (`_withUnsafeGuaranteedRef`). A strong reference was a retain and a release, atomic
  /// writes, on every insert of a large track.
  @inline(__always)
  private mutating func uniqueSets() -> Unmanaged<BucketSets> {
    // Checked before any other reference to the object is taken (a `let` bound first would
    // make it look shared, and every insert would copy every set).
    if !isKnownUniquelyReferenced(&sets) { sets = sets?.copy() ?? BucketSets() }
    return Unmanaged.passUnretained(sets.unsafelyUnwrapped)
  }

  /// Moves the packed ids to the per-bucket layout (for good): each segment is already a
  /// sorted bucket, encoded as it is.
  private mutating func unpack() {
    let x = BucketSets()
    packed.withUnsafeBufferPointer { ids in
      for i in 0..<Int(segmentCount) {
        let start = segmentStart(i), end = segmentEnd(i)
        if end > start { x.frozen.append(bucket: segmentBucket(i), ids: UnsafeBufferPointer(rebasing: ids[start..<end])) }
      }
    }
    packed = []
    segmentCount = 0
    sets = x
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
    // Each id once, in the largest bucket it was answered with.
    if let (seg, at) = packedPlace(of: v, otherThan: b) {
      if segmentBucket(seg) >= b { return true }
      removePacked(at: at, segment: seg)
    }
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
      let lo = packed.lowerBound(of: v, in: start..<end)
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

  /// The segment of `v` and its place in `packed`, when it is in a segment of another
  /// bucket than `b` (the insert itself finds it in `b`'s).
  private func packedPlace(of v: UInt32, otherThan b: UInt8) -> (segment: Int, index: Int)? {
    for seg in 0..<Int(segmentCount) where segmentBucket(seg) != b {
      let start = segmentStart(seg), end = segmentEnd(seg)
      guard start < end, packed[start] <= v, v <= packed[end - 1] else { continue }
      let lo = packed.lowerBound(of: v, in: start..<end)
      if packed[lo] == v { return (seg, lo) }
    }
    return nil
  }

  /// Removes the id at `p` of segment `seg`, and the segment when it is left empty.
  private mutating func removePacked(at p: Int, segment seg: Int) {
    packed.remove(at: p)
    let n = Int(segmentCount)
    let emptied = withUnsafeMutableBytes(of: &segmentBuckets) { buckets in
      withUnsafeMutableBytes(of: &segmentEnds) { ends -> Bool in
        for k in seg..<n {
          ends.storeBytes(of: ends.load(fromByteOffset: k * 2, as: UInt16.self) - 1, toByteOffset: k * 2, as: UInt16.self)
        }
        let start = seg == 0 ? 0 : ends.load(fromByteOffset: (seg - 1) * 2, as: UInt16.self)
        guard ends.load(fromByteOffset: seg * 2, as: UInt16.self) == start else { return false }
        for k in seg..<(n - 1) {
          buckets[k] = buckets[k + 1]
          ends.storeBytes(of: ends.load(fromByteOffset: (k + 1) * 2, as: UInt16.self), toByteOffset: k * 2, as: UInt16.self)
        }
        return true
      }
    }
    if emptied { segmentCount -= 1 }
  }
}

/// The per-bucket layout of ``SuccessSizeSets``: settled numeric ids, numeric ids added since,
/// and the non-numeric ids of each bucket. Every id is in one bucket only, the largest it was
/// answered with (pending ids are placed when they are merged, or when read).
final class BucketSets {
  /// Numeric ids merged in, by bucket.
  var frozen = FrozenBucketIds()
  /// Numeric ids merged in since ``frozen`` was last rebuilt, by bucket: a smaller second
  /// level (under an eighth of ``frozen``), so that most merges re-encode it and not all of
  /// the track's ids. Each id is in one of its buckets, but it may be in ``frozen`` too (in
  /// any bucket): the two levels are placed together when ``frozen`` is rebuilt or read.
  var recent = FrozenBucketIds()
  /// Numeric ids added since the last merge, in arrival order, repeats included.
  var pending = PendingIds()
  /// Non-numeric ids per bucket, increasing bucket.
  var hashed: [(bucket: UInt8, set: HashedIdSet)] = []
  /// Fewest pending ids merged at once (a small track would otherwise re-encode its ids every
  /// few requests).
  static let minimumPending = 64

  /// An independent object with the same ids.
  func copy() -> BucketSets {
    let x = BucketSets()
    x.frozen = frozen
    x.recent = recent
    x.pending = pending
    x.hashed = hashed
    return x
  }

  /// Adds `key` to `bucket`.
  func insert(_ key: RecordKey, bucket b: UInt8) {
    switch key {
    case .numeric(let v):
      pending.append(bucket: b, id: v)
      mergeIfDue()
    case .hashed(let h):
      insertHashed(h, bucket: b)
    }
  }

  /// Adds every id of `set` to `bucket`.
  func formUnion(_ set: RecordSet, bucket b: UInt8) {
    set.numeric.forEach { v in pending.append(bucket: b, id: v) }
    set.hashed.forEach { insertHashed($0, bucket: b) }
    mergeIfDue()
  }

  /// Merges once the waiting ids reach a sixteenth of the settled ones (at least
  /// ``minimumPending``): into ``recent`` while it stays under an eighth of ``frozen``, into
  /// ``frozen`` (both levels) otherwise. An id is thus re-encoded about 10 times as the track
  /// grows, where merging every time into one level re-encoded it about 17 times (a merge
  /// re-encodes what it merges into: a sixteenth more each time). On the 1 GB benchmark
  /// stream merges took 21 % fewer of the run's samples (8.8 → 7.0 %); a quarter instead of an
  /// eighth saved 29 % but held 2.5 MiB more on 50 M benign lines (an eighth: 0.9 MiB).
  private func mergeIfDue() {
    guard pending.count >= max(BucketSets.minimumPending, frozen.count / 16) else { return }
    if (recent.count + pending.count) * 8 >= frozen.count {
      merge()
    } else {
      recent = BucketSets.placing(pending.sortedByIdWords(), into: recent)
      pending = PendingIds()
    }
  }

  /// `true` while every numeric id is in ``frozen`` (reads decode it as it is).
  var isSettled: Bool { pending.isEmpty && recent.isEmpty }

  /// Adds the non-numeric `h` to bucket `b`, unless a larger bucket holds it; a smaller one
  /// gives it up.
  private func insertHashed(_ h: UInt64, bucket b: UInt8) {
    var i = 0
    while i < hashed.count {
      if hashed[i].bucket != b && hashed[i].set.contains(h) {
        if hashed[i].bucket > b { return }
        hashed[i].set.remove(h)
        if hashed[i].set.isEmpty { hashed.remove(at: i) }
        break
      }
      i += 1
    }
    i = 0
    while i < hashed.count && hashed[i].bucket < b { i += 1 }
    if i == hashed.count || hashed[i].bucket != b { hashed.insert((b, HashedIdSet()), at: i) }
    hashed[i].set.insert(h)
  }

  /// Number of numeric ids: the settled ones' count, with the waiting ones placed when there
  /// are any (their encoding is built and counted, no set).
  var numericCount: Int { isSettled ? frozen.count : resolved().count }

  /// Merges the pending and recent ids into ``frozen``.
  func merge() {
    guard !isSettled else { return }
    frozen = resolved()
    recent = FrozenBucketIds()
    pending = PendingIds()
  }

  /// Every numeric id placed in one encoding: ``frozen`` with ``recent`` and the pending ids.
  private func resolved() -> FrozenBucketIds {
    var words = pending.sortedByIdWords()
    if !recent.isEmpty {
      words.reserveCapacity(words.count + recent.count)
      recent.forEachBucket { b, ids in
        for v in ids { words.append(UInt64(v) << 8 | UInt64(b)) }
      }
      words.sort()  // sorted runs (the pending ids, then each recent bucket): merged
    }
    return BucketSets.placing(words, into: frozen)
  }

  /// The ids of `frozen` with those of `words` placed (`id << 8 | bucket`, sorted, repeats
  /// allowed): each id once, in the largest bucket it was answered with.
  ///
  /// The settled buckets are decoded from the largest down, so that a pending id is known to
  /// be held by a larger settled bucket before its own bucket is written; each bucket is
  /// encoded on its own, and the encodings are joined in increasing order. No list of all
  /// the ids is built (a track may hold millions).
  private static func placing(_ pendingWords: consuming [UInt64], into frozen: FrozenBucketIds) -> FrozenBucketIds {
    // The pending ids, each once with its largest bucket, in id order: `id << 8 | bucket`
    // words, with ``notPlaced`` set on those a settled bucket keeps.
    var words = pendingWords
    var n = 0
    for w in words {
      if n > 0 && words[n - 1] >> 8 == w >> 8 { words[n - 1] = w } else { words[n] = w; n += 1 }
    }
    words.removeLast(words.count - n)
    let notPlaced: UInt64 = 1 << 63
    @inline(__always) func id(_ k: Int) -> UInt32 { UInt32(truncatingIfNeeded: words[k] >> 8) }
    @inline(__always) func bucket(_ k: Int) -> UInt8 { UInt8(truncatingIfNeeded: words[k]) }
    // Pending places grouped by bucket, in id order within a bucket: `bucket << 32 | place`.
    var byBucket = [UInt64](unsafeUninitializedCapacity: n) { buffer, count in
      for k in 0..<n { buffer[k] = UInt64(words[k] & 0xFF) << 32 | UInt64(k) }
      count = n
    }
    byBucket.sort()
    // A bit per hashed pending id: most settled ids are told apart from every pending one by
    // one bit, without a search (a walk over the pending ids for each settled bucket cost as
    // much as decoding them).
    let filterBits = max(64, 1 << (Int.bitWidth - (n * 8 - 1).leadingZeroBitCount))  // a power of two ≥ 8 per id
    var filter = [UInt64](repeating: 0, count: filterBits / 64)
    let shift = UInt64(64 - filterBits.trailingZeroBitCount)
    @inline(__always) func filterSlot(_ v: UInt32) -> Int { Int(truncatingIfNeeded: (UInt64(v) &* 0x9E37_79B9_7F4A_7C15) >> shift) }
    for k in 0..<n {
      let h = filterSlot(id(k))
      filter[h >> 6] |= 1 << UInt64(h & 63)
    }
    let settled = frozen.bucketPlaces()
    // Buckets are encoded largest first into one scratch encoding, then copied in increasing
    // order (a few allocations a merge, not two per bucket).
    var scratch = FrozenBucketIds(reservingBytes: frozen.bytes.count + 3 * n + 16 * (settled.count + 1))
    var s = settled.count - 1, e = n - 1
    var decoded: [UInt32] = [], out: [UInt32] = []
    while s >= 0 || e >= 0 {
      let b = max(s >= 0 ? settled[s].bucket : 0, e >= 0 ? UInt8(truncatingIfNeeded: byBucket[e] >> 32) : 0)
      // The pending places of `b`: `byBucket[groupStart ... e]` before `e` moves on.
      let groupEnd = e + 1
      while e >= 0 && UInt8(truncatingIfNeeded: byBucket[e] >> 32) == b { e -= 1 }
      let groupStart = e + 1
      @inline(__always) func place(_ g: Int) -> Int { Int(truncatingIfNeeded: byBucket[g] & 0xFFFF_FFFF) }
      out.removeAll(keepingCapacity: true)
      if s >= 0 && settled[s].bucket == b {
        frozen.decodeBucket(at: settled[s].offset, into: &decoded)
        s -= 1
        // Settled ids of `b` met among the pending ones: a pending id of a larger bucket takes
        // it away; one of this bucket or a smaller one is not needed. The pending ids of `b`
        // still placed here are merged in on the way (their flags are final once passed: a
        // settled id equal to one of them comes before it).
        var g = groupStart
        for v in decoded {
          while g < groupEnd && id(place(g)) < v {
            if words[place(g)] & notPlaced == 0 { out.append(id(place(g))) }
            g += 1
          }
          let h = filterSlot(v)
          if filter[h >> 6] & (1 << UInt64(h & 63)) != 0 {
            var lo = 0, hi = n
            while lo < hi {
              let mid = (lo + hi) >> 1
              if id(mid) < v { lo = mid + 1 } else { hi = mid }
            }
            if lo < n && id(lo) == v {
              if bucket(lo) > b { continue }
              words[lo] |= notPlaced
            }
          }
          out.append(v)
        }
        while g < groupEnd {
          if words[place(g)] & notPlaced == 0 { out.append(id(place(g))) }
          g += 1
        }
      } else {
        for g in groupStart..<groupEnd where words[place(g)] & notPlaced == 0 { out.append(id(place(g))) }
      }
      if !out.isEmpty { out.withUnsafeBufferPointer { scratch.append(bucket: b, ids: $0) } }
    }
    return FrozenBucketIds(reversingBucketsOf: scratch)
  }

  /// Calls `body` with each bucket holding numeric ids, increasing, and its ids (settled and
  /// pending together: sorted, distinct, each id in one bucket; the buffer is valid during
  /// the call only).
  private func forEachNumericBucket(_ body: (UInt8, UnsafeBufferPointer<UInt32>) -> Void) {
    if isSettled { frozen.forEachBucket(body) } else { resolved().forEachBucket(body) }
  }

  /// The set of the smallest bucket (empty when there is none).
  var firstSet: RecordSet {
    var first: RecordSet?
    forEach { _, s in if first == nil { first = s } }
    return first ?? RecordSet()
  }

  /// Buckets holding any id, increasing.
  var buckets: [UInt8] {
    var numeric: [UInt8] = []
    (isSettled ? frozen : resolved()).forEachBucketCount { b, _ in numeric.append(b) }  // no id decoded
    var out: [UInt8] = []
    var h = 0
    for b in numeric {
      while h < hashed.count && hashed[h].bucket < b {
        out.append(hashed[h].bucket)
        h += 1
      }
      if h < hashed.count && hashed[h].bucket == b { h += 1 }
      out.append(b)
    }
    out.append(contentsOf: hashed[h...].map(\.bucket))
    return out
  }

  /// Calls `body` with each bucket and its set (numeric and non-numeric ids), increasing.
  func forEach(_ body: (Int, RecordSet) -> Void) {
    var h = 0
    forEachNumericBucket { b, ids in
      while h < hashed.count && hashed[h].bucket < b {
        body(Int(hashed[h].bucket), RecordSet(numeric: RoaringBitmap(), hashed: hashed[h].set))
        h += 1
      }
      var set = HashedIdSet()
      if h < hashed.count && hashed[h].bucket == b {
        set = hashed[h].set
        h += 1
      }
      body(Int(b), RecordSet(numeric: RoaringBitmap(sortedDistinct: Array(ids)), hashed: set))
    }
    while h < hashed.count {
      body(Int(hashed[h].bucket), RecordSet(numeric: RoaringBitmap(), hashed: hashed[h].set))
      h += 1
    }
  }
}

/// Ids waiting to be merged into a track's settled ids: five bytes each (the bucket, then the
/// id, least significant byte first), in arrival order, repeats included. A (bucket, id) word
/// took eight: these lists hold up to a sixteenth of a track's settled ids (at an eighth, they
/// held 16 MiB as words on 50 M benign lines, 10 MiB in five bytes).
struct PendingIds {
  private var bytes: [UInt8] = []

  var count: Int { bytes.count / 5 }
  var isEmpty: Bool { bytes.isEmpty }

  /// Lookahead: the list's header (count and capacity).
  @inline(__always)
  mutating func prefetchHeader() { lf_prefetch(ArrayStorage.buffer(of: &bytes) + ArrayStorage.countOffset) }

  /// Lookahead: where the next id is written (reads the header).
  @inline(__always)
  mutating func prefetchTail() { lf_prefetch(ArrayStorage.end(of: &bytes)) }

  /// Appends one id of `bucket`.
  @inline(__always)
  mutating func append(bucket: UInt8, id: UInt32) {
    bytes.growByAQuarterIfFull(adding: 5, minimumStep: 80)  // many tracks hold such a list
    bytes.append(bucket)
    withUnsafeBytes(of: id.littleEndian) { bytes.append(contentsOf: $0) }
  }

  /// The ids as `id << 8 | bucket` words, sorted (by id, then bucket).
  func sortedByIdWords() -> [UInt64] {
    var out: [UInt64] = []
    out.reserveCapacity(count)
    bytes.withUnsafeBytes { b in
      var p = 0
      while p < b.count {
        let id = UInt32(littleEndian: b.loadUnaligned(fromByteOffset: p + 1, as: UInt32.self))
        out.append(UInt64(id) << 8 | UInt64(b[p]))
        p += 5
      }
    }
    out.sort()
    return out
  }
}
