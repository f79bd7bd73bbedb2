// Pipeline/ReorderBuffer.swift - puts slightly out-of-order events of one stream back in order.

import CPrefetch

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
  /// For each entry of `events`: its timestamp (microseconds), searched without touching the
  /// events, and where its request target is (``LogEvent/target``; `nil`: none). A target was
  /// written when its line was parsed, a reorder window before it is templated, and has left
  /// the cache by then: it is fetched ``RequestTargetLines/prefetchDistance`` events ahead of its pop.
  private var keys: [(time: Int64, target: RequestTargetLines?)] = []
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
    let lines = e.target?.cacheLines
    if t < lastReleased {
      // Older than an event already released: it cannot be put in order any more. Released
      // at once, after the events released before it (the order is decided per event, so it
      // depends only on the sequence of events, never on how the input was cut into chunks).
      e.flags.insert(.outOfOrder)
      if releasedEnd == events.count {
        events.append(consume e)
        keys.append((t, lines))
      } else {
        events.insert(consume e, at: releasedEnd)
        keys.insert((t, lines), at: releasedEnd)
      }
      releasedEnd += 1
      return true
    }
    if releasedEnd == events.count || t >= keys[keys.count - 1].time {
      events.append(consume e)
      keys.append((t, lines))
    } else {
      // Binary search for the first waiting event with a greater timestamp (stable: after equals).
      var lo = releasedEnd, hi = events.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if keys[mid].time <= t { lo = mid + 1 } else { hi = mid }
      }
      events.insert(consume e, at: lo)
      keys.insert((t, lines), at: lo)
    }
    if t > maxSeen { maxSeen = t }
    let limit = maxSeen &- window
    while releasedEnd < events.count && keys[releasedEnd].time <= limit {
      release()
    }
    return false
  }

  /// The next released event, if any.
  @inline(__always)
  mutating func popReady() -> LogEvent? {
    guard head < releasedEnd else { return nil }
    let ahead = head + RequestTargetLines.prefetchDistance
    if ahead < keys.count {
      keys[ahead].target?.prefetch()
      // The event itself (three cache lines), written as long ago.
      events.withUnsafeBufferPointer { b in
        lf_prefetch_range(b.baseAddress.unsafelyUnwrapped + ahead, MemoryLayout<LogEvent?>.stride)
      }
    }
    let e = events[head].take()
    head += 1
    if head > 4096 && head * 2 > events.count { dropPopped() }
    return e
  }

  /// Frees the room of the events popped so far (rare: kept out of the inlined pop).
  @inline(never)
  private mutating func dropPopped() {
    events.removeFirst(head)
    keys.removeFirst(head)
    releasedEnd -= head
    head = 0
  }

  /// The next event regardless of the window (end of stream).
  mutating func popAny() -> LogEvent? {
    if head == releasedEnd && releasedEnd < events.count { release() }
    return popReady()
  }

  /// `true` when every waiting or released event's noted target is its own (for tests: a
  /// misplaced note would fetch another event's target, which only a test can notice).
  var targetNotesMatchEvents: Bool {
    guard keys.count == events.count else { return false }
    for i in head..<events.count where keys[i].target?.object != events[i]?.target?.cacheLines.object {
      return false
    }
    return true
  }

  private mutating func release() {
    let t = keys[releasedEnd].time
    releasedEnd += 1
    if t > lastReleased { lastReleased = t }
  }
}
