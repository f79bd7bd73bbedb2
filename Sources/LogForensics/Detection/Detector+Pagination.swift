// Detection/Detector+Pagination.swift - walking a patient list or search endpoint page by page.

extension Detector {
  /// Thresholds of the pagination detector (documented in `docs/detection.md`).
  enum PageRules {
    static let minimumPages = 5
    static let largePageSize = 100
    static let minimumListedRecords = 1000
  }

  /// Typical size of one record of the resource a list template serves: the mean hit size
  /// of the matching record template (`/x/{id}` for list `/x?…`), else the median of
  /// bytes per requested record over the list's own distinct pages (each actor's page at
  /// one offset and page size counts once, with its largest answer).
  func recordSize(forList t: TemplateID) -> (Double, String) {
    let listText = engine.templates[t].text
    let path = listText.split(separator: "?", maxSplits: 1).first.map(String.init) ?? listText
    for (i, info) in engine.templates.infos.enumerated() where info.kind == .record && info.text == path + "/{id}" {
      let mean = engine.sizeModel(TemplateID(i))?.meanHitSize(threshold: hitBuckets[i]) ?? 0
      if mean > 0 { return (mean, "the mean size of a record answered by \(TerminalSanitizer.clean(info.text))") }
    }
    var ratios: [Double] = []
    for a in engine.actors {
      guard let tr = a.tracks[t] else { continue }
      for p in tr.pages where p.pageSize > 0 && p.bytes > 0 { ratios.append(Double(p.bytes) / Double(p.pageSize)) }
    }
    return (RobustStats.median(ratios), "the median bytes per requested record over this endpoint's pages")
  }

  mutating func detectPagination() {
    for actor in engine.actors {
      for t in actor.tracks.keys.sorted() where engine.templates[t].kind == .list {
        guard let tr = actor.tracks[t], tr.pagesWalked >= PageRules.minimumPages else { continue }
        let (size, how) = recordSize(forList: t)
        guard size > 0 else { continue }
        let ns = engine.templates[t].namespace
        let sets = ExposureEstimator.pages(tr, namespace: ns, recordSize: Int64(size.rounded()))
        let listed = sets.bounds.estimate
        guard tr.maxPageSize >= PageRules.largePageSize || listed >= PageRules.minimumListedRecords else { continue }
        let bytes = tr.pageBytes
        var reasons = [
          "Walked \(text(t)) page by page: \(tr.pageCount) successful pages, \(tr.distinctOffsets.count) at distinct offsets (\(tr.distinctOffsets.min ?? 0)–\(tr.distinctOffsets.max ?? 0)) and \(tr.cursorPages) through a cursor, page size up to \(tr.maxPageSize), \(bytes) bytes in total.",
          "About \(listed) records listed: each page counts min(page size, bytes / \(Int(size.rounded())) bytes), \(how).",
        ]
        let gaps = actor.patientGaps
        if gaps.count >= 5 && gaps.cv < RecordRules.regularCV {
          reasons.append("Machine-regular pace: mean \(one(gaps.mean)) s between pages, coefficient of variation \(one(gaps.cv * 100))%.")
        }
        if actor.features.looksScripted(engine.isScriptAgent) { reasons.append("Scripted client: library user agent, no assets, no referer.") }
        let score = min(0.99, 0.55 + 0.2 * min(1, Double(tr.maxPageSize) / 500) + 0.2 * min(1, Double(tr.pagesWalked) / 50))
        var d = Draft(
          kind: .paginationScrape, score: score, actors: [actor.index], tracks: [tr], templates: [t],
          requests: tr.requests, distinct: listed, reasons: reasons, evidence: evidence([tr]),
          start: tr.first, end: tr.last)
        d.exposureSets = sets
        d.exposureReason = "Exposure: records per page = min(page size, response bytes / \(Int(size.rounded())) bytes); low uses a 25% larger record size, high the full page size (the last page may be partial). Records are identified by their offset in the list, so the same record seen through another endpoint may be counted twice."
        drafts.append(d)
      }
    }
  }
}
