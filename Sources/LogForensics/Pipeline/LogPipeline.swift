// Pipeline/LogPipeline.swift - from paths to one time-ordered stream of events.

import Foundation

/// Discovers inputs, groups them into streams, reads every stream and merges their events
/// by timestamp (k-way merge), handing each event to a consumer in order.
///
/// ```swift
/// let pipeline = LogPipeline(paths: ["/var/log/nginx"], options: .init())
/// let inputs = pipeline.run { event in count += 1 }
/// ```
public final class LogPipeline {
  public let symbols = SymbolTable()
  public let options: PipelineOptions
  /// Inputs in reading order (stream by stream, oldest file first).
  public private(set) var plannedPaths: [String] = []
  private var streams: [[StreamReader.PlannedInput]] = []
  private var discoveryErrors: [(path: String, error: InputError)] = []
  private let redactor = CredentialRedactor()
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
    var finished: [Int32: InputStatistics] = [:]
    let readers = streams.enumerated().map { (i, inputs) in
      StreamReader(
        streamIndex: i, inputs: inputs, options: options, symbols: symbols, redactor: redactor, progress: progress
      ) { stats in finished[stats.index] = stats }
    }
    if options.threads > 1 && !readers.isEmpty {
      // Reading, parsing and merging on a producer thread; `consume` (analysis) here. The
      // event order is the merger's either way, so the output does not depend on threads.
      let handoff = EventHandoff()
      let box = ReadersBox(readers)
      let producer = Thread {
        LogPipeline.produce(box.readers, into: handoff)
      }
      producer.name = "LogForensics.parse"
      producer.start()
      while var batch = handoff.take() {
        // After a stop request the queued events are drained unread: a stopped run is not
        // analysed, and the producer must not stay blocked on a full queue.
        if options.control?.stopRequested != true {
          for e in batch { consume(e) }
        }
        batch.removeAll(keepingCapacity: true)  // unique here: keeps its storage for reuse
        handoff.recycle(batch)
      }
      handoff.waitForProducer()
    } else if readers.count == 1 {
      let r = readers[0]
      while let e = r.next() {
        consume(e)
      }
    } else if readers.count > 1 {
      var merger = EventMerger(readers: readers)
      while let e = merger.next() {
        consume(e)
      }
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
  /// The producer side: merged events in batches of ``EventHandoff/batchSize``.
  fileprivate static func produce(_ readers: [StreamReader], into handoff: EventHandoff) {
    var batch = handoff.emptyBatch()
    func emit(_ e: LogEvent) {
      batch.append(e)
      if batch.count >= EventHandoff.batchSize {
        handoff.put(batch)
        batch = handoff.emptyBatch()
      }
    }
    if readers.count == 1 {
      let r = readers[0]
      while let e = r.next() { emit(e) }
    } else {
      var merger = EventMerger(readers: readers)
      while let e = merger.next() { emit(e) }
    }
    if !batch.isEmpty { handoff.put(batch) }
    handoff.finish()
  }
}

private final class ReadersBox: @unchecked Sendable {
  let readers: [StreamReader]
  init(_ readers: [StreamReader]) { self.readers = readers }
}

/// k-way merge of stream readers by (timestamp, stream index): deterministic for ties.
struct EventMerger {
  private var readers: [StreamReader]
  private var heap: [(event: LogEvent, stream: Int)] = []

  init(readers: [StreamReader]) {
    self.readers = readers
    for (i, r) in readers.enumerated() {
      if let e = r.next() { push((e, i)) }
    }
  }

  mutating func next() -> LogEvent? {
    guard !heap.isEmpty else { return nil }
    let top = heap[0]
    if let e = readers[top.stream].next() {
      heap[0] = (e, top.stream)
      siftDown(0)
    } else {
      let last = heap.removeLast()
      if !heap.isEmpty {
        heap[0] = last
        siftDown(0)
      }
    }
    return top.event
  }

  @inline(__always)
  private func less(_ a: (event: LogEvent, stream: Int), _ b: (event: LogEvent, stream: Int)) -> Bool {
    a.event.timestamp.microseconds != b.event.timestamp.microseconds
      ? a.event.timestamp.microseconds < b.event.timestamp.microseconds : a.stream < b.stream
  }

  private mutating func push(_ x: (event: LogEvent, stream: Int)) {
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
