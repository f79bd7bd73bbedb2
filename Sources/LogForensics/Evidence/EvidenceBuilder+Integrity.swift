// Evidence/EvidenceBuilder+Integrity.swift - evidence integrity, time handling, coverage, method, annexes.

extension EvidenceBuilder {
  func integritySection() -> [EvidenceBlock] {
    var blocks: [EvidenceBlock] = [.paragraph(L.label("integrity.inventory"))]
    let rows = report.inputs.map { i -> [String] in
      [
        i.path, i.format, n(Int(i.bytes)) + (i.compression == "none" ? "" : " (\(i.compression))"), n(i.lines),
        "\(n(i.parsed)) / \(n(i.rejected))", utc(i.firstEvent), utc(i.lastEvent),
        i.complete ? L.label("v.yes") : L.label("incomplete", i.errors.map(\.message).joined(separator: "; ")),
      ]
    }
    blocks.append(
      .table(
        headers: [
          L.label("col.path"), L.label("col.format"), L.label("col.bytes"), L.label("col.lines"),
          L.label("col.parsedRejected"), L.label("col.first"), L.label("col.last"), L.label("col.complete"),
        ],
        rows: rows))
    blocks.append(
      .table(
        headers: [L.label("col.path"), "SHA-256"],
        rows: report.inputs.map { [$0.path, $0.sha256 ?? L.label("unreadable")] }))
    blocks.append(.paragraph(L.label("integrity.custody")))
    let custody = caseFile.list("custody")
    if custody.isEmpty {
      blocks.append(.bullets([missing]))
    } else {
      let crows = custody.map { item -> [String] in
        let input = CaseFile.field(item, "input") ?? missing
        let declared = CaseFile.field(item, "sha256")
        let matched = report.inputs.first { $0.path == input || $0.path.hasSuffix("/" + input) }
        let status: String
        if matched == nil {
          status = L.label("custody.noInput")
        } else if let d = declared, let h = matched?.sha256 {
          status = d.lowercased() == h.lowercased() ? L.label("custody.match") : L.label("custody.mismatch", h)
        } else {
          status = missing
        }
        return [
          input, CaseFile.field(item, "system") ?? "—", CaseFile.field(item, "exportedBy") ?? missing,
          CaseFile.field(item, "exportedAt") ?? missing, CaseFile.field(item, "method") ?? missing, declared ?? missing,
          status,
          CaseFile.field(item, "storage") ?? "—",
        ]
      }
      blocks.append(
        .table(
          headers: [
            L.label("col.input"), L.label("col.system"), L.label("col.exportedBy"), L.label("col.exportedAt"),
            L.label("col.method"), L.label("col.exportHash"), L.label("col.check"), L.label("col.storage"),
          ],
          rows: crows))
      let covered = Set(
        report.inputs.filter { i in
          custody.contains { CaseFile.field($0, "input").map { i.path == $0 || i.path.hasSuffix("/" + $0) } ?? false }
        }.map(\.path))
      let uncovered = report.inputs.map(\.path).filter { !covered.contains($0) }
      if !uncovered.isEmpty { blocks.append(.note(L.label("custody.uncovered", uncovered.joined(separator: ", ")))) }
    }
    let p = report.parameters
    var facts = [
      EvidenceFact(
        L.label("f.tool"),
        "\(report.tool.name) \(report.tool.version) (\(L.label("f.renderer")) \(LogForensicsVersion.string)\(inputs.buildInfo.map { ", " + $0 } ?? ""))"
      ),
      EvidenceFact(L.label("f.commandLine"), inputs.commandLine ?? L.label("notRecorded")),
      EvidenceFact(L.label("p.paths"), p.paths.joined(separator: " ")),
      EvidenceFact(L.label("p.logFormat"), p.logFormat),
      EvidenceFact(L.label("p.maxLineLength"), n(p.maxLineLength)),
      EvidenceFact(L.label("p.reorderWindow"), String(p.reorderWindowSeconds)),
      EvidenceFact(L.label("p.forwardedFor"), yesNo(p.preferForwardedFor)),
      EvidenceFact(L.label("p.userField"), p.userField ?? "—"),
      EvidenceFact(L.label("p.sessionGap"), n(Int(p.sessionGapSeconds))),
      EvidenceFact(
        L.label("p.patientEndpoints"),
        p.patientEndpoints.isEmpty ? L.label("p.auto") : p.patientEndpoints.joined(separator: ", ")),
      EvidenceFact(L.label("p.allSessions"), yesNo(p.allSessions)),
      EvidenceFact(L.label("f.sourceReport"), inputs.reportSHA256 ?? L.label("notRecorded")),
      EvidenceFact(L.label("f.caseFile"), inputs.caseSHA256 ?? L.label("none")),
    ]
    facts.append(
      EvidenceFact(
        L.label("f.manifest"), inputs.manifestName.map { L.label("manifest.text", $0) } ?? L.label("manifest.none")))
    facts.append(EvidenceFact(L.label("f.determinism"), L.label("determinism.text")))
    blocks.append(.paragraph(L.label("integrity.tool")))
    blocks.append(.facts(facts))
    return blocks
  }

  func timeSection() -> [EvidenceBlock] {
    var blocks: [EvidenceBlock] = [
      .facts([
        EvidenceFact(L.label("f.canonicalZone"), "UTC"),
        EvidenceFact(L.label("f.displayZone"), L.label("displayZone.text")),
        EvidenceFact(L.label("f.skew"), L.label("skew.text")),
        EvidenceFact(L.label("f.ntp"), opt("clock.ntp")),
        EvidenceFact(L.label("f.measuredSkew"), opt("clock.measuredSkew")),
      ])
    ]
    let rows = report.inputs.map { i -> [String] in
      [
        i.path, i.format, i.zoneAssumed > 0 ? L.label("zone.assumed", n(i.zoneAssumed)) : L.label("zone.read"),
        n(i.outOfOrder),
      ]
    }
    blocks.append(
      .table(
        headers: [L.label("col.path"), L.label("col.format"), L.label("col.zone"), L.label("col.outOfOrder")],
        rows: rows))
    return blocks
  }

  func coverageSection() -> [EvidenceBlock] {
    var blocks: [EvidenceBlock] = [.paragraph(L.label("coverage.intro"))]
    var rows: [[String]] = []
    let streams = Dictionary(grouping: report.inputs, by: \.stream)
    for s in streams.keys.sorted() {
      let items = (streams[s] ?? []).filter { $0.firstEvent != nil }.sorted {
        ($0.firstEvent!, $0.path) < ($1.firstEvent!, $1.path)
      }
      guard let first = items.first?.firstEvent, let last = items.compactMap(\.lastEvent).max() else { continue }
      var gaps: [String] = []
      for (a, b) in zip(items, items.dropFirst()) {
        if let e = a.lastEvent, let f = b.firstEvent, f.seconds - e.seconds > 3600 {
          gaps.append("\(utc(e)) → \(utc(f))")
        }
      }
      let silences = silenceText(items)
      rows.append([
        n(s), items.map(\.path).joined(separator: ", "), utc(first), utc(last),
        gaps.isEmpty ? L.label("none") : gaps.joined(separator: "; "),
        silences,
      ])
    }
    blocks.append(
      .table(
        headers: [
          L.label("col.stream"), L.label("col.inputs"), L.label("col.first"), L.label("col.last"), L.label("col.gaps"),
          L.label("col.silences"),
        ], rows: rows))
    blocks.append(contentsOf: EvidenceCharts(builder: self).coverageCharts())
    let s = report.summary
    blocks.append(
      .facts([
        EvidenceFact(L.label("f.linesTotal"), n(s.lines)),
        EvidenceFact(L.label("f.parsed"), n(s.parsed)),
        EvidenceFact(L.label("f.rejected"), n(s.rejected)),
        EvidenceFact(L.label("f.skipped"), n(s.skipped)),
        EvidenceFact(L.label("f.incompleteInputs"), n(s.incompleteInputs)),
        EvidenceFact(L.label("f.unreadableInputs"), n(s.unreadableInputs)),
      ]))
    var problems: [String] = []
    for i in report.inputs {
      for e in i.errors { problems.append("\(i.path): \(e.message)") }
      for r in i.rejectedSamples.prefix(5) { problems.append("\(i.path):\(r.line): \(r.reason)") }
    }
    if !problems.isEmpty {
      blocks.append(.paragraph(L.label("coverage.problems")))
      blocks.append(.bullets(problems))
    }
    blocks.append(.paragraph(L.label("coverage.blindSpots")))
    var spots = [L.label("blind.bodies"), L.label("blind.cache"), L.label("blind.channels"), L.label("blind.coverage")]
    spots.append(contentsOf: caseFile.list("blindSpots").compactMap { CaseFile.string($0) })
    blocks.append(.bullets(spots))
    return blocks
  }

  func methodologySection() -> [EvidenceBlock] {
    var blocks: [EvidenceBlock] = [
      .paragraph(L.label("method.sessions", n(Int(report.parameters.sessionGapSeconds)))),
      .paragraph(L.label("method.detection")),
    ]
    blocks.append(
      .bullets(FindingKind.allCases.map { "\(kind($0)) (\($0.rawValue)): \(L.label("kinddef.\($0.rawValue)"))" }))
    blocks.append(.paragraph(L.label("method.exposure")))
    blocks.append(.paragraph(L.label("method.severity")))
    let thresholds = report.patientEndpoints.compactMap { p in p.missSizeThreshold.map { "\(p.template): < \($0) B" } }
    blocks.append(
      .facts([
        EvidenceFact(
          L.label("f.missThresholds"), thresholds.isEmpty ? L.label("none") : thresholds.joined(separator: "; ")),
        EvidenceFact(L.label("f.alternatives"), L.label("alternatives.text")),
      ]))
    return blocks
  }

  func annexTimelineSection() -> [EvidenceBlock] {
    guard !report.timeline.isEmpty else { return [.paragraph(L.label("none"))] }
    let rows = report.timeline.map { e -> [String] in
      [
        ParisTime.formatUTC(e.time), ParisTime.format(e.time), e.findingId ?? "—", e.event, e.actor, e.endpoint ?? "—",
        e.count.map { n($0) } ?? "—", e.detail, e.evidence?.text ?? "—",
      ]
    }
    return [
      .table(
        headers: [
          L.label("col.utc"), L.label("col.paris"), L.label("col.finding"), L.label("col.event"), L.label("col.actor"),
          L.label("col.endpoint"), L.label("col.count"), L.label("col.detail"), L.label("col.evidence"),
        ],
        rows: rows)
    ]
  }

  func annexRecordsSection() -> [EvidenceBlock] {
    guard let a = inputs.annex else { return [.note(L.label("annex.notProduced"))] }
    var facts = [
      EvidenceFact(L.label("f.annexFile"), a.fileName),
      EvidenceFact(L.label("f.annexMode"), a.pseudonymised ? L.label("annex.hmac") : L.label("annex.raw")),
      EvidenceFact(L.label("f.annexListed"), n(a.listed)),
    ]
    if a.notListable > 0 {
      facts.append(EvidenceFact(L.label("f.annexNotListable"), L.label("annex.hashedOnly", n(a.notListable))))
    }
    return [.note(L.label("annex.restricted")), .facts(facts)]
  }
}

extension EvidenceBuilder {
  /// All requests per UTC hour (seconds of the hour start → count), summed over inputs.
  func backgroundTraffic() -> [Int64: Int] {
    var out: [Int64: Int] = [:]
    for i in report.inputs {
      for h in i.hourlyRequests ?? [] { out[h.hour.seconds, default: 0] += h.requests }
    }
    return out
  }

  /// Consecutive integers merged into ranges (input sorted or not).
  static func runs(_ values: [Int64]) -> [ClosedRange<Int64>] {
    var out: [ClosedRange<Int64>] = []
    for v in Set(values).sorted() {
      if let last = out.last, last.upperBound + 1 == v {
        out[out.count - 1] = last.lowerBound...v
      } else {
        out.append(v...v)
      }
    }
    return out
  }

  /// Runs of 3 or more UTC hours without any request inside a stream's covered period.
  func silenceText(_ items: [InputReport]) -> String {
    let hours = items.flatMap { ($0.hourlyRequests ?? []).map { $0.hour.seconds / 3600 } }
    guard items.allSatisfy({ $0.hourlyRequests != nil }), !hours.isEmpty else { return L.label("silences.unknown") }
    let active = EvidenceBuilder.runs(hours)
    var silences: [String] = []
    for (a, b) in zip(active, active.dropFirst()) where b.lowerBound - a.upperBound - 1 >= 3 {
      let from = Timestamp(microseconds: (a.upperBound + 1) * 3_600_000_000)
      let to = Timestamp(microseconds: b.lowerBound * 3_600_000_000)
      silences.append("\(utc(from)) → \(utc(to)) (\(b.lowerBound - a.upperBound - 1) h)")
    }
    return silences.isEmpty ? L.label("none") : silences.joined(separator: "; ")
  }
}
