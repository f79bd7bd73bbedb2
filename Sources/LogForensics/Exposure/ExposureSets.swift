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
    for (k, v) in o.low { low[k, default: RecordSet()].formUnion(v) }
    for (k, v) in o.estimate { estimate[k, default: RecordSet()].formUnion(v) }
    for (k, v) in o.high { high[k, default: RecordSet()].formUnion(v) }
  }

  var bounds: RecordBounds {
    let l = low.values.reduce(0) { $0 + $1.count }
    let e = estimate.values.reduce(0) { $0 + $1.count }
    let h = high.values.reduce(0) { $0 + $1.count }
    return RecordBounds(estimate: max(l, min(e, h)), low: l, high: max(h, l))
  }
}

/// Turns a track's successes into exposed records.
enum ExposureEstimator {
  /// Record endpoint: successes in the hit size cluster are certain; successes of unknown
  /// size are possible (counted in the estimate when most known-size successes are hits).
  static func records(_ track: RecordTrack, namespace: String, hitBucket: Int?) -> (ExposureSets, Double) {
    var low = RecordSet()
    var knownMiss = 0
    track.successBySize.forEach { b, set in
      let isHit = hitBucket.map { b >= $0 } ?? (b > 0)
      if isHit { low.formUnion(set) } else { knownMiss += set.count }
    }
    let unknown = track.successUnknownSize.subtracting(low)
    let known = low.count + knownMiss
    let hitRate = known > 0 ? Double(low.count) / Double(known) : 1
    var high = low
    high.formUnion(unknown)
    var out = ExposureSets()
    out.low[namespace] = low
    out.high[namespace] = high
    out.estimate[namespace] = hitRate >= 0.5 ? high : low
    return (out, hitRate)
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
