// Evidence/EvidenceBuilder.swift - assembles the evidence report from the JSON report and the case file.

/// Everything the evidence report is built from.
public struct EvidenceInputs: Sendable {
  /// The analysis report (from `analyze`, or read back from its JSON).
  public var report: Report
  /// SHA-256 of the JSON report file the document was rendered from (or written beside it).
  public var reportSHA256: String?
  public var caseFile: CaseFile = .empty
  /// SHA-256 of the case file, when one was given.
  public var caseSHA256: String?
  /// The previous report of a phased notification, and its SHA-256.
  public var previous: Report?
  public var previousSHA256: String?
  /// The restricted annex written in this run, if any.
  public var annex: RecordAnnexSummary?
  /// Name of the manifest file written beside the outputs.
  public var manifestName: String?
  /// The command line of the run, for the record.
  public var commandLine: String?
  /// Build and platform of the renderer (`debug, Linux x86_64`); nil in tests for stable goldens.
  public var buildInfo: String?

  public init(report: Report) { self.report = report }

  /// `debug` or `release`, operating system and architecture of this build.
  public static var currentBuild: String {
    var build = "debug"
    #if !DEBUG
      build = "release"
    #endif
    var platform = "unknown OS"
    #if os(Linux)
      platform = "Linux"
    #elseif os(macOS)
      platform = "macOS"
    #endif
    #if arch(x86_64)
      platform += " x86_64"
    #elseif arch(arm64)
      platform += " arm64"
    #endif
    return build + ", " + platform
  }
}

/// Builds an ``EvidenceDocument`` in one language. Log-derived facts come from the report,
/// the rest from the case file; missing case facts render as the "to be completed" marker.
public struct EvidenceBuilder {
  public let inputs: EvidenceInputs
  public let L: ReportLanguage

  public init(_ inputs: EvidenceInputs, language: ReportLanguage) {
    self.inputs = inputs
    self.L = language
  }

  var report: Report { inputs.report }
  var caseFile: CaseFile { inputs.caseFile }
  var missing: String { L.label("missing") }

  /// The document, sections in the order of the CNIL notification.
  public func build() -> EvidenceDocument {
    let draft = !caseFile.isComplete
    let sections: [(String, [EvidenceBlock])] = [
      ("control", controlSection()),
      ("controller", controllerSection()),
      ("timeline", timelineSection()),
      ("nature", natureSection()),
      ("records", recordsSection()),
      ("actors", actorsSection()),
      ("consequences", consequencesSection()),
      ("integrity", integritySection()),
      ("time", timeSection()),
      ("coverage", coverageSection()),
      ("methodology", methodologySection()),
      ("annex-timeline", annexTimelineSection()),
      ("annex-records", annexRecordsSection()),
    ]
    var out: [EvidenceSection] = []
    for (i, s) in sections.enumerated() {
      let title = (s.0.hasPrefix("annex") ? "" : "\(i + 1). ") + L.label("section.\(s.0)")
      out.append(EvidenceSection(id: s.0, title: title, blocks: s.1))
    }
    return EvidenceDocument(
      language: L, title: L.label("doc.title"), status: L.label(draft ? "status.draft" : "status.final"),
      isDraft: draft, sections: out, missingMarker: missing)
  }

  // MARK: - helpers shared by the section builders

  /// Case-file text at `path`, or the missing marker.
  func c(_ path: String) -> String { caseFile.string(path) ?? missing }

  /// Optional case-file text at `path`, or "not provided" (only required fields get the missing marker).
  func opt(_ path: String) -> String { caseFile.string(path) ?? L.label("notProvided") }

  /// An optional case-file choice, translated, or "not provided".
  func optChoice(_ path: String) -> String {
    caseFile.string(path).map { L.label("v.\($0)") } ?? L.label("notProvided")
  }

  /// A case-file choice value, translated.
  func choice(_ path: String) -> String {
    guard let v = caseFile.string(path) else { return missing }
    return L.label("v.\(v)")
  }

  /// A case-file timestamp in UTC and Paris time (or the raw text / missing marker).
  func caseTime(_ path: String) -> String {
    guard let s = caseFile.string(path) else { return missing }
    guard let t = Timestamp(iso8601: s) else { return s }
    return both(t)
  }

  /// `2026-03-03 01:12:08 UTC — 2026-03-03 02:12:08 (UTC+01:00) Paris`.
  func both(_ t: Timestamp) -> String { "\(ParisTime.formatUTC(t)) — \(ParisTime.format(t)) \(L.label("paris"))" }

  func utc(_ t: Timestamp?) -> String { t.map(ParisTime.formatUTC) ?? L.label("none") }

  func n(_ v: Int) -> String { L.number(v) }
  func n(_ v: Int64) -> String { L.number(Int(v)) }

  func qualifier(_ b: RecordBounds) -> String { L.label(b.low == b.high ? "q.exact" : "q.approximate") }

  func yesNo(_ b: Bool) -> String { L.label(b ? "v.yes" : "v.no") }

  /// First and last malicious events over all findings.
  var maliciousSpan: (first: Finding, last: Finding)? {
    guard let first = report.findings.min(by: { ($0.start, $0.id) < ($1.start, $1.id) }),
      let last = report.findings.max(by: { ($0.end, $1.id) < ($1.end, $0.id) })
    else { return nil }
    return (first, last)
  }

  func kind(_ k: FindingKind) -> String { L.label("kind.\(k.rawValue)") }
}
