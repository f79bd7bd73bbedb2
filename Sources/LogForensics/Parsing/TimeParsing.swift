// Parsing/TimeParsing.swift - timestamp parsers for every log format, straight from bytes.
//
// No Foundation, no formatter: each function reads digits at fixed or scanned positions and
// builds a ``Timestamp`` with integer arithmetic. All functions return `nil` on any
// malformed input (they never trap), so parsers can turn that into a rejection reason.

/// A parsed time and whether the text carried its own UTC offset.
public struct ParsedTime: Equatable, Sendable {
  public var timestamp: Timestamp
  /// `false` when the text had no zone and UTC was assumed (e.g. netnea `[2019-01-31 10:00:00.123]`).
  public var hadZone: Bool
}

public enum TimeParsing {
  // MARK: - Common Log Format

  /// Parses `10/Oct/2000:13:55:36 -0700` (CLF, `%t` without brackets), optionally with a
  /// fraction after the seconds (`…:36.123`, HAProxy) and optionally without zone.
  public static func clf(_ b: UnsafeRawBufferPointer) -> ParsedTime? {
    // dd/Mon/yyyy:HH:MM:SS = 20 bytes minimum
    guard b.count >= 20 else { return nil }
    guard let day = digits(b, 0, 2), b[2] == .slash, let month = monthNumber(b, 3), b[6] == .slash,
      let year = digits(b, 7, 4), b[11] == .colon, let hh = digits(b, 12, 2), b[14] == .colon,
      let mm = digits(b, 15, 2), b[17] == .colon, let ss = digits(b, 18, 2)
    else { return nil }
    var i = 20
    var micros = 0
    if i < b.count && (b[i] == .dot || b[i] == .comma) {
      i += 1
      guard let (f, next) = fraction(b, i) else { return nil }
      micros = f
      i = next
    }
    guard var t = Timestamp(year: year, month: month, day: day, hour: hh, minute: mm, second: ss, microsecond: micros)
    else { return nil }
    while i < b.count && b[i] == .space { i += 1 }
    if i >= b.count { return ParsedTime(timestamp: t, hadZone: false) }
    guard let (offset, next) = zoneOffset(b, i), next == b.count else { return nil }
    t.microseconds -= Int64(offset) * 1_000_000
    return ParsedTime(timestamp: t, hadZone: true)
  }

  // MARK: - ISO-8601 / RFC 3339

  /// Parses `2026-02-17T08:15:02.123456+01:00`, `…Z`, `…+0100`, `…+01`, a space instead of
  /// `T`, any number of fraction digits (nanoseconds are truncated to microseconds), and no
  /// zone at all (UTC assumed, `hadZone == false`).
  public static func iso8601Detailed(_ b: UnsafeRawBufferPointer) -> ParsedTime? {
    guard b.count >= 19, let year = digits(b, 0, 4), b[4] == .minus, let month = digits(b, 5, 2),
      b[7] == .minus, let day = digits(b, 8, 2), b[10] == UInt8(ascii: "T") || b[10] == .space || b[10] == UInt8(ascii: "t"),
      let hh = digits(b, 11, 2), b[13] == .colon, let mm = digits(b, 14, 2), b[16] == .colon,
      let ss = digits(b, 17, 2)
    else { return nil }
    var i = 19
    var micros = 0
    if i < b.count && (b[i] == .dot || b[i] == .comma) {
      guard let (f, next) = fraction(b, i + 1) else { return nil }
      micros = f
      i = next
    }
    guard var t = Timestamp(year: year, month: month, day: day, hour: hh, minute: mm, second: ss, microsecond: micros)
    else { return nil }
    if i == b.count { return ParsedTime(timestamp: t, hadZone: false) }
    if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
      return i + 1 == b.count ? ParsedTime(timestamp: t, hadZone: true) : nil
    }
    guard let (offset, next) = zoneOffset(b, i), next == b.count else { return nil }
    t.microseconds -= Int64(offset) * 1_000_000
    return ParsedTime(timestamp: t, hadZone: true)
  }

  /// ``iso8601Detailed(_:)`` without the zone flag.
  public static func iso8601(_ b: UnsafeRawBufferPointer) -> Timestamp? {
    iso8601Detailed(b)?.timestamp
  }

  // MARK: - Epoch numbers

  /// Parses a decimal epoch value with an optional fraction: `1700000000`, `1700000000.123`,
  /// `1700000000123` (ms), `1700000000123456` (µs), `1700000000123456789` (ns). The unit
  /// of an integer is chosen by its number of digits (≤ 11 s, 12–14 ms, 15–17 µs, else ns).
  public static func epoch(_ b: UnsafeRawBufferPointer) -> Timestamp? {
    guard !b.isEmpty else { return nil }
    var i = 0
    var intPart: Int64 = 0
    var intDigits = 0
    while i < b.count, b[i] &- 0x30 < 10 {
      let (m, o1) = intPart.multipliedReportingOverflow(by: 10)
      let (a, o2) = m.addingReportingOverflow(Int64(b[i] &- 0x30))
      guard !o1, !o2 else { return nil }
      intPart = a
      intDigits += 1
      i += 1
    }
    guard intDigits > 0 else { return nil }
    var fracMicros: Int64 = 0
    if i < b.count && b[i] == .dot {
      guard let (f, next) = fraction(b, i + 1) else { return nil }
      fracMicros = Int64(f)
      i = next
    }
    guard i == b.count else { return nil }
    let micros: Int64
    switch intDigits {
    case ...11: micros = intPart * 1_000_000 + fracMicros  // ≤ 11 digits: cannot overflow
    case 12...14: micros = intPart * 1000 + fracMicros / 1000  // ≤ 14 digits: cannot overflow
    case 15...17: micros = intPart
    default: micros = intPart / 1000
    }
    return Timestamp(microseconds: micros)
  }

  // MARK: - Pieces

  /// Parses `+hhmm`, `-hhmm`, `+hh:mm`, `+hh` at `i`; returns the offset in seconds east of
  /// UTC and the index after it.
  public static func zoneOffset(_ b: UnsafeRawBufferPointer, _ i: Int) -> (Int, Int)? {
    guard i < b.count, b[i] == .plus || b[i] == .minus else { return nil }
    let sign = b[i] == .minus ? -1 : 1
    guard let h = digits(b, i + 1, 2) else { return nil }
    var j = i + 3
    var m = 0
    if j < b.count && b[j] == .colon { j += 1 }
    if let mm = digits(b, j, 2) {
      m = mm
      j += 2
    }
    guard h <= 23, m <= 59 else { return nil }
    return (sign * (h * 3600 + m * 60), j)
  }

  /// Reads `count` decimal digits at `at`.
  @inline(__always)
  public static func digits(_ b: UnsafeRawBufferPointer, _ at: Int, _ count: Int) -> Int? {
    guard at >= 0, at + count <= b.count else { return nil }
    var v = 0
    for k in at..<(at + count) {
      let d = b[k] &- 0x30
      guard d < 10 else { return nil }
      v = v * 10 + Int(d)
    }
    return v
  }

  /// Reads a fraction (digits after the decimal point) as microseconds; returns it and the
  /// index after the last digit.
  static func fraction(_ b: UnsafeRawBufferPointer, _ start: Int) -> (Int, Int)? {
    var i = start
    var v = 0
    var n = 0
    while i < b.count, b[i] &- 0x30 < 10 {
      if n < 6 {
        v = v * 10 + Int(b[i] &- 0x30)
        n += 1
      }
      i += 1
    }
    guard i > start else { return nil }
    while n < 6 {
      v *= 10
      n += 1
    }
    return (v, i)
  }

  /// `Jan` … `Dec` (case-insensitive) at `i` → 1…12.
  @inline(__always)
  public static func monthNumber(_ b: UnsafeRawBufferPointer, _ i: Int) -> Int? {
    guard i + 3 <= b.count else { return nil }
    let key = (UInt32(b[i] | 0x20) << 16) | (UInt32(b[i + 1] | 0x20) << 8) | UInt32(b[i + 2] | 0x20)
    switch key {
    case 0x6A_616E: return 1  // jan
    case 0x66_6562: return 2  // feb
    case 0x6D_6172: return 3  // mar
    case 0x61_7072: return 4  // apr
    case 0x6D_6179: return 5  // may
    case 0x6A_756E: return 6  // jun
    case 0x6A_756C: return 7  // jul
    case 0x61_7567: return 8  // aug
    case 0x73_6570: return 9  // sep
    case 0x6F_6374: return 10  // oct
    case 0x6E_6F76: return 11  // nov
    case 0x64_6563: return 12  // dec
    default: return nil
    }
  }
}
