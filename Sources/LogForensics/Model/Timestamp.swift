// Model/Timestamp.swift - UTC instants as integer microseconds, civil-date arithmetic, ISO-8601 output.

/// An instant in UTC, stored as microseconds since 1970-01-01T00:00:00Z.
///
/// Integer arithmetic only: no `Date`, `Calendar` or formatter on the hot path.
public struct Timestamp: Hashable, Comparable, Sendable, Codable {
  /// Microseconds since the Unix epoch (UTC).
  public var microseconds: Int64

  public init(microseconds: Int64) { self.microseconds = microseconds }

  /// Builds an instant from a civil date and time **in UTC**; returns `nil` for
  /// out-of-range fields (month 13, day 32, hour 24, …).
  public init?(
    year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
    microsecond: Int = 0
  ) {
    guard (1...12).contains(month), day >= 1, day <= Timestamp.daysIn(month: month, year: year),
      (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
      (0..<1_000_000).contains(microsecond)
    else { return nil }
    let days = Timestamp.daysFromCivil(year: year, month: month, day: day)
    let secs = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    microseconds = secs * 1_000_000 + Int64(microsecond)
  }

  /// Whole seconds since the epoch (floor).
  public var seconds: Int64 {
    microseconds >= 0 ? microseconds / 1_000_000 : (microseconds - 999_999) / 1_000_000
  }

  public static func < (a: Timestamp, b: Timestamp) -> Bool { a.microseconds < b.microseconds }

  /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
  public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The civil date for a day count since 1970-01-01.
  public static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y, m, d)
  }

  public static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// ISO-8601 in UTC with millisecond precision and a `Z`: `2026-02-17T08:15:02.123Z`.
  ///
  /// This is the only timestamp form used in reports (deterministic, sortable).
  public var iso8601: String {
    let f = utcFields
    return "\(pad(f.year, 4))-\(pad(f.month, 2))-\(pad(f.day, 2))T\(pad(f.hour, 2)):\(pad(f.minute, 2)):\(pad(f.second, 2)).\(pad(f.millisecond, 3))Z"
  }

  /// The UTC calendar fields ``iso8601`` prints (milliseconds truncated).
  var utcFields: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int) {
    var secs = seconds
    let millis = Int((microseconds - secs * 1_000_000) / 1000)
    var days = secs / 86_400
    secs -= days * 86_400
    if secs < 0 {
      secs += 86_400
      days -= 1
    }
    let (y, m, d) = Timestamp.civilFromDays(Int(days))
    return (y, m, d, Int(secs / 3600), Int(secs % 3600 / 60), Int(secs % 60), millis)
  }

  /// Parses the exact form produced by ``iso8601`` (and any ISO-8601 string accepted by
  /// ``TimeParsing/iso8601(_:)``). For decoding reports, not for log lines.
  public init?(iso8601 string: String) {
    var s = string
    guard let t = s.withUTF8({ TimeParsing.iso8601(UnsafeRawBufferPointer($0)) }) else { return nil }
    self = t
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.singleValueContainer()
    let s = try c.decode(String.self)
    guard let t = Timestamp(iso8601: s) else {
      throw DecodingError.dataCorruptedError(in: c, debugDescription: "invalid ISO-8601 timestamp '\(s)'")
    }
    self = t
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(iso8601)
  }
}

@inline(__always)
private func pad(_ v: Int, _ width: Int) -> String {
  let s = String(v < 0 ? -v : v)
  let padded = s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  return v < 0 ? "-" + padded : padded
}
