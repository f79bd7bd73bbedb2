// Detection/RobustStats.swift - median, MAD, percentiles and running mean/variance.

/// Robust statistics over small arrays (population baselines).
public enum RobustStats {
  /// The `p`-quantile (0…1) by nearest rank on a sorted copy; 0 for an empty array.
  public static func quantile(_ values: [Double], _ p: Double) -> Double {
    quantile(sorted: values.sorted(), p)
  }

  public static func median(_ values: [Double]) -> Double { quantile(values, 0.5) }

  /// ``quantile(_:_:)`` of values already sorted increasing (no copy).
  public static func quantile(sorted s: [Double], _ p: Double) -> Double {
    guard !s.isEmpty else { return 0 }
    let idx = Int((Double(s.count - 1) * p).rounded())
    return s[max(0, min(s.count - 1, idx))]
  }

  /// Median absolute deviation, scaled by 1.4826 to estimate a standard deviation.
  public static func mad(_ values: [Double]) -> Double {
    let m = median(values)
    return 1.4826 * median(values.map { abs($0 - m) })
  }
}

/// Welford running mean and variance.
public struct RunningStats: Sendable, Equatable {
  public private(set) var count = 0
  public private(set) var mean = 0.0
  private var m2 = 0.0

  public init() {}

  public mutating func add(_ x: Double) {
    count += 1
    let d = x - mean
    mean += d / Double(count)
    m2 += d * (x - mean)
  }

  /// Adds every value summarised by `other` (Chan et al.'s parallel update).
  public mutating func merge(_ other: RunningStats) {
    guard other.count > 0 else { return }
    guard count > 0 else {
      self = other
      return
    }
    let n = Double(count + other.count)
    let delta = other.mean - mean
    mean += delta * Double(other.count) / n
    m2 += other.m2 + delta * delta * Double(count) * Double(other.count) / n
    count += other.count
  }

  public var variance: Double { count > 1 ? m2 / Double(count - 1) : 0 }
  /// Coefficient of variation (standard deviation / mean); 0 when undefined.
  public var cv: Double { mean > 0 ? variance.squareRoot() / mean : 0 }
}
