// Parsing/CLF/CLFParser.swift - hand-written parser for common, combined and vhost_combined lines.

/// Parses the Common Log Format family: `%h %l %u %t "%r" %>s %b`, optionally followed by
/// `"%{Referer}i" "%{User-Agent}i"` and extra fields, optionally preceded by a virtual host.
///
/// What each ``Variant`` accepts:
/// - ``Variant/common``: exactly the seven common fields; anything after `%b` is rejected.
/// - ``Variant/combined``: common lines, combined lines, and any number of trailing fields after
///   the user agent (nginx `"$http_x_forwarded_for"`, `rt=0.123`, Traefik, icecast), kept as
///   extras. The client may be an IPv4/IPv6 address, a hostname, or an `X-Forwarded-For` list
///   (raw list → forwarded-for, left-most item → client IP); a leading virtual host is tolerated
///   when the next field is an address.
/// - ``Variant/vhostCombined``: requires a leading `%v` or `%v:%p` field and tolerates the Gandi
///   `(0 s)` duration before the request; lines without a virtual host are rejected.
///
/// The time may be `[10/Oct/2000:13:55:36 -0700]` or `[2019-01-31 10:00:00.123456]` (ISO, zone
/// optional). Lines that start like another log (a date, `[Sun Dec 04 …]`, a syslog month, JSON) are
/// skipped; access lines with missing fields, unbalanced quotes or bad numbers are rejected.
struct CLFParser: LineParser {
  /// Which member of the family the parser accepts.
  enum Variant: Sendable {
    case vhostCombined, common, combined
  }

  let variant: Variant
  /// The last CLF time read (consecutive lines share day, hour and minute).
  private var timeCache = CLFTimeCache()

  init(_ variant: Variant) { self.variant = variant }

  mutating func parse(_ line: UnsafeRawBufferPointer, into builder: inout EventBuilder) -> LineOutcome {
    let outcome = parseFields(line, into: &builder)
    // The client address was read first and its symbol table slot fetched then; it is looked
    // up now, the rest of the line having been parsed while the fetch ran.
    builder.resolveClientIP()
    return outcome
  }

  private mutating func parseFields(_ line: UnsafeRawBufferPointer, into builder: inout EventBuilder) -> LineOutcome {
    let n = line.count
    if n == 0 { return .skipped("empty line") }
    if line[0] == .hash { return .skipped("comment line") }
    if CLFParser.mayBeForeign(line), let foreign = CLFParser.foreignLineDescription(line) {
      return .skipped("not an access-log line: \(foreign)")
    }
    guard let open = CLFParser.timeFieldStart(line) else {
      return .rejected("no '[time]' field in \(CLFScanning.excerpt(line, 0, n))")
    }
    // Fields before the time: [vhost] client ident user.
    if let reason = readPrefix(line, end: open - 1, into: &builder) { return .rejected(reason) }

    guard let close = line.firstIndex(of: .rightBracket, from: open + 1) else {
      return .rejected("unterminated time field \(CLFScanning.excerpt(line, open, n))")
    }
    let timeText = line.slice(open + 1, close)
    if let t = timeCache.clf(timeText) ?? CLFParser.parseTime(timeText) {
      builder.setTime(t)
    } else {
      return .rejected("time \(CLFScanning.excerpt(line, open, close + 1)) is not a CLF or ISO-8601 timestamp")
    }
    var pos = close + 1
    guard pos < n else { return .rejected("line ends after the time field (no request)") }
    guard line[pos] == .space else {
      return .rejected("missing space after the time field before \(CLFScanning.excerpt(line, pos, n, limit: 16))")
    }
    pos = CLFScanning.skipSpaces(line, from: pos)

    // Gandi hosting writes the duration before the request: `(0 s)`.
    if variant != .common && pos < n && line[pos] == UInt8(ascii: "(") {
      guard let rp = line.firstIndex(of: UInt8(ascii: ")"), from: pos), rp + 1 < n, line[rp + 1] == .space,
        let seconds = CLFParser.gandiSeconds(line.slice(pos + 1, rp))
      else { return .rejected("unexpected field \(CLFScanning.excerpt(line, pos, CLFScanning.tokenEnd(line, from: pos))) before the request") }
      builder.setDuration(seconds, microsPerUnit: 1_000_000)
      pos = CLFScanning.skipSpaces(line, from: rp + 1)
    }

    // "%r"
    guard pos < n else { return .rejected("line ends before the request field") }
    guard line[pos] == .quote else {
      return .rejected("request field does not start with a quote: \(CLFScanning.excerpt(line, pos, CLFScanning.tokenEnd(line, from: pos)))")
    }
    var requestEscaped = false
    guard let requestEnd = CLFParser.requestClosingQuote(line, from: pos + 1, escaped: &requestEscaped) else {
      return .rejected("unbalanced quote in request field \(CLFScanning.excerpt(line, pos, n))")
    }
    let requestOK = builder.withCLFUnescaped(line.slice(pos + 1, requestEnd), escaped: requestEscaped) { b, r in
      b.setRequestLine(r)
    }
    builder.prefetchClientIPValue()
    pos = requestEnd + 1
    if let reason = CLFParser.expectSpace(line, pos, after: "request field") { return .rejected(reason) }
    pos = CLFScanning.skipSpaces(line, from: pos)

    // %>s %b
    let statusEnd = CLFScanning.tokenEnd(line, from: pos)
    guard statusEnd > pos else { return .rejected("missing status after the request field") }
    guard builder.setStatus(line.slice(pos, statusEnd)) else {
      return .rejected("status \(CLFScanning.excerpt(line, pos, statusEnd)) is not a number")
    }
    pos = CLFScanning.skipSpaces(line, from: statusEnd)
    guard pos < n else { return .rejected("missing response size after status") }
    let bytesEnd = CLFScanning.tokenEnd(line, from: pos)
    guard builder.setResponseBytes(line.slice(pos, bytesEnd)) else {
      return .rejected("response size \(CLFScanning.excerpt(line, pos, bytesEnd)) is not a number")
    }
    pos = CLFScanning.skipSpaces(line, from: bytesEnd)

    if pos < n {
      if variant == .common {
        return .rejected("trailing field after the response size (not common log format): \(CLFScanning.excerpt(line, pos, n))")
      }
      if let reason = readRefererAndAgent(line, from: pos, into: &builder) { return .rejected(reason) }
    }
    return requestOK ? .event : .eventWithWarning("request is not an HTTP request line")
  }

  // MARK: - Referer, user agent, extras

  private func readRefererAndAgent(_ line: UnsafeRawBufferPointer, from start: Int, into builder: inout EventBuilder) -> String? {
    let n = line.count
    var pos = start
    for slot in 0..<2 {
      // The field's name is only built for a rejection reason.
      guard pos < n else { return "missing \(CLFParser.fieldName(slot)) field" }
      guard line[pos] == .quote else {
        return "\(CLFParser.fieldName(slot)) field is not quoted: \(CLFScanning.excerpt(line, pos, CLFScanning.tokenEnd(line, from: pos)))"
      }
      var escaped = false
      guard let end = CLFScanning.closingQuote(line, from: pos + 1, escaped: &escaped) else {
        return "unbalanced quote in \(CLFParser.fieldName(slot)) field \(CLFScanning.excerpt(line, pos, n))"
      }
      if slot == 0 {
        builder.withCLFUnescaped(line.slice(pos + 1, end), escaped: escaped) { b, v in b.setReferer(v) }
      } else {
        builder.withCLFUnescaped(line.slice(pos + 1, end), escaped: escaped) { b, v in b.setUserAgent(v) }
      }
      pos = end + 1
      if let reason = CLFParser.expectSpace(line, pos, after: "\(CLFParser.fieldName(slot)) field") { return reason }
      pos = CLFScanning.skipSpaces(line, from: pos)
    }
    return CLFTrailingFields.read(line, from: pos, into: &builder)
  }

  /// `referer` or `user-agent`: the name of quoted field `slot` after the response size.
  private static func fieldName(_ slot: Int) -> String { slot == 0 ? "referer" : "user-agent" }

  // MARK: - Prefix (vhost, client, ident, user)

  /// Reads `[vhost] client ident user` from `line[0..<end]` (the space before `[`).
  private func readPrefix(_ line: UnsafeRawBufferPointer, end spaceBeforeTime: Int, into builder: inout EventBuilder) -> String? {
    var end = spaceBeforeTime
    while end > 0 && line[end - 1] == .space { end -= 1 }
    // user
    var userStart = end
    while userStart > 0 && line[userStart - 1] != .space { userStart -= 1 }
    var identEnd = userStart
    while identEnd > 0 && line[identEnd - 1] == .space { identEnd -= 1 }
    var identStart = identEnd
    while identStart > 0 && line[identStart - 1] != .space { identStart -= 1 }
    var clientEnd = identStart
    while clientEnd > 0 && line[clientEnd - 1] == .space { clientEnd -= 1 }
    guard clientEnd > 0, identEnd > identStart else {
      return "expected 'host ident user' before the time, found \(CLFScanning.excerpt(line, 0, end))"
    }
    let client = line.slice(0, clientEnd)
    guard let parts = CLFClientField(client) else {
      return "unexpected fields before ident: \(CLFScanning.excerpt(line, 0, clientEnd))"
    }
    switch variant {
    case .vhostCombined:
      guard let vhost = parts.vhost else {
        return "no virtual-host field before the client address \(CLFScanning.excerpt(line, 0, clientEnd))"
      }
      CLFClientField.setHost(client.slice(vhost.lowerBound, vhost.upperBound), into: &builder)
    case .common:
      guard parts.vhost == nil, parts.list == nil || parts.address == nil else {
        return "unexpected field before the client address (not common log format): \(CLFScanning.excerpt(line, 0, clientEnd))"
      }
    case .combined:
      if let vhost = parts.vhost {
        guard CLFScanning.isAddress(client.slice(parts.addressOrList.lowerBound, parts.addressOrList.upperBound)) else {
          return "unexpected fields before ident: \(CLFScanning.excerpt(line, 0, clientEnd))"
        }
        CLFClientField.setHost(client.slice(vhost.lowerBound, vhost.upperBound), into: &builder)
      }
    }
    parts.apply(client, into: &builder)
    let ident = line.slice(identStart, identEnd)
    if !ident.isDashOrEmpty { builder.addExtra(name: ExtraNames.ident, value: ident) }
    builder.setUser(line.slice(userStart, end))
    return nil
  }

  // MARK: - Helpers

  /// Index of the `[` that opens the time field: the first `[` preceded by a space.
  static func timeFieldStart(_ line: UnsafeRawBufferPointer) -> Int? {
    var from = 1
    while let i = line.firstIndex(of: .leftBracket, from: from) {
      if line[i - 1] == .space { return i }
      from = i + 1
    }
    return nil
  }

  /// `false` when ``foreignLineDescription(_:)`` is certainly `nil` (the bytes it needs first
  /// are not there): one or two byte tests on every line instead of the full checks.
  @inline(__always)
  static func mayBeForeign(_ line: UnsafeRawBufferPointer) -> Bool {
    let n = line.count
    let c = line[0]
    if c == .leftBrace || c == .leftBracket { return true }
    if n >= 10 && (line[4] == .minus || line[4] == .slash) { return true }
    return n >= 15 && line[3] == .space
  }

  /// Describes a line that clearly belongs to another kind of log, or `nil`.
  static func foreignLineDescription(_ line: UnsafeRawBufferPointer) -> String? {
    let n = line.count
    if line[0] == .leftBrace { return "starts with '{' (JSON)" }
    if line[0] == .leftBracket {
      let e = line.firstIndex(of: .rightBracket, from: 0).map { $0 + 1 } ?? min(n, 32)
      return "starts with \(CLFScanning.excerpt(line, 0, e)) like an error log"
    }
    // 2022-06-08 22:49:20 / 2021/12/01 13:53:33 / 2024-01-01T…
    if n >= 10, TimeParsing.digits(line, 0, 4) != nil, line[4] == .minus || line[4] == .slash,
      TimeParsing.digits(line, 5, 2) != nil, line[7] == line[4], TimeParsing.digits(line, 8, 2) != nil
    {
      var e = CLFScanning.tokenEnd(line, from: 0)
      if e < n && TimeParsing.digits(line, e + 1, 2) != nil { e = CLFScanning.tokenEnd(line, from: e + 1) }
      return "starts with the date \(CLFScanning.excerpt(line, 0, e))"
    }
    // Syslog: `Mar 24 14:02:50 host …`
    if n >= 15, TimeParsing.monthNumber(line, 0) != nil, line[3] == .space, line[6] == .space,
      TimeParsing.digits(line, 7, 2) != nil, line[9] == .colon
    {
      return "starts with the syslog time \(CLFScanning.excerpt(line, 0, 15))"
    }
    return nil
  }

  /// Closing quote of the request field. Servers that do not escape `"` inside the request
  /// are tolerated: when the first closing quote is not followed by a space, a later `" `
  /// followed by a status-like token is used.
  static func requestClosingQuote(_ line: UnsafeRawBufferPointer, from: Int) -> Int? {
    var escaped = false
    return requestClosingQuote(line, from: from, escaped: &escaped)
  }

  /// ``requestClosingQuote(_:from:)`` that also tells whether the request may hold a
  /// backslash: `escaped` is `false` only when the first closing quote is the one returned and
  /// the scan to it met no backslash (a later quote sets it to `true`, to be looked at again).
  @inline(__always)
  static func requestClosingQuote(_ line: UnsafeRawBufferPointer, from: Int, escaped: inout Bool) -> Int? {
    guard let q = CLFScanning.closingQuote(line, from: from, escaped: &escaped) else { return nil }
    if q + 1 == line.count || line[q + 1] == .space { return q }
    escaped = true
    var i = q + 1
    while let next = CLFScanning.closingQuote(line, from: i) {
      if next + 1 < line.count && line[next + 1] == .space {
        let s = next + 2
        let e = CLFScanning.tokenEnd(line, from: s)
        let token = line.slice(s, e)
        if token.count == 3 && token.parseDecimal() != nil || token.equals("-") { return next }
      }
      i = next + 1
    }
    return q
  }

  /// `nil` when `pos` is the end of the line or a space; otherwise a rejection reason.
  @inline(__always)
  static func expectSpace(_ line: UnsafeRawBufferPointer, _ pos: Int, after what: @autoclosure () -> String) -> String? {
    if pos >= line.count || line[pos] == .space { return nil }
    return missingSpace(line, pos, after: what())
  }

  /// The rejection reason of ``expectSpace(_:_:after:)`` (kept out of line: rare).
  @inline(never)
  static func missingSpace(_ line: UnsafeRawBufferPointer, _ pos: Int, after what: String) -> String {
    return "missing space after the \(what) before \(CLFScanning.excerpt(line, pos, CLFScanning.tokenEnd(line, from: pos), limit: 24))"
  }

  /// `10/Oct/2000:13:55:36 -0700`, or ISO `2019-01-31 10:00:00.123456` with the zone attached
  /// (`Z`, `+01:00`), separated by a space (`+0100`), or absent.
  static func parseTime(_ b: UnsafeRawBufferPointer) -> ParsedTime? {
    if let t = TimeParsing.clf(b) ?? TimeParsing.iso8601Detailed(b) { return t }
    guard b.count > 20, let sp = lastSpace(b), let (offset, end) = TimeParsing.zoneOffset(b, sp + 1), end == b.count,
      var t = TimeParsing.iso8601Detailed(b.slice(0, sp)), !t.hadZone
    else { return nil }
    t.timestamp.microseconds -= Int64(offset) * 1_000_000
    t.hadZone = true
    return t
  }

  private static func lastSpace(_ b: UnsafeRawBufferPointer) -> Int? {
    var i = b.count - 1
    while i > 0 {
      if b[i] == .space { return i }
      i -= 1
    }
    return nil
  }

  /// Seconds in a Gandi `0 s` token.
  static func gandiSeconds(_ b: UnsafeRawBufferPointer) -> Int64? {
    guard let sp = b.firstIndex(of: .space, from: 0), b.slice(sp, b.count).equals(" s") else { return nil }
    return b.slice(0, sp).parseDecimal()
  }
}
