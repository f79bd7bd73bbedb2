// Parsing/Structured/StructuredValues.swift - value readers shared by the JSON, W3C, LTSV and Zeek parsers.

/// Readers for values whose format is not fixed by the log format (times, addresses,
/// durations), shared by the structured parsers.
enum StructuredValues {
  /// Parses a time given as ISO-8601 / RFC 3339 (`2024-10-12T23:14:20+09:00`), CLF
  /// (`10/Oct/2000:13:55:36 -0700`, optionally in `[...]`), or an epoch number in seconds,
  /// milliseconds, microseconds or nanoseconds (see ``TimeParsing/epoch(_:)``).
  /// Epoch values carry their own zone (UTC). Returns `nil` for anything else.
  static func time(_ v0: UnsafeRawBufferPointer) -> ParsedTime? {
    var v = v0
    if v.count >= 2 && v[0] == .leftBracket && v[v.count - 1] == .rightBracket { v = v.slice(1, v.count - 1) }
    guard let first = v.first else { return nil }
    guard first.isDigit else { return nil }
    if v.count >= 5 && v[4] == .minus { return TimeParsing.iso8601Detailed(v) }
    if v.count >= 3 && v[2] == .slash { return TimeParsing.clf(v) }
    if let t = TimeParsing.epoch(v) { return ParsedTime(timestamp: t, hadZone: true) }
    return nil
  }

  /// The address part of `1.2.3.4:5678`, `[2001:db8::1]:443` or `[::1]`; other values
  /// (`1.2.3.4`, `::1`, `fe80::1%eth0`) are returned unchanged.
  static func addressWithoutPort(_ v: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    let n = v.count
    if n > 2 && v[0] == .leftBracket, let close = v.firstIndex(of: .rightBracket, from: 1) {
      return v.slice(1, close)
    }
    guard let colon = v.firstIndex(of: .colon, from: 0) else { return v }
    // Exactly one colon and a dot before it: IPv4 (or a host name) with a port.
    if v.firstIndex(of: .colon, from: colon + 1) == nil && v.firstIndex(of: .dot, from: 0).map({ $0 < colon }) == true {
      var k = colon + 1
      while k < n && v[k].isDigit { k += 1 }
      if k == n && k > colon + 1 { return v.slice(0, colon) }
    }
    return v
  }

  /// `true` when `v` is spelled like an IPv4 or IPv6 address literal (digits and dots, or
  /// hex digits and colons), used to tell a client address from a virtual host name.
  static func looksLikeIPAddress(_ v: UnsafeRawBufferPointer) -> Bool {
    guard v.count >= 2 else { return false }
    var dots = 0, colons = 0
    for c in v {
      if c == .dot { dots += 1 } else if c == .colon { colons += 1 } else if c.isDigit { continue } else if colons > 0 && (c | 0x20) &- 0x61 < 6 {
        continue
      } else if c == .percent && colons > 0 {
        return true  // zone id follows
      } else {
        return false
      }
    }
    return (dots == 3 && colons == 0) || colons >= 2
  }

  /// Parses a non-negative duration number (`0.040`, `12`) scaled by `scale` into
  /// microseconds (`scale` = microseconds per unit; use a divisor for nanoseconds).
  static func duration(_ v: UnsafeRawBufferPointer, microsPerUnit: Int64) -> Int64? {
    v.parseScaledDecimal(scale: microsPerUnit)
  }

  /// Nanoseconds (integer or fraction) to microseconds.
  static func durationFromNanos(_ v: UnsafeRawBufferPointer) -> Int64? {
    guard let ns = v.parseScaledDecimal(scale: 1) else { return nil }
    return ns / 1000
  }

  /// `true` when `v` contains a `.` (a fraction), used to tell seconds from integer units.
  static func hasFraction(_ v: UnsafeRawBufferPointer) -> Bool { v.firstIndex(of: .dot, from: 0) != nil }

  /// `b` without a leading UTF-8 byte-order mark (`EF BB BF`), which editors and some IIS
  /// and Windows exporters put at the start of a file's first line.
  @inline(__always)
  static func droppingBOM(_ b: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? b.slice(3, b.count) : b
  }

  /// Field names whose values are credentials or session tokens; they are never copied
  /// into extras.
  private static let sensitiveNeedles: [StaticString] = ["cookie", "authorization", "password", "passwd", "secret", "token"]

  static func isSensitiveName(_ name: UnsafeRawBufferPointer) -> Bool {
    let n = name.count
    guard n >= 4 else { return false }
    for needle in sensitiveNeedles {
      let m = needle.utf8CodeUnitCount
      guard m <= n else { continue }
      let p = needle.utf8Start
      var s = 0
      while s + m <= n {
        var k = 0
        while k < m && name[s + k].asciiLowercased == p[k] { k += 1 }
        if k == m { return true }
        s += 1
      }
    }
    return false
  }
}
