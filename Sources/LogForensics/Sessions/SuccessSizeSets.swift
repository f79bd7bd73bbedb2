// Sessions/SuccessSizeSets.swift - the ids a track saw answered with a success, by response-size bucket.

/// Record sets keyed by ``ResponseSizeModel`` bucket, as two parallel arrays sorted by bucket.
///
/// A track's successes fall into a handful of buckets (a record's size varies by a few
/// quarter-octaves), so a sorted array costs a few bytes per bucket where a dictionary of
/// sets cost a hash table per track; lookups are a short linear scan.
struct SuccessSizeSets {
  /// Buckets in increasing order.
  private(set) var buckets: [UInt8] = []
  /// `sets[i]` holds the ids answered with a success of bucket `buckets[i]`.
  private(set) var sets: [RecordSet] = []

  var isEmpty: Bool { buckets.isEmpty }

  /// Adds `key` to the set of `bucket` (0...255).
  mutating func insert(_ key: RecordKey, bucket: Int) {
    let b = UInt8(clamping: bucket)
    var i = 0
    while i < buckets.count && buckets[i] < b { i += 1 }
    if i == buckets.count || buckets[i] != b {
      buckets.insert(b, at: i)
      sets.insert(RecordSet(), at: i)
    }
    sets[i].insert(key)
  }

  /// Calls `body` with each bucket and its set, smallest bucket first.
  func forEach(_ body: (Int, RecordSet) -> Void) {
    for i in buckets.indices { body(Int(buckets[i]), sets[i]) }
  }

  /// Adds every (bucket, id) of `other`.
  mutating func formUnion(_ other: SuccessSizeSets) {
    for i in other.buckets.indices {
      other.sets[i].forEachKey { insert($0, bucket: Int(other.buckets[i])) }
    }
  }
}
