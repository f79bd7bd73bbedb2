// Parsing/Cloud/ALBParser.swift - AWS Application Load Balancer access log entries.

/// Parses AWS ALB access log entries:
/// `type time elb client:port target:port t_req t_target t_resp elb_status target_status
/// received sent "request" "user_agent" ssl_cipher ssl_protocol target_group_arn "trace_id"
/// "domain_name" "chosen_cert_arn" matched_rule_priority request_creation_time
/// "actions_executed" "redirect_url" "error_reason" …`.
///
/// Fields after `trace_id` are optional (older entries stop early) and any number of newer
/// trailing fields is tolerated, but every field that is present must be well-formed: a quoted
/// field glued to the next one (`"-"1`) is rejected, not guessed. The duration is the sum of the
/// three processing times when none is `-1`.
public struct ALBParser: LineParser {
  public init() {}

  public mutating func parse(_ line: UnsafeRawBufferPointer, into builder: inout EventBuilder) -> LineOutcome {
    if line.isEmpty { return .skipped("blank line") }
    if line[0] == .hash { return .skipped("comment line") }
    var c = FieldCursor(line)
    guard let type = c.token(), Self.isKnownType(type) else {
      return .rejected(
        "type \(CloudFields.show(line.slice(0, line.firstIndex(of: .space, from: 0) ?? line.count))) is not an ALB entry type (http, https, h2, grpcs, ws, wss)"
      )
    }
    guard let time = c.token() else { return .rejected("missing time field") }
    guard let t = TimeParsing.iso8601Detailed(time), t.hadZone else {
      return .rejected("time \(CloudFields.show(time)) is not ISO-8601 UTC")
    }
    builder.setTime(t)
    guard let elb = c.token(), !elb.isEmpty else { return .rejected("missing elb field") }
    builder.addExtra(name: CloudFields.name("elb", builder.symbols), value: elb)
    builder.addExtra(name: CloudFields.name("type", builder.symbols), value: type)
    let common: LoadBalancerCore.Result
    switch LoadBalancerCore.read(&c, into: &builder, targetName: "target", targetStatusName: "target_status_code") {
    case .success(let r): common = r
    case .failure(let r): return .rejected(r.text)
    }
    // ssl_cipher ssl_protocol target_group_arn
    for name in Self.plainFields {
      guard let tok = c.token() else { return .rejected("missing \(name) field") }
      if tok.isEmpty || tok[0] == .quote {
        return .rejected("\(name) field is quoted or empty: \(CloudFields.show(tok))")
      }
    }
    switch c.quoted() {
    case .success(let trace): builder.addExtra(name: CloudFields.name("trace_id", builder.symbols), value: trace)
    case .failure(let f): return .rejected(LoadBalancerCore.quotedReason(f, field: "trace_id", cursor: c).text)
    }
    if let reason = readOptionalTail(&c, into: &builder) { return .rejected(reason) }
    if let w = common.warning { return .eventWithWarning(w) }
    return .event
  }

  /// Reads `"domain_name" "chosen_cert_arn" matched_rule_priority request_creation_time
  /// "actions_executed" "redirect_url" "error_reason"` as far as present, then checks the
  /// newer trailing fields only for glued quotes. Returns a reason on malformed input.
  private func readOptionalTail(_ c: inout FieldCursor, into builder: inout EventBuilder) -> String? {
    for k in 0..<Self.tailLayout.count {
      let (name, isQuoted) = Self.tailLayout[k]
      if c.atEnd { return nil }
      if isQuoted {
        switch c.quoted() {
        case .success(let v):
          // Keep domain_name (0) and error_reason (6).
          if k == 0 || k == 6 { builder.addExtra(name: CloudFields.name(name, builder.symbols), value: v) }
        case .failure(let f): return LoadBalancerCore.quotedReason(f, field: "\(name)", cursor: c).text
        }
      } else {
        guard let tok = c.token() else { return nil }
        if tok.isEmpty || tok.firstIndex(of: .quote, from: 0) != nil {
          return "\(name) field is malformed: \(CloudFields.show(tok))"
        }
        if k == 3 && !tok.isDashOrEmpty && TimeParsing.iso8601(tok) == nil {
          return "request_creation_time \(CloudFields.show(tok)) is not ISO-8601"
        }
      }
    }
    // Newer versions append more fields (target:port list, status list, classification,
    // transformed host/URI…): tolerated, but a quoted one must still be followed by a space.
    while !c.atEnd {
      if c.peek == .quote {
        if case .failure(let f) = c.quoted() {
          return LoadBalancerCore.quotedReason(f, field: "trailing", cursor: c).text
        }
      } else {
        _ = c.token()
      }
    }
    return nil
  }

  /// The unquoted fields between the user agent and `trace_id`.
  static let plainFields: [StaticString] = ["ssl_cipher", "ssl_protocol", "target_group_arn"]

  /// The optional fields after `trace_id`: name and whether the field is quoted.
  static let tailLayout: [(StaticString, Bool)] = [
    ("domain_name", true), ("chosen_cert_arn", true), ("matched_rule_priority", false),
    ("request_creation_time", false), ("actions_executed", true), ("redirect_url", true), ("error_reason", true),
  ]

  /// `http`, `https`, `h2`, `grpcs`, `ws`, `wss`.
  static func isKnownType(_ b: UnsafeRawBufferPointer) -> Bool {
    b.equals("http") || b.equals("https") || b.equals("h2") || b.equals("grpcs") || b.equals("ws") || b.equals("wss")
  }
}
