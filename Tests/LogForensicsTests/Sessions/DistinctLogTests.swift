import Testing

@testable import LogForensics

/// The distinct log counts what a `Set` counts, whatever the order of appends, merges,
/// settles and copies, and keeps its memory within its stated bound.
@Suite struct DistinctLogTests {
  /// Appends from small and wide ranges (many repeats, then few), counts read at random
  /// points: every count is the set's.
  @Test(arguments: [UInt64(40), 5_000, 1 << 40])
  func countsLikeASet(range: UInt64) {
    var rng = SystemRandomNumberGenerator()
    var log = DistinctLog<UInt64>()
    var reference = Set<UInt64>()
    for n in 0..<30_000 {
      let v = UInt64.random(in: 0...range, using: &rng)
      log.append(v)
      reference.insert(v)
      if Int.random(in: 0..<500, using: &rng) == 0 {
        let unmerged = log.countWithoutMerging()
        #expect(unmerged == reference.count, "after \(n + 1) appends")
        let merged = log.count()
        #expect(merged == reference.count, "after \(n + 1) appends")
      }
      if Int.random(in: 0..<3_000, using: &rng) == 0 { log.settle() }
    }
    let counted = log.count()
    #expect(counted == reference.count)
    // Storage: at most half as many places again as distinct values, plus the minimum room.
    let bound = reference.count + max(DistinctLog<UInt64>.minimumRoom, reference.count / 2)
    let places = log.allocatedCount
    #expect(places <= bound)
    log.settle()
    let settledCount = log.count()
    #expect(settledCount == reference.count)
    let settledPlaces = log.allocatedCount
    if reference.count >= 16 { #expect(settledPlaces == reference.count, "settled: one place a value") }
  }

  /// Runs of values below, inside and above the settled ones, runs of repeats only, and a
  /// run that shares every value with the settled ones: galloping and the backward merge
  /// keep the prefix sorted and distinct.
  @Test func runsAroundSettledValues() {
    var log = DistinctLog<UInt32>()
    var reference = Set<UInt32>()
    let runs: [[UInt32]] = [
      Array(stride(from: 1_000, to: 2_000, by: 10)),  // the first settled values
      Array(stride(from: 1_000, to: 2_000, by: 10)),  // all known
      [5, 3, 1, 2_500, 1_505, 1_000, 999],  // below, between, above, known
      Array(repeating: 77, count: 200),  // one new value, many times
      Array((0..<400).map { UInt32(4_000 - $0 * 7) }),  // descending, across everything
      [UInt32.max, 0, UInt32.max, 0],
    ]
    for (k, run) in runs.enumerated() {
      for v in run {
        log.append(v)
        reference.insert(v)
      }
      let counted = log.count()
      #expect(counted == reference.count, "after run \(k)")
    }
  }

  /// Copies are independent; emptying keeps or frees the storage by how full it was.
  @Test func copyAndRemoveAll() {
    var log = DistinctLog<UInt32>()
    for v in UInt32(0)..<1_000 { log.append(v % 300) }
    var copy = log.copy()
    copy.append(5_000)
    let copyCount = copy.count()
    #expect(copyCount == 301)
    let originalCount = log.count()
    #expect(originalCount == 300)
    let kept = log.allocatedCount
    log.removeAll()
    let empty = log.isEmpty
    let emptyCount = log.count()
    #expect(empty && emptyCount == 0)
    let keptPlaces = log.allocatedCount
    #expect(keptPlaces == kept, "a full buffer is kept for the next day")
    log.append(1)
    log.removeAll()
    let freedPlaces = log.allocatedCount
    #expect(freedPlaces == 0, "a buffer filled to less than an eighth is freed")
    log.append(9)
    let counted = log.count()
    #expect(counted == 1)
  }
}
