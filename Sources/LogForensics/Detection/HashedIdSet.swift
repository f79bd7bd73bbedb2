// Detection/HashedIdSet.swift - compact set of 64-bit hashes for non-numeric record ids.

/// An open-addressing set of 64-bit values (hashes of identifiers that are not small
/// integers: NIRs, UUIDs, opaque tokens).
///
/// Eight bytes per id at a load factor of at most 1/2. Two distinct identifiers collide
/// with probability about n²/2⁶⁵, negligible for the tens of millions of ids a breach
/// involves. The value 0 is stored out of line.
public struct HashedIdSet: Sendable, Equatable {
  private var slots: [UInt64]
  private var hasZero = false
  /// Number of values in the set.
  public private(set) var count = 0

  public init() { slots = [] }

  public var isEmpty: Bool { count == 0 }

  @inline(__always)
  private static func mix(_ x: UInt64) -> UInt64 {
    var h = x
    h ^= h >> 33
    h = h &* 0xff51_afd7_ed55_8ccd
    h ^= h >> 33
    return h
  }

  /// Inserts `value`; returns `true` when it was new.
  @discardableResult
  public mutating func insert(_ value: UInt64) -> Bool {
    if value == 0 {
      if hasZero { return false }
      hasZero = true
      count += 1
      return true
    }
    if (count + 1) * 2 > slots.count { grow() }
    let mask = slots.count - 1
    var i = Int(truncatingIfNeeded: HashedIdSet.mix(value)) & mask
    while true {
      let s = slots[i]
      if s == 0 {
        slots[i] = value
        count += 1
        return true
      }
      if s == value { return false }
      i = (i + 1) & mask
    }
  }

  /// Removes `value`; returns `true` when it was present. Later values of its probe run move
  /// back into the gap (backward-shift deletion: no tombstones, lookups stay as short).
  @discardableResult
  public mutating func remove(_ value: UInt64) -> Bool {
    if value == 0 {
      guard hasZero else { return false }
      hasZero = false
      count -= 1
      return true
    }
    guard !slots.isEmpty else { return false }
    let mask = slots.count - 1
    var i = Int(truncatingIfNeeded: HashedIdSet.mix(value)) & mask
    while slots[i] != value {
      if slots[i] == 0 { return false }
      i = (i + 1) & mask
    }
    // `i` is the gap; a later value moves into it unless its home lies cyclically in (i, j].
    var j = i
    while true {
      j = (j + 1) & mask
      let v = slots[j]
      if v == 0 { break }
      let home = Int(truncatingIfNeeded: HashedIdSet.mix(v)) & mask
      let stays = i <= j ? (i < home && home <= j) : (i < home || home <= j)
      if !stays {
        slots[i] = v
        i = j
      }
    }
    slots[i] = 0
    count -= 1
    return true
  }

  /// `true` when `value` is present.
  public func contains(_ value: UInt64) -> Bool {
    if value == 0 { return hasZero }
    guard !slots.isEmpty else { return false }
    let mask = slots.count - 1
    var i = Int(truncatingIfNeeded: HashedIdSet.mix(value)) & mask
    while true {
      let s = slots[i]
      if s == 0 { return false }
      if s == value { return true }
      i = (i + 1) & mask
    }
  }

  /// Calls `body` with every value (in an unspecified but deterministic order).
  public func forEach(_ body: (UInt64) -> Void) {
    if hasZero { body(0) }
    for s in slots where s != 0 { body(s) }
  }

  /// Adds every value of `other`.
  public mutating func formUnion(_ other: HashedIdSet) {
    other.forEach { insert($0) }
  }

  private mutating func grow() {
    let old = slots
    slots = [UInt64](repeating: 0, count: Swift.max(16, old.count * 2))
    let mask = slots.count - 1
    for v in old where v != 0 {
      var i = Int(truncatingIfNeeded: HashedIdSet.mix(v)) & mask
      while slots[i] != 0 { i = (i + 1) & mask }
      slots[i] = v
    }
  }

  /// Hashes an identifier's text (stable across runs).
  public static func hash(_ text: String) -> UInt64 {
    var s = text
    return s.withUTF8 { SymbolTable.hash(UnsafeRawBufferPointer($0)) }
  }
}
