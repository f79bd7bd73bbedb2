// Sessions/DistinctLog.swift - a distinct count whose deduplication waits until it is read.

import CPrefetch

/// The distinct values of a set whose only question is "how many": a day's ids of a record
/// track (``DayIdSet``). (A session's records stay in a table, ``SessionRecordHashes``: a
/// log did not help there, since its last line is as cold as the table's slot.)
///
/// Each value is appended to the end of a buffer, unsorted. When the buffer is full or the
/// count is asked for, the appended run is sorted, cleared of repeats and of values already
/// kept, and merged into the sorted prefix of distinct values. An append is one store (no
/// load of a slot, as a hash table needs, nor a search): on the 1 GB benchmark stream the
/// probe of the day set's table and the search of its settled ids were two thirds of the
/// time its inserts took, each a cache miss on a table of a track that was not in the cache.
///
/// After a merge the buffer has room for half as many values again as it keeps (at least
/// ``minimumRoom``), so each value is sorted once and moved a few times (the merges took
/// 0.6–1 % of the 1 GB stream's samples, where the table's probes took 7 %). Memory: the
/// distinct values, plus the
/// room, plus repeats appended since the last merge (at most the room): at most
/// 1.5 × the distinct values + ``minimumRoom`` values; exactly the distinct values after
/// ``settle()`` (from 16 of them).
struct DistinctLog<Value: FixedWidthInteger & UnsignedInteger>: ~Copyable {
  /// `storage[0 ..< settled]`: distinct values, ascending; `storage[settled ..< used]`:
  /// values appended since, in arrival order, repeats included.
  private var storage: UnsafeMutablePointer<Value>?
  private var capacity: Int32 = 0
  private var settled: Int32 = 0
  private var used: Int32 = 0

  /// Fewest free places left after a merge.
  static var minimumRoom: Int { 8 }

  init() {}

  deinit { storage?.deallocate() }

  /// `true` when nothing was appended since the set was made or emptied.
  var isEmpty: Bool { used == 0 }

  /// Places allocated (for tests and sizing).
  var allocatedCount: Int { Int(capacity) }

  /// Lookahead: where the next value is written.
  @inline(__always)
  func prefetchTail() {
    if let s = storage, used < capacity { lf_prefetch(UnsafeRawPointer(s + Int(used))) }
  }

  /// Adds `value`.
  @inline(__always)
  mutating func append(_ value: Value) {
    if used == capacity { merge(leavingRoom: true) }
    storage.unsafelyUnwrapped[Int(used)] = value
    used &+= 1
  }

  /// Number of distinct values (merges the values appended since the last merge).
  mutating func count() -> Int {
    if used > settled { merge(leavingRoom: false) }
    return Int(settled)
  }

  /// The distinct count without merging (a copy is merged): for a set that cannot be
  /// changed where it is read.
  func countWithoutMerging() -> Int {
    if used == settled { return Int(settled) }
    var c = copy()
    return c.count()
  }

  /// Merges the appended values and frees the room left for more, from 16 distinct values:
  /// called when the owner goes idle, so a set waiting for its next value holds its values
  /// in their own size.
  mutating func settle() {
    if used > settled { merge(leavingRoom: false) }
    guard settled >= 16, capacity > settled, let old = storage else { return }
    let n = Int(settled)
    let p = UnsafeMutablePointer<Value>.allocate(capacity: n)
    p.initialize(from: old, count: n)
    old.deallocate()
    storage = p
    capacity = settled
  }

  /// Empties the set. The storage is kept for the next values when the values just removed
  /// filled at least an eighth of it, and freed otherwise (a busy day does not pin a large
  /// buffer).
  mutating func removeAll() {
    if Int64(used) * 8 < Int64(capacity) {
      storage?.deallocate()
      storage = nil
      capacity = 0
    }
    settled = 0
    used = 0
  }

  /// An independent set with the same values.
  func copy() -> DistinctLog {
    var x = DistinctLog()
    if let s = storage {
      let p = UnsafeMutablePointer<Value>.allocate(capacity: Int(capacity))
      p.initialize(from: s, count: Int(used))
      x.storage = p
      x.capacity = capacity
      x.settled = settled
      x.used = used
    }
    return x
  }

  /// Sorts the appended run, drops its repeats and the values already settled, merges the
  /// rest into the settled prefix and, with `leavingRoom`, makes sure at least half as many
  /// places as values (and ``minimumRoom``) are free.
  ///
  /// New values above every settled one stay where they are. Otherwise the two sorted runs
  /// are merged forward into a new buffer, of the size the room asks for: one pass and one
  /// allocation whether or not the buffer grows.
  private mutating func merge(leavingRoom: Bool) {
    let s = Int(settled)
    var n = s
    var merged = true  // the distinct values are `storage[0 ..< n]`, ascending
    if Int(used) > s, let base = storage {
      let fresh = DistinctLog.sortAndDropKnown(base, settled: s, appended: Int(used) - s)
      n = s + fresh
      merged = fresh == 0 || s == 0 || base[s - 1] < base[s]
    }
    let room = Swift.max(DistinctLog.minimumRoom, n / 2)
    let newCapacity = leavingRoom && Int(capacity) - n < room ? n + room : Int(capacity)
    if merged && newCapacity == Int(capacity) {
      settled = Int32(n)
      used = Int32(n)
      return
    }
    let p = UnsafeMutablePointer<Value>.allocate(capacity: newCapacity)
    if let old = storage {
      if merged {
        p.initialize(from: old, count: n)
      } else {
        // Forward merge of `old[0 ..< s]` and `old[s ..< n]` (disjoint, each ascending).
        var i = 0, f = s, out = 0
        while i < s && f < n {
          if old[i] < old[f] {
            (p + out).initialize(to: old[i])
            i += 1
          } else {
            (p + out).initialize(to: old[f])
            f += 1
          }
          out += 1
        }
        if i < s { (p + out).initialize(from: old + i, count: s - i) }
        if f < n { (p + out).initialize(from: old + f, count: n - f) }
      }
      old.deallocate()
    }
    storage = p
    capacity = Int32(newCapacity)
    settled = Int32(n)
    used = Int32(n)
  }

  /// Sorts `base[settled ..< settled + appended]` and keeps, at its start, only the values
  /// that are neither repeated in it nor in the sorted distinct prefix `base[0 ..< settled]`;
  /// returns how many were kept.
  private static func sortAndDropKnown(_ base: UnsafeMutablePointer<Value>, settled s: Int, appended k: Int) -> Int {
    var run = UnsafeMutableBufferPointer(start: base + s, count: k)
    run.sort()  // merges runs: an enumeration's ascending ids cost one pass
    // The settled prefix is walked by galloping from the last match, so a short run costs
    // O(k log s), a long one O(s + k).
    var fresh = 0
    var j = 0
    for r in 0..<k {
      let v = run[r]
      if fresh > 0 && run[fresh - 1] == v { continue }
      j = firstIndex(notBelow: v, in: base, from: j, to: s)
      if j < s && base[j] == v { continue }
      run[fresh] = v
      fresh += 1
    }
    return fresh
  }

  /// The first index in `lo ..< hi` whose value is at least `v` (`hi` if none), by galloping
  /// from `lo`: the values of `base[lo ..< hi]` ascend.
  @inline(__always)
  private static func firstIndex(notBelow v: Value, in base: UnsafeMutablePointer<Value>, from lo: Int, to hi: Int) -> Int {
    if lo >= hi || base[lo] >= v { return lo }
    // base[lo] < v: find a bound past v by doubling steps, then search between.
    var low = lo, step = 1
    var high = lo + 1
    while high < hi && base[high] < v {
      low = high
      step &<<= 1
      high = lo + step
    }
    if high > hi { high = hi }
    // base[low] < v, and base[high] >= v or high == hi.
    var a = low + 1, b = high
    while a < b {
      let mid = (a + b) >> 1
      if base[mid] < v { a = mid + 1 } else { b = mid }
    }
    return a
  }
}
