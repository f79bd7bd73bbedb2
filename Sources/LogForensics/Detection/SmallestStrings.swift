// Detection/SmallestStrings.swift - the few smallest distinct strings of a stream, in bounded memory.

/// Keeps the `limit` smallest distinct strings offered to it, in increasing order: the
/// prefix of `Array(Set(all)).sorted()`, without holding `all`.
///
/// Order and equality are `String`'s own `<` and `==` (the ones `sorted()` and `Set` use), so
/// strings that are canonically equivalent count as one. Of such equal strings the one with
/// the smallest UTF-8 bytes is kept, whatever the order they come in.
///
/// - Complexity: O(log `limit`) comparisons per offer, plus O(`limit`) moves when a string
///   enters; memory O(`limit`).
struct SmallestStrings {
  /// Most strings kept.
  let limit: Int
  /// The smallest distinct strings offered so far, increasing (at most ``limit``).
  private(set) var values: [String] = []

  init(limit: Int) {
    self.limit = max(0, limit)
    values.reserveCapacity(min(self.limit, 128))
  }

  /// Keeps `s` when it is among the ``limit`` smallest distinct strings offered so far.
  mutating func offer(_ s: String) {
    if values.count == limit {
      guard let top = values.last, s <= top else { return }
    }
    // First index whose value is not below `s`.
    var lo = 0, hi = values.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if values[mid] < s { lo = mid + 1 } else { hi = mid }
    }
    if lo < values.count && values[lo] == s {
      if s.utf8.lexicographicallyPrecedes(values[lo].utf8) { values[lo] = s }
      return
    }
    values.insert(s, at: lo)
    if values.count > limit { values.removeLast() }
  }
}
