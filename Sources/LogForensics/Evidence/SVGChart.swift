// Evidence/SVGChart.swift - small print-safe SVG charts (black and white, labelled axes, no script).

/// A named series of (x, y) points, x in seconds since the epoch (or any integer domain).
public struct ChartSeries: Sendable, Equatable {
  public var name: String
  public var points: [(x: Int64, y: Double)]
  public init(name: String, points: [(x: Int64, y: Double)]) {
    self.name = name
    self.points = points
  }
  public static func == (a: ChartSeries, b: ChartSeries) -> Bool {
    a.name == b.name && a.points.map(\.x) == b.points.map(\.x) && a.points.map(\.y) == b.points.map(\.y)
  }
}

/// A labelled row of intervals (coverage of a source, id ranges taken by a finding).
public struct ChartRow: Sendable, Equatable {
  public var label: String
  public var spans: [ClosedRange<Int64>]
  public init(label: String, spans: [ClosedRange<Int64>]) {
    self.label = label
    self.spans = spans
  }
}

/// Builds SVG markup from numbers; every label goes through ``HTMLText/escape(_:)``.
/// Series are told apart by dash patterns and grey levels, so a black-and-white print stays readable.
public enum SVGChart {
  static let width = 720.0
  static let left = 70.0, right = 20.0, top = 24.0
  static let dashes = ["", "6 3", "2 2", "8 3 2 3", "1 3"]
  static let greys = ["#000000", "#404040", "#707070", "#202020", "#909090"]

  /// A step-line chart of `series` over [`start`, `end`]; `xTick` formats an x value.
  public static func lines(
    series: [ChartSeries], start: Int64, end: Int64, xLabel: String, yLabel: String,
    xTick: (Int64) -> String
  ) -> String {
    let height = 240.0 + Double(series.count) * 14
    let plotH = 150.0
    let plotW = width - left - right
    let maxY = max(1, series.flatMap { $0.points.map(\.y) }.max() ?? 1)
    let yTop = niceCeiling(maxY)
    let span = Double(max(1, end - start))
    func px(_ x: Int64) -> Double { left + Double(x - start) / span * plotW }
    func py(_ y: Double) -> Double { top + plotH - y / yTop * plotH }
    var s = open(height: height)
    s += axes(plotW: plotW, plotH: plotH, xLabel: xLabel, yLabel: yLabel)
    for i in 0...4 {
      let v = yTop * Double(i) / 4
      let y = py(v)
      s += "<line x1=\"\(f(left - 4))\" y1=\"\(f(y))\" x2=\"\(f(left))\" y2=\"\(f(y))\" stroke=\"#000\"/>"
      s += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 3))\" text-anchor=\"end\">\(compact(v))</text>"
      if i > 0 {
        s +=
          "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + plotW))\" y2=\"\(f(y))\" stroke=\"#ccc\" stroke-width=\"0.5\"/>"
      }
    }
    s += xTicks(start: start, end: end, plotW: plotW, plotH: plotH, xTick: xTick)
    for (i, ser) in series.enumerated() where !ser.points.isEmpty {
      var d = ""
      for (j, p) in ser.points.enumerated() {
        d += (j == 0 ? "M" : "L") + "\(f(px(p.x))) \(f(py(p.y))) "
      }
      s += "<path d=\"\(d.trimmingSpace)\" fill=\"none\" stroke=\"\(greys[i % greys.count])\" stroke-width=\"1.5\""
      let dash = dashes[i % dashes.count]
      s += dash.isEmpty ? "/>" : " stroke-dasharray=\"\(dash)\"/>"
    }
    s += legend(series.map(\.name), y: top + plotH + 44)
    return s + "</svg>"
  }

  /// Horizontal bars: one row per label, filled spans over [`start`, `end`], gaps left white.
  public static func spans(
    rows: [ChartRow], start: Int64, end: Int64, xLabel: String, xTick: (Int64) -> String, labelWidth: Double = 190
  ) -> String {
    let rowH = 16.0
    let plotH = Double(max(1, rows.count)) * rowH
    let l = labelWidth
    let plotW = width - l - right
    let height = top + plotH + 50
    let span = Double(max(1, end - start))
    func px(_ x: Int64) -> Double { l + Double(min(max(x, start), end) - start) / span * plotW }
    var s = open(height: height)
    s +=
      "<rect x=\"\(f(l))\" y=\"\(f(top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" fill=\"none\" stroke=\"#000\"/>"
    for (i, r) in rows.enumerated() {
      let y = top + Double(i) * rowH
      s +=
        "<text x=\"\(f(l - 6))\" y=\"\(f(y + 11))\" text-anchor=\"end\">\(HTMLText.escape(truncate(r.label, 34)))</text>"
      for sp in r.spans {
        let x0 = px(sp.lowerBound)
        let x1 = max(px(sp.upperBound), px(sp.lowerBound) + 1)
        s +=
          "<rect x=\"\(f(x0))\" y=\"\(f(y + 3))\" width=\"\(f(x1 - x0))\" height=\"\(f(rowH - 6))\" fill=\"#555\" stroke=\"#000\" stroke-width=\"0.5\"/>"
      }
    }
    s += ticksOnly(start: start, end: end, x0: l, plotW: plotW, y: top + plotH, xTick: xTick)
    s +=
      "<text x=\"\(f(l + plotW / 2))\" y=\"\(f(top + plotH + 40))\" text-anchor=\"middle\">\(HTMLText.escape(xLabel))</text>"
    return s + "</svg>"
  }

  // MARK: - pieces

  static func open(height: Double) -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"100%\" role=\"img\" font-family=\"sans-serif\" font-size=\"10\">"
  }

  static func axes(plotW: Double, plotH: Double, xLabel: String, yLabel: String) -> String {
    var s = "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(top + plotH))\" stroke=\"#000\"/>"
    s +=
      "<line x1=\"\(f(left))\" y1=\"\(f(top + plotH))\" x2=\"\(f(left + plotW))\" y2=\"\(f(top + plotH))\" stroke=\"#000\"/>"
    s +=
      "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(top + plotH + 30))\" text-anchor=\"middle\">\(HTMLText.escape(xLabel))</text>"
    s +=
      "<text x=\"12\" y=\"\(f(top + plotH / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 12 \(f(top + plotH / 2)))\">\(HTMLText.escape(yLabel))</text>"
    return s
  }

  static func xTicks(start: Int64, end: Int64, plotW: Double, plotH: Double, xTick: (Int64) -> String) -> String {
    ticksOnly(start: start, end: end, x0: left, plotW: plotW, y: top + plotH, xTick: xTick)
  }

  static func ticksOnly(start: Int64, end: Int64, x0: Double, plotW: Double, y: Double, xTick: (Int64) -> String)
    -> String
  {
    var s = ""
    let n = 4
    for i in 0...n {
      let v = start + (end - start) * Int64(i) / Int64(n)
      let x = x0 + plotW * Double(i) / Double(n)
      let anchor = i == 0 ? "start" : (i == n ? "end" : "middle")
      s += "<line x1=\"\(f(x))\" y1=\"\(f(y))\" x2=\"\(f(x))\" y2=\"\(f(y + 4))\" stroke=\"#000\"/>"
      s += "<text x=\"\(f(x))\" y=\"\(f(y + 15))\" text-anchor=\"\(anchor)\">\(HTMLText.escape(xTick(v)))</text>"
    }
    return s
  }

  static func legend(_ names: [String], y: Double) -> String {
    var s = ""
    for (i, n) in names.enumerated() {
      let yy = y + Double(i) * 14
      s +=
        "<line x1=\"\(f(left))\" y1=\"\(f(yy - 3))\" x2=\"\(f(left + 30))\" y2=\"\(f(yy - 3))\" stroke=\"\(greys[i % greys.count])\" stroke-width=\"1.5\""
      let dash = dashes[i % dashes.count]
      s += dash.isEmpty ? "/>" : " stroke-dasharray=\"\(dash)\"/>"
      s += "<text x=\"\(f(left + 36))\" y=\"\(f(yy))\">\(HTMLText.escape(truncate(n, 100)))</text>"
    }
    return s
  }

  /// A round axis maximum ≥ `v` (1, 2, 2.5, 5 × 10^k).
  static func niceCeiling(_ v: Double) -> Double {
    var p = 1.0
    while p * 10 <= v { p *= 10 }
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] where m * p >= v { return m * p }
    return 10 * p
  }

  static func compact(_ v: Double) -> String {
    if v == v.rounded() { return String(Int(v)) }
    return String((v * 10).rounded() / 10)
  }

  static func f(_ v: Double) -> String {
    let r = (v * 10).rounded() / 10
    return r == r.rounded() ? String(Int(r)) : String(r)
  }

  static func truncate(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }
}

extension String {
  fileprivate var trimmingSpace: String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }
}
