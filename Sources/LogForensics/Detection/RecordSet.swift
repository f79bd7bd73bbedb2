// Detection/RecordSet.swift - distinct record ids: a roaring bitmap for numbers, hashes otherwise.

/// The identity of one record within an endpoint's namespace.
public enum RecordKey: Hashable, Sendable {
  /// A decimal id that fits in 32 bits (the common case: database keys, IPPs, offsets).
  case numeric(UInt32)
  /// Any other id (NIR, UUID, token), by its 64-bit hash.
  case hashed(UInt64)

  /// Builds the key for an identifier's text.
  public init(text: String) {
    if let v = UInt32(text) { self = .numeric(v) } else { self = .hashed(HashedIdSet.hash(text)) }
  }
}

/// A set of distinct records that stays small at tens of millions of ids.
public struct RecordSet: Sendable, Equatable {
  public private(set) var numeric = RoaringBitmap()
  public private(set) var hashed = HashedIdSet()

  public init() {}

  /// A set of these parts.
  init(numeric: RoaringBitmap, hashed: HashedIdSet) {
    self.numeric = numeric
    self.hashed = hashed
  }

  /// Number of distinct records.
  public var count: Int { numeric.count + hashed.count }
  public var isEmpty: Bool { count == 0 }

  /// Inserts `key`; returns `true` when it was new.
  @discardableResult
  public mutating func insert(_ key: RecordKey) -> Bool {
    switch key {
    case .numeric(let v): return numeric.insert(v)
    case .hashed(let h): return hashed.insert(h)
    }
  }

  public func contains(_ key: RecordKey) -> Bool {
    switch key {
    case .numeric(let v): return numeric.contains(v)
    case .hashed(let h): return hashed.contains(h)
    }
  }

  /// Adds every record of `other`.
  public mutating func formUnion(_ other: RecordSet) {
    numeric.formUnion(other.numeric)
    hashed.formUnion(other.hashed)
  }

  /// The union of `sets`, built in one pass over their numeric containers (see
  /// ``RoaringBitmap/union(_:)``); hashed ids are added to a copy of the largest hashed set.
  public static func union(_ sets: [RecordSet]) -> RecordSet {
    var out = RecordSet()
    out.numeric = RoaringBitmap.union(sets.map(\.numeric))
    out.hashed = hashedUnion(sets)
    return out
  }

  /// Builds the union of many record sets given one at a time (see
  /// ``RoaringBitmap/UnionBuilder``).
  struct UnionBuilder {
    private var numeric = RoaringBitmap.UnionBuilder()
    private var hashed = HashedIdSet()

    mutating func add(_ s: RecordSet) {
      numeric.add(s.numeric)
      if !s.hashed.isEmpty {
        if hashed.isEmpty { hashed = s.hashed } else { hashed.formUnion(s.hashed) }
      }
    }

    mutating func finish() -> RecordSet {
      var out = RecordSet()
      out.numeric = numeric.finish()
      out.hashed = hashed
      return out
    }
  }

  /// The number of records in the union of `sets`, without building its numeric part.
  public static func unionCount(_ sets: [RecordSet]) -> Int {
    RoaringBitmap.unionCount(sets.map(\.numeric)) + hashedUnion(sets).count
  }

  /// The union of the hashed ids of `sets`: a copy of the largest with the others added.
  private static func hashedUnion(_ sets: [RecordSet]) -> HashedIdSet {
    var largest = -1
    for (i, s) in sets.enumerated() where !s.hashed.isEmpty && (largest < 0 || s.hashed.count > sets[largest].hashed.count) {
      largest = i
    }
    guard largest >= 0 else { return HashedIdSet() }
    var out = sets[largest].hashed
    for (i, s) in sets.enumerated() where i != largest { out.formUnion(s.hashed) }
    return out
  }

  /// Calls `body` with every record: numeric ids in increasing order, then hashed ones.
  public func forEachKey(_ body: (RecordKey) -> Void) {
    numeric.forEach { body(.numeric($0)) }
    hashed.forEach { body(.hashed($0)) }
  }

  /// Records of `self` that are not in `other`.
  public func subtracting(_ other: RecordSet) -> RecordSet {
    var out = RecordSet()
    numeric.forEach { if !other.numeric.contains($0) { out.numeric.insert($0) } }
    hashed.forEach { if !other.hashed.contains($0) { out.hashed.insert($0) } }
    return out
  }
}
