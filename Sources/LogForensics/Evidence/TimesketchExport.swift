// Evidence/TimesketchExport.swift - the timeline as JSON lines importable into Timesketch.

import Foundation

/// Writes one JSON object per line with Timesketch's required `message`, `datetime`
/// (ISO-8601 UTC) and `timestamp_desc`, plus finding, actor and evidence fields.
/// Keys are sorted and events are in timeline order, so the export is deterministic.
public enum TimesketchExport {
  /// The JSON-lines text for `report` (empty when there is no event).
  public static func render(_ report: Report) -> String {
    let findings = Dictionary(report.findings.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var out = ""
    for e in report.timeline {
      var o: [String: Any] = [
        "message": "\(e.findingId.map { $0 + " " } ?? "")\(e.event): \(e.detail)",
        "datetime": e.time.iso8601,
        "timestamp_desc": description(of: e.event),
        "event_type": e.event,
        "actor": e.actor,
        "data_type": "logforensics:timeline:event",
        "source_tool": "\(report.tool.name) \(report.tool.version)",
      ]
      if let id = e.findingId {
        o["finding_id"] = id
        if let f = findings[id] {
          o["finding_kind"] = f.kind.rawValue
          o["severity"] = f.severity.rawValue
          o["actor_ips"] = f.actors.ips
          o["actor_users"] = f.actors.users
          o["actor_user_agents"] = f.actors.userAgents
          if let t = f.actors.ipsTotal { o["actor_ips_total"] = t }
          if let t = f.actors.usersTotal { o["actor_users_total"] = t }
          if let t = f.actors.userAgentsTotal { o["actor_user_agents_total"] = t }
          o["exposure_low"] = f.exposure.records.low
          o["exposure_estimate"] = f.exposure.records.estimate
          o["exposure_high"] = f.exposure.records.high
        }
      }
      if let ep = e.endpoint { o["endpoint"] = ep }
      if let c = e.count { o["count"] = c }
      if let ev = e.evidence {
        o["evidence_file"] = ev.file
        o["evidence_line"] = ev.line
      }
      if let data = try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys, .withoutEscapingSlashes]) {
        out += String(decoding: data, as: UTF8.self) + "\n"
      }
    }
    return out
  }

  /// Human description of what the timestamp means (Timesketch's `timestamp_desc`).
  static func description(of event: String) -> String {
    switch event {
    case "finding-start": return "First request of finding"
    case "finding-end": return "Last request of finding"
    case "enumeration-start": return "Enumeration start"
    case "rate-change": return "Request rate change (hour start)"
    case "login-burst": return "Failed login burst"
    case "login-success": return "Successful login after burst"
    case "token-reuse": return "Credential reused from another client"
    default: return "Event time"
    }
  }
}
