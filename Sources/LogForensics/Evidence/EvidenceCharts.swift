// Evidence/EvidenceCharts.swift - the report's charts, built from the report's figures only.

/// Chart blocks for the evidence report. Each chart says what it draws, in which unit and
/// zone (UTC); a chart whose data the JSON report does not carry is replaced by a note.
struct EvidenceCharts {
  let builder: EvidenceBuilder
  var L: ReportLanguage { builder.L }
  var report: Report { builder.report }

  /// `03-03 01:00` (UTC).
  static func tick(_ seconds: Int64) -> String {
    let iso = Timestamp(microseconds: seconds * 1_000_000).iso8601
    let c = Array(iso)
    return String(c[5..<10]) + " " + String(c[11..<16])
  }

  func timelineCharts() -> [EvidenceBlock] {
    let withActivity = report.findings.filter { !$0.activity.isEmpty }
    guard let startHour = withActivity.flatMap({ $0.activity.map(\.hour.seconds) }).min(),
      let endHour = withActivity.flatMap({ $0.activity.map(\.hour.seconds) }).max()
    else { return [] }
    let end = endHour + 3600
    var hourly: [ChartSeries] = []
    var cumulative: [ChartSeries] = []
    for f in withActivity {
      let counts = Dictionary(f.activity.map { ($0.hour.seconds, $0.requests) }, uniquingKeysWith: +)
      var pts: [(x: Int64, y: Double)] = []
      var cum: [(x: Int64, y: Double)] = [(x: startHour, y: 0)]
      var total = 0
      var h = startHour
      while h < end {
        let c = counts[h] ?? 0
        pts.append((x: h, y: Double(c)))
        pts.append((x: h + 3600, y: Double(c)))
        total += c
        cum.append((x: h + 3600, y: Double(total)))
        h += 3600
      }
      let name = "\(f.id) \(builder.kind(f.kind))"
      hourly.append(ChartSeries(name: name, points: pts))
      cumulative.append(ChartSeries(name: name, points: cum))
    }
    let xLabel = L.label("chart.timeAxis")
    var blocks: [EvidenceBlock] = []
    let background = builder.backgroundTraffic()
    if !background.isEmpty {
      var pts: [(x: Int64, y: Double)] = []
      var h = startHour
      while h < end {
        let c = Double(background[h] ?? 0)
        pts.append((x: h, y: c))
        pts.append((x: h + 3600, y: c))
        h += 3600
      }
      hourly.append(ChartSeries(name: L.label("chart.background"), points: pts))
    }
    blocks.append(
      .chart(
        EvidenceChart(
          title: L.label("chart.hourly.title"),
          svg: SVGChart.lines(
            series: hourly, start: startHour, end: end, xLabel: xLabel, yLabel: L.label("chart.hourly.y"),
            xTick: EvidenceCharts.tick),
          caption: L.label(background.isEmpty ? "chart.hourly.caption" : "chart.hourly.captionBackground"))))
    blocks.append(
      .chart(
        EvidenceChart(
          title: L.label("chart.cumulative.title"),
          svg: SVGChart.lines(
            series: cumulative, start: startHour, end: end, xLabel: xLabel, yLabel: L.label("chart.cumulative.y"),
            xTick: EvidenceCharts.tick),
          caption: L.label("chart.cumulative.caption"))))
    return blocks
  }

  func coverageCharts() -> [EvidenceBlock] {
    guard let first = report.summary.firstEvent?.seconds, let last = report.summary.lastEvent?.seconds, last > first
    else { return [] }
    var rows: [ChartRow] = []
    for i in report.inputs {
      guard let a = i.firstEvent?.seconds, let b = i.lastEvent?.seconds else { continue }
      if let hours = i.hourlyRequests, !hours.isEmpty {
        rows.append(
          ChartRow(
            label: i.path,
            spans: EvidenceBuilder.runs(hours.map { $0.hour.seconds / 3600 }).map {
              ($0.lowerBound * 3600)...($0.upperBound * 3600 + 3599)
            }))
      } else {
        rows.append(ChartRow(label: i.path, spans: [a...max(a, b)]))
      }
    }
    for f in report.findings where !f.activity.isEmpty {
      let spans = f.activity.map { $0.hour.seconds...($0.hour.seconds + 3599) }
      rows.append(ChartRow(label: "\(f.id) \(f.kind.rawValue)", spans: spans))
    }
    return [
      .chart(
        EvidenceChart(
          title: L.label("chart.coverage.title"),
          svg: SVGChart.spans(
            rows: rows, start: first, end: last, xLabel: L.label("chart.timeAxis"), xTick: EvidenceCharts.tick),
          caption: L.label("chart.coverage.caption")))
    ]
  }

  /// Id-space coverage from the restricted annex's id ranges (only when the annex was produced in this run).
  func idSpaceCharts() -> [EvidenceBlock] {
    guard let a = builder.inputs.annex, !a.idRanges.isEmpty else {
      return [.note(L.label("chart.idspace.unavailable"))]
    }
    var blocks: [EvidenceBlock] = []
    for r in a.idRanges {
      guard let lo = r.spans.first?.lowerBound, let hi = r.spans.map(\.upperBound).max() else { continue }
      blocks.append(
        .chart(
          EvidenceChart(
            title: L.label("chart.idspace.title", r.label),
            svg: SVGChart.spans(
              rows: [ChartRow(label: r.label, spans: r.spans)], start: lo, end: max(hi, lo + 1),
              xLabel: L.label("chart.idspace.x"), xTick: { String($0) }),
            caption: L.label("chart.idspace.caption", String(lo), String(hi)))))
    }
    return blocks
  }
}
