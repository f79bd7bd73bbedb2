// Report/TimelineZone.swift - the zone timeline text is written in: UTC or a fixed offset.

/// UTC, or a fixed offset from it (no daylight-saving rules: evidence must be unambiguous).
public enum TimelineZone: Sendable, Equatable {
  case utc
  /// Minutes east of UTC (`+01:00` is 60).
  case offset(minutes: Int)

  /// Parses `UTC`, `Z`, `+01:00`, `-0530`, `+02`; `nil` otherwise (offsets beyond ±18 h too).
  public init?(argument: String) {
    let a = argument.uppercased()
    if a == "UTC" || a == "Z" || a == "GMT" {
      self = .utc
      return
    }
    let bytes = Array(a.utf8)
    guard bytes.count >= 3, bytes[0] == .plus || bytes[0] == .minus else { return nil }
    let digits = bytes[1...].filter { $0 != .colon }
    guard digits.count == 2 || digits.count == 4, digits.allSatisfy({ $0 &- 0x30 < 10 }) else { return nil }
    if bytes.count == 6 && bytes[3] != .colon { return nil }
    let d = digits.map { Int($0 - 0x30) }
    let hours = d[0] * 10 + d[1]
    let minutes = d.count == 4 ? d[2] * 10 + d[3] : 0
    guard hours <= 18, minutes < 60 else { return nil }
    let total = (hours * 60 + minutes) * (bytes[0] == .minus ? -1 : 1)
    self = total == 0 ? .utc : .offset(minutes: total)
  }

  /// Offset in minutes east of UTC.
  public var minutes: Int {
    switch self {
    case .utc: return 0
    case .offset(let m): return m
    }
  }

  /// `Z` or `+01:00`.
  public var suffix: String {
    let m = minutes
    if m == 0 { return "Z" }
    let sign = m < 0 ? "-" : "+"
    let a = abs(m)
    return sign + pad2(a / 60) + ":" + pad2(a % 60)
  }

  /// `2026-02-17 08:15:02Z` / `2026-02-17 09:15:02+01:00` (second precision).
  public func format(_ t: Timestamp) -> String {
    let shifted = Timestamp(microseconds: t.microseconds + Int64(minutes) * 60_000_000)
    let iso = shifted.iso8601  // yyyy-mm-ddThh:mm:ss.mmmZ
    let chars = Array(iso)
    return String(chars[0..<10]) + " " + String(chars[11..<19]) + suffix
  }
}

@inline(__always)
private func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
