// Report/Finding.swift - one explained detection: who, what, when, how many records, why.

/// The kinds of finding (see `docs/detection.md`).
public enum FindingKind: String, Codable, Sendable, Equatable, Comparable, CaseIterable {
  case sequentialEnumeration = "sequential-enumeration"
  case bulkRecordAccess = "bulk-record-access"
  case distributedEnumeration = "distributed-enumeration"
  case paginationScrape = "pagination-scrape"
  case identifierProbing = "identifier-probing"
  case credentialAttack = "credential-attack"
  case tokenReuse = "token-reuse"

  public static func < (a: FindingKind, b: FindingKind) -> Bool { a.rawValue < b.rawValue }
}

/// Everyone involved in a finding, each list sorted.
public struct ActorSet: Codable, Sendable, Equatable {
  public var ips: [String]
  public var users: [String]
  public var userAgents: [String]

  public init(ips: [String] = [], users: [String] = [], userAgents: [String] = []) {
    self.ips = ips
    self.users = users
    self.userAgents = userAgents
  }
}

/// Requests in one UTC hour (the activity strip of a finding).
public struct HourlyCount: Codable, Sendable, Equatable {
  /// Start of the hour.
  public var hour: Timestamp
  public var requests: Int
}

/// One detection, with the figures that justify it.
public struct Finding: Codable, Sendable, Equatable {
  /// Deterministic id (`F001`, … in report order).
  public var id: String
  public var kind: FindingKind
  public var severity: Severity
  /// Confidence 0–1 that the activity is abusive (not its size: see ``severity``).
  public var score: Double
  public var start: Timestamp
  public var end: Timestamp
  public var actors: ActorSet
  public var sessionIds: [String]
  /// Endpoint templates involved, sorted.
  public var endpoints: [String]
  public var requests: Int
  /// Distinct records requested (hits and misses).
  public var distinctRecords: Int
  public var exposure: ExposureBounds
  /// Human sentences with the figures behind the finding.
  public var reasons: [String]
  /// First, sample and last requests.
  public var evidence: [Evidence]
  /// Requests per UTC hour, for the activity strip.
  public var activity: [HourlyCount]
}
