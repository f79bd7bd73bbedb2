// Report/AnalysisOutcome.swift - everything the analysis engine hands to the report writer.

/// The result of an analysis run; every array is in a deterministic order.
public struct AnalysisOutcome: Codable, Sendable, Equatable {
  /// Sorted by severity (desc), start, id.
  public var findings: [Finding]
  /// Flagged sessions (all sessions with ``AnalysisOptions/allSessions``), by start then id.
  public var sessions: SessionReports
  public var sessionCount: Int
  public var flaggedSessionCount: Int
  /// Distinct records across all findings (each counted once).
  public var exposure: ExposureBounds
  /// Every patient endpoint template.
  public var patientEndpoints: [EndpointSummary]
  /// Notable events, chronological.
  public var timeline: [TimelineEntry]

  public init(
    findings: [Finding] = [], sessions: SessionReports = [], sessionCount: Int = 0,
    flaggedSessionCount: Int = 0, exposure: ExposureBounds = ExposureBounds(),
    patientEndpoints: [EndpointSummary] = [], timeline: [TimelineEntry] = []
  ) {
    self.findings = findings
    self.sessions = sessions
    self.sessionCount = sessionCount
    self.flaggedSessionCount = flaggedSessionCount
    self.exposure = exposure
    self.patientEndpoints = patientEndpoints
    self.timeline = timeline
  }
}
