// Sessions/SaturatingCount.swift - 32-bit counters for per-actor and per-session state.

extension Int32 {
  /// Adds one, staying at `Int32.max` instead of trapping or wrapping.
  ///
  /// Per-session and per-track counters are 32-bit: hundreds of thousands of actors keep
  /// them, and every request updates several, so half the bytes means fewer cache lines per
  /// request. Two billion requests in one session or on one track would need a log of about
  /// 400 GB from a single actor; should one ever reach it, the count stops at the maximum
  /// (a lower bound) rather than crash or wrap to a negative number.
  @inline(__always)
  mutating func bump() {
    if self < Int32.max { self += 1 }
  }
}

extension Int32 {
  /// Adds `n` (merging counters), staying within `Int32` instead of trapping.
  @inline(__always)
  mutating func add(_ n: Int32) {
    let (sum, overflow) = addingReportingOverflow(n)
    self = overflow ? (n > 0 ? Int32.max : Int32.min) : sum
  }
}
