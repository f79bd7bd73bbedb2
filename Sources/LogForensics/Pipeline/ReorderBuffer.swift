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
  // Events are stored as optionals so that releasing one moves it out (`take()`) instead of
  // copying it and destroying the slot later: a copy retains and releases every string.
  /// Events still waiting for the window to pass, sorted by time (stable); `nil` once released.
  private var pending: [LogEvent?] = []
  /// The timestamp (microseconds) of each entry of `pending`: searched without touching the events.
  private var pendingTimes: [Int64] = []
  private var head = 0
  /// Events released, in release order (decided per event, so the order depends only on
  /// the sequence of events, never on how the input was cut into chunks); `nil` once popped.
  private var ready: [LogEvent?] = []
  private var readyHead = 0
  private var maxSeen = Int64.min
  private var lastReleased = Int64.min

  init(windowSeconds: Double) {
    window = Int64(windowSeconds * 1_000_000)
  }

  var isEmpty: Bool { head >= pending.count && readyHead >= ready.count }

  /// Adds an event; returns `true` when it arrived too late and was flagged.
  @discardableResult
  mutating func insert(_ e: consuming LogEvent) -> Bool {
    let t = e.timestamp.microseconds
    if t < lastReleased {
      // Older than an event already released: it cannot be put in order any more.
      e.flags.insert(.outOfOrder)
      ready.append(consume e)
      return true
    }
    if head == pending.count || t >= pendingTimes[pendingTimes.count - 1] {
      pending.append(consume e)
      pendingTimes.append(t)
    } else {
      // Binary search for the first element with a greater timestamp (stable: after equals).
      var lo = head, hi = pending.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if pendingTimes[mid] <= t { lo = mid + 1 } else { hi = mid }
      }
      pending.insert(consume e, at: lo)
      pendingTimes.insert(t, at: lo)
    }
    if t > maxSeen { maxSeen = t }
    let limit = maxSeen &- window
    while head < pending.count && pendingTimes[head] <= limit {
      release()
    }
    return false
  }

  /// The next released event, if any.
  mutating func popReady() -> LogEvent? {
    guard readyHead < ready.count else {
      if readyHead > 0 {
        ready.removeAll(keepingCapacity: true)
        readyHead = 0
      }
      return nil
    }
    let e = ready[readyHead].take()
    readyHead += 1
    return e
  }

  /// The next event regardless of the window (end of stream).
  mutating func popAny() -> LogEvent? {
    if let e = popReady() { return e }
    guard head < pending.count else { return nil }
    release()
    return popReady()
  }

  private mutating func release() {
    let t = pendingTimes[head]
    ready.append(pending[head].take())
    head += 1
    if t > lastReleased { lastReleased = t }
    if head > 4096 && head * 2 > pending.count {
      pending.removeFirst(head)
      pendingTimes.removeFirst(head)
      head = 0
    }
  }
}
