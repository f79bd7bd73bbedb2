// Report/Severity.swift - finding severity, ordered low < medium < high < critical.

/// How serious a finding is; driven mainly by the number of records exposed.
public enum Severity: String, Codable, Sendable, Equatable, Comparable, CaseIterable {
  case low, medium, high, critical

  var rank: Int {
    switch self {
    case .low: return 0
    case .medium: return 1
    case .high: return 2
    case .critical: return 3
    }
  }

  public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

  /// Severity for an estimated number of exposed records: ≥ 10 000 critical, ≥ 500 high,
  /// ≥ 20 medium, otherwise low.
  public static func forRecords(_ n: Int) -> Severity {
    if n >= 10_000 { return .critical }
    if n >= 500 { return .high }
    if n >= 20 { return .medium }
    return .low
  }
}
