// Sessions/DayIdSet.swift - the distinct ids of a track's current UTC day, counted cheaply.

/// The ids a track saw on its current day: only their number is ever read, and the set is
/// emptied at each new day.
///
/// Numeric ids go to a ``DistinctLog`` (an insert is one store; repeats are dropped when the
/// count is read or the log is full); other ids to a ``HashedIdSet``, as in ``RecordSet``, so
/// ``count`` equals the count a ``RecordSet`` of the same keys would give. 4–6 bytes per
/// numeric id of the day, 4 once settled (``settle()``).
struct DayIdSet: ~Copyable {
  private var numeric = DistinctLog<UInt32>()
  private var hashed = HashedIdSet()

  init() {}

  /// An independent set with the same ids.
  func copy() -> DayIdSet {
    var x = DayIdSet()
    x.numeric = numeric.copy()
    x.hashed = hashed
    return x
  }

  /// Number of distinct ids. Reads only: ids noted since the last merge are merged in a
  /// copy (none are once the track is settled: ``merge()``).
  var count: Int { numeric.countWithoutMerging() + hashed.count }

  /// Number of distinct ids, merging the numeric ids noted since the last merge.
  mutating func mergedCount() -> Int { numeric.count() + hashed.count }

  /// Merges the numeric ids noted since the last merge (keeps the room for more).
  mutating func merge() { _ = numeric.count() }

  var isEmpty: Bool { numeric.isEmpty && hashed.isEmpty }

  /// Lookahead: where the next numeric id is written.
  @inline(__always)
  func prefetchTail() { numeric.prefetchTail() }

  /// Notes `key`.
  @inline(__always)
  mutating func insert(_ key: RecordKey) {
    switch key {
    case .hashed(let h): hashed.insert(h)
    case .numeric(let v): numeric.append(v)
    }
  }

  /// Merges the numeric ids and frees the room kept for more: called when the track's actor
  /// goes idle (its session closed), so a track waiting for its next request (the next
  /// session, the next day) holds its day's ids in 4 bytes each. The count and later inserts
  /// are unchanged. Sets of fewer than 16 ids are merged but keep their room.
  mutating func settle() { numeric.settle() }

  /// Empties the set (see ``DistinctLog/removeAll()`` for the storage kept).
  mutating func removeAll() {
    numeric.removeAll()
    if !hashed.isEmpty { hashed = HashedIdSet() }
  }
}
