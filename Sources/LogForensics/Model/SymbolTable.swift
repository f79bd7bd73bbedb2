// Model/SymbolTable.swift - byte-keyed interning table used on the parsing hot path.

/// Interns byte strings without creating a `String` per lookup.
///
/// Bytes are stored once in a growing arena; an open-addressing hash table maps them to a
/// dense id. Looking up a value that is already present allocates nothing. `String`s are
/// only built when a value is rendered (``string(_:)``) and are then cached.
///
/// Not thread-safe: one table belongs to one parsing pipeline.
///
/// - Complexity: amortised O(n) in the length of the value for ``intern(_:)``.
///   Memory grows with the number and length of *distinct* values, never with lines.
public final class SymbolTable {
  private var arena: [UInt8] = []
  private var starts: [Int] = [0]  // index 0 = Symbol.none
  private var lengths: [Int] = [0]
  private var hashes: [UInt64] = [0]
  private var slots: [UInt32]  // 0 = empty, else symbol id
  private var mask: Int
  private var cache: [String?] = [""]

  public init() {
    slots = [UInt32](repeating: 0, count: 1024)
    mask = 1023
    arena.reserveCapacity(64 * 1024)
  }

  /// Number of distinct values interned (not counting ``Symbol/none``).
  public var count: Int { starts.count - 1 }

  /// Bytes held by the arena (for memory accounting).
  public var arenaBytes: Int { arena.count }

  /// Interns `bytes`; an empty buffer yields ``Symbol/none``.
  @inline(__always)
  public func intern(_ bytes: UnsafeRawBufferPointer) -> Symbol {
    let n = bytes.count
    if n == 0 { return .none }
    let h = SymbolTable.hash(bytes)
    var i = Int(truncatingIfNeeded: h) & mask
    while true {
      let id = slots[i]
      if id == 0 { break }
      let sid = Int(id)
      if hashes[sid] == h && lengths[sid] == n && equalBytes(sid, bytes) {
        return Symbol(rawValue: id)
      }
      i = (i + 1) & mask
    }
    let id = UInt32(starts.count)
    starts.append(arena.count)
    lengths.append(n)
    hashes.append(h)
    arena.append(contentsOf: bytes)
    cache.append(nil)
    slots[i] = id
    if starts.count * 2 > slots.count { grow() }
    return Symbol(rawValue: id)
  }

  /// Interns a Swift string (convenience for non-hot paths and tests).
  public func intern(_ string: String) -> Symbol {
    var s = string
    return s.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
  }

  /// Returns the id of `string` if it was interned, without adding it.
  public func lookup(_ string: String) -> Symbol? {
    var s = string
    return s.withUTF8 { buf -> Symbol? in
      let bytes = UnsafeRawBufferPointer(buf)
      if bytes.isEmpty { return Symbol.none }
      let h = SymbolTable.hash(bytes)
      var i = Int(truncatingIfNeeded: h) & mask
      while true {
        let id = slots[i]
        if id == 0 { return nil }
        let sid = Int(id)
        if hashes[sid] == h && lengths[sid] == bytes.count && equalBytes(sid, bytes) {
          return Symbol(rawValue: id)
        }
        i = (i + 1) & mask
      }
    }
  }

  /// The string for `symbol` (empty for ``Symbol/none``). Invalid UTF-8 is kept visible
  /// as `\xNN` escapes rather than replaced (see ``TextDecoding/string(_:)``).
  public func string(_ symbol: Symbol) -> String {
    let id = Int(symbol.rawValue)
    if let s = cache[id] { return s }
    let s = arena.withUnsafeBytes { raw in
      TextDecoding.string(UnsafeRawBufferPointer(rebasing: raw[starts[id]..<(starts[id] + lengths[id])]))
    }
    cache[id] = s
    return s
  }

  /// The raw bytes of `symbol`.
  public func bytes(_ symbol: Symbol) -> [UInt8] {
    let id = Int(symbol.rawValue)
    return Array(arena[starts[id]..<(starts[id] + lengths[id])])
  }

  @inline(__always)
  private func equalBytes(_ sid: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
    arena.withUnsafeBytes { raw in
      memcmp(raw.baseAddress! + starts[sid], bytes.baseAddress!, bytes.count) == 0
    }
  }

  private func grow() {
    let newCount = slots.count * 2
    var newSlots = [UInt32](repeating: 0, count: newCount)
    let newMask = newCount - 1
    for id in 1..<starts.count {
      var i = Int(truncatingIfNeeded: hashes[id]) & newMask
      while newSlots[i] != 0 { i = (i + 1) & newMask }
      newSlots[i] = UInt32(id)
    }
    slots = newSlots
    mask = newMask
  }

  /// 64-bit FNV-1a with a final avalanche; fast enough for short values and stable across runs.
  @inline(__always)
  static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
      h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
    }
    h ^= h >> 33
    h = h &* 0xff51_afd7_ed55_8ccd
    h ^= h >> 33
    return h
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
