// Sessions/SuccessSizeSets.swift - the ids a track saw answered with a success, by response-size bucket.

/// Record sets keyed by ``ResponseSizeModel`` bucket, smallest bucket first.
///
/// A track's successes fall into a handful of buckets (a record's size varies by a few
/// quarter-octaves), most often one or two: the first bucket's set is stored inline and the
/// others in a short sorted array, so a track costs no hash table and, for one bucket, no
/// array either. Lookups are a short linear scan.
struct SuccessSizeSets {
  /// The smallest bucket seen, or -1 while empty.
  private var firstBucket: Int16 = -1
  private var firstSet = RecordSet()
  /// The other buckets, increasing, with their sets (one array of pairs: one allocation,
  /// not one for the buckets and one for the sets).
  private var more: [(bucket: UInt8, set: RecordSet)] = []

  var isEmpty: Bool { firstBucket < 0 }

  /// Number of buckets with a set.
  var bucketCount: Int { isEmpty ? 0 : 1 + more.count }

  /// Buckets in increasing order.
  var buckets: [UInt8] { isEmpty ? [] : [UInt8(firstBucket)] + more.map(\.bucket) }

  /// The set of the smallest bucket (empty when there is none).
  var firstBucketSet: RecordSet { firstSet }

  /// Adds `key` to the set of `bucket` (0...255).
  mutating func insert(_ key: RecordKey, bucket: Int) {
    update(bucket: bucket) { $0.insert(key) }
  }

  /// Runs `body` on the set of `bucket` (0...255), created empty if missing.
  private mutating func update(bucket: Int, _ body: (inout RecordSet) -> Void) {
    let b = Int16(min(255, max(0, bucket)))
    if firstBucket < 0 || b == firstBucket {
      firstBucket = b
      body(&firstSet)
      return
    }
    if b < firstBucket {
      // The new bucket becomes the first; the old first moves to the front of the others.
      more.insert((UInt8(firstBucket), firstSet), at: 0)
      firstBucket = b
      firstSet = RecordSet()
      body(&firstSet)
      return
    }
    let u = UInt8(b)
    var i = 0
    while i < more.count && more[i].bucket < u { i += 1 }
    if i == more.count || more[i].bucket != u { more.insert((u, RecordSet()), at: i) }
    body(&more[i].set)
  }

  /// Calls `body` with each bucket and its set, smallest bucket first.
  func forEach(_ body: (Int, RecordSet) -> Void) {
    guard !isEmpty else { return }
    body(Int(firstBucket), firstSet)
    for x in more { body(Int(x.bucket), x.set) }
  }

  /// Adds every (bucket, id) of `other`.
  mutating func formUnion(_ other: SuccessSizeSets) {
    other.forEach { b, s in update(bucket: b) { $0.formUnion(s) } }
  }
}
