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
  // One array holds both the released events not yet popped, `[head, releasedEnd)` in
  // release order, and the events still waiting for the window to pass,
  // `[releasedEnd, count)` sorted by time (stable): an event is moved in once and out once.
  private var events: [LogEvent?] = []
  /// The timestamp (microseconds) of each entry of `events`: searched without touching the events.
  private var times: [Int64] = []
  /// The next event to pop.
  private var head = 0
  /// The first event not released yet.
  private var releasedEnd = 0
  private var maxSeen = Int64.min
  private var lastReleased = Int64.min

  init(windowSeconds: Double) {
    window = Int64(windowSeconds * 1_000_000)
  }

  var isEmpty: Bool { head >= events.count }

  /// Adds an event; returns `true` when it arrived too late and was flagged.
  @discardableResult
  mutating func insert(_ e: consuming LogEvent) -> Bool {
    let t = e.timestamp.microseconds
    if t < lastReleased {
      // Older than an event already released: it cannot be put in order any more. Released
      // at once, after the events released before it (the order is decided per event, so it
      // depends only on the sequence of events, never on how the input was cut into chunks).
      e.flags.insert(.outOfOrder)
      if releasedEnd == events.count {
        events.append(consume e)
        times.append(t)
      } else {
        events.insert(consume e, at: releasedEnd)
        times.insert(t, at: releasedEnd)
      }
      releasedEnd += 1
      return true
    }
    if releasedEnd == events.count || t >= times[times.count - 1] {
      events.append(consume e)
      times.append(t)
    } else {
      // Binary search for the first waiting event with a greater timestamp (stable: after equals).
      var lo = releasedEnd, hi = events.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if times[mid] <= t { lo = mid + 1 } else { hi = mid }
      }
      events.insert(consume e, at: lo)
      times.insert(t, at: lo)
    }
    if t > maxSeen { maxSeen = t }
    let limit = maxSeen &- window
    while releasedEnd < events.count && times[releasedEnd] <= limit {
      release()
    }
    return false
  }

  /// The next released event, if any.
  mutating func popReady() -> LogEvent? {
    guard head < releasedEnd else { return nil }
    let e = events[head].take()
    head += 1
    if head > 4096 && head * 2 > events.count {
      events.removeFirst(head)
      times.removeFirst(head)
      releasedEnd -= head
      head = 0
    }
    return e
  }

  /// The next event regardless of the window (end of stream).
  mutating func popAny() -> LogEvent? {
    if head == releasedEnd && releasedEnd < events.count { release() }
    return popReady()
  }

  private mutating func release() {
    let t = times[releasedEnd]
    releasedEnd += 1
    if t > lastReleased { lastReleased = t }
  }
}
