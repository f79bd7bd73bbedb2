// Pipeline/ReorderBuffer.swift - puts slightly out-of-order events of one stream back in order.

/// Holds events for a bounded time window so that lines written a few seconds out of order
/// (clock skew between worker processes, lines logged at completion rather than start)
/// leave the stream in timestamp order.
///
/// An event is released once an event at least `window` later has been seen. An event older
/// than one already released cannot be put back in order: it is flagged
/// ``EventFlags/outOfOrder`` and released immediately.
///
/// - Complexity: O(1) amortised per event for input that is already in order; memory is
///   bounded by the number of events within one window.
struct ReorderBuffer {
  let window: Int64  // microseconds
  private var pending: [LogEvent] = []
  private var head = 0
  private var maxSeen = Int64.min
  private var lastReleased = Int64.min

  init(windowSeconds: Double) {
    window = Int64(windowSeconds * 1_000_000)
  }

  var isEmpty: Bool { head >= pending.count }

  /// Adds an event; returns `true` when it arrived too late and was flagged.
  @discardableResult
  mutating func insert(_ e: consuming LogEvent) -> Bool {
    let t = e.timestamp.microseconds
    if t < lastReleased {
      e.flags.insert(.outOfOrder)
      // Put it at the front so it is released next (it cannot be ordered any more).
      if head > 0 {
        head -= 1
        pending[head] = e
      } else {
        pending.insert(e, at: 0)
      }
      return true
    }
    if t >= maxSeen || pending.count == head || t >= pending[pending.count - 1].timestamp.microseconds {
      pending.append(e)
    } else {
      // Binary search for the first element with a greater timestamp (stable: after equals).
      var lo = head, hi = pending.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if pending[mid].timestamp.microseconds <= t { lo = mid + 1 } else { hi = mid }
      }
      pending.insert(e, at: lo)
    }
    if t > maxSeen { maxSeen = t }
    return false
  }

  /// Releases the next event that can no longer be preceded by a later-arriving one.
  mutating func popReady() -> LogEvent? {
    guard head < pending.count else { return nil }
    let t = pending[head].timestamp.microseconds
    guard pending[head].flags.contains(.outOfOrder) || t <= maxSeen &- window else { return nil }
    return take()
  }

  /// Releases the next event regardless of the window (end of stream).
  mutating func popAny() -> LogEvent? {
    guard head < pending.count else { return nil }
    return take()
  }

  private mutating func take() -> LogEvent {
    let e = pending[head]
    head += 1
    if e.timestamp.microseconds > lastReleased { lastReleased = e.timestamp.microseconds }
    if head > 4096 && head * 2 > pending.count {
      pending.removeFirst(head)
      head = 0
    }
    return e
  }
}
