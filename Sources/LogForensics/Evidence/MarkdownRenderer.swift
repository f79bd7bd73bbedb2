// Evidence/MarkdownRenderer.swift - the same document as Markdown (charts by title and caption).

/// Renders an ``EvidenceDocument`` as CommonMark/GFM. Text is backslash-escaped so a user agent
/// such as `<script>` stays text in any Markdown viewer; charts are replaced by their title and
/// caption (the figures they draw are in the tables).
public enum MarkdownRenderer {
  public static func render(_ doc: EvidenceDocument) -> String {
    var m = "**\(escape(doc.status))**\n\n# \(escape(doc.title))\n\n"
    m += "## \(escape(doc.language.label("toc")))\n\n"
    for s in doc.sections { m += "- \(escape(s.title))\n" }
    m += "\n"
    for s in doc.sections {
      m += "## \(escape(s.title))\n\n"
      for b in s.blocks { m += block(b, doc.language) }
    }
    return m
  }

  static func block(_ b: EvidenceBlock, _ L: ReportLanguage) -> String {
    switch b {
    case .paragraph(let t): return escape(t) + "\n\n"
    case .note(let t): return "> " + escape(t) + "\n\n"
    case .bullets(let items): return items.map { "- " + escape($0) + "\n" }.joined() + "\n"
    case .facts(let facts):
      var m = "| \(escape(L.label("col.item"))) | \(escape(L.label("col.value"))) |\n|---|---|\n"
      for f in facts { m += "| \(escape(f.label)) | \(escape(f.value)) |\n" }
      return m + "\n"
    case .table(let headers, let rows):
      var m = "| " + headers.map(escape).joined(separator: " | ") + " |\n"
      m += "|" + String(repeating: "---|", count: headers.count) + "\n"
      for r in rows { m += "| " + r.map(escape).joined(separator: " | ") + " |\n" }
      return m + "\n"
    case .chart(let c):
      return "*\(escape(L.label("chart.markdown"))): \(escape(c.title)).* \(escape(c.caption))\n\n"
    }
  }

  /// Backslash-escapes Markdown punctuation and folds line breaks, so text cannot become markup.
  public static func escape(_ s: String) -> String {
    var out = ""
    for u in s.unicodeScalars {
      switch u {
      case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "!", "&":
        out.unicodeScalars.append("\\")
        out.unicodeScalars.append(u)
      case "\n", "\r", "\t": out += " "
      default:
        if HTMLText.isBidiControl(u) {
          out += "[U+\(String(u.value, radix: 16, uppercase: true))]"
        } else if u.value < 0x20 || u.value == 0x7F {
          out += "\u{FFFD}"
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out
  }
}
