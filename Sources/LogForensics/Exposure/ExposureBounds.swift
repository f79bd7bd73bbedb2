// Exposure/ExposureBounds.swift - how many records were exposed: estimate with low/high bounds.

/// A count with its uncertainty: `low` is what the logs prove, `high` what they allow.
public struct RecordBounds: Codable, Sendable, Equatable {
  public var estimate: Int
  public var low: Int
  public var high: Int

  public init(estimate: Int = 0, low: Int = 0, high: Int = 0) {
    self.estimate = estimate
    self.low = low
    self.high = high
  }

  static func + (a: RecordBounds, b: RecordBounds) -> RecordBounds {
    RecordBounds(estimate: a.estimate + b.estimate, low: a.low + b.low, high: a.high + b.high)
  }
}

/// Exposure of a finding or of the whole run. Encodes as
/// `{"records": {"estimate": N, "low": N, "high": N}}`.
public struct ExposureBounds: Codable, Sendable, Equatable {
  public var records: RecordBounds

  public init(records: RecordBounds = RecordBounds()) { self.records = records }
}
