// Exposure/ResponseSizeModel.swift - learns, per template, the response sizes of hits vs misses.

/// Quarter-octave size buckets and a two-cluster split of a template's success sizes.
///
/// APIs that answer `200` with an error payload for an unknown id show two size clusters:
/// small error bodies and larger records. The split is Otsu's threshold over the
/// logarithmic histogram, accepted only when the two clusters are clearly apart (mean
/// ratio ≥ 3, between-class variance ≥ 80 % of the total) and the small one is at most
/// 1 KiB; otherwise every successful answer counts as a hit.
public struct ResponseSizeModel: Sendable, Equatable {
  /// Counts of successful answers per size bucket.
  public private(set) var histogram = [Int](repeating: 0, count: 256)
  /// Sum of the sizes per bucket (for mean sizes).
  public private(set) var bytes = [Double](repeating: 0, count: 256)
  public private(set) var total = 0

  public init() {}

  /// Bucket of a size: 4 buckets per power of two (`0` for sizes 0 and 1).
  @inline(__always)
  public static func bucket(_ size: Int64) -> Int {
    guard size > 1 else { return 0 }
    let e = 63 - size.leadingZeroBitCount
    let frac = e >= 2 ? Int((size >> Int64(e - 2)) & 3) : 0  // sizes 2 and 3 share bucket 4
    return min(255, 4 * e + frac)
  }

  /// Smallest size that falls in `bucket`.
  public static func lowerBound(ofBucket b: Int) -> Int64 {
    if b <= 0 { return 0 }
    let e = b / 4
    let frac = Int64(b % 4)
    if e < 2 { return frac == 0 ? Int64(1) << Int64(e) : Int64(1) << Int64(e + 1) }
    return (4 + frac) << Int64(e - 2)
  }

  /// Sizes from this one up are not plausible answers of a record API (1 TiB): a forged or
  /// corrupted byte count is left out so one line cannot move the split.
  public static let implausibleSize: Int64 = 1 << 40
  /// Fewest answers the larger cluster must hold for a split to be accepted: a lone outlier
  /// is not "the records" (it would turn every real record into a miss).
  public static let minimumHitCluster = 3

  public mutating func add(size: Int64) {
    guard size < ResponseSizeModel.implausibleSize else { return }
    let b = ResponseSizeModel.bucket(size)
    histogram[b] += 1
    bytes[b] += Double(size)
    total += 1
  }

  /// The first bucket of the "hit" cluster, or `nil` when sizes do not split in two.
  public func hitThresholdBucket() -> Int? {
    guard total >= 20 else { return nil }
    var sum = 0.0
    for (b, c) in histogram.enumerated() { sum += Double(b * c) }
    let mu = sum / Double(total)
    var varTotal = 0.0
    for (b, c) in histogram.enumerated() where c > 0 { varTotal += Double(c) * (Double(b) - mu) * (Double(b) - mu) }
    varTotal /= Double(total)
    guard varTotal > 0 else { return nil }
    var best = -1.0
    var bestT = 0
    var w0 = 0.0
    var s0 = 0.0
    for t in 1..<256 {
      w0 += Double(histogram[t - 1])
      s0 += Double((t - 1) * histogram[t - 1])
      let w1 = Double(total) - w0
      if w0 == 0 || w1 == 0 { continue }
      let m0 = s0 / w0
      let m1 = (sum - s0) / w1
      let between = w0 * w1 * (m0 - m1) * (m0 - m1) / (Double(total) * Double(total))
      if between > best {
        best = between
        bestT = t
      }
    }
    guard best / varTotal >= 0.8 else { return nil }
    // Cluster means in bytes (bucket means are in quarter-octaves: 8 buckets = factor 4).
    var c0 = 0.0, n0 = 0.0, c1 = 0.0, n1 = 0.0
    for (b, c) in histogram.enumerated() where c > 0 {
      if b < bestT {
        c0 += Double(b * c)
        n0 += Double(c)
      } else {
        c1 += Double(b * c)
        n1 += Double(c)
      }
    }
    guard n1 >= Double(ResponseSizeModel.minimumHitCluster) else { return nil }
    let meanLow = c0 / n0, meanHigh = c1 / n1
    guard meanHigh - meanLow >= 6.3 else { return nil }  // 2^(6.3/4) ≈ 3x
    guard ResponseSizeModel.lowerBound(ofBucket: Int(meanLow.rounded())) <= 1024 else { return nil }
    return bestT
  }

  /// Mean size of the hit cluster (all successes above bucket 0 without a split); 0 when none.
  public func meanHitSize(threshold: Int?) -> Double {
    let start = threshold ?? 1
    var n = 0
    var sum = 0.0
    for b in start..<256 {
      n += histogram[b]
      sum += bytes[b]
    }
    return n > 0 ? sum / Double(n) : 0
  }
}
