// Detection/Detector+Identity.swift - token reuse and failed-login bursts.

extension Detector {
  /// Interleavings between IPs (a request from one IP less than 60 s after another IP used
  /// the same identity) needed for a token-reuse finding.
  static let minimumIPSwitches = 4

  mutating func detectTokenReuse() {
    for actor in engine.actors where actor.key.isIdentity && actor.ipSwitches >= Detector.minimumIPSwitches {
      guard let (time, at, from, to) = actor.firstSwitch else { continue }
      let ev = engine.evidence(at)
      let ips = strings(actor.ips.keys)
      let reasons = [
        "\(actor.label(engine.symbols)) was used from \(ips.count) IP addresses (\(ips.prefix(ActorSet.limit).joined(separator: ", "))\(ips.count > ActorSet.limit ? ", … \(ips.count - ActorSet.limit) more" : "")) and \(actor.userAgents.count) user agent(s) at the same time: \(actor.ipSwitches) requests came less than 60 s after a request from another IP.",
        "First overlap at \(time.iso8601): \(TerminalSanitizer.clean(symbols.string(from))) then \(TerminalSanitizer.clean(symbols.string(to))). A token used concurrently from unrelated machines suggests it was stolen or shared.",
      ]
      let templates = actor.tracks.keys.sorted()
      var d = Draft(
        kind: .tokenReuse, score: min(0.95, 0.6 + 0.01 * Double(actor.ipSwitches)), actors: [actor.index],
        templates: templates, requests: actor.requests, distinct: 0, reasons: reasons, evidence: [ev],
        start: time, end: actor.last)
      d.minimumSeverity = .medium
      d.timeline.append(TimelineEntry(
        time: time, event: "token-reuse", findingId: nil, actor: actor.label(engine.symbols), endpoint: nil, count: actor.ipSwitches,
        detail: "same identity from \(TerminalSanitizer.clean(symbols.string(from))) and \(TerminalSanitizer.clean(symbols.string(to))) within 60 s",
        evidence: ev))
      d.exposureReason = "Exposure: a token-reuse finding counts no records by itself; records read with the token are counted by the enumeration findings of the same actor."
      drafts.append(d)
    }
  }

  mutating func detectLoginBursts() {
    for b in engine.logins.finish() {
      let ip = TerminalSanitizer.clean(symbols.string(b.ip))
      let minutes = Double(b.lastFailure.microseconds - b.start.microseconds) / 60_000_000
      var reasons = [
        "\(b.failures) failed logins (401/403) on \(text(b.endpoint)) from \(ip) in \(one(minutes)) minutes, from \(b.start.iso8601)."
      ]
      var d = Draft(
        kind: .credentialAttack, score: 0.6, actors: [], extraIPs: [b.ip], extraUserAgents: b.userAgents,
        templates: [b.endpoint], requests: b.failures, distinct: 0, reasons: [], evidence: [engine.evidence(b.startEvidence), engine.evidence(b.lastFailureEvidence)],
        start: b.start, end: b.lastFailure)
      d.timeline.append(TimelineEntry(
        time: b.start, event: "login-burst", findingId: nil, actor: "ip:" + ip, endpoint: text(b.endpoint),
        count: b.failures, detail: "\(b.failures) failed logins in \(one(minutes)) min", evidence: engine.evidence(b.startEvidence)))
      if let s = b.success {
        d.score = 0.9
        d.end = s.time
        d.evidence.append(engine.evidence(s.evidence))
        if !s.user.isNone { d.extraUsers.append(s.user) }
        d.minimumSeverity = .medium
        d.linkedIP = (b.ip, s.time)
        reasons.append("Then a successful login from the same IP at \(s.time.iso8601)" + (s.user.isNone ? "." : " as \(TerminalSanitizer.clean(symbols.string(s.user))).")
          + " Records read afterwards from this IP are counted in this finding's exposure.")
        d.timeline.append(TimelineEntry(
          time: s.time, event: "login-success", findingId: nil, actor: "ip:" + ip, endpoint: text(b.endpoint), count: nil,
          detail: "success after \(b.failures) failures", evidence: engine.evidence(s.evidence)))
      } else {
        reasons.append("No successful login from this IP followed.")
      }
      d.reasons = reasons
      drafts.append(d)
    }
  }
}
