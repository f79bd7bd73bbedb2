// Sessions/AnalysisOptions.swift - knobs of the analysis engine (session gap, patient endpoints).

/// Options of an ``AnalysisEngine`` run.
public struct AnalysisOptions: Sendable {
  /// A session ends after this many seconds without a request from its actor.
  public var sessionGap: Int64 = 30 * 60
  /// `--patient-endpoint` templates (`/fhir/Patient/{id}`, `/ws/GetPatient?nir={id}`); they
  /// are matched before zero-config templating and always count as patient endpoints.
  public var patientEndpoints: [String] = []
  /// Report every session, not only flagged ones.
  public var allSessions: Bool = false
  /// Closed sessions kept per actor for the report (the heaviest by distinct records, then
  /// requests), so memory grows with actors, not with time. Ignored with ``allSessions``.
  public var sessionsKeptPerActor: Int = 32
  /// Threads the engine may use: with 2 or more, ``AnalysisEngine/finish()`` builds the
  /// per-template id counts on a second thread while detection runs (same output).
  public var threads: Int = 1

  public init() {}
}
