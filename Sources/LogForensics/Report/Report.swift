// Report/Report.swift - the JSON report document (schemaVersion 1), a public contract.
//
// Keys are camelCase; timestamps are ISO-8601 UTC with `Z`; arrays are sorted so the same
// inputs and options give byte-identical JSON. Change only by adding (docs/report-schema.json).

/// The whole report.
public struct Report: Codable, Sendable, Equatable {
  /// Version of this document's shape. Only ever grows by added keys while it is 1.
  public var schemaVersion: Int = 1
  public var tool: ToolInfo
  /// The one wall-clock value in the report: when the run happened. Fixed with
  /// `--run-timestamp` for reproducible output; absent when not requested.
  public var runTimestamp: Timestamp?
  public var parameters: ReportParameters
  public var inputs: [InputReport]
  public var summary: ReportSummary
  /// Findings, most severe first (severity, start, id).
  public var findings: [Finding]
  /// Flagged sessions (every session with `--all-sessions`), by start then id.
  public var sessions: SessionReports
  /// Every endpoint template classified as a patient record or patient list/search/export.
  public var patientEndpoints: [EndpointSummary]
  /// Notable events in time order (the text timeline is rendered from these).
  public var timeline: [TimelineEntry]

  public init(
    tool: ToolInfo, runTimestamp: Timestamp?, parameters: ReportParameters, inputs: [InputReport],
    summary: ReportSummary, findings: [Finding] = [], sessions: SessionReports = [],
    patientEndpoints: [EndpointSummary] = [], timeline: [TimelineEntry] = []
  ) {
    self.tool = tool
    self.runTimestamp = runTimestamp
    self.parameters = parameters
    self.inputs = inputs
    self.summary = summary
    self.findings = findings
    self.sessions = sessions
    self.patientEndpoints = patientEndpoints
    self.timeline = timeline
  }

  /// The analysis part of the report, as the timeline writer takes it.
  public var outcome: AnalysisOutcome {
    AnalysisOutcome(
      findings: findings, sessions: sessions, sessionCount: summary.sessions,
      flaggedSessionCount: summary.flaggedSessions, exposure: summary.exposure,
      patientEndpoints: patientEndpoints, timeline: timeline)
  }

  /// The most severe finding's severity, if any.
  public var highestSeverity: Severity? { findings.map(\.severity).max() }
}

/// Name and version of the tool that wrote the report.
public struct ToolInfo: Codable, Sendable, Equatable {
  public var name: String
  public var version: String
  public static let current = ToolInfo(name: "LogForensics", version: LogForensicsVersion.string)
}

/// Version of the library and tool.
public enum LogForensicsVersion {
  public static let string = "0.1.0"
}

/// Every option that influences the report's content (thread count does not, and is left out).
public struct ReportParameters: Codable, Sendable, Equatable {
  /// The paths as given on the command line.
  public var paths: [String]
  public var logFormat: String
  public var maxLineLength: Int
  public var reorderWindowSeconds: Double
  public var preferForwardedFor: Bool
  public var userField: String?
  public var sessionGapSeconds: Int64
  public var patientEndpoints: [String]
  public var allSessions: Bool
}

/// One input file (or standard input).
public struct InputReport: Codable, Sendable, Equatable {
  public var path: String
  /// SHA-256 of the bytes exactly as stored (compressed bytes for gzip); absent when the
  /// input could not be opened.
  public var sha256: String?
  /// Stored size in bytes.
  public var bytes: UInt64
  /// Decompressed size in bytes.
  public var decodedBytes: UInt64
  public var compression: String
  public var gzipMembers: Int
  /// Stream (rotated set) this input belongs to; inputs of one stream are read oldest first.
  public var stream: Int
  /// Format used (`unknown` when none matched).
  public var format: String
  public var detection: FormatDetection?
  public var lines: Int64
  /// Lines read as requests (including those with warnings).
  public var parsed: Int64
  public var warnings: Int64
  public var rejected: Int64
  public var skipped: Int64
  public var overlongLines: Int64
  public var outOfOrder: Int64
  public var zoneAssumed: Int64
  public var credentialsRedacted: Int64
  /// `false` when reading stopped early (truncated or corrupt gzip, read error, unreadable).
  public var complete: Bool
  public var errors: [InputErrorReport]
  public var firstEvent: Timestamp?
  public var lastEvent: Timestamp?
  public var rejectedSamples: [RejectedLineSample]
  public var warningSamples: [RejectedLineSample]
  public var skippedReasons: [ReasonCount]
  /// Parsed requests per UTC hour (hours without requests omitted): the background traffic
  /// and silences of the evidence report. Absent in reports written before it was added.
  public var hourlyRequests: [HourlyCount]? = nil
  /// gzip members whose CRC-32 or length trailer did not match (content kept, flagged);
  /// absent when there is none.
  public var gzipBadMembers: Int? = nil
}

/// A problem reading an input.
public struct InputErrorReport: Codable, Sendable, Equatable {
  /// Machine-readable kind (`gzip-truncated`, `cannot-open`, …).
  public var kind: String
  public var message: String
  /// Stored (compressed) byte offset, when known.
  public var offset: UInt64?
}

/// A reason and how often it occurred.
public struct ReasonCount: Codable, Sendable, Equatable {
  public var reason: String
  public var count: Int64
}

/// Totals over all inputs.
public struct ReportSummary: Codable, Sendable, Equatable {
  public var inputs: Int
  public var incompleteInputs: Int
  public var unreadableInputs: Int
  public var bytes: UInt64
  public var decodedBytes: UInt64
  public var lines: Int64
  public var parsed: Int64
  public var warnings: Int64
  public var rejected: Int64
  public var skipped: Int64
  public var firstEvent: Timestamp?
  public var lastEvent: Timestamp?
  public var sessions: Int
  public var flaggedSessions: Int
  public var findings: Int
  /// Distinct records exposed across all findings (a record taken twice counts once).
  public var exposure: ExposureBounds
}
