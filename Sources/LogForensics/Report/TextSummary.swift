// Report/TextSummary.swift - the human-readable summary printed by `forensics analyze`.

/// Renders the terminal summary of a report. Values from logs are sanitised for the
/// terminal (no control characters or escape sequences reach it).
public enum TextSummary {
  /// - Parameters:
  ///   - report: the report to summarise.
  ///   - elapsedSeconds: wall time of the run, for the throughput line (omitted when nil).
  ///   - inflateBackend: library that inflated gzip (`zlib`, `isal`), shown on the throughput
  ///     line; the JSON report never names it, so reports do not depend on the build.
  public static func render(_ report: Report, elapsedSeconds: Double? = nil, inflateBackend: String? = nil) -> String {
    var out = ""
    let s = report.summary
    out += "LogForensics \(report.tool.version) — \(s.inputs) input\(s.inputs == 1 ? "" : "s")\n\n"
    for input in report.inputs {
      let state = input.complete ? "complete" : "INCOMPLETE"
      out += "\(clean(input.path))\n"
      var fmt = "  format \(input.format)"
      if let d = input.detection {
        if d.method == "forced" {
          fmt += " (forced)"
        } else if d.format != "unknown" {
          fmt += " (detected: \(d.matchedLines)/\(d.sampledLines) sampled lines matched"
          if let p = d.prefix { fmt += ", \(p) prefix stripped" }
          fmt += ")"
        } else {
          fmt += " (no known format matched the first \(d.sampledLines) lines)"
        }
      }
      out += fmt + "\n"
      out += "  lines \(input.lines), parsed \(input.parsed)"
      if input.warnings > 0 { out += " (\(input.warnings) with warnings)" }
      out += ", rejected \(input.rejected), skipped \(input.skipped), \(state)\n"
      if let f = input.firstEvent, let l = input.lastEvent {
        out += "  time range \(f.iso8601) .. \(l.iso8601)\n"
      }
      if let h = input.sha256 {
        out += "  sha256 \(h) (\(input.bytes) bytes\(input.compression == "none" ? "" : ", \(input.compression)"))\n"
      }
      for e in input.errors { out += "  error: \(clean(e.message))\n" }
      for r in input.rejectedSamples.prefix(3) {
        out += "  rejected line \(r.line): \(clean(r.reason))\n"
      }
    }
    out += "\nTotal: \(s.lines) lines, \(s.parsed) parsed, \(s.rejected) rejected, \(s.skipped) skipped"
    out += "; \(s.inputs - s.incompleteInputs)/\(s.inputs) inputs complete\n"
    if let f = s.firstEvent, let l = s.lastEvent { out += "Events from \(f.iso8601) to \(l.iso8601)\n" }
    out += "Sessions: \(s.sessions), flagged \(s.flaggedSessions)\n"
    out += "\n"
    if report.findings.isEmpty {
      out += "Findings: none\n"
    } else {
      out += "Findings: \(report.findings.count)\n"
      for f in report.findings {
        let r = f.exposure.records
        out += "  [\(f.severity.rawValue.uppercased())] \(f.id) \(f.kind.rawValue): \(f.start.iso8601) .. \(f.end.iso8601), "
        out += "\(f.requests) requests, \(f.distinctRecords) distinct records, exposure \(r.estimate) (\(r.low)–\(r.high))\n"
        out += "      actors: \(clean(f.actors.ips.prefix(6).joined(separator: ", ")))\(f.actors.ips.count > 6 ? " (+\(f.actors.ipCount - 6) IPs)" : "")"
        if !f.actors.users.isEmpty { out += "; users \(clean(f.actors.users.prefix(4).joined(separator: ", ")))" }
        out += "\n"
        if let why = f.reasons.first { out += "      why: \(clean(why))\n" }
      }
      let e = s.exposure.records
      out += "Records exposed (all findings, each record once): estimate \(e.estimate), low \(e.low), high \(e.high)\n"
    }
    if let t = elapsedSeconds, t > 0 {
      let mb = Double(s.decodedBytes) / 1_048_576
      let gzip = inflateBackend.map { ", gzip inflated with \($0)" } ?? ""
      out += "Read \(round1(mb)) MiB of log text in \(round1(t)) s (\(round1(mb / t)) MiB/s, \(Int(Double(s.lines) / t)) lines/s\(gzip))\n"
    }
    return out
  }

  private static func round1(_ v: Double) -> String { String((v * 10).rounded() / 10) }

  private static func clean(_ s: String) -> String { TerminalSanitizer.clean(s) }
}
