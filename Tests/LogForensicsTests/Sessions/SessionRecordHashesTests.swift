import Testing

@testable import LogForensics

/// A session's record hashes count distinct values exactly, like a set, through growth,
/// repeats, the value 0 and values that share their low bits (the same first slot).
@Suite struct SessionRecordHashesTests {
  @Test func countsLikeASet() {
    var rng = SystemRandomNumberGenerator()
    let hashes = SessionRecordHashes()
    var reference = Set<UInt64>()
    for n in 0..<20_000 {
      let value: UInt64
      switch n % 4 {
      case 0: value = UInt64.random(in: 0...5_000, using: &rng) << 40  // low bits all zero: one home slot
      case 1: value = UInt64.random(in: 0...3, using: &rng)  // 0 included
      default: value = SessionState.recordHash(namespace: 7, .numeric(UInt32.random(in: 0...8_000, using: &rng)))
      }
      hashes.insert(value)
      reference.insert(value)
      if n % 997 == 0 { #expect(hashes.count == reference.count, "after \(n + 1) inserts") }
    }
    #expect(hashes.count == reference.count)
  }

  /// A session that reads a second endpoint counts the records of both, each once.
  @Test func sessionCountsRecordsOfSeveralTracks() {
    let session = SessionState(start: Timestamp(microseconds: 0))
    let a = RecordTrack(template: 1), b = RecordTrack(template: 2)
    var expected = 0
    for v in UInt32(1)...300 {
      a.addRecord(value: Int64(v), key: .numeric(v), status: 200, bytes: 100, time: Timestamp(microseconds: 0), evidence: .unset)
      session.noteRecord(.numeric(v), track: a, trackIsNew: v == 1, namespace: 11)
      expected += 1
    }
    #expect(session.distinctRecords == expected)
    for v in UInt32(200)...500 {  // 200...300 again, but in another namespace: other records
      b.addRecord(value: Int64(v), key: .numeric(v), status: 200, bytes: 100, time: Timestamp(microseconds: 0), evidence: .unset)
      session.noteRecord(.numeric(v), track: b, trackIsNew: v == 200, namespace: 12)
      expected += 1
    }
    for v in UInt32(1)...50 {  // repeats
      session.noteRecord(.numeric(v), track: a, trackIsNew: false, namespace: 11)
    }
    #expect(session.distinctRecords == expected)
  }
}
