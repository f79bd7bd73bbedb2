import Testing

@testable import LogForensics

private func bytes<R>(_ s: String, _ f: (UnsafeRawBufferPointer) -> R) -> R { Array(s.utf8).withUnsafeBytes(f) }

@Suite struct CLFTimeCacheTests {
  /// Every time gives what the full parse gives, whatever was cached before it.
  @Test func cachedTimesEqualFullParses() {
    let times = [
      "10/Oct/2000:13:55:36 -0700", "10/Oct/2000:13:55:37 -0700", "10/Oct/2000:13:55:59 -0700",
      "10/Oct/2000:13:55:60 -0700", "10/Oct/2000:13:55:61 -0700", "10/Oct/2000:13:55:9x -0700",
      "10/Oct/2000:13:55:00 +0000", "10/Oct/2000:13:55:01", "10/Oct/2000:13:55:02",
      "10/Oct/2000:13:55:02.250 +0100", "10/Oct/2000:13:55:03.250 +0100", "10/Oct/2000:13:56:03 -0700",
      "31/Feb/2000:13:55:36 -0700", "31/Feb/2000:13:55:37 -0700", "10/Oct/2000:13:55:36 -0700 junk",
      "10/Oct/2000:13:55:37 -0700 junk", "2019-01-31 10:00:00", "", "10/Oct/2000:13:55:36 -0700",
    ]
    var cache = CLFTimeCache()
    for round in 0..<2 {
      for t in times {
        let full = bytes(t) { TimeParsing.clf($0) }
        let cached = bytes(t) { cache.clf($0) }
        #expect(cached?.timestamp == full?.timestamp, "\(t) (round \(round))")
        #expect(cached?.hadZone == full?.hadZone, "\(t) (round \(round))")
      }
    }
  }

  @Test func parserStillRejectsBadSecondsAfterAGoodLine() {
    var p = CLFParser(.combined)
    let symbols = SymbolTable()
    var b = EventBuilder(symbols: symbols)
    let good = #"1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 1"#
    let bad = #"1.2.3.4 - - [10/Oct/2000:13:55:99 -0700] "GET / HTTP/1.1" 200 1"#
    #expect(bytes(good) { p.parse($0, into: &b) } == .event)
    if case .rejected = bytes(bad, { p.parse($0, into: &b) }) {} else { Issue.record("second 99 accepted") }
  }
}
