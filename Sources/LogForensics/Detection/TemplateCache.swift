// Detection/TemplateCache.swift - templating results cached by path shape (one hash lookup per request).

import CByteScan

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What templating gives for every request of one path shape.
struct TemplateRecipe {
  var template: TemplateID
  /// Index of the path segment that holds the record id (all digits), or -1 when none.
  var idSegment: Int32
  var isAsset: Bool
}

/// Caches templating by *path shape*: the path and query with every all-digit path segment
/// and query value replaced by a marker, its length and (for NIR lengths) its first digit,
/// so `/api/patients/123` and `/api/patients/456` share one entry while `/api/v1/…` and
/// `/api/v2/…` do not. Only shapes whose record id (if any) is a whole decimal path segment
/// are cached; paging parameters are read again from the query on every hit (``PageParameters``).
/// Other shapes are remembered as uncacheable and templated in full. At most ``maximumShapes`` shapes are kept (random paths of scanners
/// must not grow memory); shapes are compared byte for byte, never by hash alone.
struct TemplateCache {
  static let maximumShapes = 100_000
  /// Open-addressing index from shape hash to entry (hash 0 is stored as 1; a key of 0 marks
  /// an empty slot): no hashing of the hash, unlike a `Dictionary`.
  private var slotHashes: [UInt64] = Array(repeating: 0, count: 1024)
  private var slotEntries: [Int32] = Array(repeating: 0, count: 1024)
  /// Byte ranges of the path's all-digit segments, by segment number, for the last lookup
  /// (`-1` start: not all digits or beyond ``trackedSegments``).
  private(set) var digitSegments = DigitSegments()
  private var entries: [(start: Int, count: Int, recipe: Int32)] = []
  private var arena: [UInt8] = []
  private(set) var recipes: [TemplateRecipe] = []
  /// The shape of the request being looked up (reused buffer, no allocation once warm).
  private let shape = ShapeBuffer()
  private var shapeHash: UInt64 = 0

  /// Marker of an all-digit segment or value in a shape (never a byte of a logged path).
  static let digitsMarker: UInt8 = 0x01

  /// The recipe of the request's shape; a recipe with `template == -1` when the shape is known
  /// to need full templating; `nil` when the shape was never seen (call ``store(_:)`` next).
  mutating func lookup(path: UnsafeRawBufferPointer, query: UnsafeRawBufferPointer?) -> TemplateRecipe? {
    // Room for both shapes, `?` and the 16 bytes each may write past its end: never grown here.
    shape.reset(capacity: 2 * (path.count + (query?.count ?? 0)) + 40)
    digitSegments.reset()
    TemplateCache.appendShape(of: path, separator: .slash, to: shape, digits: &digitSegments)
    if let q = query, q.count > 0 {
      shape.append(.question)
      var unused = DigitSegments()  // ids in a query value are not read from the shape
      TemplateCache.appendShape(of: q, separator: .ampersand, to: shape, digits: &unused)
    }
    let h = SymbolTable.tableHash(shape.bytes)
    shapeHash = h == 0 ? 1 : h
    guard let e = find(shapeHash) else { return nil }
    let entry = entries[Int(e)]
    let same = entry.count == shape.count
      && arena.withUnsafeBytes { memcmp($0.baseAddress! + entry.start, shape.bytes.baseAddress!, entry.count) == 0 }
    guard same, entry.recipe >= 0 else {
      return TemplateRecipe(template: -1, idSegment: -1, isAsset: false)  // collision or uncacheable: in full
    }
    return recipes[Int(entry.recipe)]
  }

  /// Remembers the recipe (or `nil`: always template in full) of the shape last looked up.
  mutating func store(_ recipe: TemplateRecipe?) {
    guard entries.count < TemplateCache.maximumShapes, find(shapeHash) == nil else { return }
    var r: Int32 = -1
    if let recipe {
      r = Int32(recipes.count)
      recipes.append(recipe)
    }
    if (entries.count + 1) * 2 > slotHashes.count { growIndex() }
    place(shapeHash, Int32(entries.count))
    entries.append((arena.count, shape.count, r))
    arena.append(contentsOf: shape.bytes)
  }

  /// The entry stored under `hash` (not 0), if any.
  @inline(__always)
  private func find(_ hash: UInt64) -> Int32? {
    let mask = slotHashes.count - 1
    var i = Int(truncatingIfNeeded: hash) & mask
    while true {
      let k = slotHashes[i]
      if k == hash { return slotEntries[i] }
      if k == 0 { return nil }
      i = (i + 1) & mask
    }
  }

  private mutating func place(_ hash: UInt64, _ entry: Int32) {
    let mask = slotHashes.count - 1
    var i = Int(truncatingIfNeeded: hash) & mask
    while slotHashes[i] != 0 { i = (i + 1) & mask }
    slotHashes[i] = hash
    slotEntries[i] = entry
  }

  private mutating func growIndex() {
    let oldHashes = slotHashes
    let oldEntries = slotEntries
    slotHashes = Array(repeating: 0, count: oldHashes.count * 2)
    slotEntries = Array(repeating: 0, count: oldHashes.count * 2)
    for i in oldHashes.indices where oldHashes[i] != 0 { place(oldHashes[i], oldEntries[i]) }
  }

  /// Appends the shape of `bytes` and notes where its all-digit segments are.
  ///
  /// One pass in C (`lf_template_shape`, CByteScan): each segment is scanned and copied
  /// sixteen bytes a step (SSE2) and, when all digits, replaced by its marker. The shape is
  /// never longer than `2 × bytes.count` (a one-digit segment becomes two bytes).
  static func appendShape(
    of bytes: UnsafeRawBufferPointer, separator: UInt8, to out: ShapeBuffer, digits: inout DigitSegments
  ) {
    let n = bytes.count
    guard n > 0, let src = bytes.baseAddress else { return }
    let isQuery = separator == .ampersand
    out.appendDirect(maxCount: 2 * n + 16) { dst in
      digits.withStorage { starts, ends in
        lf_template_shape(
          src.assumingMemoryBound(to: UInt8.self), n, separator, isQuery ? 1 : 0, digitsMarker,
          dst.assumingMemoryBound(to: UInt8.self), starts, ends, DigitSegments.capacity)
      }
    }
  }
}

/// Where the all-digit segments of a path are (the first ``capacity`` segments only).
struct DigitSegments {
  static let capacity = 8
  private var starts: (Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32) = (-1, -1, -1, -1, -1, -1, -1, -1)
  private var ends: (Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32) = (0, 0, 0, 0, 0, 0, 0, 0)

  mutating func reset() { self = DigitSegments() }

  /// Runs `body` with the starts and ends of the ``capacity`` segments, as `Int32` arrays that
  /// it may write (a start of -1: not noted).
  @inline(__always)
  mutating func withStorage<R>(_ body: (UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>) -> R) -> R {
    withUnsafeMutableBytes(of: &starts) { s in
      withUnsafeMutableBytes(of: &ends) { e in
        body(s.baseAddress!.assumingMemoryBound(to: Int32.self), e.baseAddress!.assumingMemoryBound(to: Int32.self))
      }
    }
  }

  /// The byte range of segment `segment` when it is all digits and was noted.
  @inline(__always)
  func range(of segment: Int) -> Range<Int>? {
    guard segment >= 0 && segment < DigitSegments.capacity else { return nil }
    let s = withUnsafeBytes(of: starts) { $0.load(fromByteOffset: segment * 4, as: Int32.self) }
    guard s >= 0 else { return nil }
    let e = withUnsafeBytes(of: ends) { $0.load(fromByteOffset: segment * 4, as: Int32.self) }
    return Int(s)..<Int(e)
  }
}

/// A growable byte buffer for shapes: raw pointer writes, reused between lookups.
final class ShapeBuffer {
  private var base: UnsafeMutableRawPointer
  private var capacity: Int
  private(set) var count = 0

  init() {
    capacity = 256
    base = .allocate(byteCount: capacity, alignment: 1)
  }

  deinit { base.deallocate() }

  var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

  /// Empties the buffer and makes sure `capacity` bytes fit without growing.
  func reset(capacity wanted: Int) {
    count = 0
    if wanted > capacity {
      base.deallocate()
      capacity = max(wanted, capacity * 2)
      base = .allocate(byteCount: capacity, alignment: 1)
    }
  }

  @inline(__always)
  func append(_ b: UInt8) {
    if count == capacity { grow(count + 1) }
    base.storeBytes(of: b, toByteOffset: count, as: UInt8.self)
    count += 1
  }

  @inline(__always)
  func append(_ b: UnsafeRawBufferPointer) {
    guard let src = b.baseAddress, b.count > 0 else { return }
    if count + b.count > capacity { grow(count + b.count) }
    (base + count).copyMemory(from: src, byteCount: b.count)
    count += b.count
  }

  /// Lets `body` write up to `maxCount` bytes at the end (it returns how many it wrote).
  @inline(__always)
  func appendDirect(maxCount: Int, _ body: (UnsafeMutableRawPointer) -> Int) {
    if count + maxCount > capacity { grow(count + maxCount) }
    count += body(base + count)
  }

  private func grow(_ needed: Int) {
    let newCapacity = max(needed, capacity * 2)
    base = base.movedToNewBuffer(keeping: count, capacity: newCapacity, alignment: 1)
    capacity = newCapacity
  }
}

extension EndpointTemplater {
  /// The recipe that reproduces `t` for every request of the same shape as `path`, or `nil`
  /// when `t` depends on more than the shape (paging values, an id from the query, a NIR,
  /// an id whose digits appear in two segments, forced templates).
  func recipe(for t: TemplatedRequest, id: TemplateID, path: UnsafeRawBufferPointer, isAsset: Bool) -> TemplateRecipe? {
    guard forced.isEmpty else { return nil }  // paging is read again from the query on a hit
    guard let rid = t.recordID else { return TemplateRecipe(template: id, idSegment: -1, isAsset: isAsset) }
    // An id from the query (namespace `template?param`) or a NIR depends on more than the shape.
    guard t.recordShape == .decimal, !t.namespace.contains("?") else { return nil }
    var found: Int32 = -1
    var segment: Int32 = 0
    var start = 0
    let n = path.count
    let want = Array(rid.utf8)
    while start <= n {
      var end = start
      while end < n && path[end] != .slash { end += 1 }
      if end - start == want.count && path[start..<end].elementsEqual(want) {
        if found >= 0 { return nil }
        found = segment
      }
      segment += 1
      start = end + 1
    }
    return found >= 0 ? TemplateRecipe(template: id, idSegment: found, isAsset: isAsset) : nil
  }
}
