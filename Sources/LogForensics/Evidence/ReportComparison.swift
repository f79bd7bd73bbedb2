// Evidence/ReportComparison.swift - "changes since the previous report" for phased notifications.

extension EvidenceBuilder {
  /// The changes table (counts), new findings and new or changed inputs.
  func changesBlocks(previous p: Report) -> [EvidenceBlock] {
    let r = report
    func row(_ key: String, _ a: Int, _ b: Int) -> [String] {
      let d = b - a
      return [L.label(key), n(a), n(b), d == 0 ? "=" : (d > 0 ? "+" + n(d) : n(d))]
    }
    let pe = p.summary.exposure.records
    let ce = r.summary.exposure.records
    var rows = [
      row("changes.inputs", p.summary.inputs, r.summary.inputs),
      row("changes.lines", Int(p.summary.lines), Int(r.summary.lines)),
      row("changes.findings", p.summary.findings, r.summary.findings),
      row("changes.low", pe.low, ce.low),
      row("changes.estimate", pe.estimate, ce.estimate),
      row("changes.high", pe.high, ce.high),
    ]
    rows.append([
      L.label("changes.first"), utc(p.summary.firstEvent), utc(r.summary.firstEvent),
      p.summary.firstEvent == r.summary.firstEvent ? "=" : "≠",
    ])
    rows.append([
      L.label("changes.last"), utc(p.summary.lastEvent), utc(r.summary.lastEvent),
      p.summary.lastEvent == r.summary.lastEvent ? "=" : "≠",
    ])
    var blocks: [EvidenceBlock] = [
      .table(
        headers: [L.label("col.item"), L.label("col.previous"), L.label("col.current"), L.label("col.change")],
        rows: rows)
    ]
    func signature(_ f: Finding) -> String {
      "\(f.kind.rawValue)|\(f.endpoints.joined(separator: ","))|\(f.actors.ips.first ?? "")|\(f.actors.users.first ?? "")"
    }
    let before = Set(p.findings.map(signature))
    let newFindings = r.findings.filter { !before.contains(signature($0)) }.map {
      "\($0.id) \(kind($0.kind)) (\(utc($0.start)))"
    }
    let prevInputs = Dictionary(p.inputs.map { ($0.path, $0.sha256 ?? "") }, uniquingKeysWith: { a, _ in a })
    var newInputs: [String] = []
    for i in r.inputs {
      if let h = prevInputs[i.path] {
        if h != (i.sha256 ?? "") { newInputs.append(L.label("changes.inputChanged", i.path)) }
      } else {
        newInputs.append(L.label("changes.inputNew", i.path))
      }
    }
    blocks.append(
      .facts([
        EvidenceFact(
          L.label("changes.newFindings"), newFindings.isEmpty ? L.label("none") : newFindings.joined(separator: "; ")),
        EvidenceFact(
          L.label("changes.newInputs"), newInputs.isEmpty ? L.label("none") : newInputs.joined(separator: "; ")),
      ]))
    return blocks
  }
}
