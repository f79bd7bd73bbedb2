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
  }

  static let arrayLimit = 4096
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
    var lo = 0
    var hi = keys.count
    while lo < hi {
      let mid = (lo + hi) >> 1
      if keys[mid] < key { lo = mid + 1 } else { hi = mid }
    }
    return (lo < keys.count && keys[lo] == key, lo)
  }

  /// First index whose element is not less than `v` (binary search in a sorted array).
  private static func lowerBound<T: Comparable>(_ a: [T], _ v: T) -> Int {
    var lo = 0
    var hi = a.count
    while lo < hi {
      let mid = (lo + hi) >> 1
      if a[mid] < v { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// Inserts `value`; returns `true` when it was not already present.
  @discardableResult
  public mutating func insert(_ value: UInt32) -> Bool {
    if isSmall {
      // Ids walked in increasing order: appended without a search.
      if small.count < RoaringBitmap.smallLimit && (small.isEmpty || value > small[small.count - 1]) {
        small.append(value)
        count += 1
        return true
      }
      let p = RoaringBitmap.lowerBound(small, value)
      if p < small.count && small[p] == value { return false }
      if small.count < RoaringBitmap.smallLimit {
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
      let p = RoaringBitmap.lowerBound(a, low)
      if p < a.count && a[p] == low { return false }
      containers[index] = .array([])  // release the reference so `a` is mutated in place
      if a.count < RoaringBitmap.arrayLimit {
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
      let p = RoaringBitmap.lowerBound(small, value)
      return p < small.count && small[p] == value
    }
    let key = UInt16(truncatingIfNeeded: value >> 16)
    let low = UInt16(truncatingIfNeeded: value)
    // Most inserts land in the last container (ids walked in increasing order).
    let (found, index) = keys.last == key ? (true, keys.count - 1) : keyIndex(key)
    guard found else { return false }
    switch containers[index] {
    case .array(let a):
      let p = RoaringBitmap.lowerBound(a, low)
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
    if isSmall && other.isSmall {
      // Both sorted arrays: one linear merge instead of an insertion (and a move) per value.
      let merged = RoaringBitmap.merge(small, other.small)
      if merged.count <= RoaringBitmap.smallLimit {
        small = merged
        count = merged.count
      } else {
        small = []
        count = 0
        isSmall = false
        addSorted(merged)
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
    // Values come in increasing order: merge them into each container a key at a time.
    var key: UInt16 = 0
    var lows: [UInt16] = []
    other.forEach { v in
      let k = UInt16(truncatingIfNeeded: v >> 16)
      if k != key && !lows.isEmpty {
        mergeIntoContainer(key, lows)
        lows.removeAll(keepingCapacity: true)
      }
      key = k
      lows.append(UInt16(truncatingIfNeeded: v))
    }
    if !lows.isEmpty { mergeIntoContainer(key, lows) }
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
          let p = RoaringBitmap.lowerBound(a, x)
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
