// Pipeline/RequestTargetPool.swift - recycles the byte storage of events' paths and queries.

/// Free list of ``RequestTargetBytes``: the parsing side takes one per event, the first stage
/// of the analysis gives it back once the request is templated, so a run allocates about as
/// many as events are in flight (reorder window, merge, one batch) instead of two `String`s per
/// line. Single-threaded: every taker and giver runs on the parsing thread.
final class RequestTargetPool: @unchecked Sendable {
  /// Storage larger than this is freed rather than kept (a rare huge target must not stay
  /// allocated once per pooled entry).
  static let largestKept = 4096
  private var free: [RequestTargetBytes] = []

  init() {}

  /// An empty storage, reused when one is free.
  @inline(__always)
  func take() -> RequestTargetBytes {
    if let t = free.popLast() { return t }
    return RequestTargetBytes()
  }

  /// Gives `t` back for reuse (emptied).
  @inline(__always)
  func recycle(_ t: consuming RequestTargetBytes) {
    guard t.capacity <= RequestTargetPool.largestKept else { return }
    t.reset()
    free.append(t)
  }

  /// Storages waiting for reuse (tests).
  var freeCount: Int { free.count }
}
