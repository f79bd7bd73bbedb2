// Report/TimelineWriter.swift - renders the incident timeline as plain text.

/// Writes the timeline: one line per notable event, then an hourly activity strip per finding.
public enum TimelineWriter {
  /// Activity levels, from no request to the busiest hour.
  static let levels = Array(" .:-=+*#%@")

  /// Renders `outcome`'s timeline in `zone` (UTC by default). Log-derived text is passed
  /// through ``TerminalSanitizer/clean(_:)``.
  public static func render(_ outcome: AnalysisOutcome, zone: TimelineZone = .utc) -> String {
    var out = "# Timeline (\(zone == .utc ? "UTC" : "UTC" + zone.suffix)) — \(outcome.findings.count) finding(s), \(outcome.timeline.count) event(s)\n"
    for e in outcome.timeline {
      var line = zone.format(e.time) + "  " + pad(e.findingId ?? "-", 4) + "  " + pad(e.event, 17) + "  " + TerminalSanitizer.clean(e.actor)
      if let ep = e.endpoint { line += "  " + TerminalSanitizer.clean(ep) }
      if let c = e.count { line += "  n=\(c)" }
      line += "  " + TerminalSanitizer.clean(e.detail)
      if let ev = e.evidence { line += "  [" + TerminalSanitizer.clean(ev.text) + "]" }
      out += line + "\n"
    }
    for f in outcome.findings where !f.activity.isEmpty {
      out += "\n" + strip(f, zone: zone)
    }
    return out
  }

  /// `F001 sequential-enumeration 2026-02-17 08:00Z..11:00Z |.:#@ | max 1234/h`
  static func strip(_ f: Finding, zone: TimelineZone) -> String {
    guard let first = f.activity.first, let last = f.activity.last else { return "" }
    let startHour = first.hour.microseconds / 3_600_000_000
    let endHour = last.hour.microseconds / 3_600_000_000
    let hours = Int(min(endHour - startHour + 1, 24 * 31))
    var counts = [Int](repeating: 0, count: hours)
    for h in f.activity {
      let i = Int(h.hour.microseconds / 3_600_000_000 - startHour)
      if i >= 0 && i < hours { counts[i] += h.requests }
    }
    let peak = max(1, counts.max() ?? 1)
    var bar = ""
    for c in counts {
      let level = c == 0 ? 0 : 1 + (c * (levels.count - 2)) / peak
      bar.append(levels[min(levels.count - 1, level)])
    }
    var lines = "\(f.id) \(f.kind.rawValue) requests per hour from \(zone.format(first.hour)) (\(hours) h, peak \(peak)/h):\n"
    var i = 0
    let chars = Array(bar)
    while i < chars.count {
      lines += "  |" + String(chars[i..<min(chars.count, i + 24)]) + "|\n"
      i += 24
    }
    return lines
  }

  private static func pad(_ s: String, _ n: Int) -> String {
    s.count >= n ? s : s + String(repeating: " ", count: n - s.count)
  }
}
