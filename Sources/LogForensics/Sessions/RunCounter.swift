// Sessions/RunCounter.swift - a per-key counter that pays one hash lookup per run of equal keys.

/// Counts occurrences per key, buffering the current run of equal keys.
///
/// An actor's requests mostly repeat its IP, user agent and hour, so counting the run in a
/// plain integer and folding it into the dictionary only when the key changes saves a hash
/// lookup on most events. ``counts`` folds the pending run first, so readers always see the
/// exact totals.
struct RunCounter<Key: Hashable> {
  private var table: [Key: Int] = [:]
  private var pendingKey: Key?
  private var pendingCount = 0

  @inline(__always)
  mutating func add(_ key: Key) {
    if pendingCount > 0 && pendingKey == key {
      pendingCount += 1
    } else {
      flush()
      pendingKey = key
      pendingCount = 1
    }
  }

  /// Adds `n` occurrences of `key` at once (merging counters).
  mutating func add(_ key: Key, count n: Int) {
    guard n > 0 else { return }
    if pendingCount > 0 && pendingKey == key {
      pendingCount += n
    } else {
      flush()
      pendingKey = key
      pendingCount = n
    }
  }

  /// Folds the pending run into the table.
  mutating func flush() {
    if pendingCount > 0, let k = pendingKey { table[k, default: 0] += pendingCount }
    pendingCount = 0
    pendingKey = nil
  }

  /// Exact counts per key, the pending run included (builds a dictionary: for reports).
  var counts: [Key: Int] {
    var t = table
    if pendingCount > 0, let k = pendingKey { t[k, default: 0] += pendingCount }
    return t
  }

  /// Number of distinct keys (builds nothing).
  var distinctCount: Int {
    guard pendingCount > 0, let k = pendingKey else { return table.count }
    return table[k] == nil ? table.count + 1 : table.count
  }

  /// `true` when `key` was counted.
  func contains(_ key: Key) -> Bool { (pendingCount > 0 && pendingKey == key) || table[key] != nil }

  /// Calls `body` with every key and its exact count (in no particular order).
  func forEach(_ body: (Key, Int) -> Void) {
    var pendingFolded = false
    for (k, c) in table {
      if pendingCount > 0 && k == pendingKey {
        body(k, c + pendingCount)
        pendingFolded = true
      } else {
        body(k, c)
      }
    }
    if pendingCount > 0, !pendingFolded, let k = pendingKey { body(k, pendingCount) }
  }
}

extension RunCounter where Key: Comparable {
  /// The most counted key; the smallest key among equals (deterministic).
  var dominant: Key? {
    var best: Key?
    var bestCount = 0
    forEach { k, c in
      if best == nil || c > bestCount || (c == bestCount && k < best!) {
        best = k
        bestCount = c
      }
    }
    return best
  }
}
