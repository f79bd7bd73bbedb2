// Parsing/Structured/LTSVLineParser.swift - Labeled Tab-Separated Values access logs.

/// Parses LTSV (`label:value` pairs separated by tabs, http://ltsv.org) access logs.
///
/// Labels follow the ltsv.org record spec: `host` is the **client address** (`$remote_addr`)
/// and `vhost` the virtual host; `time` (CLF in `[...]`, ISO-8601 or epoch), `req` (request
/// line), `method`, `uri`, `protocol`, `status`, `size`, `referer`, `ua`, `user`,
/// `forwardedfor`, `reqtime` (seconds, preferred) and `apptime` (seconds). Other labels are
/// kept as extras (at most ``maxExtras``; credentials such as `cookie` never).
///
/// A field without `:` or with a label outside `[0-9A-Za-z_.-]` is rejected; a record
/// without `req`, `method` or `uri` is `.skipped`; a request record without a readable
/// `time` is rejected.
public struct LTSVLineParser: LineParser {
  /// Most unmapped labels kept as extras per event.
  public let maxExtras: Int

  /// - Parameter maxExtras: most unmapped labels kept per event.
  public init(maxExtras: Int = 16) { self.maxExtras = maxExtras }

  public mutating func parse(_ line0: UnsafeRawBufferPointer, into builder: inout EventBuilder) -> LineOutcome {
    let line = StructuredValues.droppingBOM(line0)
    let n = line.count
    var i = 0
    while i < n && (line[i] == .space || line[i] == .cr) { i += 1 }
    if i == n { return .skipped("blank line") }
    var request: UnsafeRawBufferPointer? = nil
    var hasTarget = false, hasMethod = false, hasTime = false
    var durationFromReqtime = false
    var badTime: UnsafeRawBufferPointer? = nil
    var kept = 0
    while i <= n {
      let e = line.firstIndex(of: .tab, from: i) ?? n
      var field = line.slice(i, e)
      if let last = field.last, last == .cr { field = field.slice(0, field.count - 1) }
      i = e + 1
      if field.isEmpty { continue }
      guard let colon = field.firstIndex(of: .colon, from: 0), colon > 0, LTSVLineParser.isLabel(field.slice(0, colon)) else {
        return .rejected("field '\(TextDecoding.string(field.slice(0, min(field.count, 40))))' is not label:value")
      }
      let label = field.slice(0, colon)
      let v = field.slice(colon + 1, field.count)
      if label.equals("host") || label.equals("remote_addr") {
        builder.setClientIP(v)
      } else if label.equals("time") || label.equals("time_iso8601") || label.equals("timestamp") {
        if let t = StructuredValues.time(v) {
          builder.setTime(t)
          hasTime = true
        } else if !v.isDashOrEmpty {
          badTime = v
        }
      } else if label.equals("req") || label.equals("request") {
        request = v
      } else if label.equals("method") {
        builder.setMethod(v)
        hasMethod = !v.isDashOrEmpty
      } else if label.equals("uri") || label.equals("request_uri") || label.equals("path") {
        if !v.isDashOrEmpty {
          builder.setTarget(v)
          hasTarget = true
        }
      } else if label.equals("protocol") {
        if v.hasPrefix("HTTP/") { builder.setHTTPVersion(v) }
      } else if label.equals("status") {
        guard builder.setStatus(v) else { return .rejected("status '\(TextDecoding.string(v))' is not a number") }
      } else if label.equals("size") || label.equals("body_bytes_sent") {
        guard builder.setResponseBytes(v) else { return .rejected("size '\(TextDecoding.string(v))' is not a number") }
      } else if label.equals("referer") || label.equals("referrer") {
        builder.setReferer(v)
      } else if label.equals("ua") || label.equals("user_agent") {
        builder.setUserAgent(v)
      } else if label.equals("user") || label.equals("remote_user") {
        builder.setUser(v)
      } else if label.equals("forwardedfor") || label.equals("x_forwarded_for") {
        builder.setForwardedFor(v)
      } else if label.equals("vhost") {
        builder.setHost(v)
      } else if label.equals("reqtime") || (label.equals("apptime") && !durationFromReqtime) {
        if let us = StructuredValues.duration(v, microsPerUnit: 1_000_000) {
          builder.setDuration(micros: us)
          if label.equals("reqtime") { durationFromReqtime = true }
        }
      } else if kept < maxExtras && !v.isDashOrEmpty && !StructuredValues.isSensitiveName(label) {
        kept += 1
        builder.addExtra(name: label, value: v)
      }
    }
    if let r = request, !hasTarget {
      let explicit = builder.event.method
      let ok = builder.setRequestLine(r)
      if builder.event.method.isNone { builder.event.method = explicit }
      guard hasTime else { return LTSVLineParser.timeProblem(badTime) }
      if !ok { return .eventWithWarning("request '\(TextDecoding.string(r))' is not a valid http request line") }
      return .event
    }
    guard hasTarget || hasMethod || request != nil else { return .skipped("LTSV record without request fields") }
    guard hasTime else { return LTSVLineParser.timeProblem(badTime) }
    return .event
  }

  private static func timeProblem(_ bad: UnsafeRawBufferPointer?) -> LineOutcome {
    if let bad { return .rejected("time '\(TextDecoding.string(bad))' is not CLF, ISO-8601 or an epoch number") }
    return .rejected("ltsv record has no time label")
  }

  /// `[0-9A-Za-z_.-]+` (ltsv.org label syntax).
  private static func isLabel(_ l: UnsafeRawBufferPointer) -> Bool {
    for c in l where !(c.isLetter || c.isDigit || c == UInt8(ascii: "_") || c == .dot || c == .minus) { return false }
    return true
  }
}
