// Pipeline/EventHandoff.swift - a bounded queue of event batches from the parsing thread to analysis.

import Foundation

/// Hands batches of parsed, merged events from the producer thread to the consumer.
typealias EventHandoff = BatchHandoff<LogEvent>

/// Hands batches of items (events, or events with what the producer prepared for each)
/// from the producer thread to the consumer, in order.
///
/// At most ``depth`` full batches wait at a time, so memory stays bounded whichever side is
/// slower; drained batches go back to the producer to be refilled without reallocating.
/// Every symbol in an event was interned before the batch was put, and the lock orders the
/// two threads, so the consumer may render those symbols (see ``SymbolTable``).
final class BatchHandoff<Item>: @unchecked Sendable {
  static var batchSize: Int { 4096 }
  let depth: Int
  private let condition = NSCondition()
  private var full: [[Item]] = []
  private var spare: [[Item]] = []
  private var finished = false
  private var producerDone = false

  init(depth: Int = 4) { self.depth = depth }

  /// A cleared batch with room for ``batchSize`` events (a recycled one when available).
  func emptyBatch() -> [Item] {
    condition.lock()
    defer { condition.unlock() }
    if let b = spare.popLast() { return b }
    var b: [Item] = []
    b.reserveCapacity(Self.batchSize)
    return b
  }

  /// Queues a full batch; waits while ``depth`` batches are already waiting. The batch is
  /// consumed: pass the only reference (`consume`), so the consumer's first mutation of it
  /// does not copy it while the producer still holds it.
  func put(_ batch: consuming [Item]) {
    condition.lock()
    while full.count >= depth { condition.wait() }
    full.append(batch)
    condition.broadcast()
    condition.unlock()
  }

  /// No more batches will be put.
  func finish() {
    condition.lock()
    finished = true
    producerDone = true
    condition.broadcast()
    condition.unlock()
  }

  /// The next batch in order, or `nil` once the producer finished and the queue is empty.
  func take() -> [Item]? {
    condition.lock()
    defer { condition.unlock() }
    while full.isEmpty && !finished { condition.wait() }
    guard !full.isEmpty else { return nil }
    let b = full.removeFirst()
    condition.broadcast()
    return b
  }

  /// Gives a drained (emptied) batch back for reuse (consumed, like ``put(_:)``'s).
  func recycle(_ batch: consuming [Item]) {
    condition.lock()
    if spare.count < depth + 1 { spare.append(batch) }
    condition.unlock()
  }

  /// Full batches waiting now (never more than ``depth``).
  var queuedCount: Int {
    condition.lock()
    defer { condition.unlock() }
    return full.count
  }

  /// Blocks until the producer has called ``finish()`` (its statistics are then complete).
  func waitForProducer() {
    condition.lock()
    while !producerDone { condition.wait() }
    condition.unlock()
  }
}
