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
    var perTemplate: [TemplateID: [Double]] = [:]
    for a in engine.actors {
      for (t, tr) in a.tracks where engine.templates[t].kind == .record {
        perTemplate[t, default: []].append(contentsOf: tr.allDayCounts.map(Double.init))
      }
    }
    for (t, v) in perTemplate {
      let m = RobustStats.median(v)
      let mad = RobustStats.mad(v)
      let p90 = RobustStats.quantile(v, 0.9)
      baselines[t] = Baseline(
        actors: v.count, median: m, mad: mad, p90: p90, threshold: max(100, m + 10 * mad, 2 * p90))
    }
  }

  /// Sorted, sanitised strings of a set of symbols.
  func strings(_ s: some Sequence<Symbol>) -> [String] {
    Array(Set(s.filter { !$0.isNone }.map { TerminalSanitizer.clean(symbols.string($0)) })).sorted()
  }

  /// Evidence of the given tracks: first, a few samples, last.
  func evidence(_ tracks: [RecordTrack]) -> [Evidence] {
    var all: [(Timestamp, Evidence)] = []
    var samples: [Evidence] = []
    for tr in tracks {
      if let f = tr.firstEvidence { all.append((tr.first, engine.evidence(f))) }
      if let l = tr.lastEvidence { all.append((tr.last, engine.evidence(l))) }
      samples.append(contentsOf: tr.samples.map(engine.evidence))
    }
    all.sort { ($0.0, $0.1) < ($1.0, $1.1) }
    guard let first = all.first?.1, let last = all.last?.1 else { return [] }
    var out = [first]
    for s in samples.sorted() where !out.contains(s) && out.count < 4 { out.append(s) }
    if !out.contains(last) { out.append(last) }
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
