// Evidence/ExposedRecords.swift - the exposed record ids an analysis run can list (restricted annex).

/// Exposed records per namespace at three certainty levels, as the engine keeps them.
///
/// Numeric ids (≤ 32 bits) are kept as numbers, so they can be listed (in canonical decimal:
/// leading zeros are not kept). Other ids (NIR, UUID…) are kept only as 64-bit hashes by the
/// engine and cannot be listed: only their count is known. Listing endpoints (pagination)
/// expose positions in a listing, not ids.
public struct ExposedRecords: Sendable, Equatable {
  public struct Namespace: Sendable, Equatable {
    /// The record namespace (endpoint template the ids belong to).
    public var name: String
    /// `true` for a listing: the numbers are positions in the listing, not record ids.
    public var isListing: Bool
    /// Ids in the low bound (certain), sorted.
    public var certain: [UInt32]
    /// Ids added by the central estimate, sorted.
    public var likely: [UInt32]
    /// Ids only in the high bound, sorted.
    public var possible: [UInt32]
    /// Exposed ids known only by hash (not listable), at the high bound.
    public var hashedOnly: Int
  }

  /// Namespaces sorted by name.
  public var namespaces: [Namespace]

  public init(namespaces: [Namespace] = []) { self.namespaces = namespaces }

  /// Total listable entries.
  public var listable: Int { namespaces.reduce(0) { $0 + $1.certain.count + $1.likely.count + $1.possible.count } }
  /// Total entries known by hash only.
  public var hashedOnly: Int { namespaces.reduce(0) { $0 + $1.hashedOnly } }
}

enum ExposedRecordCollector {
  /// Re-runs detection over a finished engine (read-only: the detector only reads engine state)
  /// and unions the exposure sets of every finding.
  static func collect(engine: AnalysisEngine) -> ExposedRecords {
    var detector = Detector(engine: engine)
    _ = detector.run()
    var global = ExposureSets()
    for d in detector.drafts { global.formUnion(d.exposureSets) }
    var listing = Set<String>()
    for info in engine.templates.infos where info.kind == .list { listing.insert(info.namespace) }
    var out: [ExposedRecords.Namespace] = []
    for name in global.high.keys.sorted() {
      let high = global.high[name] ?? RecordSet()
      let low = global.low[name] ?? RecordSet()
      let est = global.estimate[name] ?? RecordSet()
      var certain: [UInt32] = []
      var likely: [UInt32] = []
      var possible: [UInt32] = []
      var all = high
      all.formUnion(low)
      all.formUnion(est)
      all.numeric.forEach { v in
        if low.numeric.contains(v) {
          certain.append(v)
        } else if est.numeric.contains(v) {
          likely.append(v)
        } else {
          possible.append(v)
        }
      }
      if all.count == 0 { continue }
      out.append(
        .init(
          name: TerminalSanitizer.clean(name), isListing: listing.contains(name), certain: certain.sorted(),
          likely: likely.sorted(), possible: possible.sorted(), hashedOnly: all.hashed.count))
    }
    return ExposedRecords(namespaces: out)
  }
}
