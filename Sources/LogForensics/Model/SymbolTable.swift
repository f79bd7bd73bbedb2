// Model/SymbolTable.swift - byte-keyed interning table used on the parsing hot path.

import CPrefetch

/// Interns byte strings without creating a `String` per lookup.
///
/// Bytes are stored once in a growing arena; an open-addressing hash table maps them to a
/// dense id. Looking up a value that is already present allocates nothing. `String`s are
/// only built when a value is rendered (``string(_:)``) and are then cached.
///
/// One writer: only one thread at a time may call ``intern(_:)`` and ``lookup(_:)``. Other
/// threads may call ``string(_:)`` and ``bytes(_:)`` concurrently for symbols they received
/// from the writer through a synchronising hand-off (a locked queue): growing the arena or
/// the entry array swaps their pointers under a lock that those readers take too.
///
/// - Complexity: amortised O(n) in the length of the value for ``intern(_:)``.
///   Memory grows with the number and length of *distinct* values, never with lines.
public final class SymbolTable {
  /// Where a symbol's bytes are in the arena, and their table hash.
  private struct Entry {
    var start: Int
    var length: Int
    var hash: UInt64
  }

  /// The hot state lives behind a `let` pointer: the lookup path then pays neither
  /// exclusivity checks on class properties nor copy-on-write uniqueness checks on arrays
  /// (together ~15 % of ingestion time before). Only this class touches it.
  private struct State {
    var arena: UnsafeMutablePointer<UInt8>
    var arenaCount = 0
    var arenaCapacity: Int
    var entries: UnsafeMutablePointer<Entry>  // index 0 = Symbol.none
    var entryCount = 1
    var entryCapacity: Int
    var slots: UnsafeMutablePointer<Slot>  // key 0 = empty
    var mask: Int
  }

  /// One open-addressing slot. It carries what a lookup compares (hash tag, length, arena
  /// offset) so a hit touches the slot and the arena bytes only, not the entry array: with
  /// tens of thousands of client addresses those loads are cache misses.
  private struct Slot {
    /// `hash & 0xFFFF_FFFF_0000_0000 | id`; 0 = empty (ids start at 1).
    var key: UInt64
    /// `start << 24 | min(length, spanLengthMask)`.
    var span: UInt64
  }
  private static let spanLengthMask: UInt64 = (1 << 24) - 1

  private let state: UnsafeMutablePointer<State>
  /// Held by the writer while it swaps the arena or entry buffers, and by readers of them.
  private let growthLock: UnsafeMutablePointer<pthread_mutex_t>
  private var cache: [String?] = [""]

  public init() {
    let arenaCapacity = 64 * 1024
    let entryCapacity = 1024
    let slotCount = 1024
    let slots = UnsafeMutablePointer<Slot>.allocate(capacity: slotCount)
    slots.initialize(repeating: Slot(key: 0, span: 0), count: slotCount)
    let entries = UnsafeMutablePointer<Entry>.allocate(capacity: entryCapacity)
    entries.initialize(to: Entry(start: 0, length: 0, hash: 0))
    growthLock = .allocate(capacity: 1)
    pthread_mutex_init(growthLock, nil)
    state = .allocate(capacity: 1)
    state.initialize(
      to: State(
        arena: .allocate(capacity: arenaCapacity), arenaCapacity: arenaCapacity, entries: entries,
        entryCapacity: entryCapacity, slots: slots, mask: slotCount - 1))
  }

  deinit {
    pthread_mutex_destroy(growthLock)
    growthLock.deallocate()
    state.pointee.arena.deallocate()
    state.pointee.entries.deallocate()
    state.pointee.slots.deallocate()
    state.deinitialize(count: 1)
    state.deallocate()
  }

  /// Number of distinct values interned (not counting ``Symbol/none``).
  public var count: Int { state.pointee.entryCount - 1 }

  /// Bytes held by the arena (for memory accounting).
  public var arenaBytes: Int { state.pointee.arenaCount }

  /// Interns `bytes`; an empty buffer yields ``Symbol/none``.
  @inline(__always)
  public func intern(_ bytes: UnsafeRawBufferPointer) -> Symbol {
    let n = bytes.count
    if n == 0 { return .none }
    let h = SymbolTable.tableHash(bytes)
    if let id = find(bytes, hash: h) { return Symbol(rawValue: id) }
    return insert(bytes, hash: h)
  }

  /// ``intern(_:)`` for a field that often repeats the value it had on the line before: when
  /// `bytes` equal the value of `previous` (a symbol of this table, or ``Symbol/none``), that
  /// symbol is returned after a length test and one compare, without hashing or probing.
  @inline(__always)
  func intern(_ bytes: UnsafeRawBufferPointer, previous: Symbol) -> Symbol {
    holds(bytes, as: previous) ? previous : intern(bytes)
  }

  /// `true` when `bytes` are the value of `symbol` (a symbol of this table, or
  /// ``Symbol/none``, which matches nothing): a length test and one compare.
  @inline(__always)
  func holds(_ bytes: UnsafeRawBufferPointer, as symbol: Symbol) -> Bool {
    let id = Int(symbol.rawValue)
    guard id != 0 else { return false }
    let s = state.pointee
    let e = s.entries[id]
    return e.length == bytes.count && memcmp(s.arena + e.start, bytes.baseAddress!, e.length) == 0
  }

  /// The first half of an ``intern(_:)`` split in two: hashes `bytes` and asks the CPU to
  /// fetch the table slot the lookup starts at, so that ``intern(_:hash:)`` later in the line
  /// finds it in cache (with hundreds of thousands of client addresses, the slot and the
  /// value's bytes are two cache misses). Returns the hash to pass on.
  @inline(__always)
  func prefetch(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    let h = SymbolTable.tableHash(bytes)
    let s = state.pointee
    lf_prefetch(s.slots + (Int(truncatingIfNeeded: h) & s.mask))
    return h
  }

  /// The middle step of a split lookup: reads the slot ``prefetch(_:)`` fetched and, when it
  /// holds a value of the same hash tag, fetches that value's bytes for the compare.
  @inline(__always)
  func prefetchValue(hash h: UInt64) {
    let s = state.pointee
    let slot = s.slots[Int(truncatingIfNeeded: h) & s.mask]
    guard slot.key != 0 && slot.key & 0xFFFF_FFFF_0000_0000 == h & 0xFFFF_FFFF_0000_0000 else { return }
    lf_prefetch(s.arena + Int(truncatingIfNeeded: slot.span >> 24))
  }

  /// ``intern(_:)`` with the hash ``prefetch(_:)`` returned for the same bytes (the table may
  /// have grown since: the hash does not depend on it).
  @inline(__always)
  func intern(_ bytes: UnsafeRawBufferPointer, hash h: UInt64) -> Symbol {
    if bytes.isEmpty { return .none }
    if let id = find(bytes, hash: h) { return Symbol(rawValue: id) }
    return insert(bytes, hash: h)
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
      return find(bytes, hash: SymbolTable.tableHash(bytes)).map { Symbol(rawValue: $0) }
    }
  }

  /// The string for `symbol` (empty for ``Symbol/none``). Invalid UTF-8 is kept visible
  /// as `\xNN` escapes rather than replaced (see ``TextDecoding/string(_:)``).
  public func string(_ symbol: Symbol) -> String {
    let id = Int(symbol.rawValue)
    if id < cache.count, let s = cache[id] { return s }
    pthread_mutex_lock(growthLock)
    let e = state.pointee.entries[id]
    let s = TextDecoding.string(UnsafeRawBufferPointer(start: state.pointee.arena + e.start, count: e.length))
    pthread_mutex_unlock(growthLock)
    if id >= cache.count { cache.append(contentsOf: repeatElement(nil, count: id + 1 - cache.count)) }
    cache[id] = s
    return s
  }

  /// The string for `symbol`, decoded as ``string(_:)`` decodes it, but neither taken from
  /// nor added to the cache: for passes over many symbols whose strings are compared and
  /// mostly dropped (see ``CappedStrings``), which would otherwise keep one `String` per
  /// symbol alive for the rest of the run.
  func uncachedString(_ symbol: Symbol) -> String {
    withBytes(symbol) { TextDecoding.string($0) }
  }

  /// Calls `body` with the stored bytes of `symbol`, without copying them (see ``string(_:)``
  /// for when another thread may call this). The buffer is only valid inside `body`, which
  /// runs under the growth lock: it must not call back into the table.
  func withBytes<R>(_ symbol: Symbol, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    pthread_mutex_lock(growthLock)
    defer { pthread_mutex_unlock(growthLock) }
    let e = state.pointee.entries[Int(symbol.rawValue)]
    return try body(UnsafeRawBufferPointer(start: state.pointee.arena + e.start, count: e.length))
  }

  /// The stored bytes of `symbol` (see ``string(_:)`` for when another thread may call this).
  public func bytes(_ symbol: Symbol) -> [UInt8] {
    pthread_mutex_lock(growthLock)
    defer { pthread_mutex_unlock(growthLock) }
    let e = state.pointee.entries[Int(symbol.rawValue)]
    return Array(UnsafeRawBufferPointer(start: state.pointee.arena + e.start, count: e.length))
  }

  // MARK: - Table

  #if DEBUG
    /// The thread that must not intern while it is set: ``LogPipeline`` sets the consumer
    /// (analysis) thread for the time its parsing thread owns the table (see the one-writer
    /// rule above). Set and cleared on that thread, before the parsing thread starts and
    /// after it finished, so reading it on the parsing thread is ordered by those two events.
    private var readOnlyThread: pthread_t? = nil
  #endif

  /// Debug builds: makes the calling thread one that must not intern (`true`) or lifts that
  /// (`false`). A symbol interned on it meanwhile stops the program with a message saying so.
  /// Release builds do nothing.
  @inline(__always)
  func markCallingThreadReadOnly(_ readOnly: Bool) {
    #if DEBUG
      readOnlyThread = readOnly ? pthread_self() : nil
    #endif
  }

  /// Debug builds: stops when the calling thread was marked read-only.
  @inline(__always)
  private func checkWriter() {
    #if DEBUG
      if let t = readOnlyThread, pthread_equal(pthread_self(), t) != 0 {
        preconditionFailure("SymbolTable: interned on a thread that must not write while another one owns the table")
      }
    #endif
  }

  @inline(__always)
  private func find(_ bytes: UnsafeRawBufferPointer, hash h: UInt64) -> UInt32? {
    checkWriter()
    let s = state.pointee
    let n = bytes.count
    let tag = h & 0xFFFF_FFFF_0000_0000
    let packedLength = min(UInt64(n), SymbolTable.spanLengthMask)
    var i = Int(truncatingIfNeeded: h) & s.mask
    while true {
      let slot = s.slots[i]
      if slot.key == 0 { return nil }
      if slot.key & 0xFFFF_FFFF_0000_0000 == tag && slot.span & SymbolTable.spanLengthMask == packedLength {
        let id = UInt32(truncatingIfNeeded: slot.key)
        let start = Int(truncatingIfNeeded: slot.span >> 24)
        if (packedLength < SymbolTable.spanLengthMask || s.entries[Int(id)].length == n)
          && memcmp(s.arena + start, bytes.baseAddress!, n) == 0
        {
          return id
        }
      }
      i = (i + 1) & s.mask
    }
  }

  /// Adds `bytes` (known to be absent) and returns its new symbol.
  private func insert(_ bytes: UnsafeRawBufferPointer, hash h: UInt64) -> Symbol {
    let n = bytes.count
    let st = state
    if st.pointee.arenaCount + n > st.pointee.arenaCapacity {
      let newCapacity = max(st.pointee.arenaCapacity * 2, st.pointee.arenaCount + n)
      swapGrown(\.arena, count: st.pointee.arenaCount, capacity: newCapacity)
      st.pointee.arenaCapacity = newCapacity
    }
    if st.pointee.entryCount == st.pointee.entryCapacity {
      swapGrown(\.entries, count: st.pointee.entryCount, capacity: st.pointee.entryCapacity * 2)
      st.pointee.entryCapacity *= 2
    }
    let count = st.pointee.entryCount
    let start = st.pointee.arenaCount
    let id = UInt32(count)
    let entry = Entry(start: start, length: n, hash: h)
    (st.pointee.entries + count).initialize(to: entry)
    UnsafeMutableRawPointer(st.pointee.arena + start).copyMemory(from: bytes.baseAddress!, byteCount: n)
    st.pointee.arenaCount = start + n
    st.pointee.entryCount = count + 1
    let mask = st.pointee.mask
    let slots = st.pointee.slots
    var i = Int(truncatingIfNeeded: h) & mask
    while slots[i].key != 0 { i = (i + 1) & mask }
    slots[i] = SymbolTable.slot(id: id, entry: entry)
    if count + 1 > (mask + 1) / 2 { grow() }
    return Symbol(rawValue: id)
  }

  /// Moves the first `count` elements of one of the buffers readers use into a new buffer of
  /// `capacity` and swaps it in under ``growthLock`` (readers never see a freed buffer).
  private func swapGrown<T>(_ buffer: WritableKeyPath<State, UnsafeMutablePointer<T>>, count: Int, capacity: Int) {
    let old = state.pointee[keyPath: buffer]
    let grown = UnsafeMutablePointer<T>.allocate(capacity: capacity)
    grown.moveInitialize(from: old, count: count)
    pthread_mutex_lock(growthLock)
    state.pointee[keyPath: buffer] = grown
    pthread_mutex_unlock(growthLock)
    old.deallocate()
  }

  /// Doubles the slot table (writer only: readers never touch the slots).
  private func grow() {
    var s = state.pointee
    grow(&s)
    state.pointee.slots = s.slots
    state.pointee.mask = s.mask
  }

  private func grow(_ s: inout State) {
    let newCount = (s.mask + 1) * 2
    let newSlots = UnsafeMutablePointer<Slot>.allocate(capacity: newCount)
    newSlots.initialize(repeating: Slot(key: 0, span: 0), count: newCount)
    let newMask = newCount - 1
    for id in 1..<s.entryCount {
      var i = Int(truncatingIfNeeded: s.entries[id].hash) & newMask
      while newSlots[i].key != 0 { i = (i + 1) & newMask }
      newSlots[i] = SymbolTable.slot(id: UInt32(id), entry: s.entries[id])
    }
    s.slots.deallocate()
    s.slots = newSlots
    s.mask = newMask
  }

  @inline(__always)
  private static func slot(id: UInt32, entry e: Entry) -> Slot {
    Slot(
      key: e.hash & 0xFFFF_FFFF_0000_0000 | UInt64(id),
      span: UInt64(e.start) << 24 | min(UInt64(e.length), spanLengthMask))
  }

  /// The table's own hash: 8 bytes per step (unaligned loads), then an avalanche. Symbol ids
  /// do not depend on it (they are dense, in first-seen order).
  @inline(__always)
  static func tableHash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    let n = bytes.count
    let p = bytes.baseAddress!
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
    var i = 0
    while i + 8 <= n {
      let w = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      h = (h ^ w) &* 0xff51_afd7_ed55_8ccd
      h ^= h >> 29
      i += 8
    }
    if i < n {
      let w = tailWord(p, from: i, count: n)
      h = (h ^ w) &* 0xff51_afd7_ed55_8ccd
      h ^= h >> 29
    }
    h = h &* 0xc4ce_b9fe_1a85_ec53
    h ^= h >> 32
    return h
  }

  /// The last `count - from` bytes (1 to 7) as a little-endian word, zero-padded: the same value
  /// as or-ing them in one at a time, from at most two loads. With 8 bytes or more before the
  /// end, one 8-byte load that ends at `count`, shifted; otherwise two loads of 4 or 2 bytes that
  /// overlap (the bytes they share are the same, so or-ing them changes nothing). No byte
  /// before `from - 8` or at or after `count` is read.
  @inline(__always)
  static func tailWord(_ p: UnsafeRawPointer, from i: Int, count n: Int) -> UInt64 {
    let r = n - i
    if n >= 8 {
      let w = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
      return w >> UInt64(truncatingIfNeeded: (8 - r) * 8)
    }
    if r >= 4 {
      let lo = UInt64(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
      let hi = UInt64(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)))
      return lo | hi << UInt64(truncatingIfNeeded: (r - 4) * 8)
    }
    if r >= 2 {
      let lo = UInt64(UInt16(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt16.self)))
      let hi = UInt64(UInt16(littleEndian: p.loadUnaligned(fromByteOffset: n - 2, as: UInt16.self)))
      return lo | hi << UInt64(truncatingIfNeeded: (r - 2) * 8)
    }
    return UInt64(p.load(fromByteOffset: i, as: UInt8.self))
  }

  /// 64-bit FNV-1a with a final avalanche; stable across runs (used for identifier sets).
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
