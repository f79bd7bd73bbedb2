// Report/SessionReport.swift - the compact summary kept for each closed session.

/// Requests per status class (`2xx`, `3xx`, `4xx`, `5xx`, `other`).
public struct StatusCount: Codable, Sendable, Equatable {
  public var status: String
  public var count: Int
}

/// Behavioural features of a session (what detection looked at).
public struct SessionFeatures: Codable, Sendable, Equatable {
  public var ips: [String]
  public var userAgents: [String]
  /// Mean seconds between consecutive requests.
  public var meanGapSeconds: Double
  /// Coefficient of variation of the gaps (low = machine-regular).
  public var gapCV: Double
  /// Share of requests between 22:00 and 06:00 UTC.
  public var nightShare: Double
  /// Share of record requests that missed (404, or an error-sized 200).
  public var missRatio: Double
  /// The client looks like a script (library user agent, no assets, no referer).
  public var scriptClient: Bool
  /// Share of id steps with a small constant stride.
  public var sequentialShare: Double
  /// `true` when the session used more distinct IPs than the 16 listed in ``ips``
  /// (absent otherwise).
  public var ipsTruncated: Bool? = nil
  /// `true` when the session used more distinct user agents than the 16 listed in
  /// ``userAgents`` (absent otherwise).
  public var userAgentsTruncated: Bool? = nil
}

/// One session: an actor's requests with no gap longer than the session gap.
public struct SessionReport: Codable, Sendable, Equatable {
  public var id: String
  /// `user:alice`, `credential:apikey:[fp:…]`, or `ip:10.0.0.1 ua:…`.
  public var actor: String
  public var start: Timestamp
  public var end: Timestamp
  public var requests: Int
  public var patientRequests: Int
  public var distinctRecords: Int
  public var statusMix: [StatusCount]
  /// Requests per minute over the session.
  public var rate: Double
  public var features: SessionFeatures
}
