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
///
/// Each list keeps at most ``limit`` values (the first in sorted order): a key shared by a
/// botnet or a client that changes its user agent on every request would otherwise put
/// hundreds of thousands of values in every output. When a list was cut, its `…Total`
/// says how many distinct values there were (the key is absent when nothing was cut).
public struct ActorSet: Codable, Sendable, Equatable {
  public var ips: [String]
  public var users: [String]
  public var userAgents: [String]
  /// Distinct IPs when ``ips`` was cut to ``limit``; `nil` when it is complete.
  public var ipsTotal: Int? = nil
  /// Distinct users when ``users`` was cut to ``limit``; `nil` when it is complete.
  public var usersTotal: Int? = nil
  /// Distinct user agents when ``userAgents`` was cut to ``limit``; `nil` when complete.
  public var userAgentsTotal: Int? = nil

  /// Most values kept per list.
  public static let limit = 100

  public init(ips: [String] = [], users: [String] = [], userAgents: [String] = []) {
    self.ips = ips
    self.users = users
    self.userAgents = userAgents
  }

  /// The sets sorted and cut to ``limit`` values each, with the totals of the cut lists.
  public static func capped(ips: [String], users: [String], userAgents: [String]) -> ActorSet {
    func cut(_ v: [String]) -> ([String], Int?) {
      let s = v.sorted()
      return s.count > limit ? (Array(s.prefix(limit)), s.count) : (s, nil)
    }
    var a = ActorSet()
    (a.ips, a.ipsTotal) = cut(ips)
    (a.users, a.usersTotal) = cut(users)
    (a.userAgents, a.userAgentsTotal) = cut(userAgents)
    return a
  }

  /// Distinct IPs, including those cut from ``ips``.
  public var ipCount: Int { ipsTotal ?? ips.count }
  /// Distinct users, including those cut from ``users``.
  public var userCount: Int { usersTotal ?? users.count }
  /// Distinct user agents, including those cut from ``userAgents``.
  public var userAgentCount: Int { userAgentsTotal ?? userAgents.count }
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
