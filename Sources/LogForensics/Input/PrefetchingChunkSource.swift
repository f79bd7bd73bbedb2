// Input/PrefetchingChunkSource.swift - reads and inflates ahead on a background thread.

import Foundation

/// Runs another ``ChunkSource`` on one background thread and hands its chunks over through a
/// bounded queue, so reading, hashing and inflating overlap with parsing.
///
/// The chunks and the final ``result`` are exactly those of the base source. At most `depth`
/// chunks wait in the queue; the worker blocks when it is full. ``cancel()`` (also called by
/// `deinit`) stops the worker after the chunk it is producing, so a consumer that stops early
/// neither deadlocks nor leaves a thread behind. The base source must not be used by anyone
/// else once it is handed to this type.
public final class PrefetchingChunkSource: ChunkSource {
  private let shared: PrefetchQueue
  public let expectedStoredBytes: UInt64?

  /// Starts the worker thread immediately.
  ///
  /// - Parameters:
  ///   - base: the source to read ahead; owned by the worker thread from now on.
  ///   - depth: the most chunks kept ready (at least 1).
  public init(_ base: any ChunkSource, depth: Int = 4) {
    expectedStoredBytes = base.expectedStoredBytes
    let shared = PrefetchQueue(depth: max(1, depth))
    self.shared = shared
    let box = SourceBox(base)
    let thread = Thread { shared.produce(from: box) }
    thread.name = "LogForensics.prefetch"
    thread.start()
  }

  deinit {
    shared.cancel()
  }

  public func nextChunk() -> [UInt8]? {
    shared.take()
  }

  /// The base source's result once it has been read to the end. Before that (or after
  /// ``cancel()``) a provisional, incomplete result with the bytes counted so far.
  public var result: InputReadResult {
    shared.currentResult()
  }

  public var storedBytesRead: UInt64 {
    shared.withLock { shared.storedBytesRead }
  }

  /// Stops reading ahead: the worker finishes the chunk in progress and exits; queued chunks
  /// are dropped and ``nextChunk()`` returns `nil` from now on.
  public func cancel() {
    shared.cancel()
  }

  /// Waits until the worker thread has exited (for tests). Returns `false` on timeout.
  func waitForWorkerExit(timeout: TimeInterval) -> Bool {
    shared.waitForWorkerExit(timeout: timeout)
  }
}

/// Hands the non-Sendable base source to the worker thread, which is its only user afterwards.
private final class SourceBox: @unchecked Sendable {
  let source: any ChunkSource
  init(_ source: any ChunkSource) { self.source = source }
}

/// The queue shared by the consumer and the worker; every field is guarded by `condition`.
private final class PrefetchQueue: @unchecked Sendable {
  private let condition = NSCondition()
  private let depth: Int
  private var chunks: [[UInt8]] = []
  private var head = 0
  private var finished = false
  private var cancelled = false
  private var workerExited = false
  private var finalResult: InputReadResult?
  private var decodedBytes: UInt64 = 0
  var storedBytesRead: UInt64 = 0

  init(depth: Int) { self.depth = depth }

  func withLock<T>(_ body: () -> T) -> T {
    condition.lock()
    defer { condition.unlock() }
    return body()
  }

  /// The worker loop.
  func produce(from box: SourceBox) {
    let source = box.source
    while true {
      condition.lock()
      while chunks.count - head >= depth && !cancelled { condition.wait() }
      let stop = cancelled
      condition.unlock()
      if stop { break }

      let chunk = source.nextChunk()  // outside the lock: this is the slow part
      let stored = source.storedBytesRead

      condition.lock()
      storedBytesRead = stored
      if let chunk {
        if !cancelled { chunks.append(chunk) }
        decodedBytes += UInt64(chunk.count)
        condition.broadcast()
        condition.unlock()
      } else {
        finalResult = source.result
        finished = true
        condition.broadcast()
        condition.unlock()
        break
      }
    }
    condition.lock()
    workerExited = true
    condition.broadcast()
    condition.unlock()
  }

  func take() -> [UInt8]? {
    condition.lock()
    defer { condition.unlock() }
    while head == chunks.count && !finished && !cancelled { condition.wait() }
    guard !cancelled, head < chunks.count else { return nil }
    let chunk = chunks[head]
    chunks[head] = []
    head += 1
    if head == chunks.count {
      chunks.removeAll(keepingCapacity: true)
      head = 0
    }
    condition.broadcast()
    return chunk
  }

  func cancel() {
    condition.lock()
    cancelled = true
    chunks.removeAll()
    head = 0
    condition.broadcast()
    condition.unlock()
  }

  func currentResult() -> InputReadResult {
    withLock {
      if let finalResult { return finalResult }
      return InputReadResult(
        sha256: "", storedBytes: storedBytesRead, decodedBytes: decodedBytes,
        compression: .none, gzipMembers: 0, complete: false, errors: [])
    }
  }

  func waitForWorkerExit(timeout: TimeInterval) -> Bool {
    let deadline = Date(timeIntervalSinceNow: timeout)
    condition.lock()
    defer { condition.unlock() }
    while !workerExited {
      if !condition.wait(until: deadline) { return workerExited }
    }
    return true
  }
}
