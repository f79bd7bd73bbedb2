// Parsing/Structured/JSONLineParser.swift - JSON-lines access logs (Caddy, Traefik, nginx escape=json, Cloudflare, Envoy…).

/// Parses one JSON object per line into a ``LogEvent`` by field-name synonyms.
///
/// The object is walked once with ``JSONScanner`` (no Foundation decoding). Keys are matched
/// case-insensitively, with `-` equal to `_`, against ``JSONFieldTable``: at the top level,
/// inside request objects (`request`, `http`, `httpRequest`, `client`), and for the
/// `User-Agent`, `Referer`, `X-Forwarded-For` and `Host` entries of a `headers` object
/// (array values such as Caddy's `"User-Agent":["curl/8"]` give their first element).
/// Other objects (`resp_headers`, `tls`, Traefik `ServiceURL`, NGINX Plus statistics) are
/// validated and skipped.
///
/// Values may be strings or numbers interchangeably (`"status":"200"`); `null`, `""` and `"-"`
/// mean absent. Times are ISO-8601, CLF or epoch seconds/ms/µs/ns. Durations: `request_time`
/// and `response_time` in seconds; `duration` in seconds when it has a fraction (Caddy) and
/// in milliseconds when it is an integer (Envoy); `Duration` (Traefik) and
/// `OriginResponseTime` (Cloudflare) in nanoseconds. A `host` that is an IP literal becomes
/// the client address when no other client field exists (ISUCON/alp `"host":"$remote_addr"`).
///
/// Outcomes: an object without method, path or request line is `.skipped` (Caddy startup
/// messages, NGINX Plus status snapshots); a request without a readable time, or a line that
/// is not a JSON object, is `.rejected` (syntax errors give the byte offset). Up to
/// ``maxExtras`` unmapped scalar fields of the top level and request objects are kept as
/// extras named by their dotted path (`request.proto`), except credentials (cookie,
/// authorization, token, password, secret).
public struct JSONLineParser: LineParser {
  /// Most unmapped fields kept per event.
  public let maxExtras: Int
  /// Longest unmapped value kept as an extra, in bytes.
  public static let maxExtraValueBytes = 512

  private enum Context { case top, request, headers, other }

  private struct KeyInfo {
    var field: JSONField?
    var priority: UInt8 = 0
    var nanosDuration = false
  }

  private var priorities = SIMD16<UInt8>(repeating: .max)
  private var valueScratch: [UInt8] = []
  private var requestLine: [UInt8] = []
  private var hasRequestLine = false
  private var path: [UInt8] = []
  private var timeError: String? = nil
  private var extrasKept = 0

  /// - Parameter maxExtras: most unmapped fields kept per event (0 keeps none).
  public init(maxExtras: Int = 16) {
    self.maxExtras = maxExtras
    valueScratch.reserveCapacity(256)
    path.reserveCapacity(64)
  }

  public mutating func parse(_ line: UnsafeRawBufferPointer, into builder: inout EventBuilder) -> LineOutcome {
    var sc = JSONScanner(StructuredValues.droppingBOM(line))
    sc.skipWhitespace()
    if sc.atEnd { return .skipped("blank line") }
    priorities = SIMD16(repeating: .max)
    hasRequestLine = false
    requestLine.removeAll(keepingCapacity: true)
    path.removeAll(keepingCapacity: true)
    timeError = nil
    extrasKept = 0
    do throws(JSONSyntaxError) {
      guard sc.peek == .leftBrace else { throw sc.error("'{' (a JSON object)") }
      try walkObject(&sc, context: .top, depth: 0, builder: &builder)
      sc.skipWhitespace()
      guard sc.atEnd else { throw sc.error("end of line after the object") }
    } catch {
      return .rejected(error.reason)
    }
    return finish(&builder)
  }

  // MARK: - Walking

  private mutating func walkObject(_ sc: inout JSONScanner, context: Context, depth: Int, builder: inout EventBuilder) throws(JSONSyntaxError) {
    guard depth < JSONScanner.maxDepth else { throw sc.error("at most 64 nested levels") }
    try sc.expect(.leftBrace, "'{'")
    sc.skipWhitespace()
    if sc.peek == .rightBrace {
      sc.index += 1
      return
    }
    while true {
      sc.skipWhitespace()
      let k = try sc.scanString()
      sc.skipWhitespace()
      try sc.expect(.colon, "':' after the key")
      sc.skipWhitespace()
      var keyCopy: [UInt8] = []
      if k.escaped { JSONScanner.unescape(sc.bytes.slice(k.start, k.end), into: &keyCopy) }
      let pathMark = path.count
      let (info, childContext) = keyCopy.isEmpty
        ? classify(sc.bytes.slice(k.start, k.end), in: context)
        : keyCopy.withUnsafeBytes { classify($0, in: context) }
      let named = context == .top || context == .request
      if named {
        if k.escaped { path.append(contentsOf: keyCopy) } else { path.append(contentsOf: sc.bytes.slice(k.start, k.end)) }
      }
      try walkValue(&sc, info: info, context: context, child: childContext, named: named, depth: depth, builder: &builder)
      path.removeLast(path.count - pathMark)
      sc.skipWhitespace()
      if sc.peek == .comma {
        sc.index += 1
        continue
      }
      try sc.expect(.rightBrace, "',' or '}'")
      return
    }
  }

  private mutating func walkValue(_ sc: inout JSONScanner, info: KeyInfo, context: Context, child: Context, named: Bool, depth: Int, builder: inout EventBuilder) throws(JSONSyntaxError) {
    switch sc.peek {
    case .leftBrace?:
      if child == .other {
        try sc.skipValue(depth: depth + 1)
      } else {
        path.append(.dot)
        try walkObject(&sc, context: child, depth: depth + 1, builder: &builder)
      }
    case .leftBracket?:
      // Arrays: the first scalar element stands for the key (header arrays); the rest is skipped.
      sc.index += 1
      sc.skipWhitespace()
      if sc.peek == .rightBracket {
        sc.index += 1
        return
      }
      var first = true
      while true {
        sc.skipWhitespace()
        if first && (sc.peek == .quote || sc.peek == .minus || sc.peek?.isDigit == true) {
          try walkValue(&sc, info: info, context: context, child: .other, named: named, depth: depth + 1, builder: &builder)
        } else {
          try sc.skipValue(depth: depth + 1)
        }
        first = false
        sc.skipWhitespace()
        if sc.peek == .comma {
          sc.index += 1
          continue
        }
        try sc.expect(.rightBracket, "',' or ']'")
        return
      }
    case .quote?:
      let s = try sc.scanString()
      if s.escaped {
        var v = valueScratch
        valueScratch = []
        JSONScanner.unescape(sc.bytes.slice(s.start, s.end), into: &v)
        v.withUnsafeBytes { scalar(info, $0, isString: true, named: named, builder: &builder) }
        valueScratch = v
      } else {
        scalar(info, sc.bytes.slice(s.start, s.end), isString: true, named: named, builder: &builder)
      }
    case let c? where c == .minus || c.isDigit:
      let r = try sc.scanNumber()
      scalar(info, sc.bytes.slice(r.start, r.end), isString: false, named: named, builder: &builder)
    default:
      let start = sc.index
      let c = try sc.scanLiteral()
      if c != UInt8(ascii: "n") {
        scalar(info, sc.bytes.slice(start, sc.index), isString: false, named: named, builder: &builder)
      }
    }
  }

  private func classify(_ key: UnsafeRawBufferPointer, in context: Context) -> (KeyInfo, Context) {
    var info = KeyInfo()
    switch context {
    case .top, .request:
      if let (f, p) = JSONFieldTable.lookup(key) {
        info.field = f
        info.priority = p
        info.nanosDuration = f == .durationSecondsOrMillis && key.first == UInt8(ascii: "D")  // Traefik `Duration`
      }
      let child: Context
      if JSONFieldTable.isRequestObject(key) {
        child = .request
      } else if key.equalsIgnoringCase("headers") || key.equalsIgnoringCase("request_headers") {
        child = .headers
      } else {
        child = .other
      }
      return (info, child)
    case .headers:
      if let (f, p) = JSONFieldTable.lookup(key), JSONFieldTable.headerFields.contains(f.rawValue) {
        info.field = f
        info.priority = p &+ 100
      }
      return (info, .other)
    case .other:
      return (info, .other)
    }
  }

  // MARK: - Fields

  private mutating func scalar(_ info: KeyInfo, _ v: UnsafeRawBufferPointer, isString: Bool, named: Bool, builder: inout EventBuilder) {
    if let f = info.field, apply(f, info, v, isString: isString, builder: &builder) { return }
    guard named, extrasKept < maxExtras, !v.isEmpty, v.count <= JSONLineParser.maxExtraValueBytes,
      !path.withUnsafeBytes({ StructuredValues.isSensitiveName($0) })
    else { return }
    extrasKept += 1
    path.withUnsafeBytes { builder.addExtra(name: $0, value: v) }
  }

  /// Sets `field` from `v` unless a more authoritative key already did; returns `false` when
  /// the value does not fit the field (it is then kept as an extra).
  private mutating func apply(_ field: JSONField, _ info: KeyInfo, _ v: UnsafeRawBufferPointer, isString: Bool, builder: inout EventBuilder) -> Bool {
    if field == .requestLine {
      guard isString else { return false }
      if !hasRequestLine {
        hasRequestLine = true
        requestLine.append(contentsOf: v)
      }
      return true
    }
    if v.isDashOrEmpty { return true }
    let slot = field.slot
    guard priorities[slot] > info.priority else { return true }
    switch field {
    case .clientIP: builder.setClientIP(StructuredValues.addressWithoutPort(v))
    case .forwardedFor: builder.setForwardedFor(v)
    case .time:
      guard let t = StructuredValues.time(v) else {
        if timeError == nil { timeError = "time value '\(TextDecoding.string(v))' is not ISO-8601, CLF or an epoch number" }
        return true
      }
      builder.setTime(t)
    case .method: builder.setMethod(v)
    case .target: builder.setTarget(v)
    case .query:
      guard !builder.hasQuery else { return true }
      builder.setQuery(v)
    case .status:
      guard v.count <= 3, builder.setStatus(v) else { return false }
    case .bytes:
      if v.count == 2 && v[0] == .minus && v[1] == UInt8(ascii: "1") { return true }  // -1 = unknown (ALB)
      guard let n = v.parseDecimal() else { return false }
      builder.setResponseBytes(n)
    case .userAgent: builder.setUserAgent(v)
    case .user: builder.setUser(v)
    case .referer: builder.setReferer(v)
    case .host: builder.setHost(v)
    case .version:
      guard v.hasPrefix("HTTP/") else { return false }
      builder.setHTTPVersion(v)
    case .durationSeconds, .durationMillis, .durationNanos, .durationSecondsOrMillis:
      let micros: Int64?
      if field == .durationNanos || info.nanosDuration {
        micros = StructuredValues.durationFromNanos(v)
      } else if field == .durationMillis || (field == .durationSecondsOrMillis && !StructuredValues.hasFraction(v)) {
        micros = StructuredValues.duration(v, microsPerUnit: 1000)
      } else {
        micros = StructuredValues.duration(v, microsPerUnit: 1_000_000)
      }
      guard let m = micros else { return false }
      builder.setDuration(micros: m)
    case .requestLine: return true
    }
    priorities[slot] = info.priority
    return true
  }

  private func isSet(_ f: JSONField) -> Bool { priorities[f.slot] != .max }

  private mutating func finish(_ builder: inout EventBuilder) -> LineOutcome {
    let hasTarget = isSet(.target)
    guard hasTarget || isSet(.method) || hasRequestLine else { return .skipped("JSON object without request fields") }
    guard isSet(.time) else {
      return .rejected(timeError ?? "json request has no time field (time, timestamp, ts, start_time, StartUTC, …)")
    }
    if builder.event.clientIP.isNone && !builder.event.host.isNone {
      let h = builder.symbols.bytes(builder.event.host)
      if h.withUnsafeBytes({ StructuredValues.looksLikeIPAddress($0) }) {
        builder.event.clientIP = builder.event.host
        builder.event.host = .none
      }
    }
    guard hasRequestLine else { return .event }
    if !hasTarget {
      let explicitMethod = builder.event.method
      let ok = requestLine.withUnsafeBytes { builder.setRequestLine($0) }
      if builder.event.method.isNone { builder.event.method = explicitMethod }
      if !ok { return .eventWithWarning("request '\(builder.event.rawRequest ?? "")' is not a valid http request line") }
      return .event
    }
    // Path came from its own key: take only what is missing from the request line.
    requestLine.withUnsafeBytes { r in
      guard let sp = r.firstIndex(of: .space, from: 0) else { return }
      if builder.event.method.isNone && sp > 0 { builder.setMethod(r.slice(0, sp)) }
      var last = r.count - 1
      while last > sp && r[last] != .space { last -= 1 }
      if builder.event.httpVersion.isNone && last > sp && r.slice(last + 1, r.count).hasPrefix("HTTP/") {
        builder.setHTTPVersion(r.slice(last + 1, r.count))
      }
    }
    return .event
  }
}
