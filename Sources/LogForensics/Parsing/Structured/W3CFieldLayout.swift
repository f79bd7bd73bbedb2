// Parsing/Structured/W3CFieldLayout.swift - the column layout declared by a W3C `#Fields:` directive.

/// What a W3C column means.
enum W3CRole: Equatable {
  case date(local: Bool), time(local: Bool)
  case clientIP, user, method, uriStem, uriQuery, uri, status, bytes, userAgent, referer, forwardedFor, version
  /// Virtual host, with a priority (0 = most specific: `x-host-header` before `cs-host`,
  /// `cs(Host)` and `s-sitename`).
  case host(priority: UInt8)
  /// `time-taken`: milliseconds for an integer (IIS), seconds with a fraction (W3C, CloudFront).
  case timeTaken
  /// Milliseconds whatever the form (`TimeTakenMS`, IIS Advanced Logging).
  case timeTakenMillis
  /// A credential-bearing column (`cs(Cookie)`, `cs(Authorization)`): never copied.
  case sensitive
  case extra
}

/// One `#Fields:` layout: the role and name of every column.
struct W3CFieldLayout {
  var roles: [W3CRole] = []
  var names: [Symbol] = []

  /// Reads the field names after `#Fields:`: separated by runs of spaces, tabs or U+200B
  /// zero-width spaces, and ending at `//` prose when present.
  init(directiveValue v: UnsafeRawBufferPointer, symbols: SymbolTable) {
    var i = 0
    let n = v.count
    while i < n {
      i = W3CFieldLayout.skipSeparators(v, i)
      guard i < n else { break }
      if v[i] == .slash && i + 1 < n && v[i + 1] == .slash { break }
      let s = i
      while i < n && !W3CFieldLayout.isSeparator(v, i) { i += 1 }
      let name = v.slice(s, i)
      roles.append(W3CFieldLayout.role(of: name))
      names.append(symbols.intern(name))
    }
  }

  /// `true` at a space, tab, or the first byte of U+200B (`E2 80 8B`).
  @inline(__always)
  static func isSeparator(_ b: UnsafeRawBufferPointer, _ i: Int) -> Bool {
    let c = b[i]
    if c == .space || c == .tab { return true }
    return c == 0xE2 && i + 2 < b.count && b[i + 1] == 0x80 && b[i + 2] == 0x8B
  }

  /// Index of the first byte at or after `i` that is not a separator.
  @inline(__always)
  static func skipSeparators(_ b: UnsafeRawBufferPointer, _ i0: Int) -> Int {
    var i = i0
    while i < b.count && isSeparator(b, i) { i += b[i] == 0xE2 ? 3 : 1 }
    return i
  }

  static func role(of name: UnsafeRawBufferPointer) -> W3CRole {
    let s = TextDecoding.string(name).lowercased()
    switch s {
    case "date", "date-utc": return .date(local: false)
    case "date-local": return .date(local: true)
    case "time", "time-utc": return .time(local: false)
    case "time-local": return .time(local: true)
    case "c-ip", "cs-ip": return .clientIP
    case "cs-username", "c-auth-id", "cs-user": return .user
    case "cs-method": return .method
    case "cs-uri-stem": return .uriStem
    case "cs-uri-query": return .uriQuery
    case "cs-uri": return .uri
    case "sc-status", "c-status": return .status
    case "sc-bytes", "bytes": return .bytes
    case "time-taken": return .timeTaken
    case "timetakenms": return .timeTakenMillis
    case "cs(user-agent)", "c-user-agent", "cs-user-agent": return .userAgent
    case "cs(referer)", "cs(referrer)", "c-referrer", "cs-referer", "cs-referrer": return .referer
    case "x-host-header": return .host(priority: 0)
    case "cs-host": return .host(priority: 1)
    case "cs(host)": return .host(priority: 2)
    case "s-sitename": return .host(priority: 3)
    case "x-forwarded-for", "cs(x-forwarded-for)", "s-xff": return .forwardedFor
    case "cs-version", "cs-protocol-version": return .version
    default: return StructuredValues.isSensitiveName(name) ? .sensitive : .extra
    }
  }

  // MARK: - Directive values

  /// Days since the epoch for the date at the start of a `#Date:` / `#Start-Date:` value
  /// (`2018-01-01 08:09:10` or Incapsula's `28/Jun/2017 07:28:59`).
  static func directiveDate(_ v: UnsafeRawBufferPointer) -> Int? {
    if v.count >= 10 && v[4] == .minus { return days(v.slice(0, 10)) }
    if v.count >= 11 && v[2] == .slash, let d = TimeParsing.digits(v, 0, 2), let m = TimeParsing.monthNumber(v, 3),
      v[6] == .slash, let y = TimeParsing.digits(v, 7, 4), d >= 1, d <= Timestamp.daysIn(month: m, year: y)
    {
      return Timestamp.daysFromCivil(year: y, month: m, day: d)
    }
    return nil
  }

  /// Days since the epoch for `yyyy-mm-dd`.
  static func days(_ v: UnsafeRawBufferPointer) -> Int? {
    guard v.count == 10, let y = TimeParsing.digits(v, 0, 4), v[4] == .minus, let m = TimeParsing.digits(v, 5, 2),
      v[7] == .minus, let d = TimeParsing.digits(v, 8, 2), (1...12).contains(m), d >= 1, d <= Timestamp.daysIn(month: m, year: y)
    else { return nil }
    return Timestamp.daysFromCivil(year: y, month: m, day: d)
  }

  /// Microseconds since midnight for `HH:MM:SS` with an optional fraction.
  static func timeOfDay(_ v: UnsafeRawBufferPointer) -> Int64? {
    guard v.count >= 8, let h = TimeParsing.digits(v, 0, 2), v[2] == .colon, let m = TimeParsing.digits(v, 3, 2),
      v[5] == .colon, let s = TimeParsing.digits(v, 6, 2), h < 24, m < 60, s <= 60
    else { return nil }
    var micros = 0
    if v.count > 8 {
      guard v[8] == .dot || v[8] == .comma, let (f, end) = TimeParsing.fraction(v, 9), end == v.count else { return nil }
      micros = f
    }
    return Int64(h * 3600 + m * 60 + s) * 1_000_000 + Int64(micros)
  }

  /// Seconds east of UTC for a `#GMT-Offset:` value (`-0800`, `+05:30`).
  static func gmtOffset(_ v: UnsafeRawBufferPointer) -> Int? {
    TimeParsing.zoneOffset(v, 0)?.0
  }
}
