// Exposure/RecordExposureBuilderTests.swift - exposure of many record tracks: one set of certain records plus what unknown sizes add.

import Testing

@testable import LogForensics

@Suite struct RecordExposureBuilderTests {
  static let ev = EvidenceRef(input: 0, line: 1)

  /// A track from (id, status, bytes) requests (bytes -1: size not logged).
  static func track(_ requests: [(UInt32, Int32, Int64)]) -> RecordTrack {
    let t = RecordTrack(template: 0)
    for (i, r) in requests.enumerated() {
      let time = Timestamp(microseconds: Int64(i) * 1_000_000)
      t.addRecord(value: Int64(r.0), key: .numeric(r.0), status: r.1, bytes: r.2, time: time, evidence: ev)
    }
    return t
  }

  /// The definition the builder replaces: per track, low = record-sized successes, high =
  /// low plus unknown-size successes, estimate = high when most known-size successes are hits
  /// (else low); then every track's three sets united.
  static func reference(_ tracks: [(RecordTrack, String)], hitBucket: Int?) -> (ExposureSets, Double) {
    var out = ExposureSets()
    var lowest = 1.0
    for (t, ns) in tracks {
      let p = ExposureEstimator.recordParts(t, hitBucket: hitBucket)
      var high = p.low
      high.formUnion(p.unknown)
      var one = ExposureSets()
      one.low[ns] = p.low
      one.high[ns] = high
      one.estimate[ns] = p.hitRate >= 0.5 ? high : p.low
      out.formUnion(one)
      lowest = min(lowest, p.hitRate)
    }
    return (out, lowest)
  }

  @Test func matchesTheUnionOfEachTracksThreeSets() {
    let hit = ResponseSizeModel.bucket(2000)
    // a: mostly hits, two unknown sizes (one of them also a hit); b: mostly error-sized
    // answers (hit rate below one half), one unknown size; c: another namespace, all hits.
    let a = Self.track([(1, 200, 2000), (2, 200, 2100), (3, 200, -1), (1, 200, -1), (4, 200, 90), (5, 404, 90)])
    let b = Self.track([(10, 200, 90), (11, 200, 95), (12, 200, 2000), (13, 200, -1), (2, 200, 80)])
    let c = Self.track([(1, 200, 3000), (7, 200, 2500)])
    let tracks = [(a, "patients"), (b, "patients"), (c, "documents")]
    var builder = RecordExposureBuilder()
    for (t, ns) in tracks { builder.add(t, namespace: ns, hitBucket: hit) }
    let built = builder.finish()
    let (expected, lowest) = Self.reference(tracks, hitBucket: hit)
    #expect(built.low == expected.low)
    #expect(built.estimate == expected.estimate)
    #expect(built.high == expected.high)
    #expect(builder.lowestHitRate == lowest)
    #expect(built.bounds == expected.bounds)
    // Spelled out: certain 1, 2, 12 (+ 1, 7 in documents); b's unknown id 13 is only possible
    // (b's hit rate is 1/4), a's unknown id 3 is likely.
    #expect(built.low["patients"]?.count == 3 && built.estimate["patients"]?.count == 4 && built.high["patients"]?.count == 5)
    #expect(built.low["documents"]?.count == 2 && built.high["documents"]?.count == 2)
    #expect(lowest == 0.25)
  }

  /// An id counts once, by its largest answer: one answered with an error-sized body and
  /// then in full is certain (not a miss), one read twice with two record sizes counts once,
  /// and the hit rate is a share of distinct ids (2 of 3 here, where counting an entry per
  /// (size, id) made it 2 of 4).
  @Test func anIdCountsOnceByItsLargestAnswer() {
    let hit = ResponseSizeModel.bucket(2000)
    let t = Self.track([(1, 200, 90), (1, 200, 2000), (2, 200, 2000), (2, 200, 3500), (3, 200, 90), (4, 200, -1)])
    let p = ExposureEstimator.recordParts(t, hitBucket: hit)
    #expect(p.low.count == 2 && p.low.contains(.numeric(1)) && p.low.contains(.numeric(2)))
    #expect(p.hitRate == 2.0 / 3.0)
    #expect(p.unknown.count == 1)
    var builder = RecordExposureBuilder()
    builder.add(t, namespace: "patients", hitBucket: hit)
    #expect(builder.finish().bounds == RecordBounds(estimate: 3, low: 2, high: 3))
  }

  @Test func withoutUnknownSizesTheThreeLevelsAreOneSet() {
    var builder = RecordExposureBuilder()
    for k in 0..<50 {
      builder.add(Self.track([(UInt32(k * 2), 200, 2000), (UInt32(k * 2 + 1), 200, 2200)]), namespace: "patients", hitBucket: nil)
    }
    let sets = builder.finish()
    #expect(sets.low["patients"]?.count == 100)
    #expect(sets.estimate == sets.low && sets.high == sets.low)
    #expect(sets.bounds == RecordBounds(estimate: 100, low: 100, high: 100))
    #expect(builder.lowestHitRate == 1)
  }

  @Test func unitingIntoAnEmptyExposureKeepsEveryNamespace() {
    var one = ExposureSets()
    var s = RecordSet()
    s.insert(.numeric(4))
    one.low["a"] = s
    one.estimate["a"] = s
    one.high["a"] = RecordSet()
    var total = ExposureSets()
    total.formUnion(one)
    #expect(total.low == one.low && total.estimate == one.estimate && total.high == one.high)
    var more = RecordSet()
    more.insert(.numeric(9))
    var two = ExposureSets()
    two.low["a"] = more
    total.formUnion(two)
    #expect(total.low["a"]?.count == 2)
    #expect(one.low["a"]?.count == 1)  // the set shared with `total` was not changed
  }
}
