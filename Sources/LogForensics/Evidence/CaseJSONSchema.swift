// Evidence/CaseJSONSchema.swift - docs/case-schema.json generated from ``CaseSchema``.

import Foundation

/// The JSON Schema (draft 2020-12) of case.yaml. Structural only: "required" there lists
/// nothing, because a partly filled case file is valid (the report is then a draft); the
/// fields needed to leave draft status are listed in `x-requiredForFinal`.
public enum CaseJSONSchema {
  /// The schema document, pretty-printed with sorted keys and a final newline.
  public static var text: String {
    var root = object(CaseSchema.root, help: "Case file of the LogForensics evidence report.")
    root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    root["$id"] = "https://logforensics.invalid/case-schema.json"
    root["title"] = "LogForensics case file (case.yaml)"
    let data =
      (try? JSONSerialization.data(
        withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  private static func schema(_ t: CaseFieldType, help: String) -> [String: Any] {
    switch t {
    case .text: return ["type": ["string", "number"], "description": help]
    case .timestamp:
      return [
        "type": "string", "pattern": #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$"#,
        "description": help + " ISO-8601 with a zone (Z or ±hh:mm).",
      ]
    case .choice(let c): return ["enum": c, "description": help]
    case .flag: return ["type": "boolean", "description": help]
    case .list(let item, let minItems):
      var s: [String: Any] = ["type": "array", "items": schema(item, help: help), "description": help]
      if minItems > 0 { s["x-minItemsForFinal"] = minItems }
      return s
    case .object(let fields): return object(fields, help: help)
    }
  }

  private static func object(_ fields: [CaseField], help: String) -> [String: Any] {
    var props: [String: Any] = [:]
    for f in fields { props[f.key] = schema(f.type, help: f.help) }
    return [
      "type": "object", "additionalProperties": false, "properties": props, "description": help,
      "x-requiredForFinal": fields.filter(\.required).map(\.key),
    ]
  }
}
