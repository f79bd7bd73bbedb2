// Pipeline/LogPipeline.swift - from paths to one time-ordered stream of events.

import CPrefetch
import Foundation

/// Discovers inputs, groups them into streams, reads every stream and merges their events
/// by timestamp (k-way merge), handing each event to a consumer in order.
///
/// ```swift
/// let pipeline = LogPipeline(paths: ["/var/log/nginx"], options: .init())
/// let inputs = pipeline.run { event in count += 1 }
/// ```
public final class LogPipeline {
  /// How many items ahead of the one it analyses the consumer asks the CPU for.
  static let consumerLookahead = 8
  public let symbols = SymbolTable()
  public let options: PipelineOptions
  /// Inputs in reading order (stream by stream, oldest file first).
  public private(set) var plannedPaths: [String] = []
  private var streams: [[StreamReader.PlannedInput]] = []
  private var discoveryErrors: [(path: String, error: InputError)] = []
  private let redactor = CredentialRedactor()
  /// Storage of events' paths and queries when ``EventBuildingOptions/targetAsBytes`` is set:
  /// whoever ends an event's life on the parsing thread (`prepare`) gives it back here.
  let targetPool = RequestTargetPool()
  /// Progress meter, if the caller wants one (set before ``run(_:)``).
  public var progress: ProgressMeter? = nil
  /// `true` when ``PipelineOptions/control`` stopped the last ``run(_:)`` before the end.
  public private(set) var interrupted = false

  public init(paths: [String], options: PipelineOptions) {
    self.options = options
    let (files, errors) = InputDiscovery.expand(paths)
    discoveryErrors = errors
    var index: Int32 = 0
    for group in StreamGrouping.group(files) {
      var planned: [StreamReader.PlannedInput] = []
      for path in group {
        planned.append(.init(index: index, path: path))
        plannedPaths.append(path)
        index += 1
      }
      streams.append(planned)
    }
    for (path, _) in errors {
      plannedPaths.append(path)
    }
  }

  /// Total stored size of the planned regular-file inputs (for progress), if known.
  public var totalStoredBytes: UInt64? {
    var total: UInt64 = 0
    for p in plannedPaths where p != "-" {
      var st = stat()
      if stat(p, &st) == 0 { total += UInt64(st.st_size) }
    }
    return total
  }

  /// Reads everything and calls `consume` once per event, in timestamp order across streams.
  /// - Returns: statistics of every input, in ``plannedPaths`` order.
  public func run(_ consume: (LogEvent) -> Void) -> [InputStatistics] {
    run(prepare: { (e: consuming LogEvent) in e }, consume: consume)
  }

  /// Like ``run(_:)``, with a first stage: `prepare` is called once per event, in the same
  /// order as `consume`, and turns it into what `consume` is handed. With two or more
  /// threads it runs on the parsing thread, so work that depends only on the sequence of
  /// events (such as templating paths) leaves the consumer's thread, and the event itself
  /// (its strings) is freed on the thread that made it when `prepare` keeps only what the
  /// consumer reads; `prepare` must then touch nothing that `consume` touches.
  ///
  /// `lookahead`, when given, is called on the consumer's thread before each item of a
  /// handed-over batch of plain values is consumed, with the batch and the item's position:
  /// it may read the items after it (and only read: the items are consumed afterwards, as
  /// they are) to ask the CPU for the state they will touch. It is not called on a
  /// single-threaded run, which consumes each item as soon as it is prepared.
  func run<Prepared>(
    prepare: @escaping (consuming LogEvent) -> Prepared, consume: (Prepared) -> Void,
    lookahead: ((UnsafeBufferPointer<Prepared?>, Int) -> Void)? = nil
  ) -> [InputStatistics] {
    var finished: [Int32: InputStatistics] = [:]
    let readers = streams.enumerated().map { (i, inputs) in
      StreamReader(
        streamIndex: i, inputs: inputs, options: options, symbols: symbols, redactor: redactor, targetPool: targetPool,
        progress: progress
      ) { stats in finished[stats.index] = stats }
    }
    if options.threads > 1 && !readers.isEmpty {
      // Reading, parsing, merging and `prepare` on a producer thread; `consume` (analysis)
      // here. The event order is the merger's either way, so the output does not depend on
      // threads.
      // Optional items: the consumer moves each out (`take()`); borrowing them in place
      // would copy each item (a retain and release of any reference it holds) before every
      // call. Plain values (no references) are read in place instead.
      let handoff = BatchHandoff<Prepared?>()
      let box = ProducerBox(readers, prepare)
      let producer = Thread {
        LogPipeline.produce(box.readers, prepare: box.prepare, into: handoff)
      }
      producer.name = "LogForensics.parse"
      // The producer owns the symbol table until it finishes (debug builds check that this
      // thread interns nothing meanwhile).
      symbols.markCallingThreadReadOnly(true)
      producer.start()
      while var batch = handoff.take() {
        // After a stop request the queued events are drained unread: a stopped run is not
        // analysed, and the producer must not stay blocked on a full queue.
        if options.control?.stopRequested != true {
          if _isPOD(Prepared.self) {
            // Plain values (the analysis' facts and templating): each is read where it lies,
            // not moved out first (a copy of the whole item per event on this thread).
            // The items were written on the other core: each is asked for a few items ahead,
            // so its lines are on their way while the ones before it are analysed.
            batch.withUnsafeBufferPointer { items in
              guard let first = items.baseAddress else { return }
              let stride = MemoryLayout<Prepared?>.stride
              let start = UnsafeRawPointer(first)
              for i in items.indices {
                if let lookahead { lookahead(items, i) }
                if i &+ LogPipeline.consumerLookahead < items.count {
                  lf_prefetch_range(start + (i &+ LogPipeline.consumerLookahead) &* stride, stride)
                }
                consume(items[i].unsafelyUnwrapped)
              }
            }
          } else {
            for i in batch.indices {
              if let item = batch[i].take() { consume(item) }
            }
          }
        }
        batch.removeAll(keepingCapacity: true)  // unique here: keeps its storage for reuse
        // Moved, not copied: a reference kept here while the producer refills the batch would
        // make its first append copy it.
        handoff.recycle(consume batch)
      }
      handoff.waitForProducer()
      symbols.markCallingThreadReadOnly(false)
    } else if readers.count == 1 {
      let r = readers[0]
      // `consume e`: the event is moved into `prepare`, not copied (a retain and release of
      // each of its references) and destroyed afterwards.
      while let e = r.next() { consume(prepare(consume e)) }
    } else if readers.count > 1 {
      var merger = EventMerger(readers: readers)
      while let e = merger.next() { consume(prepare(consume e)) }
    }
    interrupted = readers.contains { $0.stopped }
    var result: [InputStatistics] = []
    for (i, path) in plannedPaths.enumerated() {
      if let s = finished[Int32(i)] {
        result.append(s)
      } else if let err = discoveryErrors.first(where: { $0.path == path }) {
        var s = InputStatistics(path: path, index: Int32(i), stream: -1)
        s.openError = err.error
        result.append(s)
      }
    }
    return result
  }
}

extension LogPipeline {
  /// The producer side: merged, prepared events in batches of ``BatchHandoff/batchSize``.
  fileprivate static func produce<Prepared>(
    _ readers: [StreamReader], prepare: (consuming LogEvent) -> Prepared, into handoff: BatchHandoff<Prepared?>
  ) {
    var batch = handoff.emptyBatch()
    func emit(_ e: consuming LogEvent) {
      batch.append(prepare(consume e))
      if batch.count >= BatchHandoff<Prepared?>.batchSize {
        // Moved out before it is queued: if this thread still held the batch when the
        // consumer starts taking its items, that first mutation would copy all of them.
        var full: [Prepared?] = []
        swap(&full, &batch)
        handoff.put(consume full)
        batch = handoff.emptyBatch()
      }
    }
    if readers.count == 1 {
      let r = readers[0]
      while let e = r.next() { emit(consume e) }  // moved, not copied
    } else {
      var merger = EventMerger(readers: readers)
      while let e = merger.next() { emit(consume e) }
    }
    if !batch.isEmpty {
      var last: [Prepared?] = []
      swap(&last, &batch)
      handoff.put(consume last)
    }
    handoff.finish()
  }
}

/// What the producer thread needs: the readers and the first stage (the caller guarantees
/// that neither is used by another thread meanwhile).
private final class ProducerBox<Prepared>: @unchecked Sendable {
  let readers: [StreamReader]
  let prepare: (consuming LogEvent) -> Prepared
  init(_ readers: [StreamReader], _ prepare: @escaping (consuming LogEvent) -> Prepared) {
    self.readers = readers
    self.prepare = prepare
  }
}

/// k-way merge of stream readers by (timestamp, stream index): deterministic for ties.
///
/// The heap orders (time, stream) pairs only; each stream's next event waits in its own
/// place in ``pending`` and moves once in and once out. A heap of whole events moved each
/// event (about 200 bytes) on every swap and comparison: eight copies per event merged.
struct EventMerger {
  private var readers: [StreamReader]
  /// The next event of each stream (`nil` once the stream is drained).
  private var pending: [LogEvent?]
  /// Streams with a pending event, as a binary min-heap on (time of that event, stream).
  private var heap: [(time: Int64, stream: Int)] = []

  init(readers: [StreamReader]) {
    self.readers = readers
    pending = []
    pending.reserveCapacity(readers.count)
    for (i, r) in readers.enumerated() {
      pending.append(r.next())
      if let t = pending[i]?.timestamp.microseconds { push((t, i)) }
    }
  }

  mutating func next() -> LogEvent? {
    guard !heap.isEmpty else { return nil }
    let stream = heap[0].stream
    let e = pending[stream].take()  // moved out, not copied
    if let n = readers[stream].next() {
      heap[0].time = n.timestamp.microseconds
      pending[stream] = consume n
      siftDown(0)
    } else {
      let last = heap.removeLast()
      if !heap.isEmpty {
        heap[0] = last
        siftDown(0)
      }
    }
    return e
  }

  @inline(__always)
  private func less(_ a: (time: Int64, stream: Int), _ b: (time: Int64, stream: Int)) -> Bool {
    a.time != b.time ? a.time < b.time : a.stream < b.stream
  }

  private mutating func push(_ x: (time: Int64, stream: Int)) {
    heap.append(x)
    var i = heap.count - 1
    while i > 0 {
      let p = (i - 1) / 2
      if less(heap[i], heap[p]) {
        heap.swapAt(i, p)
        i = p
      } else {
        break
      }
    }
  }

  private mutating func siftDown(_ start: Int) {
    var i = start
    let n = heap.count
    while true {
      let l = 2 * i + 1, r = l + 1
      var m = i
      if l < n && less(heap[l], heap[m]) { m = l }
      if r < n && less(heap[r], heap[m]) { m = r }
      if m == i { return }
      heap.swapAt(i, m)
      i = m
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
