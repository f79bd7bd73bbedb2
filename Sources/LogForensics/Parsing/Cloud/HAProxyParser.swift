// Parsing/Cloud/HAProxyParser.swift - HAProxy HTTP log lines, bare or inside a BSD syslog line.

/// Parses HAProxy's HTTP log format, with or without a BSD syslog prefix
/// (`Feb  6 12:14:14 localhost haproxy[14389]: `, optionally
/// after `<PRI>` or with an ISO-8601 time instead):
/// `client:port [accept_date] frontend backend/server Tq/Tw/Tc/Tr/Ta status bytes req_cookie
/// res_cookie termination_state actconn/feconn/beconn/srv_conn/retries srv_queue/backend_queue
/// {captured request headers} {captured response headers} "request"`.
///
/// The accept date (`[06/Feb/2009:12:14:14.655]`, local time without zone) is the event time,
/// so the zone is marked assumed; the syslog time (no year) is ignored. Captured header blocks
/// are optional and a custom field between `backend/server` and the timers is tolerated.
/// Connection errors (`SSL handshake failure`), TCP-mode entries and other syslog messages
/// (`Proxy … started`, `Server … is DOWN`) are skipped.
public struct HAProxyParser: LineParser {
  public init() {}

  public mutating func parse(_ line: UnsafeRawBufferPointer, into builder: inout EventBuilder) -> LineOutcome {
    if line.isEmpty { return .skipped("blank line") }
    let bodyStart = Self.syslogBodyStart(line)
    let inSyslog = bodyStart != nil
    var c = FieldCursor(line, at: bodyStart ?? 0)
    // client:port [dd/Mon/yyyy:HH:MM:SS.mmm]
    guard let client = c.token(), let clientHost = Self.clientHost(client), let date = c.bracketed() else {
      if inSyslog { return .skipped("syslog message is not an haproxy request log") }
      return .rejected("not an haproxy log line: expected 'client:port [accept_date]', found \(CloudFields.show(line))")
    }
    guard let t = TimeParsing.clf(date) else {
      return .rejected("accept_date \(CloudFields.show(date)) is not dd/Mon/yyyy:HH:MM:SS.mmm")
    }
    guard let frontend = c.token(), !frontend.isEmpty else { return .rejected("missing frontend field") }
    if frontend[frontend.count - 1] == .colon {
      return .skipped("haproxy connection message: \(CloudFields.show(c.rest))")
    }
    guard let backendServer = c.token(), let slash = backendServer.firstIndex(of: .slash, from: 0) else {
      return .rejected("backend/server field is missing or has no '/'")
    }
    // Timers, possibly after a custom field (beats: `app/node2 site.domain.com 0/0/0/18/18`).
    var timers: UnsafeRawBufferPointer? = nil
    var custom: UnsafeRawBufferPointer? = nil
    for _ in 0..<2 {
      guard let tok = c.token() else { break }
      let parts = Self.slashCount(tok)
      if parts == 4 && Self.isSignedTimers(tok) {
        timers = tok
        break
      }
      if parts == 2 && Self.isSignedTimers(tok) {
        // TCP mode: Tw/Tc/Tt bytes_read termination_state(2) …
        var probe = c
        if let bytes = probe.token(), Self.signed(bytes) != nil, let term = probe.token(), term.count == 2 {
          return .skipped("haproxy tcp-mode log line (no HTTP request)")
        }
        return .rejected("timers \(CloudFields.show(tok)) are not Tq/Tw/Tc/Tr/Ta")
      }
      if custom != nil { break }
      custom = tok
    }
    guard let timers else { return .rejected("no Tq/Tw/Tc/Tr/Ta timers after backend/server") }
    builder.setTime(t)
    builder.setClientIP(clientHost)
    builder.addExtra(name: CloudFields.name("frontend", builder.symbols), value: frontend)
    builder.addExtra(name: CloudFields.name("backend", builder.symbols), value: backendServer.slice(0, slash))
    builder.addExtra(
      name: CloudFields.name("server", builder.symbols), value: backendServer.slice(slash + 1, backendServer.count))
    if let custom { builder.addExtra(name: CloudFields.name("custom_field", builder.symbols), value: custom) }
    if let lastSlash = CloudFields.lastIndex(of: .slash, in: timers) {
      let ta = timers.slice(lastSlash + 1, timers.count)
      if let ms = Self.signed(ta) { builder.setDuration(ms, microsPerUnit: 1000) }
    }
    guard let status = c.token() else { return .rejected("missing status field") }
    if !status.equals("-1") {
      guard CloudFields.isStatus(status) else { return .rejected("status \(CloudFields.show(status)) is not a status") }
      builder.setStatus(status)
    }
    guard let bytes = c.token(), let n = Self.signed(bytes) else {
      return .rejected("bytes_read is missing or not a number")
    }
    builder.setResponseBytes(n)
    guard c.token() != nil, c.token() != nil else { return .rejected("missing captured cookie fields") }
    guard let termination = c.token(), termination.count == 4 else {
      return .rejected("termination_state is missing or not 4 characters")
    }
    builder.addExtra(name: CloudFields.name("termination_state", builder.symbols), value: termination)
    guard let conns = c.token(), Self.slashCount(conns) == 4 else {
      return .rejected("actconn/feconn/beconn/srv_conn/retries field is malformed")
    }
    guard let queues = c.token(), Self.slashCount(queues) == 1 else {
      return .rejected("srv_queue/backend_queue field is malformed")
    }
    for name in Self.capturedBlocks where c.peek == .leftBrace {
      guard let block = c.bracketed(open: .leftBrace, close: .rightBrace) else {
        return .rejected("\(name) block has no closing '}'")
      }
      builder.addExtra(name: CloudFields.name(name, builder.symbols), value: block)
    }
    guard c.peek == .quote else { return .rejected("request field is not quoted: found \(CloudFields.show(c.rest))") }
    var request: UnsafeRawBufferPointer
    var warning: String? = nil
    switch c.quoted() {
    case .success(let r):
      request = r
      if !c.atEnd { return .rejected("unexpected text after the request: \(CloudFields.show(c.rest))") }
    case .failure:
      // HAProxy truncates long request lines and then omits the closing quote.
      request = c.line.slice(c.pos + 1, c.line.count)
      warning = "request has no closing quote (truncated by haproxy)"
    }
    if request.isEmpty || request.equals("<BADREQ>") {
      builder.event.flags.insert(.invalidRequestLine)
      builder.event.rawRequest = TextDecoding.string(request)
      return .eventWithWarning("no HTTP request (\(CloudFields.show(request)))")
    }
    if !builder.setRequestLine(request) {
      warning = warning ?? "request \(CloudFields.show(request)) is not a valid HTTP request line"
    }
    return warning.map { .eventWithWarning($0) } ?? .event
  }

  /// Extra-field names of the optional `{…}` header-capture blocks, in order.
  static let capturedBlocks: [StaticString] = ["captured_request_headers", "captured_response_headers"]

  /// Start of the message after a BSD syslog prefix `Mmm dd HH:MM:SS host tag: `, or `nil`.
  static func syslogBodyStart(_ b: UnsafeRawBufferPointer) -> Int? {
    var start = 0
    // Optional `<PRI>` as sent over the network.
    if b.count > 3 && b[0] == UInt8(ascii: "<"), let gt = b.firstIndex(of: UInt8(ascii: ">"), from: 1), gt <= 4 {
      start = gt + 1
    }
    guard b.count > start + 16 else { return nil }
    var i: Int
    if TimeParsing.monthNumber(b, start) != nil && b[start + 3] == .space {
      // `Feb  6 12:14:14`
      i = start + 4
      if b[i] == .space { i += 1 }
      while i < b.count && b[i].isDigit { i += 1 }
      guard i + 9 < b.count, b[i] == .space, b[i + 3] == .colon, b[i + 6] == .colon, b[i + 9] == .space else {
        return nil
      }
      i += 9
    } else if b[start].isDigit, let sp = b.firstIndex(of: .space, from: start),
      TimeParsing.iso8601Detailed(b.slice(start, sp)) != nil
    {
      // `2021-06-22T12:03:08.123+02:00` (rsyslog high-precision timestamps)
      i = sp
    } else {
      return nil
    }
    // host, then a tag ending in ':'
    guard let hostEnd = b.firstIndex(of: .space, from: i + 1),
      let tagEnd = b.firstIndex(of: .space, from: hostEnd + 1),
      tagEnd > hostEnd + 1, b[tagEnd - 1] == .colon
    else { return nil }
    return tagEnd + 1
  }

  /// The address of `ip:port`, `[v6]:port` or `-:port` (empty for `-`); `nil` otherwise.
  static func clientHost(_ b: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
    guard let host = CloudFields.hostOfHostPort(b), !host.isEmpty else { return nil }
    if host.isDashOrEmpty { return host }
    for x in host where !(x.isDigit || x == .dot || x == .colon || (x | 0x20) &- 0x61 < 6 || x == .percent) {
      return nil
    }
    return host
  }

  static func slashCount(_ b: UnsafeRawBufferPointer) -> Int {
    var n = 0
    for x in b where x == .slash { n += 1 }
    return n
  }

  /// `0/0/1/17/18`, `-1/-1/-1/-1/5`, `+30`: digits, `-`, `+` and slashes only.
  static func isSignedTimers(_ b: UnsafeRawBufferPointer) -> Bool {
    guard !b.isEmpty else { return false }
    for x in b where !(x.isDigit || x == .slash || x == .minus || x == .plus) { return false }
    return true
  }

  /// Digits with an optional leading `+` (HAProxy marks values that include retries).
  static func signed(_ b: UnsafeRawBufferPointer) -> Int64? {
    if b.count > 1 && b[0] == .plus { return b.slice(1, b.count).parseDecimal() }
    return b.parseDecimal()
  }
}
