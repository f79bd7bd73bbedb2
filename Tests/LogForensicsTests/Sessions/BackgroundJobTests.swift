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
}
