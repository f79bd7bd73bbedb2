// Evidence/EvidenceBuilder+Incident.swift - timeline and deadlines, nature, records, actors.

extension EvidenceBuilder {
  func timelineSection() -> [EvidenceBlock] {
    var facts: [EvidenceFact] = []
    if let span = maliciousSpan {
      let first = span.first
      let last = span.last
      facts.append(
        EvidenceFact(
          L.label("f.firstMalicious"),
          "\(both(first.start)) [\(first.id)\(first.evidence.first.map { ", " + $0.text } ?? "")]"))
      facts.append(
        EvidenceFact(
          L.label("f.lastMalicious"), "\(both(last.end)) [\(last.id)\(last.evidence.last.map { ", " + $0.text } ?? "")]"
        ))
      if let end = report.summary.lastEvent {
        let quietHours = (end.seconds - last.end.seconds) / 3600
        facts.append(
          EvidenceFact(
            L.label("f.ongoing"),
            quietHours < 1 ? L.label("ongoing.maybe", utc(end)) : L.label("ongoing.no", n(Int(quietHours)), utc(end))))
        facts.append(
          EvidenceFact(L.label("f.containment"), L.label("containment.silence", utc(last.end), n(Int(quietHours)))))
      }
      facts.append(EvidenceFact(L.label("f.postContainment"), L.label("postContainment.text")))
      facts.append(EvidenceFact(L.label("f.datesEstimated"), L.label("datesEstimated.text")))
    } else {
      facts.append(EvidenceFact(L.label("f.firstMalicious"), L.label("noFinding")))
    }
    facts.append(EvidenceFact(L.label("f.discovery"), c("awareness.discovery")))
    facts.append(EvidenceFact(L.label("f.detectionSource"), caseFile.string("awareness.detectionSource") ?? "—"))
    facts.append(EvidenceFact(L.label("f.awareness"), caseTime("awareness.time")))
    let aware = caseFile.string("awareness.time").flatMap { Timestamp(iso8601: $0) }
    let deadline = aware.map { Timestamp(microseconds: $0.microseconds + 72 * 3_600_000_000) }
    facts.append(EvidenceFact(L.label("f.deadline"), deadline.map(both) ?? L.label("deadline.needsAwareness", missing)))
    let notified = caseFile.string("notificationTime").flatMap { Timestamp(iso8601: $0) }
    facts.append(
      EvidenceFact(
        L.label("f.notificationTime"),
        caseFile.string("notificationTime") == nil ? missing : caseTime("notificationTime")))
    if let d = deadline, let nt = notified, nt > d {
      facts.append(EvidenceFact(L.label("f.delayReasons"), c("delayReasons")))
    }
    for p in caseFile.list("processors") {
      if let at = CaseFile.field(p, "notifiedControllerAt") {
        facts.append(EvidenceFact(L.label("f.processorAwareness", CaseFile.field(p, "name") ?? "?"), at))
      }
    }
    var blocks: [EvidenceBlock] = [.facts(facts)]
    blocks.append(contentsOf: EvidenceCharts(builder: self).timelineCharts())
    return blocks
  }

  func natureSection() -> [EvidenceBlock] {
    let e = report.summary.exposure.records
    let kinds = Set(report.findings.map(\.kind))
    var incident: [String] = []
    let enumeration: Set<FindingKind> = [
      .sequentialEnumeration, .bulkRecordAccess, .distributedEnumeration, .paginationScrape, .identifierProbing,
    ]
    if !kinds.isDisjoint(with: enumeration) { incident.append(L.label("incident.enumeration")) }
    if kinds.contains(.credentialAttack) { incident.append(L.label("incident.credential")) }
    if kinds.contains(.tokenReuse) { incident.append(L.label("incident.token")) }
    let subtype: String
    if e.low > 0 {
      subtype = L.label("subtype.disclosed", n(e.low))
    } else if e.high > 0 {
      subtype = L.label("subtype.likely")
    } else {
      subtype = L.label("subtype.cannotAssess")
    }
    let endpoints = Array(Set(report.findings.flatMap(\.endpoints))).sorted()
    var blocks: [EvidenceBlock] = [.note(L.label("nature.proposals"))]
    blocks.append(
      .facts([
        EvidenceFact(
          L.label("f.breachType"),
          report.findings.isEmpty ? L.label("noFinding") : L.label("proposed", L.label("breach.confidentiality"))),
        EvidenceFact(L.label("f.subtype"), L.label("proposed", subtype)),
        EvidenceFact(
          L.label("f.incidentType"),
          incident.isEmpty ? L.label("noFinding") : L.label("proposed", incident.joined(separator: "; "))),
        EvidenceFact(
          L.label("f.cause"),
          report.findings.isEmpty ? L.label("noFinding") : L.label("proposed", L.label("cause.external"))),
        EvidenceFact(L.label("f.systems"), endpoints.isEmpty ? L.label("none") : endpoints.joined(separator: ", ")),
        EvidenceFact(L.label("f.hosting"), opt("hosting")),
        EvidenceFact(L.label("f.rootCause"), opt("rootCause")),
        EvidenceFact(L.label("f.stillExploitable"), optChoice("stillExploitable")),
      ]))
    return blocks
  }

  func recordsSection() -> [EvidenceBlock] {
    let headers = [
      L.label("col.count"), L.label("col.definition"), L.label("col.low"), L.label("col.central"), L.label("col.high"),
      L.label("col.qualifier"),
    ]
    var rows: [[String]] = []
    let patientRequests = report.sessions.reduce(0) { $0 + $1.patientRequests }
    rows.append([
      L.label("funnel.requests"), L.label("funnel.requests.def"), n(patientRequests), n(patientRequests),
      n(patientRequests), L.label("q.exact"),
    ])
    let recordFindings = report.findings.filter { $0.distinctRecords > 0 }
    let idsLow = recordFindings.map(\.distinctRecords).max() ?? 0
    let idsHigh = recordFindings.reduce(0) { $0 + $1.distinctRecords }
    rows.append([
      L.label("funnel.ids"), L.label("funnel.ids.def"), n(idsLow), n(idsHigh), n(idsHigh),
      L.label(recordFindings.count <= 1 ? "q.exact" : "q.approximate"),
    ])
    let e = report.summary.exposure.records
    rows.append([
      L.label("funnel.records"), L.label("funnel.records.def"), n(e.low), n(e.estimate), n(e.high), qualifier(e),
    ])
    for (endpoint, b, exact) in perEndpoint() {
      rows.append([
        L.label("funnel.endpoint", endpoint), L.label("funnel.endpoint.def"), n(b.low), n(b.estimate), n(b.high),
        L.label(exact ? "q.exact" : "q.approximate"),
      ])
    }
    let categories = perCategory()
    if categories.isEmpty {
      rows.append([
        L.label("funnel.category"), L.label("funnel.category.def"), missing, missing, missing,
        L.label("q.toBeDetermined"),
      ])
    }
    for (cat, b, exact) in categories {
      rows.append([
        L.label("funnel.categoryNamed", L.label("v.\(cat)")), L.label("funnel.category.def"), n(b.low), n(b.estimate),
        n(b.high), L.label(exact ? "q.exact" : "q.approximate"),
      ])
    }
    rows.append([
      L.label("funnel.persons"), L.label("funnel.persons.def"), n(e.low), n(e.estimate), n(e.high),
      L.label(e.high == 0 ? "q.exact" : "q.approximate"),
    ])
    var blocks: [EvidenceBlock] = [.paragraph(L.label("funnel.intro")), .table(headers: headers, rows: rows)]
    blocks.append(.note(L.label("records.noOverclaim")))
    blocks.append(contentsOf: EvidenceCharts(builder: self).idSpaceCharts())
    blocks.append(.note(L.label("chart.sizes.unavailable")))
    let subjects = caseFile.list("dataSubjectCategories").compactMap { CaseFile.string($0) }.map { L.label("v.\($0)") }
    blocks.append(
      .facts([
        EvidenceFact(L.label("f.subjectCategories"), subjects.isEmpty ? missing : subjects.joined(separator: ", ")),
        EvidenceFact(L.label("f.specialCategories"), specialCategories()),
        EvidenceFact(L.label("f.volume"), L.label("volume.notInReport")),
      ]))
    if !report.patientEndpoints.isEmpty {
      blocks.append(.paragraph(L.label("endpoints.intro")))
      let mapping = endpointMapping()
      let rows = report.patientEndpoints.map { p -> [String] in
        [
          p.template, L.label("epkind.\(p.kind)"), n(p.requests), n(p.distinctIds),
          p.missSizeThreshold.map { "< \($0) B" } ?? "—",
          mapping[p.template].map { $0.map { L.label("v.\($0)") }.joined(separator: ", ") }
            ?? (mapping.isEmpty ? missing : L.label("notDeclared")),
        ]
      }
      blocks.append(
        .table(
          headers: [
            L.label("col.endpoint"), L.label("col.kind"), L.label("col.requests"), L.label("col.distinctIds"),
            L.label("col.missSize"), L.label("col.categories"),
          ], rows: rows))
    }
    return blocks
  }

  /// Endpoint template → data categories, from the case file.
  func endpointMapping() -> [String: [String]] {
    var out: [String: [String]] = [:]
    for item in caseFile.list("endpointCategories") {
      guard case .object(let o, _) = item, let ep = CaseFile.string(o["endpoint"]) else { continue }
      if case .list(let cats, _)? = o["categories"] {
        out[ep, default: []].append(contentsOf: cats.compactMap { CaseFile.string($0) })
      }
    }
    return out
  }

  /// Records per endpoint: exact from single-endpoint findings, approximate when a finding spans several.
  func perEndpoint() -> [(String, RecordBounds, Bool)] {
    var out: [(String, RecordBounds, Bool)] = []
    let endpoints = Array(Set(report.findings.filter { $0.exposure.records.high > 0 }.flatMap(\.endpoints))).sorted()
    for ep in endpoints {
      var b = RecordBounds()
      var exact = true
      var contributors = 0
      for f in report.findings where f.endpoints.contains(ep) && f.exposure.records.high > 0 {
        let r = f.exposure.records
        contributors += 1
        if f.endpoints.count == 1 {
          b.low = max(b.low, r.low)
          b.estimate += r.estimate
          b.high += r.high
        } else {
          b.high += r.high
          exact = false
        }
      }
      if contributors > 1 { exact = false }
      let g = report.summary.exposure.records
      b.high = min(b.high, g.high)
      b.estimate = min(max(b.estimate, b.low), b.high)
      if b.low != b.high { exact = false }
      out.append((ep, b, exact))
    }
    return out
  }

  /// Records per data category, through the case file's endpoint mapping.
  func perCategory() -> [(String, RecordBounds, Bool)] {
    let mapping = endpointMapping()
    guard !mapping.isEmpty else { return [] }
    let perEp = perEndpoint()
    var out: [(String, RecordBounds, Bool)] = []
    for cat in CaseSchema.dataCategories {
      let contributing = perEp.filter { mapping[$0.0]?.contains(cat) ?? false }
      guard !contributing.isEmpty else { continue }
      let g = report.summary.exposure.records
      var b = RecordBounds()
      b.low = contributing.map(\.1.low).max() ?? 0
      b.estimate = min(contributing.reduce(0) { $0 + $1.1.estimate }, g.estimate)
      b.high = min(contributing.reduce(0) { $0 + $1.1.high }, g.high)
      b.estimate = min(max(b.estimate, b.low), b.high)
      out.append((cat, b, contributing.count == 1 && contributing[0].2))
    }
    return out
  }

  func specialCategories() -> String {
    let cats = Set(endpointMapping().values.flatMap { $0 })
    if cats.isEmpty { return missing }
    var s: [String] = []
    if cats.contains("health") { s.append(L.label("special.health")) }
    if cats.contains("nirIns") { s.append(L.label("special.nir")) }
    return s.isEmpty ? L.label("none") : s.joined(separator: "; ")
  }

  func actorsSection() -> [EvidenceBlock] {
    var blocks: [EvidenceBlock] = []
    if report.findings.isEmpty {
      blocks.append(.paragraph(L.label("noFinding")))
    } else {
      blocks.append(contentsOf: findingBlocks())
    }
    let credentials = Array(Set(report.sessions.map(\.actor).filter { $0.hasPrefix("credential:") })).sorted()
    blocks.append(
      .facts([
        EvidenceFact(
          L.label("f.credentials"), credentials.isEmpty ? L.label("none") : credentials.joined(separator: ", "))
      ]))
    blocks.append(contentsOf: sessionBlocks())
    return blocks
  }

  /// ` … (+N)` after a list of actors the report cut to ``ActorSet/limit`` values.
  private func more(_ shown: [String], _ total: Int?) -> String {
    guard let total, total > shown.count else { return "" }
    return " … (+\(n(total - shown.count)))"
  }

  func findingBlocks() -> [EvidenceBlock] {
    var blocks: [EvidenceBlock] = [.paragraph(L.label("actors.intro"))]
    let rows = report.findings.map { f -> [String] in
      let r = f.exposure.records
      return [
        f.id, kind(f.kind), L.label("sev.\(f.severity.rawValue)"), "\(utc(f.start)) → \(utc(f.end))", n(f.requests),
        n(f.distinctRecords), "\(n(r.low)) / \(n(r.estimate)) / \(n(r.high))",
        f.actors.ips.joined(separator: ", ") + more(f.actors.ips, f.actors.ipsTotal),
        f.actors.users.isEmpty ? "—" : f.actors.users.joined(separator: ", ") + more(f.actors.users, f.actors.usersTotal),
        f.actors.userAgents.joined(separator: " ; ") + more(f.actors.userAgents, f.actors.userAgentsTotal),
      ]
    }
    blocks.append(
      .table(
        headers: [
          L.label("col.id"), L.label("col.kind"), L.label("col.severity"), L.label("col.period"),
          L.label("col.requests"), L.label("col.distinctIds"), L.label("col.exposure"), L.label("col.ips"),
          L.label("col.users"), L.label("col.userAgents"),
        ],
        rows: rows))
    for f in report.findings {
      blocks.append(.paragraph(L.label("actors.evidenceFor", f.id, kind(f.kind), String(f.score))))
      blocks.append(.bullets(f.reasons + [L.label("actors.lines", f.evidence.map(\.text).joined(separator: ", "))]))
    }
    return blocks
  }

  func sessionBlocks() -> [EvidenceBlock] {
    var blocks: [EvidenceBlock] = []
    if !report.sessions.isEmpty {
      blocks.append(.paragraph(L.label("sessions.intro")))
      let srows = report.sessions.map { s -> [String] in
        [
          s.id, s.actor, "\(utc(s.start)) → \(utc(s.end))", n(s.requests), n(s.patientRequests), n(s.distinctRecords),
          String(s.rate), s.statusMix.map { "\($0.status): \($0.count)" }.joined(separator: ", "),
        ]
      }
      blocks.append(
        .table(
          headers: [
            L.label("col.id"), L.label("col.actor"), L.label("col.period"), L.label("col.requests"),
            L.label("col.patientRequests"), L.label("col.distinctIds"), L.label("col.rate"), L.label("col.statuses"),
          ],
          rows: srows))
    }
    return blocks
  }
}
