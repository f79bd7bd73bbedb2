// Report/TimelineEntry.swift - one notable event on the incident timeline.

/// A notable moment: first/last request of a finding, a failed-login burst, a token reuse…
public struct TimelineEntry: Codable, Sendable, Equatable {
  public var time: Timestamp
  /// `finding-start`, `finding-end`, `enumeration-start`, `rate-change`, `login-burst`,
  /// `login-success`, `token-reuse`.
  public var event: String
  public var findingId: String?
  public var actor: String
  public var endpoint: String?
  public var count: Int?
  public var detail: String
  public var evidence: Evidence?
}
