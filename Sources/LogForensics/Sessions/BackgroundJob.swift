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
