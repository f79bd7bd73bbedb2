// Parsing/Cloud/ZoraxyParser.swift - Zoraxy reverse-proxy request log lines.

/// Parses Zoraxy's bracketed request log lines:
/// `2025/05/01 07:57:03 [2025-05-01 07:57:03.150624] [router:host-http] [origin:test.com]
/// [client: 192.168.1.1] [useragent: Mozilla/5.0 …] POST /xmlrpc.php 404`.
///
/// The bracketed time (local, no zone: marked assumed) is the event time; `origin` becomes the
/// host and `router` an extra. Other Zoraxy messages (`[system:info] …`) are skipped.
public struct ZoraxyParser: LineParser {
  public init() {}

  public mutating func parse(_ line: UnsafeRawBufferPointer, into builder: inout EventBuilder) -> LineOutcome {
    if line.isEmpty { return .skipped("blank line") }
    guard line.count > 21, TimeParsing.digits(line, 0, 4) != nil, line[4] == .slash, line[7] == .slash,
      line[10] == .space,
      line[13] == .colon, line[19] == .space, line[20] == .leftBracket
    else { return .rejected("not a zoraxy line: expected 'YYYY/MM/DD HH:MM:SS [', found \(CloudFields.show(line))") }
    var c = FieldCursor(line, at: 20)
    guard let time = c.bracketed(), let t = TimeParsing.iso8601Detailed(time) else {
      return .rejected("expected '[YYYY-MM-DD HH:MM:SS.ffffff]' after the log time")
    }
    guard c.rest.hasPrefix("[router:") else { return .skipped("zoraxy message is not a request log") }
    guard let router = c.bracketed(), let origin = c.bracketed(), origin.hasPrefix("origin:"),
      let client = c.bracketed(), client.hasPrefix("client:"), c.rest.hasPrefix("[useragent:")
    else { return .rejected("expected [router:…] [origin:…] [client: …] [useragent: …] fields") }
    // The user agent may contain ']': the request is the text after the last "] ".
    let rest = c.rest
    var close = -1
    var i = rest.count - 2
    while i >= 0 {
      if rest[i] == .rightBracket && rest[i + 1] == .space {
        close = i
        break
      }
      i -= 1
    }
    guard close > 11 else { return .rejected("useragent field has no closing ']'") }
    let tail = rest.slice(close + 2, rest.count)
    guard let sp1 = tail.firstIndex(of: .space, from: 0), let sp2 = CloudFields.lastIndex(of: .space, in: tail),
      sp2 > sp1
    else {
      return .rejected("expected 'METHOD path status' after the user agent, found \(CloudFields.show(tail))")
    }
    let method = tail.slice(0, sp1)
    let target = tail.slice(sp1 + 1, sp2)
    let status = tail.slice(sp2 + 1, tail.count)
    guard !method.isEmpty, CloudFrontParser.isUpperToken(method) else {
      return .rejected("method \(CloudFields.show(method)) is not an HTTP method")
    }
    guard !target.isEmpty, target[0] == .slash || target.hasPrefix("http") else {
      return .rejected("path \(CloudFields.show(target)) does not start with '/'")
    }
    guard CloudFields.isStatus(status) else { return .rejected("status \(CloudFields.show(status)) is not a status") }
    builder.setTime(t)
    builder.addExtra(name: CloudFields.name("router", builder.symbols), value: router.slice(7, router.count))
    builder.setHost(Self.trimmed(origin.slice(7, origin.count)))
    builder.setClientIP(Self.trimmed(client.slice(7, client.count)))
    builder.setUserAgent(Self.trimmed(rest.slice(11, close)))
    builder.setMethod(method)
    builder.setTarget(target)
    builder.setStatus(status)
    return .event
  }

  /// `b` without leading and trailing spaces.
  static func trimmed(_ b: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    var s = 0
    var e = b.count
    while s < e && b[s] == .space { s += 1 }
    while e > s && b[e - 1] == .space { e -= 1 }
    return b.slice(s, e)
  }
}
