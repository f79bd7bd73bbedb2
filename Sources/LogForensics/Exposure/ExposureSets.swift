// Exposure/ExposureSets.swift - exposed records as sets per namespace, so totals count each once.

/// Records exposed, per record namespace, at three levels of certainty.
///
/// `low` holds what the logs prove (a success whose size is a record's), `estimate` adds
/// what is most likely (unknown sizes when most known sizes are hits; list pages sized from
/// bytes), `high` everything the logs allow (every success of unknown size, full pages).
struct ExposureSets {
  var low: [String: RecordSet] = [:]
  var estimate: [String: RecordSet] = [:]
  var high: [String: RecordSet] = [:]

  mutating func formUnion(_ o: ExposureSets) {
    ExposureSets.unite(&low, o.low)
    ExposureSets.unite(&estimate, o.estimate)
    ExposureSets.unite(&high, o.high)
  }

  /// Adds each set of `b` to the set of its namespace in `a`; a namespace new to `a` takes
  /// `b`'s set itself (shared until changed, not copied: the run's total and a single
  /// finding's sets are then one set, 1.9 MB for 15 million ids).
  private static func unite(_ a: inout [String: RecordSet], _ b: [String: RecordSet]) {
    for (k, v) in b {
      if a[k] == nil { a[k] = v } else { a[k]!.formUnion(v) }
    }
  }

  var bounds: RecordBounds {
    let l = low.values.reduce(0) { $0 + $1.count }
    let e = estimate.values.reduce(0) { $0 + $1.count }
    let h = high.values.reduce(0) { $0 + $1.count }
    return RecordBounds(estimate: max(l, min(e, h)), low: l, high: max(h, l))
  }
}

/// The exposure of many record tracks, united: successes in the hit size cluster are
/// certain; successes of unknown size are possible (counted in the estimate when most of the
/// track's known-size successes are hits).
///
/// Built as one set of certain records per namespace plus what the estimate and the high
/// bound add to it: those additions are the successes of unknown size, usually none, so a
/// campaign of 200 000 tracks builds one set of its records instead of three equal ones.
struct RecordExposureBuilder {
  // Unions built a batch of tracks at a time (``RecordSet/UnionBuilder``): adding each track's
  // few dozen ids to one growing set moved that set's containers once per track (6.6 s of
  // the 15 M-id, 200 000-actor mass dump's 30 s run went to it).
  private var low: [String: RecordSet.UnionBuilder] = [:]
  private var estimateExtra: [String: RecordSet.UnionBuilder] = [:]
  private var highExtra: [String: RecordSet.UnionBuilder] = [:]
  /// The lowest hit rate of the tracks added (1 when none).
  private(set) var lowestHitRate = 1.0

  /// Adds one track's exposure (see ``ExposureEstimator/recordParts(_:hitBucket:)``).
  mutating func add(_ track: RecordTrack, namespace: String, hitBucket: Int?) {
    let x = ExposureEstimator.recordParts(track, hitBucket: hitBucket)
    lowestHitRate = min(lowestHitRate, x.hitRate)
    low[namespace, default: RecordSet.UnionBuilder()].add(x.low)
    if !x.unknown.isEmpty {
      highExtra[namespace, default: RecordSet.UnionBuilder()].add(x.unknown)
      if x.hitRate >= 0.5 { estimateExtra[namespace, default: RecordSet.UnionBuilder()].add(x.unknown) }
    }
  }

  /// The united sets: `estimate` and `high` share `low`'s storage where they add nothing.
  mutating func finish() -> ExposureSets {
    var out = ExposureSets()
    for k in low.keys {
      let l = low[k]!.finish()
      out.low[k] = l
      var e = l, h = l
      if estimateExtra[k] != nil { e.formUnion(estimateExtra[k]!.finish()) }
      if highExtra[k] != nil { h.formUnion(highExtra[k]!.finish()) }
      out.estimate[k] = e
      out.high[k] = h
    }
    return out
  }
}

/// Turns a track's successes into exposed records.
enum ExposureEstimator {
  /// The parts of a record track's exposure: certain records, the successes of unknown size
  /// that are not among them, and the hit rate that decides whether the estimate counts
  /// those.
  static func recordParts(_ track: RecordTrack, hitBucket: Int?) -> (low: RecordSet, unknown: RecordSet, hitRate: Double) {
    var low = RecordSet()
    var knownMiss = 0
    track.successBySize.forEach { b, set in
      let isHit = hitBucket.map { b >= $0 } ?? (b > 0)
      if isHit { low.formUnion(set) } else { knownMiss += set.count }
    }
    let unknown = track.successUnknownSize.subtracting(low)
    let known = low.count + knownMiss  // distinct ids: each is in one bucket
    let hitRate = known > 0 ? Double(low.count) / Double(known) : 1
    return (low, unknown, hitRate)
  }

  /// List endpoint: each successful page lists `min(pageSize, bytes / recordSize)` records
  /// starting at its offset (estimate); `low` uses a 25 % larger record size, `high` the
  /// page size (or a 25 % smaller record size when no page size is known).
  static func pages(_ track: RecordTrack, namespace: String, recordSize: Int64) -> ExposureSets {
    var low = RecordSet(), est = RecordSet(), high = RecordSet()
    let size = Double(max(1, recordSize))
    // Cursor pages (offset -1) are taken to follow each other, numbered from a base far
    // above real offsets so both kinds never collide.
    var cursor = 2_000_000_000
    for p in track.pages {
      var offset = max(0, Int(p.offset))
      let bytes = Double(max(0, p.bytes))
      let bySizeEst = Int((bytes / size).rounded())
      let bySizeLow = Int(bytes / (size * 1.25))
      let bySizeHigh = Int((bytes / (size * 0.75)).rounded(.up))
      let nEst = p.pageSize > 0 ? min(Int(p.pageSize), bySizeEst) : bySizeEst
      let nLow = p.pageSize > 0 ? min(Int(p.pageSize), bySizeLow) : bySizeLow
      let nHigh = p.pageSize > 0 ? Int(p.pageSize) : bySizeHigh
      if p.offset < 0 {
        offset = cursor
        cursor += nHigh
      }
      for i in 0..<min(nHigh, 100_000) {
        let key = RecordKey.numeric(UInt32(clamping: offset + i))
        if i < nLow { low.insert(key) }
        if i < nEst { est.insert(key) }
        high.insert(key)
      }
    }
    var out = ExposureSets()
    out.low[namespace] = low
    out.estimate[namespace] = est
    out.high[namespace] = high
    return out
  }
}
