// Model/RequestTargetBytes.swift - an event's path and query kept as bytes in reusable storage.

import CPrefetch

/// The addresses of a ``RequestTargetBytes``' fields and bytes, kept to fetch them into the
/// cache ahead of their next read (``prefetch()``).
struct RequestTargetLines {
  var object: UnsafeRawPointer
  var storage: UnsafeRawPointer

  /// How many uses ahead a target is fetched (``ReorderBuffer`` pops, ``RequestTargetPool``
  /// takes): enough work in between to cover a miss to memory.
  static let prefetchDistance = 8

  /// Asks the CPU to fetch the object's fields and the first bytes of its storage: a hint
  /// only (never faults, changes nothing).
  @inline(__always)
  func prefetch() {
    lf_prefetch(object + 16)
    lf_prefetch(object + 56)
    lf_prefetch(storage)
  }
}

/// The path and query of one event as the bytes its `String`s would hold (invalid UTF-8
/// already escaped as ``TextDecoding/string(_:)`` does, credentials already redacted), in
/// storage that is reused from event to event (``RequestTargetPool``): the analysis reads only
/// these bytes (to template the request), so it needs no `String` per line.
///
/// Set by ``EventBuilder`` when its options ask for it (``EventBuildingOptions/targetAsBytes``);
/// ``LogEvent/path`` and ``LogEvent/query`` then stay empty.
final class RequestTargetBytes: @unchecked Sendable {
  private var storage: UnsafeMutableRawPointer
  private(set) var capacity: Int
  /// Path bytes are `storage[0..<pathCount]`, query bytes `storage[queryStart..<queryStart+queryCount]`.
  private var pathCount = 0
  private var queryStart = 0
  private var queryCount = 0
  /// `false` when the event has no query (``LogEvent/query`` would be `nil`).
  private(set) var hasQuery = false

  init(capacity: Int = 128) {
    self.capacity = capacity
    storage = .allocate(byteCount: capacity, alignment: 8)
  }

  deinit { storage.deallocate() }

  /// The path (``LogEvent/path``'s UTF-8).
  var path: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: storage, count: pathCount) }

  /// The query without `?` (``LogEvent/query``'s UTF-8), or `nil` when there is none.
  var query: UnsafeRawBufferPointer? {
    hasQuery ? UnsafeRawBufferPointer(start: storage + queryStart, count: queryCount) : nil
  }

  /// Where this object's fields and its storage (the path first) are: for a prefetch hint
  /// (``ReorderBuffer``) issued later, without reading the object again.
  @inline(__always)
  var cacheLines: RequestTargetLines {
    RequestTargetLines(object: UnsafeRawPointer(Unmanaged.passUnretained(self).toOpaque()), storage: UnsafeRawPointer(storage))
  }

  /// Empties both (keeps the storage).
  @inline(__always)
  func reset() {
    pathCount = 0
    queryStart = 0
    queryCount = 0
    hasQuery = false
  }

  /// Replaces the path by `b`.
  func setPath(_ b: UnsafeRawBufferPointer) {
    let q = query.map { Array($0) }  // rare: a path set after the query (some structured formats)
    ensure(b.count + (q?.count ?? 0))
    if b.count > 0 { storage.copyMemory(from: b.baseAddress!, byteCount: b.count) }
    pathCount = b.count
    queryStart = b.count
    queryCount = 0
    if let q { q.withUnsafeBytes { append(query: $0) } }
  }

  /// Replaces the query by `b` (an empty query is still a query).
  func setQuery(_ b: UnsafeRawBufferPointer) {
    queryStart = pathCount
    queryCount = 0
    append(query: b)
  }

  /// Removes the query.
  func clearQuery() {
    hasQuery = false
    queryCount = 0
  }

  private func append(query b: UnsafeRawBufferPointer) {
    ensure(pathCount + b.count)
    if b.count > 0 { (storage + pathCount).copyMemory(from: b.baseAddress!, byteCount: b.count) }
    queryStart = pathCount
    queryCount = b.count
    hasQuery = true
  }

  /// Makes room for `needed` bytes, keeping the path.
  private func ensure(_ needed: Int) {
    guard needed > capacity else { return }
    let newCapacity = max(needed, capacity * 2)
    storage = storage.movedToNewBuffer(keeping: pathCount, capacity: newCapacity, alignment: 8)
    capacity = newCapacity
  }
}
