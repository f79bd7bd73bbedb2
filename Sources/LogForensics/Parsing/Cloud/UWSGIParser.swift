// Parsing/Cloud/UWSGIParser.swift - uWSGI request log lines.

/// Parses uWSGI's default request log line:
/// `[pid: 88185|app: 0|req: 1/1] 127.0.0.1 (user) {38 vars in 696 bytes} [Sun Mar 13 22:49:12 2016]
/// POST /update_metrics => generated 47 bytes in 129 msecs (HTTP/1.1 200) 9 headers in 378 bytes
/// (1 switches on core 3)`.
///
/// The time is local without zone (marked assumed); the duration is in `msecs` or `micros`.
public struct UWSGIParser: LineParser {
  public init() {}

  public mutating func parse(_ line: UnsafeRawBufferPointer, into builder: inout EventBuilder) -> LineOutcome {
    if line.isEmpty { return .skipped("blank line") }
    guard line.hasPrefix("[pid: "), let close = line.firstIndex(of: .rightBracket, from: 6) else {
      return .rejected("not a uwsgi request line: expected '[pid: …]', found \(CloudFields.show(line))")
    }
    var c = FieldCursor(line, at: close + 1)
    guard c.peek == .space else { return .rejected("missing space after '[pid: …]'") }
    c.pos += 1
    guard let ip = c.token(), !ip.isEmpty else { return .rejected("missing client address") }
    guard let user = c.bracketed(open: UInt8(ascii: "("), close: UInt8(ascii: ")")) else {
      return .rejected("expected '(user)' after the client address")
    }
    guard c.bracketed(open: .leftBrace, close: .rightBrace) != nil else {
      return .rejected("expected '{N vars in N bytes}' after the user")
    }
    guard let date = c.bracketed() else { return .rejected("expected '[Www Mmm dd HH:MM:SS yyyy]' time") }
    guard let ts = Self.asctime(date) else {
      return .rejected("time \(CloudFields.show(date)) is not 'Www Mmm dd HH:MM:SS yyyy'")
    }
    let rest = c.rest
    guard let arrow = Self.find(" => generated ", in: rest) else {
      return .rejected("missing '=> generated' after the request")
    }
    let request = rest.slice(0, arrow)
    guard let sp = request.firstIndex(of: .space, from: 0), sp > 0, CloudFrontParser.isUpperToken(request.slice(0, sp))
    else {
      return .rejected("request \(CloudFields.show(request)) does not start with an HTTP method")
    }
    let target = request.slice(sp + 1, request.count)
    guard !target.isEmpty else { return .rejected("request \(CloudFields.show(request)) has no target") }
    var t = FieldCursor(rest, at: arrow + 14)
    guard let bytes = t.token(), let n = bytes.parseDecimal(), let w1 = t.token(), w1.equals("bytes"),
      let w2 = t.token(), w2.equals("in"), let amount = t.token(), let dur = amount.parseDecimal(),
      let unit = t.token(),
      unit.equals("msecs") || unit.equals("micros")
    else {
      return .rejected(
        "expected 'generated N bytes in N msecs|micros' in \(CloudFields.show(rest.slice(arrow, rest.count)))")
    }
    guard let proto = t.bracketed(open: UInt8(ascii: "("), close: UInt8(ascii: ")")),
      let psp = proto.firstIndex(of: .space, from: 0), CloudFields.isStatus(proto.slice(psp + 1, proto.count))
    else { return .rejected("expected '(HTTP/x.y status)' after the duration") }
    builder.setTimestamp(ts, zoneAssumed: true)
    builder.setClientIP(ip)
    builder.setUser(user)
    builder.setMethod(request.slice(0, sp))
    if target[0] == .slash || target.hasPrefix("http") {
      builder.setTarget(target)
    } else {
      builder.event.flags.insert(.invalidRequestLine)
      builder.event.rawRequest = TextDecoding.string(request)
    }
    builder.setHTTPVersion(proto.slice(0, psp))
    builder.setStatus(proto.slice(psp + 1, proto.count))
    builder.setResponseBytes(n)
    builder.setDuration(dur, microsPerUnit: unit.equals("msecs") ? 1000 : 1)
    builder.addExtra(name: CloudFields.name("worker", builder.symbols), value: line.slice(1, close))
    if builder.event.flags.contains(.invalidRequestLine) {
      return .eventWithWarning("request target \(CloudFields.show(target)) does not start with '/'")
    }
    return .event
  }

  /// `Sun Mar 13 22:49:12 2016` or `Sun Mar  3 22:49:12 2016` (ctime) → timestamp.
  static func asctime(_ b: UnsafeRawBufferPointer) -> Timestamp? {
    guard b.count == 24, b[3] == .space, let mo = TimeParsing.monthNumber(b, 4), b[7] == .space else { return nil }
    let day: Int
    if b[8] == .space, let d = TimeParsing.digits(b, 9, 1) {
      day = d
    } else if let d = TimeParsing.digits(b, 8, 2) {
      day = d
    } else {
      return nil
    }
    guard b[10] == .space, let hh = TimeParsing.digits(b, 11, 2), b[13] == .colon,
      let mm = TimeParsing.digits(b, 14, 2),
      b[16] == .colon, let ss = TimeParsing.digits(b, 17, 2), b[19] == .space, let y = TimeParsing.digits(b, 20, 4)
    else { return nil }
    return Timestamp(year: y, month: mo, day: day, hour: hh, minute: mm, second: ss, microsecond: 0)
  }

  /// First index of the ASCII `needle` in `b`.
  static func find(_ needle: StaticString, in b: UnsafeRawBufferPointer) -> Int? {
    let n = needle.utf8CodeUnitCount
    guard n > 0 else { return 0 }
    let first = needle.utf8Start[0]
    var i = 0
    while let p = b.firstIndex(of: first, from: i) {
      guard p + n <= b.count else { return nil }
      if b.slice(p, p + n).equals(needle) { return p }
      i = p + 1
    }
    return nil
  }
}
