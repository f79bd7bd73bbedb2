// Sessions/ActorIndex.swift - actor keys to actor numbers: one multiply-hashed probe per event.

import CPrefetch

/// Maps an ``ActorKey`` to the actor's position in the engine's actor list.
///
/// Every event looks its actor up, so this replaces a `Dictionary<ActorKey, Int>` (SipHash
/// of an enum per lookup, and 24-byte buckets) by an open-addressing table of packed keys:
/// a key is one `UInt64` (``packed(_:)``), hashed with one multiplication, and the table
/// keeps keys and values in two flat buffers (12 bytes a slot, at most ¾ full). Removal
/// shifts the following entries back (no tombstones), so lookups never slow down as actors
/// come and go.
///
/// - Complexity: O(1) expected per lookup, insert and removal; memory grows with the number
///   of actors (16–32 bytes each).
struct ActorIndex: ~Copyable {
  /// Slot keys; ``empty`` marks a free slot.
  private var keys: UnsafeMutablePointer<UInt64>
  private var values: UnsafeMutablePointer<Int32>
  private var mask: Int
  /// Number of actors in the table.
  private(set) var count = 0

  /// Never a packed key: user and credential keys have a symbol below `UInt32.max` in their
  /// low half.
  private static let empty = UInt64.max

  init() {
    let capacity = 1024
    keys = .allocate(capacity: capacity)
    keys.initialize(repeating: ActorIndex.empty, count: capacity)
    values = .allocate(capacity: capacity)
    values.initialize(repeating: 0, count: capacity)
    mask = capacity - 1
  }

  deinit {
    keys.deallocate()
    values.deallocate()
  }

  /// The key as one number: the IP and user agent symbols side by side for a client, and
  /// for a user or credential its symbol under a high half that no IP symbol reaches
  /// (`0xFFFF_FFFF` for users, `0xFFFF_FFFE` for credentials: a table would need four billion
  /// symbols first).
  @inline(__always)
  static func packed(_ key: ActorKey) -> UInt64 {
    switch key {
    case .user(let u): return 0xFFFF_FFFF_0000_0000 | UInt64(u.rawValue)
    case .credential(let c): return 0xFFFF_FFFE_0000_0000 | UInt64(c.rawValue)
    case .client(let ip, let ua): return UInt64(ip.rawValue) << 32 | UInt64(ua.rawValue)
    }
  }

  @inline(__always)
  private func home(_ k: UInt64) -> Int {
    Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
  }

  /// Lookahead: the home slot of `key` (its key and its value).
  @inline(__always)
  func prefetchSlot(_ key: ActorKey) {
    let i = home(ActorIndex.packed(key))
    lf_prefetch(UnsafeRawPointer(keys + i))
    lf_prefetch(UnsafeRawPointer(values + i))
  }

  /// The position stored for `key`, if any.
  @inline(__always)
  subscript(key: ActorKey) -> Int? {
    let k = ActorIndex.packed(key)
    var i = home(k)
    while true {
      let x = keys[i]
      if x == k { return Int(values[i]) }
      if x == ActorIndex.empty { return nil }
      i = (i + 1) & mask
    }
  }

  /// Stores `position` for `key` (replacing any previous one).
  mutating func set(_ key: ActorKey, _ position: Int) {
    precondition(position >= 0 && position <= Int(Int32.max), "actor position out of range")
    let k = ActorIndex.packed(key)
    var i = home(k)
    while true {
      let x = keys[i]
      if x == k {
        values[i] = Int32(position)
        return
      }
      if x == ActorIndex.empty { break }
      i = (i + 1) & mask
    }
    keys[i] = k
    values[i] = Int32(position)
    count += 1
    if count * 4 > (mask + 1) * 3 { grow() }
  }

  /// Removes `key`, if present.
  mutating func remove(_ key: ActorKey) {
    let k = ActorIndex.packed(key)
    var i = home(k)
    while true {
      let x = keys[i]
      if x == ActorIndex.empty { return }
      if x == k { break }
      i = (i + 1) & mask
    }
    // Backward-shift deletion: move later entries of the probe run into the hole when their
    // home slot is not between the hole and themselves.
    var hole = i
    var j = i
    while true {
      j = (j + 1) & mask
      let y = keys[j]
      if y == ActorIndex.empty { break }
      let h = home(y)
      let movable = hole <= j ? (h <= hole || h > j) : (h <= hole && h > j)
      if movable {
        keys[hole] = y
        values[hole] = values[j]
        hole = j
      }
    }
    keys[hole] = ActorIndex.empty
    count -= 1
  }

  private mutating func grow() {
    let oldKeys = keys
    let oldValues = values
    let oldCapacity = mask + 1
    let capacity = oldCapacity * 2
    keys = .allocate(capacity: capacity)
    keys.initialize(repeating: ActorIndex.empty, count: capacity)
    values = .allocate(capacity: capacity)
    values.initialize(repeating: 0, count: capacity)
    mask = capacity - 1
    for s in 0..<oldCapacity where oldKeys[s] != ActorIndex.empty {
      var i = home(oldKeys[s])
      while keys[i] != ActorIndex.empty { i = (i + 1) & mask }
      keys[i] = oldKeys[s]
      values[i] = oldValues[s]
    }
    oldKeys.deallocate()
    oldValues.deallocate()
  }
}
