// Sessions/DayIdSet.swift - the distinct ids of a track's current UTC day, counted cheaply.

/// The ids a track saw on its current day: only their number is ever read, and the set is
/// emptied at each new day.
///
/// Numeric ids go to an open-addressing table of `UInt32` (an insert is one hashed probe,
/// where a sorted array costs a binary search and a memory move); other ids to a
/// ``HashedIdSet``, as in ``RecordSet``, so ``count`` equals the count a ``RecordSet`` of the
/// same keys would give. ``removeAll()`` keeps the table's storage for the next day unless it
/// was mostly empty (a track does not regrow it every day). 5–11 bytes per id of the day.
struct DayIdSet: ~Copyable {
  /// Slots of numeric ids (a power of two of them, or none); 0 marks an empty slot (the id 0
  /// is kept in ``hasZero``). Owned: freed by `deinit`, copied by ``copy()`` (the set is not
  /// copyable, so the table is never shared, and an insert touches no reference count nor
  /// array header: one memory access to the slot in the common case).
  private var slots: UnsafeMutablePointer<UInt32>?
  private var capacity: UInt32 = 0
  private var numericCount: UInt32 = 0
  private var hasZero = false
  private var hashed = HashedIdSet()
  /// Numeric ids moved out of the table by ``settle()``: sorted, distinct, none of them in
  /// the table, in storage of their size (4 bytes an id, where the table takes 5–11).
  private var settled: UnsafeMutablePointer<UInt32>?
  private var settledCount: UInt32 = 0
  /// One bit per settled id (its ``filterBit(_:)``), 256 in all: an id whose bit is clear
  /// is not settled, so most new ids skip the binary search, whose every step is a cache
  /// miss on an idle track's list (a quarter of the time inserts took on the 1 GB stream).
  private var settledFilter: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

  init() {}

  deinit {
    slots?.deallocate()
    settled?.deallocate()
  }

  /// An independent set with the same ids.
  func copy() -> DayIdSet {
    var x = DayIdSet()
    if let s = slots {
      let p = UnsafeMutablePointer<UInt32>.allocate(capacity: Int(capacity))
      p.update(from: s, count: Int(capacity))
      x.slots = p
    }
    if let s = settled {
      let p = UnsafeMutablePointer<UInt32>.allocate(capacity: Int(settledCount))
      p.update(from: s, count: Int(settledCount))
      x.settled = p
    }
    x.settledCount = settledCount
    x.settledFilter = settledFilter
    x.capacity = capacity
    x.numericCount = numericCount
    x.hasZero = hasZero
    x.hashed = hashed
    return x
  }

  /// Number of distinct ids.
  var count: Int { Int(numericCount) + Int(settledCount) + (hasZero ? 1 : 0) + hashed.count }
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
      if settledCount > 0 && mayBeSettled(v) && isSettled(v) { return false }
      if (UInt64(numericCount) + 1) * 4 > UInt64(capacity) * 3 { grow() }
      let s = slots.unsafelyUnwrapped
      let mask = Int(capacity) - 1
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

  /// The bit of `v` in ``settledFilter`` (0–255): the top byte of a multiplicative hash,
  /// independent of the table slot (which comes from the bits below).
  @inline(__always)
  private static func filterBit(_ v: UInt32) -> Int {
    Int(truncatingIfNeeded: (UInt64(v) &* 0x9E37_79B9_7F4A_7C15) >> 56)
  }

  /// `false` when `v` is certainly not settled (its filter bit is clear).
  @inline(__always)
  private func mayBeSettled(_ v: UInt32) -> Bool {
    let b = DayIdSet.filterBit(v)
    let word = withUnsafeBytes(of: settledFilter) { $0.load(fromByteOffset: (b >> 6) * 8, as: UInt64.self) }
    return word & (1 << UInt64(b & 63)) != 0
  }

  /// `true` when `v` is among the settled ids (binary search).
  private func isSettled(_ v: UInt32) -> Bool {
    let s = settled.unsafelyUnwrapped
    var lo = 0, hi = Int(settledCount)
    while lo < hi {
      let mid = (lo + hi) >> 1
      if s[mid] < v { lo = mid + 1 } else { hi = mid }
    }
    return lo < Int(settledCount) && s[lo] == v
  }

  /// Moves the table's numeric ids to the sorted settled list and frees the table: called
  /// when the track's actor goes idle (its session closed), so a track waiting for its next
  /// request (the next session, the next day) holds its day's ids in 4 bytes each. The count
  /// and later inserts are unchanged. Tables of fewer than 16 ids are left as they are.
  mutating func settle() {
    guard numericCount >= 16, let table = slots else { return }
    let n = Int(settledCount) + Int(numericCount)
    let out = UnsafeMutablePointer<UInt32>.allocate(capacity: n)
    if let old = settled {
      out.initialize(from: old, count: Int(settledCount))
      old.deallocate()
    }
    var k = Int(settledCount)
    var filter = settledFilter
    withUnsafeMutableBytes(of: &filter) { f in
      for i in 0..<Int(capacity) where table[i] != 0 {
        out[k] = table[i]
        k += 1
        let b = DayIdSet.filterBit(table[i])
        let offset = (b >> 6) * 8
        f.storeBytes(of: f.load(fromByteOffset: offset, as: UInt64.self) | 1 << UInt64(b & 63), toByteOffset: offset, as: UInt64.self)
      }
    }
    settledFilter = filter
    // Two runs (the settled ids, already sorted, then the table's): the standard sort merges
    // runs, so this is about one pass.
    var all = UnsafeMutableBufferPointer(start: out, count: n)
    all.sort()
    table.deallocate()
    slots = nil
    capacity = 0
    numericCount = 0
    settled = out
    settledCount = UInt32(n)
  }

  /// Empties the set. The storage is kept for the next day when the day just ended filled
  /// at least an eighth of it, and freed otherwise (a busy day does not pin a large table).
  mutating func removeAll() {
    settled?.deallocate()
    settled = nil
    settledCount = 0
    settledFilter = (0, 0, 0, 0)
    if UInt64(numericCount) * 8 < UInt64(capacity) {
      slots?.deallocate()
      slots = nil
      capacity = 0
    } else if numericCount > 0, let s = slots {
      s.update(repeating: 0, count: Int(capacity))
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
    let oldCapacity = Int(capacity)
    let newCapacity = Swift.max(16, oldCapacity * 2)
    let s = UnsafeMutablePointer<UInt32>.allocate(capacity: newCapacity)
    s.initialize(repeating: 0, count: newCapacity)
    let mask = newCapacity - 1
    if let old = slots {
      for k in 0..<oldCapacity {
        let v = old[k]
        if v == 0 { continue }
        var i = DayIdSet.slot(v, mask)
        while s[i] != 0 { i = (i + 1) & mask }
        s[i] = v
      }
      old.deallocate()
    }
    slots = s
    capacity = UInt32(newCapacity)
  }
}
