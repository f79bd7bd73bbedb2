// Evidence/CaseTemplate.swift - the commented case.yaml written by `forensics case init`.

/// Generates the commented template from ``CaseSchema`` so template, parser and JSON Schema
/// never disagree.
public enum CaseTemplate {
  /// The template text: every key, commented with its meaning, required ones marked.
  public static var text: String {
    var out = """
      # case.yaml - facts the logs cannot give, for the evidence report (forensics report --case case.yaml).
      # Fill what you know; empty fields render as « À COMPLÉTER » / "TO BE COMPLETED" and the report stays
      # « PROJET » / "DRAFT" until every field marked (required) is filled. Dates: ISO-8601 with a zone,
      # e.g. 2026-03-04T09:30:00+01:00. Schema: docs/case-schema.json.

      """
    write(CaseSchema.root, indent: "", into: &out)
    return out
  }

  private static func write(_ fields: [CaseField], indent: String, into out: inout String) {
    for f in fields {
      out += "\(indent)# \(f.help)\(f.required ? " (required)" : "")\(choices(f.type))\n"
      switch f.type {
      case .object(let sub):
        out += "\(indent)\(f.key):\n"
        write(sub, indent: indent + "  ", into: &out)
      case .list(.object(let sub), _):
        out += "\(indent)\(f.key):\n"
        var first = true
        for s in sub {
          let lead = first ? indent + "  - " : indent + "    "
          first = false
          out += "\(indent)    # \(s.help)\(s.required ? " (required)" : "")\(choices(s.type))\n"
          out += "\(lead)\(s.key):\(placeholder(s.type))\n"
        }
      default:
        out += "\(indent)\(f.key):\(placeholder(f.type))\n"
      }
    }
  }

  private static func placeholder(_ t: CaseFieldType) -> String {
    if case .list = t { return " []" }
    return ""
  }

  private static func choices(_ t: CaseFieldType) -> String {
    switch t {
    case .choice(let c): return " One of: \(c.joined(separator: ", "))."
    case .list(.choice(let c), _): return " Items among: \(c.joined(separator: ", "))."
    case .timestamp: return " ISO-8601."
    default: return ""
    }
  }
}
