// Detection/Detector.swift - turns the engine's compact state into explained findings.

/// Population baseline of one record template: distinct records per actor-day.
struct Baseline {
  var actors: Int
  var median: Double
  var mad: Double
  var p90: Double
  /// Volume above which an actor-day is unusual: max(100, median + 10·MAD, 2·p90).
  var threshold: Double
}

/// A finding before exposure, ordering and ids.
struct Draft {
  var kind: FindingKind
  var score: Double
  var actors: [Int]
  var extraIPs: [Symbol] = []
  var extraUserAgents: [Symbol] = []
  var extraUsers: [Symbol] = []
  /// The tracks whose records make the exposure (whole actors' or some contexts').
  var tracks: [RecordTrack] = []
  /// When set for an actor: the only contexts (IP + user agent) of that identity the finding
  /// covers; its other contexts (the account owner's own use) stay out.
  var contexts: [Int: [Int]] = [:]
  var templates: [TemplateID]
  var requests: Int
  var distinct: Int
  var reasons: [String]
  var evidence: [Evidence]
  var start: Timestamp
  var end: Timestamp
  var timeline: [TimelineEntry] = []
  var minimumSeverity: Severity = .low
  var exposureSets = ExposureSets()
  var exposureReason: String? = nil
  /// For credential attacks: the IP whose later activity is linked, and since when.
  var linkedIP: (Symbol, Timestamp)? = nil
}

/// Runs every detector over an ``AnalysisEngine``'s state.
struct Detector {
  let engine: AnalysisEngine
  var hitBuckets: [Int?] = []
  var baselines: [TemplateID: Baseline] = [:]
  var drafts: [Draft] = []

  init(engine: AnalysisEngine) {
    self.engine = engine
    hitBuckets = (0..<engine.templates.count).map { engine.sizeModel(TemplateID($0))?.hitThresholdBucket() }
  }

  var symbols: SymbolTable { engine.symbols }

  func text(_ t: TemplateID) -> String { TerminalSanitizer.clean(engine.templates[t].text) }

  mutating func run() -> AnalysisOutcome {
    computeBaselines()
    detectRecordAccess()
    detectCampaigns()
    detectPagination()
    detectTokenReuse()
    detectLoginBursts()
    return finalize()
  }

  mutating func computeBaselines() {
    // Every track's distinct ids per day, per template: counted first so each template's
    // array is allocated once at its size (a swarm's 200 000 tracks are counted at the end
    // of the run, when memory is at its fullest), then sorted in place.
    var sizes: [TemplateID: Int] = [:]
    for a in engine.actors {
      for (t, tr) in a.tracks where engine.templates[t].kind == .record { sizes[t, default: 0] += tr.dayCountEntries }
    }
    var perTemplate: [TemplateID: [Double]] = [:]
    for (t, n) in sizes {
      var v: [Double] = []
      v.reserveCapacity(n)
      perTemplate[t] = v
    }
    for a in engine.actors {
      for (t, tr) in a.tracks where engine.templates[t].kind == .record {
        tr.forEachDayCount { perTemplate[t]!.append(Double($0)) }
      }
    }
    for t in perTemplate.keys.sorted() {
      var v = perTemplate.removeValue(forKey: t)!
      v.sort()
      let m = RobustStats.quantile(sorted: v, 0.5)
      let p90 = RobustStats.quantile(sorted: v, 0.9)
      var deviations = v.map { abs($0 - m) }
      let count = v.count
      v = []
      deviations.sort()
      let mad = 1.4826 * RobustStats.quantile(sorted: deviations, 0.5)
      baselines[t] = Baseline(
        actors: count, median: m, mad: mad, p90: p90, threshold: max(100, m + 10 * mad, 2 * p90))
    }
  }

  /// Sorted, sanitised strings of a set of symbols.
  func strings(_ s: some Sequence<Symbol>) -> [String] {
    Array(Set(s.filter { !$0.isNone }.map { TerminalSanitizer.clean(symbols.string($0)) })).sorted()
  }

  /// The first ``ActorSet/limit`` of ``strings(_:)`` and their number, in bounded memory
  /// (see ``CappedStrings``).
  func cappedStrings<S: Sequence<Symbol>>(_ s: S) -> CappedStrings {
    CappedStrings(s, in: symbols, limit: ActorSet.limit)
  }

  /// Evidence of the given tracks: first, a few samples, last.
  /// The evidence of a finding over `tracks`: its first request, up to three sampled
  /// requests (the earliest places first) and its last request.
  ///
  /// One pass, in constant memory: a campaign of 200 000 swarm members used to collect and
  /// sort 800 000 places here (about 40 MB at the end of the run) to keep five of them.
  func evidence(_ tracks: [RecordTrack]) -> [Evidence] {
    var first: (Timestamp, Evidence)?
    var last: (Timestamp, Evidence)?
    func see(_ x: (Timestamp, Evidence)) {
      if first.map({ x < $0 }) ?? true { first = x }
      if last.map({ $0 < x }) ?? true { last = x }
    }
    // The four smallest distinct samples, increasing: enough for three that differ from
    // the first request.
    var smallest: [Evidence] = []
    smallest.reserveCapacity(5)
    for tr in tracks {
      if let f = tr.firstEvidence { see((tr.first, engine.evidence(f))) }
      if let l = tr.lastEvidence { see((tr.last, engine.evidence(l))) }
      for ref in tr.samples {
        let s = engine.evidence(ref)
        if smallest.count == 4, let top = smallest.last, !(s < top) { continue }
        var i = smallest.count
        while i > 0 && s < smallest[i - 1] { i -= 1 }
        if i > 0 && smallest[i - 1] == s { continue }
        smallest.insert(s, at: i)
        if smallest.count > 4 { smallest.removeLast() }
      }
    }
    guard let firstPlace = first?.1, let lastPlace = last?.1 else { return [] }
    var out = [firstPlace]
    for s in smallest where !out.contains(s) && out.count < 4 { out.append(s) }
    if !out.contains(lastPlace) { out.append(lastPlace) }
    return out
  }

  func span(_ tracks: [RecordTrack]) -> (Timestamp, Timestamp) {
    var s = Timestamp(microseconds: Int64.max)
    var e = Timestamp(microseconds: Int64.min)
    for tr in tracks {
      s = min(s, tr.first)
      e = max(e, tr.last)
    }
    return (s, e)
  }
}

/// Formats a ratio as a percentage with no decimals.
func pct(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }

/// Formats a double with one decimal.
func one(_ x: Double) -> String {
  let v = (x * 10).rounded() / 10
  return v == v.rounded() ? "\(Int(v))" : "\(v)"
}
