// Detection/RoaringBitmap.swift - compressed set of 32-bit record ids (roaring-style containers).

/// A set of `UInt32` values stored as roaring-style containers.
///
/// Up to ``smallLimit`` values the set is a sorted array; beyond, values are grouped by their high 16 bits; each group is a sorted array of low halves
/// while it holds at most 4096 values, and a 65 536-bit bitmap (8 KiB) beyond that. A run
/// of one million sequential ids therefore costs about 128 KiB, a sparse random set about
/// two bytes per id.
///
/// - Complexity: ``insert(_:)`` is O(log c + 4096) worst case for an array container,
///   O(log c) for a bitmap container, where c is the number of containers.
public struct RoaringBitmap: Sendable, Equatable {
  enum Container: Sendable, Equatable {
    case array([UInt16])
    case bitmap([UInt64], count: Int)

    /// Number of values in the container.
    var count: Int {
      switch self {
      case .array(let a): return a.count
      case .bitmap(_, let n): return n
      }
    }
  }

  static let arrayLimit = 4096
  /// Values of one key gathered by a union before they go to bits (see ``unite(_:keep:)``).
  static let unionBitsFrom = 512
  /// Up to this many values the set is one sorted `[UInt32]` (4 bytes per id): a staff
  /// member's few hundred ids spread over a wide range would otherwise cost one small array
  /// container (≈ 50 bytes) per id. Beyond it, roaring containers take over for good, so
  /// the representation depends only on the content.
  static let smallLimit = 1024

  /// The values while the set is small (sorted); empty once containers are used.
  private var small: [UInt32] = []
  private var isSmall = true
  private(set) var keys: [UInt16] = []
  private(set) var containers: [Container] = []
  /// Number of values in the set.
  public private(set) var count: Int = 0

  public init() {}

  /// Creates a set holding `values`.
  public init<S: Sequence>(_ values: S) where S.Element == UInt32 {
    for v in values { insert(v) }
  }

  public var isEmpty: Bool { count == 0 }

  private func keyIndex(_ key: UInt16) -> (found: Bool, index: Int) {
    let lo = keys.lowerBound(of: key)
    return (lo < keys.count && keys[lo] == key, lo)
  }

  /// Inserts `value`; returns `true` when it was not already present.
  @discardableResult
  public mutating func insert(_ value: UInt32) -> Bool {
    if isSmall {
      // Ids walked in increasing order: appended without a search.
      if small.count < RoaringBitmap.smallLimit && (small.isEmpty || value > small[small.count - 1]) {
        small.growByAQuarterIfFull(minimumCapacity: 4, limit: RoaringBitmap.smallLimit)
        small.append(value)
        count += 1
        return true
      }
      let p = small.lowerBound(of: value)
      if p < small.count && small[p] == value { return false }
      if small.count < RoaringBitmap.smallLimit {
        small.growByAQuarterIfFull(minimumCapacity: 4, limit: RoaringBitmap.smallLimit)
        small.insert(value, at: p)
        count += 1
        return true
      }
      isSmall = false
      let values = small
      small = []
      count = 0
      for v in values { containerInsert(v) }
    }
    return containerInsert(value)
  }

  @discardableResult
  private mutating func containerInsert(_ value: UInt32) -> Bool {
    let key = UInt16(truncatingIfNeeded: value >> 16)
    let low = UInt16(truncatingIfNeeded: value)
    // Most inserts land in the last container (ids walked in increasing order).
    let (found, index) = keys.last == key ? (true, keys.count - 1) : keyIndex(key)
    if !found {
      keys.insert(key, at: index)
      containers.insert(.array([low]), at: index)
      count += 1
      return true
    }
    switch containers[index] {
    case .array(var a):
      let p = a.lowerBound(of: low)
      if p < a.count && a[p] == low { return false }
      containers[index] = .array([])  // release the reference so `a` is mutated in place
      if a.count < RoaringBitmap.arrayLimit {
        a.growByAQuarterIfFull(minimumCapacity: 4, limit: RoaringBitmap.arrayLimit)
        a.insert(low, at: p)
        containers[index] = .array(a)
      } else {
        var words = [UInt64](repeating: 0, count: 1024)
        for x in a { words[Int(x >> 6)] |= 1 << UInt64(x & 63) }
        words[Int(low >> 6)] |= 1 << UInt64(low & 63)
        containers[index] = .bitmap(words, count: a.count + 1)
      }
    case .bitmap(var words, let c):
      let w = Int(low >> 6)
      let bit: UInt64 = 1 << UInt64(low & 63)
      if words[w] & bit != 0 { return false }
      containers[index] = .array([])
      words[w] |= bit
      containers[index] = .bitmap(words, count: c + 1)
    }
    count += 1
    return true
  }

  /// `true` when `value` is in the set.
  public func contains(_ value: UInt32) -> Bool {
    if isSmall {
      let p = small.lowerBound(of: value)
      return p < small.count && small[p] == value
    }
    let key = UInt16(truncatingIfNeeded: value >> 16)
    let low = UInt16(truncatingIfNeeded: value)
    // Most inserts land in the last container (ids walked in increasing order).
    let (found, index) = keys.last == key ? (true, keys.count - 1) : keyIndex(key)
    guard found else { return false }
    switch containers[index] {
    case .array(let a):
      let p = a.lowerBound(of: low)
      return p < a.count && a[p] == low
    case .bitmap(let words, _):
      return words[Int(low >> 6)] & (1 << UInt64(low & 63)) != 0
    }
  }

  /// Calls `body` with every value in increasing order.
  public func forEach(_ body: (UInt32) -> Void) {
    if isSmall {
      for v in small { body(v) }
      return
    }
    for (i, key) in keys.enumerated() {
      let high = UInt32(key) << 16
      switch containers[i] {
      case .array(let a):
        for x in a { body(high | UInt32(x)) }
      case .bitmap(let words, _):
        for (w, word) in words.enumerated() where word != 0 {
          var bits = word
          while bits != 0 {
            let t = bits.trailingZeroBitCount
            body(high | UInt32(w << 6 + t))
            bits &= bits - 1
          }
        }
      }
    }
  }

  /// Adds every value of `other`.
  public mutating func formUnion(_ other: RoaringBitmap) {
    if other.isEmpty { return }
    if isEmpty {
      self = other  // shared until the next insert (copy on write)
      return
    }
    if isSmall && other.isSmall {
      // Both sorted arrays: one linear merge instead of an insertion (and a move) per value.
      let merged = RoaringBitmap.merge(small, other.small)
      if merged.count <= RoaringBitmap.smallLimit {
        small = merged
        count = merged.count
      } else {
        self = RoaringBitmap(sortedDistinct: merged)
      }
      return
    }
    if isSmall {
      let values = small
      small = []
      count = 0
      isSmall = false
      addSorted(values)
    }
    // Container by container into this set's (the cost follows `other`, so adding many
    // small sets to a large one stays linear).
    if other.isSmall {
      addSorted(other.small)
      return
    }
    for i in other.keys.indices {
      switch other.containers[i] {
      case .array(let lows): mergeIntoContainer(other.keys[i], lows)
      case .bitmap(let words, let n): mergeBitmapIntoContainer(other.keys[i], words, count: n)
      }
    }
  }

  /// Adds the `n` values of a bitmap container to the container of `key`.
  private mutating func mergeBitmapIntoContainer(_ key: UInt16, _ words: [UInt64], count n: Int) {
    let (found, index) = keys.last == key ? (true, keys.count - 1) : keyIndex(key)
    if !found {
      keys.insert(key, at: index)
      containers.insert(.bitmap(words, count: n), at: index)  // shared until written
      count += n
      return
    }
    let old = containers[index]
    containers[index] = .array([])
    var merged = words
    switch old {
    case .array(let a):
      for x in a { merged[Int(x >> 6)] |= 1 << UInt64(x & 63) }
    case .bitmap(let w, _):
      for k in 0..<1024 { merged[k] |= w[k] }
    }
    var total = 0
    for w in merged { total += w.nonzeroBitCount }
    count += total - old.count
    containers[index] = .bitmap(merged, count: total)
  }

  /// The union of `sets`, built container by container: each input container is read once
  /// and each output container written once, whatever the number of sets (adding them one
  /// at a time would rebuild the result once per set).
  ///
  /// - Complexity: O(n + c log c) for n values in c containers in all, plus one sort of the
  ///   values when every set is small.
  public static func union(_ sets: [RoaringBitmap]) -> RoaringBitmap {
    unite(sets, keep: true).set
  }

  /// Builds the union of many sets given one at a time, a batch at a time: as fast as
  /// ``union(_:)`` on them all, without an array of every set (whose entries would cost more
  /// than the sets themselves when there are hundreds of thousands of small ones).
  public struct UnionBuilder {
    private var result = RoaringBitmap()
    private var pending: [RoaringBitmap] = []
    /// Values in `pending`.
    private var pendingValues = 0
    static let batch = 1024
    /// Most values waiting in a batch: sets decoded for the union (a track's settled ids,
    /// ``FrozenBucketIds``) are copies, and a batch of a thousand large ones, per template,
    /// would hold tens of megabytes.
    static let batchValues = 1 << 16

    public init() {}

    public mutating func add(_ s: RoaringBitmap) {
      guard !s.isEmpty else { return }
      pending.append(s)
      pendingValues += s.count
      if pending.count >= UnionBuilder.batch || pendingValues >= UnionBuilder.batchValues { flush() }
    }

    private mutating func flush() {
      guard !pending.isEmpty else { return }
      pending.append(result)
      result = RoaringBitmap.union(pending)
      pending.removeAll(keepingCapacity: true)
      pendingValues = 0
    }

    /// The union of every set added.
    public mutating func finish() -> RoaringBitmap {
      flush()
      return result
    }
  }

  /// The number of values in the union of `sets`, without building it.
  public static func unionCount(_ sets: [RoaringBitmap]) -> Int {
    unite(sets, keep: false).count
  }

  /// The union of `sets` and its size; with `keep` false only the size is computed.
  private static func unite(_ sets: [RoaringBitmap], keep: Bool) -> (set: RoaringBitmap, count: Int) {
    var parts: [RoaringBitmap] = []
    parts.reserveCapacity(sets.count)
    var total = 0
    var allSmall = true
    for s in sets where !s.isEmpty {
      parts.append(s)
      total += s.count
      if !s.isSmall { allSmall = false }
    }
    if parts.isEmpty { return (RoaringBitmap(), 0) }
    if parts.count == 1 { return (parts[0], parts[0].count) }
    if allSmall && parts.count == 2 {
      // Two sorted arrays (a track whose successes fall in two size buckets): one merge.
      guard keep else { return (RoaringBitmap(), mergedCount(parts[0].small, parts[1].small)) }
      let merged = merge(parts[0].small, parts[1].small)
      return (RoaringBitmap(sortedDistinct: merged), merged.count)
    }
    if allSmall && total <= 1 << 16 {
      // A few thousand small sorted arrays at most: one sort of their concatenation (sorted
      // runs) and one pass to drop repeats.
      var values: [UInt32] = []
      values.reserveCapacity(total)
      for p in parts { values.append(contentsOf: p.small) }
      values.sort()
      RoaringBitmap.dropRepeats(&values)
      return keep ? (RoaringBitmap(sortedDistinct: values), values.count) : (RoaringBitmap(), values.count)
    }
    // Every (key, set) pair, ordered by key then set: each set is then read through a
    // cursor that only moves forward. A sort for a few pairs, a counting sort for many.
    var pairs: [UInt64] = []
    for (i, p) in parts.enumerated() {
      p.forEachKey { key in pairs.append(UInt64(key) << 32 | UInt64(i)) }
    }
    if pairs.count <= 1 << 14 {
      pairs.sort()
    } else {
      var start = [Int](repeating: 0, count: 1 << 16 + 1)
      for x in pairs { start[Int(x >> 32) + 1] += 1 }
      for k in 0..<(1 << 16) { start[k + 1] += start[k] }
      var sorted = [UInt64](repeating: 0, count: pairs.count)
      for x in pairs {  // pairs come in set order: stable within a key
        sorted[start[Int(x >> 32)]] = x
        start[Int(x >> 32)] += 1
      }
      pairs = sorted
    }
    // Where each part is: a container index, or a value index while the part is small.
    var cursor = [Int](repeating: 0, count: parts.count)
    var out = RoaringBitmap()
    out.isSmall = false
    var lows: [UInt16] = []
    var words = [UInt64](repeating: 0, count: 1024)
    var from = 0
    while from < pairs.count {
      let k = UInt16(truncatingIfNeeded: pairs[from] >> 32)
      var to = from + 1
      while to < pairs.count && pairs[to] >> 32 == UInt64(k) { to += 1 }
      defer { from = to }
      if to - from == 1, !parts[Int(truncatingIfNeeded: pairs[from] & 0xFFFF_FFFF)].isSmall {
        // One set has this key: its container is shared as it is.
        let i = Int(truncatingIfNeeded: pairs[from] & 0xFFFF_FFFF)
        let c = parts[i].containers[cursor[i]]
        cursor[i] += 1
        out.count += c.count
        if keep {
          out.keys.append(k)
          out.containers.append(c)
        }
        continue
      }
      // One pass over the sets of this key (each set's storage is touched once): values
      // gather in `lows` while they are few, then in bits. Past ``unionBitsFrom`` values,
      // setting bits and reading them back in order (8 KiB of words) costs less than sorting
      // the runs of many sets; either way an array container is built when the union has at
      // most ``arrayLimit`` values, so the result does not depend on the path.
      lows.removeAll(keepingCapacity: true)
      var inBits = false
      func toBits() {
        for w in 0..<1024 { words[w] = 0 }
        for x in lows { words[Int(x >> 6)] |= 1 << UInt64(x & 63) }
        lows.removeAll(keepingCapacity: true)
        inBits = true
      }
      func add(_ x: UInt16) {
        if inBits {
          words[Int(x >> 6)] |= 1 << UInt64(x & 63)
        } else {
          lows.append(x)
          if lows.count > unionBitsFrom { toBits() }
        }
      }
      for o in from..<to {
        let i = Int(truncatingIfNeeded: pairs[o] & 0xFFFF_FFFF)
        if parts[i].isSmall {
          let end = parts[i].smallGroupEnd(from: cursor[i])
          for j in cursor[i]..<end { add(UInt16(truncatingIfNeeded: parts[i].small[j])) }
          cursor[i] = end
        } else {
          switch parts[i].containers[cursor[i]] {
          case .array(let a): for x in a { add(x) }
          case .bitmap(let b, _):
            if !inBits { toBits() }
            for w in 0..<1024 { words[w] |= b[w] }
          }
          cursor[i] += 1
        }
      }
      let c: Container
      if inBits {
        guard keep else {
          for w in words { out.count += w.nonzeroBitCount }
          continue
        }
        c = containerOfBits(words)
      } else {
        lows.sort()
        dropRepeats(&lows)
        guard keep else {
          out.count += lows.count
          continue
        }
        c = .array(Array(lows))
      }
      out.keys.append(k)
      out.containers.append(c)
      out.count += c.count
    }
    guard keep else { return (RoaringBitmap(), out.count) }
    if out.count <= RoaringBitmap.smallLimit {
      // As insertion would have left it: one sorted array.
      var values: [UInt32] = []
      values.reserveCapacity(out.count)
      out.forEach { values.append($0) }
      return (RoaringBitmap(sortedDistinct: values), out.count)
    }
    return (out, out.count)
  }

  /// Calls `body` with each key (high 16 bits) of the set, in increasing order.
  private func forEachKey(_ body: (UInt16) -> Void) {
    if isSmall {
      var i = 0
      while i < small.count {
        body(UInt16(truncatingIfNeeded: small[i] >> 16))
        i = smallGroupEnd(from: i)
      }
    } else {
      keys.forEach(body)
    }
  }

  /// The end of the run of ``small`` values sharing the high half of `small[from]`.
  private func smallGroupEnd(from: Int) -> Int {
    let high = small[from] >> 16
    var j = from + 1
    while j < small.count && small[j] >> 16 == high { j += 1 }
    return j
  }

  /// The container of the bits set in `words` (1 024 words), as insertion would make it.
  private static func containerOfBits(_ words: [UInt64]) -> Container {
    var n = 0
    for w in words { n += w.nonzeroBitCount }
    if n > arrayLimit { return .bitmap(words, count: n) }
    var lows: [UInt16] = []
    lows.reserveCapacity(n)
    for (w, word) in words.enumerated() where word != 0 {
      var bits = word
      while bits != 0 {
        lows.append(UInt16(w << 6 + bits.trailingZeroBitCount))
        bits &= bits - 1
      }
    }
    return .array(lows)
  }

  /// Removes adjacent repeats from a sorted array, in place.
  private static func dropRepeats<T: Equatable>(_ a: inout [T]) {
    guard a.count > 1 else { return }
    var w = 1
    for r in 1..<a.count where a[r] != a[w - 1] {
      a[w] = a[r]
      w += 1
    }
    a.removeLast(a.count - w)
  }

  /// A set of increasing, distinct `values`, in the form insertion would give it.
  init(sortedDistinct values: [UInt32]) {
    if values.count <= RoaringBitmap.smallLimit {
      small = values
      count = values.count
      return
    }
    isSmall = false
    addSorted(values)
  }

  /// Adds increasing `values` to a set in container mode.
  private mutating func addSorted(_ values: [UInt32]) {
    var i = 0
    while i < values.count {
      let key = UInt16(truncatingIfNeeded: values[i] >> 16)
      var lows: [UInt16] = []
      while i < values.count && UInt16(truncatingIfNeeded: values[i] >> 16) == key {
        lows.append(UInt16(truncatingIfNeeded: values[i]))
        i += 1
      }
      mergeIntoContainer(key, lows)
    }
  }

  /// Merges increasing, distinct `lows` into the container of `key` (created if missing).
  private mutating func mergeIntoContainer(_ key: UInt16, _ lows: [UInt16]) {
    // Most inserts land in the last container (ids walked in increasing order).
    let (found, index) = keys.last == key ? (true, keys.count - 1) : keyIndex(key)
    if !found {
      keys.insert(key, at: index)
      containers.insert(RoaringBitmap.container(lows), at: index)
      count += lows.count
      return
    }
    let old = containers[index]
    containers[index] = .array([])  // release the reference so the old storage can be reused
    switch old {
    case .array(var a):
      let before = a.count
      if lows.count * 16 < a.count {
        // A few values into a large container: binary search and insert in place (a memory
        // move each) cost less than copying the container.
        for x in lows {
          let p = a.lowerBound(of: x)
          if p == a.count || a[p] != x { a.insert(x, at: p) }
        }
      } else {
        a = RoaringBitmap.merge(a, lows)
      }
      count += a.count - before
      containers[index] = RoaringBitmap.container(a)
    case .bitmap(var words, let c):
      var n = c
      for x in lows {
        let w = Int(x >> 6)
        let bit: UInt64 = 1 << UInt64(x & 63)
        if words[w] & bit == 0 {
          words[w] |= bit
          n += 1
        }
      }
      count += n - c
      containers[index] = .bitmap(words, count: n)
    }
  }

  /// An array container up to ``arrayLimit`` values, a bitmap beyond (as insertion makes).
  private static func container(_ lows: [UInt16]) -> Container {
    guard lows.count > arrayLimit else { return .array(lows) }
    var words = [UInt64](repeating: 0, count: 1024)
    for x in lows { words[Int(x >> 6)] |= 1 << UInt64(x & 63) }
    return .bitmap(words, count: lows.count)
  }

  /// The sorted union of two increasing, duplicate-free arrays.
  private static func merge<T: Comparable>(_ a: [T], _ b: [T]) -> [T] {
    var out: [T] = []
    out.reserveCapacity(a.count + b.count)
    var i = 0, j = 0
    while i < a.count && j < b.count {
      if a[i] < b[j] {
        out.append(a[i])
        i += 1
      } else if b[j] < a[i] {
        out.append(b[j])
        j += 1
      } else {
        out.append(a[i])
        i += 1
        j += 1
      }
    }
    out.append(contentsOf: a[i...])
    out.append(contentsOf: b[j...])
    return out
  }

  /// The size of the union of two increasing, duplicate-free arrays (nothing allocated).
  private static func mergedCount(_ a: [UInt32], _ b: [UInt32]) -> Int {
    var i = 0, j = 0, shared = 0
    while i < a.count && j < b.count {
      if a[i] < b[j] {
        i += 1
      } else if b[j] < a[i] {
        j += 1
      } else {
        shared += 1
        i += 1
        j += 1
      }
    }
    return a.count + b.count - shared
  }

  /// Number of values shared with `other`.
  public func intersectionCount(_ other: RoaringBitmap) -> Int {
    let (small, large) = count <= other.count ? (self, other) : (other, self)
    var n = 0
    small.forEach { if large.contains($0) { n += 1 } }
    return n
  }

  /// Smallest value, if any.
  public var min: UInt32? {
    if isSmall { return small.first }
    guard let k = keys.first else { return nil }
    var result: UInt32? = nil
    switch containers[0] {
    case .array(let a): result = a.first.map { UInt32(k) << 16 | UInt32($0) }
    case .bitmap(let words, _):
      for (w, word) in words.enumerated() where word != 0 {
        result = UInt32(k) << 16 | UInt32(w << 6 + word.trailingZeroBitCount)
        break
      }
    }
    return result
  }

  /// Largest value, if any.
  public var max: UInt32? {
    if isSmall { return small.last }
    guard let k = keys.last, let c = containers.last else { return nil }
    switch c {
    case .array(let a): return a.last.map { UInt32(k) << 16 | UInt32($0) }
    case .bitmap(let words, _):
      for w in stride(from: 1023, through: 0, by: -1) where words[w] != 0 {
        return UInt32(k) << 16 | UInt32(w << 6 + 63 - words[w].leadingZeroBitCount)
      }
      return nil
    }
  }

  /// Bytes reserved for values: the capacity of the small array or of each array
  /// container, 8 KiB per bitmap (unused spare room included, unlike ``approximateBytes``).
  var reservedValueBytes: Int {
    if isSmall { return small.capacity * 4 }
    var n = 0
    for c in containers {
      switch c {
      case .array(let a): n += a.capacity * 2
      case .bitmap: n += 8192
      }
    }
    return n
  }

  /// Approximate heap bytes used (for memory accounting and tests).
  public var approximateBytes: Int {
    if isSmall { return small.count * 4 }
    var n = keys.count * 2
    for c in containers {
      switch c {
      case .array(let a): n += a.count * 2
      case .bitmap: n += 8192
      }
    }
    return n
  }
}
