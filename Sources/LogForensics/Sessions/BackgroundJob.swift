// Sessions/BackgroundJob.swift - one computation on another thread, its result awaited later.

import Foundation

/// Runs `work` on a new thread at once; ``result()`` waits for it.
///
/// For work that only reads state nobody writes any more (the record tracks once the last
/// event is consumed), so that it overlaps with other work of the same run. The result
/// does not depend on timing: only when it is ready does.
final class BackgroundJob<Value>: @unchecked Sendable {
  private let condition = NSCondition()
  private var value: Value?

  init(_ work: @escaping () -> Value) {
    let box = WorkBox(work)
    let thread = Thread { [self] in
      let v = box.work()
      condition.lock()
      value = v
      condition.broadcast()
      condition.unlock()
    }
    thread.name = "LogForensics.background"
    thread.start()
  }

  /// The value of `work`, once it is done.
  func result() -> Value {
    condition.lock()
    defer { condition.unlock() }
    while value == nil { condition.wait() }
    return value!
  }
}

/// `work` over `items` in two halves, the second on another thread, joined as
/// `join(first half's result, second half's result)`; in one piece, on the calling thread,
/// unless `parallel`.
///
/// For the end-of-run passes over a swarm's actors or tracks (the same ``BackgroundJob``
/// rules: `work` only reads state nobody writes any more, and each item is read by one
/// thread). The output does not depend on the split when `join` is a concatenation in
/// order or a union.
func inTwoHalves<Item, Result>(
  _ items: ArraySlice<Item>, parallel: Bool, _ work: @escaping (ArraySlice<Item>) -> Result,
  join: (Result, Result) -> Result
) -> Result {
  guard parallel && items.count >= 2 else { return work(items) }
  let middle = items.startIndex + items.count / 2
  let second = BackgroundJob { work(items[middle...]) }
  let first = work(items[..<middle])
  return join(first, second.result())
}

private final class WorkBox<Value>: @unchecked Sendable {
  let work: () -> Value
  init(_ work: @escaping () -> Value) { self.work = work }
}

/// Hands out the indices `0..<end`, `step` at a time, to the threads that ask
/// (``next()``), never beyond those made available so far (``makeAvailable(upTo:)``): a
/// pass over items can follow, on another thread, a pass that prepares them (the union of
/// the record tracks follows their settling at the end of a run).
final class IndexCursor: @unchecked Sendable {
  private let condition = NSCondition()
  private var position = 0
  private var available: Int
  let end: Int
  let step: Int

  /// A cursor over `0..<end` with the first `available` indices (all when `nil`) ready.
  init(end: Int, step: Int, available: Int? = nil) {
    self.end = max(0, end)
    self.step = max(1, step)
    self.available = min(self.end, max(0, available ?? self.end))
  }

  /// Makes the indices below `count` available (a smaller count than before changes nothing).
  func makeAvailable(upTo count: Int) {
    condition.lock()
    available = max(available, min(end, count))
    condition.broadcast()
    condition.unlock()
  }

  /// The next indices (at most `step`, all available), waiting until some are; `nil` once
  /// all were handed out.
  func next() -> Range<Int>? {
    condition.lock()
    defer { condition.unlock() }
    while position >= available && available < end { condition.wait() }
    guard position < end else { return nil }
    let start = position
    position = min(available, start + step)
    return start..<position
  }
}
