// Parsing/Structured/JSONFieldTable.swift - which JSON keys mean which LogEvent field.

/// The event field a JSON key feeds, with the unit for durations.
enum JSONField: UInt8 {
  case clientIP, forwardedFor, time, method, target, query, requestLine, status, bytes
  case userAgent, user, referer, host, version
  case durationSeconds, durationMillis, durationNanos, durationSecondsOrMillis

  /// Fields sharing a slot compete by priority (durations share one slot).
  var slot: Int {
    switch self {
    case .durationSeconds, .durationMillis, .durationNanos, .durationSecondsOrMillis: return 14
    default: return Int(rawValue)
    }
  }
}

/// Maps key names to fields by synonym, case-insensitively and with `-` equal to `_`
/// (`User-Agent` = `user_agent`, `x-forwarded-for` = `X_Forwarded_For`).
///
/// When a line has several keys for the same field (Traefik `StartUTC` and `time`, Cloudflare
/// `EdgeResponseStatus` and `OriginResponseStatus`), the one listed first here wins: the
/// priority is the key's position among the synonyms of its field.
enum JSONFieldTable {
  /// Synonyms, most authoritative first within each field.
  static let synonyms: [(String, JSONField)] = [
    // client address (Caddy `client_ip` is the address after trusted-proxy resolution)
    ("client_ip", .clientIP), ("clientip", .clientIP), ("clienthost", .clientIP), ("remote_addr", .clientIP),
    ("remote_ip", .clientIP), ("remoteip", .clientIP), ("ip", .clientIP), ("client", .clientIP),
    ("c_ip", .clientIP), ("id.orig_h", .clientIP), ("downstream_remote_address", .clientIP),
    ("clientaddr", .clientIP), ("client_addr", .clientIP), ("src_ip", .clientIP),
    // forwarded-for
    ("http_x_forwarded_for", .forwardedFor), ("x_forwarded_for", .forwardedFor), ("forwardedfor", .forwardedFor),
    ("xff", .forwardedFor),
    // time: request start first, then generic names
    ("startutc", .time), ("edgestarttimestamp", .time), ("start_time", .time), ("time_iso8601", .time),
    ("@timestamp", .time), ("timestamp", .time), ("time", .time), ("ts", .time), ("time_local", .time),
    ("msec", .time), ("datetime", .time), ("date", .time),
    // method
    ("method", .method), ("request_method", .method), ("requestmethod", .method),
    ("clientrequestmethod", .method), ("http_method", .method), ("request_verb", .method), ("verb", .method),
    // target (path, maybe with query)
    ("request_uri", .target), ("uri", .target), ("url", .target), ("request_url", .target),
    ("requesturl", .target), ("path", .target), ("requestpath", .target), ("clientrequesturi", .target),
    ("clientrequestpath", .target), ("x_envoy_origin_path", .target),
    // query
    ("query", .query), ("query_string", .query), ("querystring", .query), ("args", .query),
    // full request line
    ("request", .requestLine), ("request_line", .requestLine), ("http_request", .requestLine),
    // status (edge/downstream before origin)
    ("status", .status), ("response_code", .status), ("status_code", .status), ("downstreamstatus", .status),
    ("edgeresponsestatus", .status), ("elb_status_code", .status), ("responsestatus", .status),
    ("originresponsestatus", .status),
    // response bytes
    ("body_bytes_sent", .bytes), ("bytes_sent", .bytes), ("size", .bytes), ("bytes", .bytes),
    ("response_size", .bytes), ("responsesize", .bytes), ("downstreamcontentsize", .bytes),
    ("edgeresponsebytes", .bytes), ("body_bytes", .bytes), ("sent_bytes", .bytes), ("response_body_len", .bytes),
    ("length", .bytes),
    // user agent
    ("http_user_agent", .userAgent), ("user_agent", .userAgent), ("useragent", .userAgent), ("ua", .userAgent),
    ("request_user_agent", .userAgent), ("clientrequestuseragent", .userAgent),
    // user
    ("remote_user", .user), ("user", .user), ("username", .user), ("user_name", .user), ("user_id", .user),
    ("uid", .user), ("clientusername", .user),
    // referer
    ("http_referer", .referer), ("referer", .referer), ("referrer", .referer), ("request_referer", .referer),
    ("clientrequestreferer", .referer), ("http_referrer", .referer),
    // virtual host
    ("vhost", .host), ("http_host", .host), ("host", .host), ("requesthost", .host),
    ("clientrequesthost", .host), (":authority", .host), ("authority", .host), ("server_name", .host),
    // HTTP version
    ("server_protocol", .version), ("protocol", .version), ("proto", .version), ("requestprotocol", .version),
    ("clientrequestprotocol", .version), ("http_version", .version), ("request_proto", .version),
    // durations, by unit
    ("request_time", .durationSeconds), ("duration", .durationSecondsOrMillis), ("duration_ms", .durationMillis),
    ("generation_time_milli", .durationMillis), ("response_time", .durationSeconds),
    ("upstream_response_time", .durationSeconds), ("originresponsetime", .durationNanos),
    ("target_processing_time", .durationSeconds),
  ]

  /// Header names honoured inside a `headers` object (values are often arrays).
  static let headerFields: Set<UInt8> = [
    JSONField.userAgent.rawValue, JSONField.referer.rawValue, JSONField.forwardedFor.rawValue, JSONField.host.rawValue,
  ]

  private struct Entry {
    var name: [UInt8]
    var field: JSONField
    var priority: UInt8
  }

  private static let table: [UInt64: Entry] = {
    var t: [UInt64: Entry] = [:]
    var seen: [UInt8: UInt8] = [:]
    for (name, field) in synonyms {
      let bytes = Array(name.utf8)
      let p = seen[UInt8(field.slot), default: 0]
      seen[UInt8(field.slot)] = p + 1
      let h = bytes.withUnsafeBytes { hashNormalized($0) }
      precondition(t[h] == nil, "hash collision in JSON synonyms: \(name)")
      t[h] = Entry(name: bytes, field: field, priority: p)
    }
    return t
  }()

  /// The field and priority (0 = most authoritative) for `key`, or `nil`.
  @inline(__always)
  static func lookup(_ key: UnsafeRawBufferPointer) -> (field: JSONField, priority: UInt8)? {
    guard key.count <= 32, let e = table[hashNormalized(key)], e.name.count == key.count else { return nil }
    for i in 0..<key.count where normalize(key[i]) != e.name[i] { return nil }
    return (e.field, e.priority)
  }

  @inline(__always)
  static func normalize(_ c: UInt8) -> UInt8 { c == .minus ? UInt8(ascii: "_") : c.asciiLowercased }

  /// `true` for keys whose object value holds request fields (`request.remote_ip`,
  /// `http.method`, GCP `httpRequest`).
  static func isRequestObject(_ key: UnsafeRawBufferPointer) -> Bool {
    key.equalsIgnoringCase("request") || key.equalsIgnoringCase("req") || key.equalsIgnoringCase("http")
      || key.equalsIgnoringCase("httpRequest") || key.equalsIgnoringCase("client") || key.equalsIgnoringCase("source")
  }

  @inline(__always)
  static func hashNormalized(_ b: UnsafeRawBufferPointer) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for c in b { h = (h ^ UInt64(normalize(c))) &* 0x0000_0100_0000_01B3 }
    return h
  }
}
