// Evidence/EvidenceBuilder+Case.swift - sections filled mostly from the case file.

extension EvidenceBuilder {
  func controlSection() -> [EvidenceBlock] {
    var facts: [EvidenceFact] = [
      EvidenceFact(L.label("f.reference"), c("reference")),
      EvidenceFact(L.label("f.reportType"), choice("reportType")),
      EvidenceFact(L.label("f.status"), L.label(caseFile.isComplete ? "status.final" : "status.draft")),
      EvidenceFact(L.label("f.previousReference"), caseFile.string("previousReportReference") ?? L.label("none")),
      EvidenceFact(L.label("f.previousHash"), inputs.previousSHA256 ?? L.label("none")),
      EvidenceFact(L.label("f.cnilNumber"), caseFile.string("cnilNotificationNumber") ?? L.label("notYet")),
      EvidenceFact(L.label("f.author"), signer("author")),
      EvidenceFact(L.label("f.reviewer"), signer("reviewer")),
      EvidenceFact(L.label("f.tool"), "\(report.tool.name) \(report.tool.version)"),
      EvidenceFact(L.label("f.runTime"), report.runTimestamp.map(both) ?? L.label("notRecorded")),
      EvidenceFact(L.label("f.sourceReport"), inputs.reportSHA256 ?? L.label("notRecorded")),
    ]
    if let m = inputs.manifestName { facts.append(EvidenceFact(L.label("f.manifest"), m)) }
    var blocks: [EvidenceBlock] = [.facts(facts)]
    let missingFields = caseFile.missingRequired
    if !missingFields.isEmpty {
      blocks.append(.note(L.label("draft.explain", n(missingFields.count))))
      blocks.append(.bullets(missingFields))
    }
    if let prev = inputs.previous {
      blocks.append(.paragraph(L.label("changes.title")))
      blocks.append(contentsOf: changesBlocks(previous: prev))
    }
    return blocks
  }

  func signer(_ path: String) -> String {
    guard let name = caseFile.string(path + ".name") else { return missing }
    var s = name
    if let r = caseFile.string(path + ".role") { s += ", " + r }
    if let d = caseFile.string(path + ".date") { s += " (" + d + ")" }
    return s
  }

  func contact(_ path: String) -> String {
    guard let name = caseFile.string(path + ".name") else { return missing }
    var parts = [name]
    for k in ["role", "email", "phone"] { if let v = caseFile.string(path + "." + k) { parts.append(v) } }
    return parts.joined(separator: " · ")
  }

  func controllerSection() -> [EvidenceBlock] {
    var blocks: [EvidenceBlock] = [
      .facts([
        EvidenceFact(L.label("f.controllerName"), c("controller.name")),
        EvidenceFact(L.label("f.siren"), c("controller.siren")),
        EvidenceFact(L.label("f.address"), c("controller.address")),
        EvidenceFact(L.label("f.sector"), caseFile.string("controller.sector").map { L.label("v.\($0)") } ?? missing),
        EvidenceFact(L.label("f.legalRep"), contact("legalRepresentative")),
        EvidenceFact(L.label("f.contactPerson"), contact("contactPerson")),
        EvidenceFact(L.label("f.dpo"), contact("dpo")),
      ])
    ]
    if !caseFile.hasList("processors") {
      blocks.append(.facts([EvidenceFact(L.label("f.processors"), missing)]))
    } else if caseFile.list("processors").isEmpty {
      blocks.append(.facts([EvidenceFact(L.label("f.processors"), L.label("noneDeclared"))]))
    } else {
      let rows = caseFile.list("processors").map { p -> [String] in
        [
          CaseFile.field(p, "name") ?? missing, CaseFile.field(p, "role") ?? "—",
          CaseFile.field(p, "hdsHost").map { L.label("v.\($0)") } ?? "—", CaseFile.field(p, "hdsCertificate") ?? "—",
          CaseFile.field(p, "notifiedControllerAt") ?? "—",
        ]
      }
      blocks.append(.paragraph(L.label("f.processors")))
      blocks.append(
        .table(
          headers: [
            L.label("col.name"), L.label("col.role"), L.label("col.hds"), L.label("col.hdsCert"),
            L.label("col.notifiedAt"),
          ], rows: rows))
    }
    return blocks
  }

  func consequencesSection() -> [EvidenceBlock] {
    var blocks: [EvidenceBlock] = []
    func listOrMissing(_ path: String, _ label: String) {
      blocks.append(.paragraph(L.label(label)))
      if !caseFile.hasList(path) {
        blocks.append(.bullets([missing]))
      } else {
        let items = caseFile.list(path).compactMap { CaseFile.string($0) }
        blocks.append(.bullets(items.isEmpty ? [L.label("noneDeclared")] : items))
      }
    }
    listOrMissing("likelyConsequences", "f.consequences")
    blocks.append(.note(L.label("consequences.suggest")))
    blocks.append(
      .facts([
        EvidenceFact(L.label("f.riskLevel"), choice("riskLevel")),
        EvidenceFact(L.label("f.intelligible"), optChoice("dataIntelligible")),
      ]))
    listOrMissing("measuresBefore", "f.measuresBefore")
    if !report.findings.isEmpty { blocks.append(.note(L.label("measures.observed"))) }
    listOrMissing("measuresTaken", "f.measuresTaken")
    listOrMissing("measuresPlanned", "f.measuresPlanned")
    blocks.append(.paragraph(L.label("f.art34")))
    blocks.append(
      .facts([
        EvidenceFact(L.label("f.art34decision"), choice("art34.decision")),
        EvidenceFact(L.label("f.art34why"), c("art34.justification")),
        EvidenceFact(L.label("f.art34date"), caseFile.string("art34.date") == nil ? "—" : caseTime("art34.date")),
        EvidenceFact(L.label("f.art34means"), caseFile.string("art34.means") ?? "—"),
        EvidenceFact(L.label("f.art34count"), caseFile.string("art34.personsInformed") ?? "—"),
      ]))
    blocks.append(.paragraph(L.label("f.otherFilings")))
    if !caseFile.hasList("otherFilings") {
      blocks.append(.bullets([missing]))
    } else if caseFile.list("otherFilings").isEmpty {
      blocks.append(.bullets([L.label("noneDeclared")]))
    } else {
      let rows = caseFile.list("otherFilings").map { f in
        [
          CaseFile.field(f, "authority") ?? missing, CaseFile.field(f, "date") ?? "—",
          CaseFile.field(f, "reference") ?? "—",
        ]
      }
      blocks.append(
        .table(headers: [L.label("col.authority"), L.label("col.date"), L.label("col.reference")], rows: rows))
    }
    return blocks
  }
}
