import Foundation
import Testing

@testable import LogForensics

@Suite struct BackgroundJobTests {
  /// Two halves joined in order give the one-piece result; each item is worked on once.
  @Test func twoHalvesJoinAsOnePiece() {
    let items = Array(0..<1_001)
    for parallel in [false, true] {
      for range in [0..<0, 0..<1, 0..<2, 0..<1_001, 17..<900] {
        let slice = items[range]
        let squares = inTwoHalves(slice, parallel: parallel, { $0.map { $0 * $0 } }, join: +)
        #expect(squares == slice.map { $0 * $0 }, "parallel \(parallel), \(range)")
      }
    }
    // In two halves only when asked, and then the first half is the calling thread's.
    var calls = 0
    let parts = inTwoHalves(items[...], parallel: true, { [$0.startIndex..<$0.endIndex] }) { a, b in
      calls += 1
      return a + b
    }
    #expect(calls == 1 && parts == [0..<500, 500..<1_001])
    #expect(inTwoHalves(items[...], parallel: false, { [$0.startIndex..<$0.endIndex] }, join: +) == [0..<1_001])
  }

  /// Indices taken by two threads from one cursor: each index is handed out exactly once,
  /// a step at a time in increasing order, whatever the count and step.
  @Test func cursorHandsOutEachIndexOnce() {
    for count in [0, 1, 15, 16, 17, 1_000] {
      for step in [1, 16, 5_000] {
        let cursor = IndexCursor(end: count, step: step)
        let take = {
          var taken: [Int] = []
          while let range = cursor.next() {
            #expect(range.count <= step && !range.isEmpty)
            taken.append(contentsOf: range)
          }
          return taken
        }
        let other = BackgroundJob(take)
        let mine = take()
        let theirs = other.result()
        #expect((mine + theirs).sorted() == Array(0..<count), "count \(count), step \(step)")
        #expect(mine == mine.sorted() && theirs == theirs.sorted())
      }
    }
  }

  /// A cursor made available step by step by another thread hands out no index before it
  /// is available, and every index once it is.
  @Test func cursorWaitsForAvailableIndices() {
    let count = 2_000
    let cursor = IndexCursor(end: count, step: 7, available: 0)
    let published = PublishedCount()
    let producer = BackgroundJob {
      for n in stride(from: 10, through: count, by: 10) {
        published.set(n)
        cursor.makeAvailable(upTo: n)
      }
      return true
    }
    var taken: [(index: Int, available: Int)] = []
    while let range = cursor.next() {
      for i in range { taken.append((i, published.value)) }
    }
    _ = producer.result()
    #expect(taken.map(\.index) == Array(0..<count))
    #expect(taken.allSatisfy { $0.index < $0.available }, "an index was handed out before it was available")
  }
}

/// A count written by one thread and read by others (under a lock).
private final class PublishedCount: @unchecked Sendable {
  private let lock = NSLock()
  private var stored = 0
  var value: Int {
    lock.lock()
    defer { lock.unlock() }
    return stored
  }
  func set(_ n: Int) {
    lock.lock()
    stored = n
    lock.unlock()
  }
}
