// Detection/Detector+Finalize.swift - exposure, severity, ordering, ids, sessions and timeline.

extension Detector {
  /// Exposure sets of one draft from its tracks.
  func exposure(of d: Draft) -> (ExposureSets, String?) {
    if d.kind == .paginationScrape || d.kind == .tokenReuse || d.kind == .credentialAttack {
      return (d.exposureSets, d.exposureReason)
    }
    let (sets, lowest, unknown) = recordExposure(of: d.tracks)
    var why = "Exposure: a record counts when it was answered with a success"
    let cuts = Set(d.templates.compactMap { hitBuckets[Int($0)] })
    if let c = cuts.min() {
      why += " and a record-sized body (≥ \(ResponseSizeModel.lowerBound(ofBucket: c)) bytes; smaller 200 answers are error payloads, learned from the two size clusters of the endpoint)"
    } else {
      why += " and a non-empty body"
    }
    why += "; 404/401/403/5xx never count. Low = certain records"
    why += unknown > 0 ? "; high adds the \(unknown) successes whose size was not logged; the estimate includes them only when most known-size successes were hits (\(pct(lowest)))." : "; every success had a logged size, so low = high."
    return (sets, why)
  }

  /// The united exposure of `tracks`, the lowest hit rate among them and their successes of
  /// unknown size. A swarm's 200 000 tracks are united in two halves, one on another thread
  /// when the engine may use two (unions are associative: the same sets; tracks are only read).
  func recordExposure(of tracks: [RecordTrack]) -> (ExposureSets, lowestHitRate: Double, unknown: Int) {
    // Namespaces and hit buckets of the tracks' templates, looked up before any thread starts.
    var byTemplate: [TemplateID: (namespace: String, hitBucket: Int?)] = [:]
    for tr in tracks where byTemplate[tr.template] == nil {
      byTemplate[tr.template] = (engine.templates[tr.template].namespace, hitBuckets[Int(tr.template)])
    }
    let parts = byTemplate
    func unite(_ part: ArraySlice<RecordTrack>) -> (ExposureSets, Double, Int) {
      var builder = RecordExposureBuilder()
      var unknown = 0
      for tr in part {
        let p = parts[tr.template]!
        builder.add(tr, namespace: p.namespace, hitBucket: p.hitBucket)
        unknown += tr.successUnknownSize.count
      }
      return (builder.finish(), builder.lowestHitRate, unknown)
    }
    let (sets, lowest, unknown) = inTwoHalves(
      tracks[...], parallel: engine.options.threads > 1 && tracks.count >= Self.parallelExposureTracks, unite
    ) { first, second in
      var sets = first.0
      sets.formUnion(second.0)
      return (sets, min(first.1, second.1), first.2 + second.2)
    }
    return (sets, lowest, unknown)
  }

  /// Tracks from which a draft's exposure is united on two threads.
  static let parallelExposureTracks = 4096

  mutating func finalize() -> AnalysisOutcome {
    // Exposure of every draft, then credential attacks inherit the records read afterwards.
    for i in drafts.indices where drafts[i].kind != .credentialAttack {
      let (sets, why) = exposure(of: drafts[i])
      drafts[i].exposureSets = sets
      if let w = why { drafts[i].exposureReason = w }
    }
    for i in drafts.indices {
      guard let (ip, since) = drafts[i].linkedIP else { continue }
      var sets = ExposureSets()
      var linkedActors: [Int] = []
      for j in drafts.indices where drafts[j].kind != .credentialAttack && drafts[j].kind != .tokenReuse {
        let related = drafts[j].actors.contains { a in
          let actor = engine.actors[a]
          return actor.usedIP(ip) && actor.last >= since
        }
        if related {
          sets.formUnion(drafts[j].exposureSets)
          linkedActors.append(contentsOf: drafts[j].actors)
        }
      }
      drafts[i].exposureSets = sets
      for a in Set(linkedActors).sorted() where !drafts[i].actors.contains(a) { drafts[i].actors.append(a) }
      drafts[i].exposureReason = linkedActors.isEmpty
        ? "Exposure: no record access was flagged after the successful login."
        : "Exposure: the records counted by the enumeration findings of the actors that used this IP after the successful login."
    }
    var global = ExposureSets()
    for d in drafts { global.formUnion(d.exposureSets) }

    var findings: [(Finding, [TimelineEntry])] = []
    var flagged = PositionSet()
    for d in drafts {
      let bounds = d.exposureSets.bounds
      let severity = max(Severity.forRecords(bounds.estimate), d.minimumSeverity)
      // One bit per symbol of the table: a campaign's 200 000 IPs as `Set<Symbol>`s took
      // several MiB at the run's peak.
      var ips = SymbolSet(d.extraIPs), uas = SymbolSet(d.extraUserAgents), users = SymbolSet(d.extraUsers)
      var sids: [Int] = []
      var hourly: [Int64: Int] = [:]
      let firstHour = d.start.seconds / 3600, lastHour = d.end.seconds / 3600
      for a in d.actors {
        let actor = engine.actors[a]
        if case .user(let u) = actor.key { users.insert(u) }
        if let cs = d.contexts[a] {
          // Only the contexts that carry the signals: their IPs, user agents, hours, sessions.
          let ctxIPs = Set(cs.flatMap { actor.contexts[$0].ips })
          ips.formUnion(ctxIPs)
          uas.formUnion(cs.flatMap { actor.contexts[$0].userAgents })
          for s in engine.sessionIndices(ofActor: a) {
            let r = engine.closedSession(s)
            if r.end >= d.start && r.start <= d.end && r.ips.all.contains(where: ctxIPs.contains) { sids.append(s) }
          }
          for c in cs {
            for (h, n) in actor.contexts[c].hourly where h >= firstHour && h <= lastHour { hourly[h, default: 0] += n }
          }
          continue
        }
        actor.forEachIP { ips.insert($0) }
        actor.forEachUserAgent { uas.insert($0) }
        for s in engine.sessionIndices(ofActor: a) {
          let r = engine.closedSession(s)
          if r.end >= d.start && r.start <= d.end { sids.append(s) }
        }
        for (h, c) in actor.hourly where h >= firstHour && h <= lastHour { hourly[h, default: 0] += c }
      }
      // Session indices follow the ids' order (zero-padded numbers of one width): sorted
      // here, they map to sorted ids without sorting 200 000 strings in a second array.
      sids.sort()
      flagged.formUnion(sids)
      var reasons = d.reasons
      if let w = d.exposureReason { reasons.append(w) }
      let omitted = d.actors.reduce(0) { $0 + engine.actors[$1].sessionsOmitted }
      if omitted > 0 {
        reasons.append(
          "Sessions listed: the \(engine.options.sessionsKeptPerActor) heaviest of each actor (by distinct records); \(omitted) lighter session(s) of the same actors are counted but not listed.")
      }
      let activity = hourly.keys.sorted().map { HourlyCount(hour: Timestamp(microseconds: $0 * 3_600_000_000), requests: hourly[$0] ?? 0) }
      let f = Finding(
        id: "", kind: d.kind, severity: severity, score: round3(d.score), start: d.start, end: d.end,
        actors: ActorSet(ips: cappedStrings(ips), users: cappedStrings(users), userAgents: cappedStrings(uas)),
        sessionIds: sids.map { engine.sessionID($0) }, endpoints: Array(Set(d.templates.map { text($0) })).sorted(),
        requests: d.requests, distinctRecords: d.distinct, exposure: ExposureBounds(records: bounds), reasons: reasons,
        evidence: d.evidence, activity: activity)
      var tl = d.timeline
      tl.append(contentsOf: rateChanges(activity, actor: Detector.who(f.actors)))
      findings.append((f, tl))
    }
    findings.sort { a, b in
      let x = a.0, y = b.0
      if x.severity != y.severity { return x.severity > y.severity }
      if x.start != y.start { return x.start < y.start }
      if x.kind != y.kind { return x.kind < y.kind }
      return (x.actors.ips.first ?? "", x.actors.users.first ?? "", x.requests) < (y.actors.ips.first ?? "", y.actors.users.first ?? "", y.requests)
    }
    var timeline: [TimelineEntry] = []
    var out: [Finding] = []
    for (n, pair) in findings.enumerated() {
      var f = pair.0
      let s = String(n + 1)
      f.id = "F" + String(repeating: "0", count: max(0, 3 - s.count)) + s
      let who = Detector.who(f.actors)
      timeline.append(TimelineEntry(
        time: f.start, event: "finding-start", findingId: f.id, actor: who, endpoint: f.endpoints.first, count: f.requests,
        detail: "\(f.kind.rawValue) (\(f.severity.rawValue)): \(f.requests) requests, \(f.distinctRecords) records, exposure ≈ \(f.exposure.records.estimate)",
        evidence: f.evidence.first))
      timeline.append(TimelineEntry(
        time: f.end, event: "finding-end", findingId: f.id, actor: who, endpoint: f.endpoints.first, count: nil,
        detail: "last request of \(f.kind.rawValue)", evidence: f.evidence.last))
      for var e in pair.1 {
        e.findingId = f.id
        timeline.append(e)
      }
      out.append(f)
    }
    timeline.sort { ($0.time, $0.findingId ?? "", $0.event, $0.detail) < ($1.time, $1.findingId ?? "", $1.event, $1.detail) }

    // Sorted by (start, id); ids have the same width, so their order is the closing order of
    // the indices.
    var chosen = engine.options.allSessions ? Array(0..<engine.closedSessionCount) : flagged.sorted()
    let flaggedCount = flagged.count
    flagged = PositionSet()
    do {
      // One array of (start, index) pairs sorted in place, then read back into `chosen`.
      var byStart = chosen.map { (start: engine.closedSession($0).start, index: $0) }
      byStart.sort { ($0.start, $0.index) < ($1.start, $1.index) }
      for (k, x) in byStart.enumerated() { chosen[k] = x.index }
    }
    // Their reports are built when read (the JSON writer reads them one at a time): the
    // strings of hundreds of thousands of reports never exist together.
    let sessions = SessionReports(deferred: engine.deferredSessionReports(chosen))

    var endpoints: [EndpointSummary] = []
    let distinctIds = engine.templateDistinctIds()
    for (i, info) in engine.templates.infos.enumerated() where info.kind == .record || info.kind == .list {
      endpoints.append(EndpointSummary(
        template: TerminalSanitizer.clean(info.text), kind: info.kind.rawValue, requests: engine.templateRequests[i],
        distinctIds: distinctIds[i],
        missSizeThreshold: hitBuckets[i].map { Int(ResponseSizeModel.lowerBound(ofBucket: $0)) }))
    }
    endpoints.sort { ($0.requests, $1.template) > ($1.requests, $0.template) }

    return AnalysisOutcome(
      findings: out, sessions: sessions, sessionCount: engine.sessionCount, flaggedSessionCount: flaggedCount,
      exposure: ExposureBounds(records: global.bounds), patientEndpoints: endpoints, timeline: timeline)
  }

  /// Up to three users/IPs, then `+N`.
  static func who(_ a: ActorSet) -> String {
    let all = a.users + a.ips
    let head = all.prefix(3).joined(separator: ",")
    let total = a.userCount + a.ipCount
    return total > 3 ? head + " (+\(total - min(3, all.count)))" : head
  }

  /// Hours whose request count is at least three times the previous active hour's (and ≥ 100).
  func rateChanges(_ activity: [HourlyCount], actor: String) -> [TimelineEntry] {
    var out: [TimelineEntry] = []
    var previous = 0
    for h in activity {
      if h.requests >= 100 && h.requests >= 3 * max(1, previous) && previous > 0 {
        out.append(TimelineEntry(
          time: h.hour, event: "rate-change", findingId: nil, actor: actor, endpoint: nil, count: h.requests,
          detail: "\(h.requests) requests this hour (previous active hour: \(previous))", evidence: nil))
      }
      previous = h.requests
    }
    return out
  }
}
