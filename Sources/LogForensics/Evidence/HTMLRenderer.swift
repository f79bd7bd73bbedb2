// Evidence/HTMLRenderer.swift - one self-contained, script-free, print-ready HTML file.

/// Renders an ``EvidenceDocument`` as a single HTML file: inline CSS and SVG, no script, no
/// external resource (a Content-Security-Policy forbids both), A4 print layout.
public enum HTMLRenderer {
  public static func render(_ doc: EvidenceDocument) -> String {
    let L = doc.language
    var h = "<!DOCTYPE html>\n<html lang=\"\(doc.language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n"
    h +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
    h += "<meta name=\"generator\" content=\"LogForensics \(HTMLText.escape(LogForensicsVersion.string))\">\n"
    h += "<title>\(HTMLText.escape(doc.title))</title>\n<style>\n\(css)</style>\n</head>\n<body>\n"
    h += "<header>\n<p class=\"status\(doc.isDraft ? " draft" : "")\">\(HTMLText.escape(doc.status))</p>\n"
    h += "<h1>\(HTMLText.escape(doc.title))</h1>\n</header>\n"
    h += "<nav>\n<h2>\(HTMLText.escape(L.label("toc")))</h2>\n<ul>\n"
    for s in doc.sections { h += "<li><a href=\"#\(s.id)\">\(HTMLText.escape(s.title))</a></li>\n" }
    h += "</ul>\n</nav>\n"
    for s in doc.sections {
      h += "<section id=\"\(s.id)\">\n<h2>\(HTMLText.escape(s.title))</h2>\n"
      for b in s.blocks { h += block(b, missing: doc.missingMarker) }
      h += "</section>\n"
    }
    h += "<footer><p>\(HTMLText.escape(doc.status)) — \(HTMLText.escape(doc.title))</p></footer>\n</body>\n</html>\n"
    return h
  }

  static func block(_ b: EvidenceBlock, missing: String) -> String {
    switch b {
    case .paragraph(let t): return "<p>\(text(t, missing))</p>\n"
    case .note(let t): return "<p class=\"note\">\(text(t, missing))</p>\n"
    case .bullets(let items):
      return "<ul>\n" + items.map { "<li>\(text($0, missing))</li>\n" }.joined() + "</ul>\n"
    case .facts(let facts):
      var h = "<table class=\"facts\">\n"
      for f in facts {
        h += "<tr><th scope=\"row\">\(HTMLText.escape(f.label))</th><td>\(text(f.value, missing))</td></tr>\n"
      }
      return h + "</table>\n"
    case .table(let headers, let rows):
      var h =
        "<table>\n<thead><tr>" + headers.map { "<th>\(HTMLText.escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
      for r in rows { h += "<tr>" + r.map { "<td>\(text($0, missing))</td>" }.joined() + "</tr>\n" }
      return h + "</tbody>\n</table>\n"
    case .chart(let c):
      return
        "<figure>\n<figcaption><strong>\(HTMLText.escape(c.title))</strong></figcaption>\n\(c.svg)\n<p class=\"caption\">\(HTMLText.escape(c.caption))</p>\n</figure>\n"
    }
  }

  /// Escaped text; the missing-field marker is highlighted.
  static func text(_ t: String, _ missing: String) -> String {
    if t.utf8.count == 64 && t.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) {
      return "<code class=\"hash\">\(t)</code>"
    }
    let e = HTMLText.escape(t)
    let m = HTMLText.escape(missing)
    guard e.contains(m) else { return e }
    return e.replacingOccurrences(of: m, with: "<span class=\"missing\">\(m)</span>")
  }

  static let css = """
    @page { size: A4; margin: 15mm 14mm; }
    body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9.5pt; color: #000; background: #fff; margin: 0 auto; max-width: 190mm; line-height: 1.35; }
    h1 { font-size: 16pt; margin: 4pt 0 8pt; }
    h2 { font-size: 12.5pt; border-bottom: 1.5pt solid #000; padding-bottom: 2pt; margin-top: 14pt; break-after: avoid; }
    .status { display: inline-block; border: 1.5pt solid #000; padding: 2pt 8pt; font-weight: bold; letter-spacing: 1pt; margin: 0; }
    .status.draft { border-style: dashed; }
    table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; font-size: 8.5pt; }
    th, td { border: 0.6pt solid #555; padding: 2pt 4pt; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
    th { overflow-wrap: normal; hyphens: none; }
    td:first-child { overflow-wrap: break-word; }
    thead th { background: #e6e6e6; }
    table.facts th { width: 38%; background: #f2f2f2; font-weight: normal; }
    tr { break-inside: avoid; }
    .note { border-left: 3pt solid #000; padding: 2pt 6pt; background: #f2f2f2; }
    .missing { font-weight: bold; border: 1pt dashed #000; padding: 0 2pt; }
    figure { margin: 6pt 0 10pt; break-inside: avoid; }
    figcaption { margin-bottom: 2pt; }
    .caption { font-size: 8pt; margin: 2pt 0; }
    nav ul { columns: 2; font-size: 9pt; list-style: none; padding-left: 0; }
    a { color: #000; }
    code.hash { font-family: "DejaVu Sans Mono", monospace; font-size: 7pt; white-space: nowrap; }
    footer { margin-top: 16pt; font-size: 8pt; border-top: 0.6pt solid #000; }

    """
}
