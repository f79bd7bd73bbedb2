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

  /// Folds the pending run into the table.
  mutating func flush() {
    if pendingCount > 0, let k = pendingKey { table[k, default: 0] += pendingCount }
    pendingCount = 0
    pendingKey = nil
  }

  /// Exact counts per key (folds the pending run).
  var counts: [Key: Int] {
    mutating get {
      flush()
      return table
    }
  }
}
