// Parsing/Cloud/LoadBalancerCore.swift - the fields AWS ALB and Classic ELB logs share.

/// Reads the run of fields common to ALB and Classic ELB entries:
/// `client:port target:port t_req t_target t_resp elb_status target_status received sent "request" "user_agent"`.
///
/// `targetName` names the second address in reasons and extras (`target` for ALB, `backend`
/// for ELB). The user agent is optional (the oldest ELB logs end after the request).
enum LoadBalancerCore {
  /// What the shared fields produced besides the builder's event.
  struct Result {
    /// A warning for the request field (`"- - -"`, or not an HTTP request line).
    var warning: String?
  }

  static func read(
    _ c: inout FieldCursor, into builder: inout EventBuilder, targetName: StaticString, targetStatusName: StaticString
  ) -> Swift.Result<Result, RejectReason> {
    guard let client = c.token() else { return .failure(RejectReason("missing client:port field")) }
    guard let clientHost = CloudFields.hostOfHostPort(client) else {
      return .failure(RejectReason("client \(CloudFields.show(client)) is not ip:port"))
    }
    builder.setClientIP(clientHost)
    guard let target = c.token() else { return .failure(RejectReason("missing \(targetName):port field")) }
    if !target.isDashOrEmpty && CloudFields.hostOfHostPort(target) == nil {
      return .failure(RejectReason("\(targetName) \(CloudFields.show(target)) is not ip:port or '-'"))
    }
    builder.addExtra(name: CloudFields.name(targetName, builder.symbols), value: target)
    var total: Int64 = 0
    var allKnown = true
    for k in 0..<3 {
      let name = {
        k == 0 ? "request_processing_time" : k == 1 ? "\(targetName)_processing_time" : "response_processing_time"
      }
      guard let t = c.token() else { return .failure(RejectReason("missing \(name()) field")) }
      guard let v = CloudFields.awsSeconds(t) else {
        return .failure(RejectReason("\(name()) \(CloudFields.show(t)) is not seconds or -1"))
      }
      if v < 0 {
        allKnown = false
      } else {
        let (sum, overflow) = total.addingReportingOverflow(v)
        if overflow { allKnown = false } else { total = sum }
      }
    }
    if allKnown { builder.setDuration(micros: total) }
    guard let elbStatus = c.token() else { return .failure(RejectReason("missing elb_status_code field")) }
    guard elbStatus.isDashOrEmpty || CloudFields.isStatus(elbStatus) else {
      return .failure(RejectReason("elb_status_code \(CloudFields.show(elbStatus)) is not a status"))
    }
    builder.setStatus(elbStatus)
    guard let targetStatus = c.token() else { return .failure(RejectReason("missing \(targetStatusName) field")) }
    guard targetStatus.isDashOrEmpty || CloudFields.isStatus(targetStatus) else {
      return .failure(RejectReason("\(targetStatusName) \(CloudFields.show(targetStatus)) is not a status"))
    }
    builder.addExtra(name: CloudFields.name(targetStatusName, builder.symbols), value: targetStatus)
    guard let received = c.token() else { return .failure(RejectReason("missing received_bytes field")) }
    guard received.isDashOrEmpty || received.parseDecimal() != nil else {
      return .failure(RejectReason("received_bytes \(CloudFields.show(received)) is not a number"))
    }
    guard let sent = c.token() else { return .failure(RejectReason("missing sent_bytes field")) }
    guard builder.setResponseBytes(sent) else {
      return .failure(RejectReason("sent_bytes \(CloudFields.show(sent)) is not a number"))
    }
    var result = Result()
    switch c.quoted() {
    case .success(let request):
      if isEmptyRequest(request) {
        result.warning = "no HTTP request (request field \(CloudFields.show(request)))"
        builder.event.flags.insert(.invalidRequestLine)
        builder.event.rawRequest = TextDecoding.string(request)
      } else if !builder.setRequestLine(request) {
        result.warning = "request \(CloudFields.show(request)) is not a valid HTTP request line"
      }
    case .failure(let f):
      return .failure(quotedReason(f, field: "request", cursor: c))
    }
    if c.atEnd { return .success(result) }
    switch c.quoted() {
    case .success(let ua): builder.setUserAgent(ua)
    case .failure(let f): return .failure(quotedReason(f, field: "user_agent", cursor: c))
    }
    return .success(result)
  }

  /// `- - -` (ALB) or `- - - ` (Classic ELB TCP listener): a connection without an HTTP request.
  static func isEmptyRequest(_ b: UnsafeRawBufferPointer) -> Bool {
    var i = 0
    var dashes = 0
    while i < b.count {
      if b[i] == .minus { dashes += 1 } else if b[i] != .space { return false }
      i += 1
    }
    return dashes == 3
  }

  /// A precise reason for a quoted field that could not be read at the cursor.
  static func quotedReason(_ f: FieldCursor.QuotedFailure, field: String, cursor c: FieldCursor) -> RejectReason {
    switch f {
    case .notQuoted:
      var probe = c
      let tok = probe.token() ?? UnsafeRawBufferPointer(start: nil, count: 0)
      return RejectReason("\(field) field is not quoted: found \(CloudFields.show(tok))")
    case .unterminated:
      return RejectReason("\(field) field has no closing quote: \(CloudFields.show(c.rest))")
    case .missingSeparator:
      let r = c.rest
      let close = r.count > 1 ? (r.firstIndex(of: .quote, from: 1) ?? r.count - 1) : 0
      let after = r.slice(0, min(r.count, close + 2))
      return RejectReason("missing space after quoted \(field) field: \(CloudFields.show(after))")
    }
  }
}
