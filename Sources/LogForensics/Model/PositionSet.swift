// Model/PositionSet.swift - a set of small non-negative positions (actor or session indices), one bit each.

/// A set of positions (array indices), one bit each, walked in increasing order.
///
/// Holds the actors with a live session (it replaced a `Set<Int>` that was hashed on every
/// session opened and closed and sorted at every sweep: a sweep now reads one bit per actor,
/// 25 KB for 200 000 actors) and the sessions flagged by findings (a `Set<Int>` of 200 000
/// session indices took about 4 MB at the end of a run).
struct PositionSet: Sequence {
  private var words: [UInt64] = []
  /// Number of positions in the set.
  private(set) var count = 0

  mutating func insert(_ i: Int) {
    let w = i >> 6
    if w >= words.count { words.append(contentsOf: repeatElement(0, count: w + 1 - words.count)) }
    let bit: UInt64 = 1 << UInt64(i & 63)
    if words[w] & bit == 0 {
      words[w] |= bit
      count += 1
    }
  }

  mutating func remove(_ i: Int) {
    let w = i >> 6
    guard w < words.count else { return }
    let bit: UInt64 = 1 << UInt64(i & 63)
    if words[w] & bit != 0 {
      words[w] &= ~bit
      count -= 1
    }
  }

  /// Adds every position of `positions`.
  mutating func formUnion(_ positions: some Sequence<Int>) {
    for i in positions { insert(i) }
  }

  func contains(_ i: Int) -> Bool {
    let w = i >> 6
    return w < words.count && words[w] & (1 << UInt64(i & 63)) != 0
  }

  /// Walks the positions in increasing order (over a copy that shares the storage).
  struct Iterator: IteratorProtocol {
    fileprivate let words: [UInt64]
    fileprivate var index = -1
    fileprivate var rest: UInt64 = 0

    mutating func next() -> Int? {
      while rest == 0 {
        index += 1
        guard index < words.count else { return nil }
        rest = words[index]
      }
      let bit = rest.trailingZeroBitCount
      rest &= rest - 1
      return index << 6 | bit
    }
  }

  func makeIterator() -> Iterator { Iterator(words: words) }

  var underestimatedCount: Int { count }

  /// The positions in the set, increasing (a copy: the caller may change the set meanwhile).
  func sorted() -> [Int] { Array(self) }
}
