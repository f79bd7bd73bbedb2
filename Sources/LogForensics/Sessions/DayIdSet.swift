// Sessions/DayIdSet.swift - the distinct ids of a track's current UTC day, counted cheaply.

/// The ids a track saw on its current day: only their number is ever read, and the set is
/// emptied at each new day.
///
/// Numeric ids go to an open-addressing table of `UInt32` (an insert is one hashed probe,
/// where a sorted array costs a binary search and a memory move); other ids to a
/// ``HashedIdSet``, as in ``RecordSet``, so ``count`` equals the count a ``RecordSet`` of the
/// same keys would give. ``removeAll()`` keeps the table's storage for the next day unless it
/// was mostly empty (a track does not regrow it every day). 8–16 bytes per id of the day.
struct DayIdSet {
  /// Slots of numeric ids; 0 marks an empty slot (the id 0 is kept in ``hasZero``).
  private var slots: [UInt32] = []
  private var numericCount = 0
  private var hasZero = false
  private var hashed = HashedIdSet()

  /// Number of distinct ids.
  var count: Int { numericCount + (hasZero ? 1 : 0) + hashed.count }
  var isEmpty: Bool { count == 0 }

  /// Inserts `key`; returns `true` when it was new.
  @discardableResult
  mutating func insert(_ key: RecordKey) -> Bool {
    switch key {
    case .hashed(let h): return hashed.insert(h)
    case .numeric(let v):
      if v == 0 {
        if hasZero { return false }
        hasZero = true
        return true
      }
      if (numericCount + 1) * 4 > slots.count * 3 { grow() }
      return slots.withUnsafeMutableBufferPointer { s in
        let mask = s.count - 1
        var i = DayIdSet.slot(v, mask)
        while true {
          let x = s[i]
          if x == 0 {
            s[i] = v
            numericCount += 1
            return true
          }
          if x == v { return false }
          i = (i + 1) & mask
        }
      }
    }
  }

  /// Empties the set. The storage is kept for the next day when the day just ended filled
  /// at least an eighth of it, and freed otherwise (a busy day does not pin a large table).
  mutating func removeAll() {
    if numericCount * 8 < slots.count {
      slots = []
    } else if numericCount > 0 {
      slots.withUnsafeMutableBufferPointer { s in
        if let base = s.baseAddress { base.update(repeating: 0, count: s.count) }
      }
    }
    numericCount = 0
    hasZero = false
    if !hashed.isEmpty { hashed = HashedIdSet() }
  }

  @inline(__always)
  private static func slot(_ v: UInt32, _ mask: Int) -> Int {
    Int(truncatingIfNeeded: (UInt64(v) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
  }

  private mutating func grow() {
    let old = slots
    slots = [UInt32](repeating: 0, count: Swift.max(16, old.count * 2))
    slots.withUnsafeMutableBufferPointer { s in
      let mask = s.count - 1
      for v in old where v != 0 {
        var i = DayIdSet.slot(v, mask)
        while s[i] != 0 { i = (i + 1) & mask }
        s[i] = v
      }
    }
  }
}
