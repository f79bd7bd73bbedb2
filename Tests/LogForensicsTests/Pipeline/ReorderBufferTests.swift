import Testing

@testable import LogForensics

private func event(_ second: Int64, line: Int64) -> LogEvent {
  var e = LogEvent()
  e.timestamp = Timestamp(microseconds: second * 1_000_000)
  e.lineNumber = line
  return e
}

@Suite struct ReorderBufferTests {
  @Test func reordersWithinTheWindowAndFlagsLateEvents() {
    var r = ReorderBuffer(windowSeconds: 5)
    var out: [LogEvent] = []
    let seconds: [Int64] = [100, 102, 101, 103, 110, 99, 111, 120, 104]
    for (i, s) in seconds.enumerated() {
      r.insert(event(s, line: Int64(i + 1)))
      while let e = r.popReady() { out.append(e) }
    }
    while let e = r.popAny() { out.append(e) }
    #expect(out.count == seconds.count)
    let order = out.map { $0.timestamp.seconds }
    // 101 is put back between 100 and 102. 110 releases everything up to 105; 99 then arrives
    // too late (older than what was released) and 104 arrives after 120 released up to 115:
    // both are kept, flagged, and released at once.
    #expect(order == [100, 101, 102, 103, 99, 110, 111, 104, 120])
    #expect(out.filter { $0.flags.contains(.outOfOrder) }.map(\.lineNumber) == [6, 9])
  }

  @Test func equalTimestampsKeepArrivalOrder() {
    var r = ReorderBuffer(windowSeconds: 1)
    for i in 1...5 { r.insert(event(10, line: Int64(i))) }
    var lines: [Int64] = []
    while let e = r.popAny() { lines.append(e.lineNumber) }
    #expect(lines == [1, 2, 3, 4, 5])
  }

  /// Each event's request target is noted beside it for a prefetch ahead of its pop: the notes
  /// must follow the events through every kind of insert (in order, put back in order, late).
  @Test func targetNotesFollowTheirEvents() {
    let pool = RequestTargetPool()
    var r = ReorderBuffer(windowSeconds: 5)
    var out: [LogEvent] = []
    var line: Int64 = 0
    var mismatches = 0  // counted, not expected one by one: a failure prints the whole buffer
    // In order, put back, late, and some events with no target; enough to compact the buffer.
    var seconds: [Int64] = []
    for k in 0..<3000 { seconds += [Int64(1000 + 2 * k), Int64(999 + 2 * k), Int64(990 + 2 * k)] }
    for s in seconds {
      line += 1
      var e = event(s, line: line)
      if line % 7 != 0 {
        let t = pool.take()
        Array("/p/\(line)".utf8).withUnsafeBytes { t.setPath($0) }
        e.target = t
      }
      r.insert(e)
      if !r.targetNotesMatchEvents { mismatches += 1 }
      while let e = r.popReady() {
        if !r.targetNotesMatchEvents { mismatches += 1 }
        out.append(e)
      }
    }
    while let e = r.popAny() { out.append(e) }
    #expect(out.count == seconds.count)
    #expect(mismatches == 0)
    // Every popped event still carries its own path.
    for e in out where e.lineNumber % 7 != 0 {
      #expect(e.target.map { String(decoding: $0.path, as: UTF8.self) } == "/p/\(e.lineNumber)")
    }
  }
}
