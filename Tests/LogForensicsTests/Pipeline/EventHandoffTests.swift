import Foundation
import Testing

@testable import LogForensics

@Suite struct EventHandoffTests {
  /// A writer thread interns ever new values (the arena, entries and slots grow many times)
  /// and hands their symbols over through the hand-off; this thread renders each one.
  @Test func symbolsInternedOnTheProducerAreReadableOnTheConsumer() {
    let symbols = SymbolTable()
    let handoff = EventHandoff(depth: 2)
    let box = Box(symbols)
    let count = 60_000
    let producer = Thread {
      var batch = handoff.emptyBatch()
      for i in 0..<count {
        var e = LogEvent()
        e.userAgent = box.symbols.intern("agent/\(i)-" + String(repeating: "x", count: i % 300))
        e.lineNumber = Int64(i)
        batch.append(e)
        if batch.count == EventHandoff.batchSize {
          handoff.put(batch)
          batch = handoff.emptyBatch()
        }
      }
      if !batch.isEmpty { handoff.put(batch) }
      handoff.finish()
    }
    producer.start()
    var seen = 0
    var wrong = 0
    while var batch = handoff.take() {
      for e in batch {
        let i = Int(e.lineNumber)
        if i != seen || symbols.string(e.userAgent) != "agent/\(i)-" + String(repeating: "x", count: i % 300) { wrong += 1 }
        seen += 1
      }
      batch.removeAll(keepingCapacity: true)
      handoff.recycle(batch)
    }
    handoff.waitForProducer()
    #expect(seen == count)
    #expect(wrong == 0)
    #expect(symbols.count == count)
  }

  @Test func aSlowConsumerBoundsTheQueue() {
    let handoff = EventHandoff(depth: 2)
    let producer = Thread {
      for _ in 0..<10 {
        var b = handoff.emptyBatch()
        b.append(LogEvent())
        handoff.put(b)
      }
      handoff.finish()
    }
    producer.start()
    Thread.sleep(forTimeInterval: 0.2)
    // The producer is blocked after `depth` full batches; everything still arrives.
    #expect(handoff.queuedCount == 2)
    var n = 0
    while handoff.take() != nil { n += 1 }
    handoff.waitForProducer()
    #expect(n == 10)
  }
}

private final class Box: @unchecked Sendable {
  let symbols: SymbolTable
  init(_ symbols: SymbolTable) { self.symbols = symbols }
}
