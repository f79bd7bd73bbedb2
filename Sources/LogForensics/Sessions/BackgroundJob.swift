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

private final class WorkBox<Value>: @unchecked Sendable {
  let work: () -> Value
  init(_ work: @escaping () -> Value) { self.work = work }
}
