// Pipeline/RequestTargetPool.swift - recycles the byte storage of events' paths and queries.

/// Free list of ``RequestTargetBytes``: the parsing side takes one per event, the first stage
/// of the analysis gives it back once the request is templated, so a run allocates about as
/// many as events are in flight (reorder window, merge, one batch) instead of two `String`s per
/// line. Single-threaded: every taker and giver runs on the parsing thread.
final class RequestTargetPool: @unchecked Sendable {
  /// Storage larger than this is freed rather than kept (a rare huge target must not stay
  /// allocated once per pooled entry).
  static let largestKept = 4096
  /// Free entries, each with where its fields and bytes are (noted when it is given back). A
  /// chunk's lines take as many entries as the events of the previous chunk gave back, so an
  /// entry has often left the cache by its next use: the entry
  /// ``RequestTargetLines/prefetchDistance`` takes ahead is fetched at each take.
  private var free: [(target: RequestTargetBytes, lines: RequestTargetLines)] = []

  init() {}

  /// An empty storage, reused when one is free.
  @inline(__always)
  func take() -> RequestTargetBytes {
    guard let entry = free.popLast() else { return RequestTargetBytes() }
    let ahead = free.count - RequestTargetLines.prefetchDistance
    if ahead >= 0 { free[ahead].lines.prefetch() }
    return entry.target
  }

  /// Gives `t` back for reuse (emptied).
  @inline(__always)
  func recycle(_ t: consuming RequestTargetBytes) {
    guard t.capacity <= RequestTargetPool.largestKept else { return }
    t.reset()
    let lines = t.cacheLines
    free.append((consume t, lines))
  }

  /// Storages waiting for reuse (tests).
  var freeCount: Int { free.count }

  /// `true` when the noted addresses are those of the free entries, in the same order (tests).
  var freeNotesMatch: Bool {
    free.allSatisfy { $0.target.cacheLines.object == $0.lines.object && $0.target.cacheLines.storage == $0.lines.storage }
  }
}
