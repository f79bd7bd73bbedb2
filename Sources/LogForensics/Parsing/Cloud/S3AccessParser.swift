// Parsing/Cloud/S3AccessParser.swift - Amazon S3 server access log lines.

/// Parses S3 server access log lines:
/// `bucket_owner bucket [06/Feb/2019:00:00:38 +0000] remote_ip requester request_id operation
/// key "request_uri" http_status error_code bytes_sent object_size total_time turn_around_time
/// "referer" "user_agent" version_id host_id sig_version cipher_suite auth_type host_header
/// tls_version …`.
///
/// Fields after `turn_around_time` are optional. The requester (an IAM ARN or canonical id)
/// becomes the user; `operation`, `key` and `bucket` are kept as extras; `total_time` (ms)
/// is the duration.
public struct S3AccessParser: LineParser {
  public init() {}

  public mutating func parse(_ line: UnsafeRawBufferPointer, into builder: inout EventBuilder) -> LineOutcome {
    if line.isEmpty { return .skipped("blank line") }
    if line[0] == .hash { return .skipped("comment line") }
    var c = FieldCursor(line)
    guard let owner = c.token(), !owner.isEmpty else { return .rejected("missing bucket_owner field") }
    guard let bucket = c.token() else { return .rejected("missing bucket field") }
    guard !bucket.isDashOrEmpty else { return .rejected("bucket \(CloudFields.show(bucket)) is not a bucket name") }
    guard let time = c.bracketed() else {
      var probe = c
      return .rejected("expected [time] after bucket, found \(CloudFields.show(probe.token() ?? c.rest))")
    }
    guard let t = TimeParsing.clf(time) else {
      return .rejected("time \(CloudFields.show(time)) is not dd/Mon/yyyy:HH:MM:SS +zone")
    }
    builder.setTime(t)
    guard let ip = c.token(), !ip.isEmpty else { return .rejected("missing remote_ip field") }
    builder.setClientIP(ip)
    guard let requester = c.token() else { return .rejected("missing requester field") }
    builder.setUser(requester)
    guard let requestID = c.token(), !requestID.isEmpty else { return .rejected("missing request_id field") }
    guard let operation = c.token() else { return .rejected("missing operation field") }
    guard Self.isOperation(operation) else {
      return .rejected("operation \(CloudFields.show(operation)) is not like REST.GET.OBJECT")
    }
    guard let key = c.token() else { return .rejected("missing key field") }
    builder.addExtra(name: CloudFields.name("bucket", builder.symbols), value: bucket)
    builder.addExtra(name: CloudFields.name("operation", builder.symbols), value: operation)
    builder.addExtra(name: CloudFields.name("key", builder.symbols), value: key)
    builder.addExtra(name: CloudFields.name("request_id", builder.symbols), value: requestID)
    var warning: String? = nil
    switch c.quoted() {
    case .success(let request):
      if !builder.setRequestLine(request) {
        warning = "request_uri \(CloudFields.show(request)) is not a valid HTTP request line"
      }
    case .failure(let f): return .rejected(LoadBalancerCore.quotedReason(f, field: "request_uri", cursor: c).text)
    }
    guard let status = c.token(), status.isDashOrEmpty || CloudFields.isStatus(status) else {
      return .rejected("http_status is not a status")
    }
    builder.setStatus(status)
    guard let error = c.token() else { return .rejected("missing error_code field") }
    if !error.isDashOrEmpty { builder.addExtra(name: CloudFields.name("error_code", builder.symbols), value: error) }
    guard let sent = c.token(), builder.setResponseBytes(sent) else {
      return .rejected("bytes_sent is missing or not a number")
    }
    guard let size = c.token(), size.isDashOrEmpty || size.parseDecimal() != nil else {
      return .rejected("object_size is missing or not a number")
    }
    guard let total = c.token() else { return .rejected("missing total_time field") }
    if !total.isDashOrEmpty {
      guard let ms = total.parseDecimal() else {
        return .rejected("total_time \(CloudFields.show(total)) is not milliseconds")
      }
      builder.setDuration(ms, microsPerUnit: 1000)
    }
    guard let turnaround = c.token(), turnaround.isDashOrEmpty || turnaround.parseDecimal() != nil else {
      return .rejected("turn_around_time is missing or not a number")
    }
    if c.atEnd { return warning.map { .eventWithWarning($0) } ?? .event }
    switch c.quoted() {
    case .success(let referer): builder.setReferer(referer)
    case .failure(let f): return .rejected(LoadBalancerCore.quotedReason(f, field: "referer", cursor: c).text)
    }
    if c.atEnd { return warning.map { .eventWithWarning($0) } ?? .event }
    switch c.quoted() {
    case .success(let ua): builder.setUserAgent(ua)
    case .failure(let f): return .rejected(LoadBalancerCore.quotedReason(f, field: "user_agent", cursor: c).text)
    }
    // version_id host_id sig_version cipher_suite auth_type host_header tls_version …
    var index = 0
    while let tok = c.token() {
      if index == 5 && !tok.isDashOrEmpty { builder.setHost(tok) }
      index += 1
    }
    return warning.map { .eventWithWarning($0) } ?? .event
  }

  /// `REST.GET.OBJECT`, `WEBSITE.GET.OBJECT`, `S3.EXPIRE.OBJECT`: upper-case words joined by dots.
  static func isOperation(_ b: UnsafeRawBufferPointer) -> Bool {
    guard b.count >= 5, b.firstIndex(of: .dot, from: 0) != nil else { return false }
    for x in b where !(x &- 0x41 < 26 || x.isDigit || x == .dot || x == UInt8(ascii: "_")) { return false }
    return true
  }
}
