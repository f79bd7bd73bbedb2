// Parsing/Cloud/ELBParser.swift - AWS Classic Elastic Load Balancer access log entries.

/// Parses AWS Classic ELB access log entries:
/// `time elb client:port backend:port t_req t_backend t_resp elb_status backend_status
/// received sent "request" "user_agent" ssl_cipher ssl_protocol`.
///
/// TCP-listener entries carry the request `"- - - "`: they become events with a warning, since
/// the connection happened but no HTTP request is known. `#` lines are skipped. ALB entries
/// (which start with a type such as `https`) are rejected.
public struct ELBParser: LineParser {
  public init() {}

  public mutating func parse(_ line: UnsafeRawBufferPointer, into builder: inout EventBuilder) -> LineOutcome {
    if line.isEmpty { return .skipped("blank line") }
    if line[0] == .hash { return .skipped("comment line") }
    var c = FieldCursor(line)
    guard let time = c.token() else { return .rejected("missing time field") }
    guard let t = TimeParsing.iso8601Detailed(time), t.hadZone else {
      return .rejected("time \(CloudFields.show(time)) is not ISO-8601 UTC")
    }
    builder.setTime(t)
    guard let elb = c.token(), !elb.isEmpty else { return .rejected("missing elb field") }
    builder.addExtra(name: CloudFields.name("elb", builder.symbols), value: elb)
    let common: LoadBalancerCore.Result
    switch LoadBalancerCore.read(&c, into: &builder, targetName: "backend", targetStatusName: "backend_status_code") {
    case .success(let r): common = r
    case .failure(let r): return .rejected(r.text)
    }
    for name in ALBParser.plainFields.prefix(2) {
      guard let tok = c.token() else { break }
      if tok.isEmpty || tok[0] == .quote {
        return .rejected("\(name) field is quoted or empty: \(CloudFields.show(tok))")
      }
    }
    if !c.atEnd { return .rejected("unexpected field after ssl_protocol: \(CloudFields.show(c.rest))") }
    if let w = common.warning { return .eventWithWarning(w) }
    return .event
  }
}
