// Support/JSONSchemaValidator.swift - a small JSON Schema (2020-12 subset) validator for tests.
//
// Supports: type (incl. arrays of types), properties, required, additionalProperties (bool or
// schema), items, enum, const, minimum, maximum, minItems, pattern, format "date-time",
// $ref to "#/$defs/NAME", anyOf, oneOf. Enough to check reports against docs/report-schema.json.

import Foundation

struct JSONSchemaValidator {
  let root: [String: Any]

  init(schemaData: Data) throws {
    guard let r = try JSONSerialization.jsonObject(with: schemaData) as? [String: Any] else {
      throw NSError(domain: "schema", code: 1, userInfo: [NSLocalizedDescriptionKey: "schema is not an object"])
    }
    root = r
  }

  /// Returns a list of violations ("path: message"); empty when valid.
  func validate(_ instanceData: Data) throws -> [String] {
    let instance = try JSONSerialization.jsonObject(with: instanceData, options: [.fragmentsAllowed])
    var errors: [String] = []
    check(instance, against: root, path: "$", errors: &errors)
    return errors
  }

  private func resolve(_ schema: [String: Any]) -> [String: Any] {
    guard let ref = schema["$ref"] as? String else { return schema }
    let prefix = "#/$defs/"
    guard ref.hasPrefix(prefix), let defs = root["$defs"] as? [String: Any],
      let target = defs[String(ref.dropFirst(prefix.count))] as? [String: Any]
    else { return [:] }
    return resolve(target)
  }

  private func typeName(_ v: Any) -> String {
    if v is NSNull { return "null" }
    if let n = v as? NSNumber {
      let objCType = String(cString: n.objCType)
      if objCType == "c" || objCType == "B" || "\(type(of: n))".contains("Boolean") { return "boolean" }
      return objCType == "d" || objCType == "f" ? "number" : "integer"
    }
    if v is String { return "string" }
    if v is [Any] { return "array" }
    if v is [String: Any] { return "object" }
    return "unknown"
  }

  private func check(_ v: Any, against s0: [String: Any], path: String, errors: inout [String]) {
    let s = resolve(s0)
    if let any = s["anyOf"] as? [[String: Any]] {
      let ok = any.contains { sub in
        var e: [String] = []
        check(v, against: sub, path: path, errors: &e)
        return e.isEmpty
      }
      if !ok { errors.append("\(path): matches none of anyOf") }
    }
    if let one = s["oneOf"] as? [[String: Any]] {
      let n = one.filter { sub in
        var e: [String] = []
        check(v, against: sub, path: path, errors: &e)
        return e.isEmpty
      }.count
      if n != 1 { errors.append("\(path): matches \(n) of oneOf") }
    }
    let actual = typeName(v)
    if let t = s["type"] {
      let allowed = (t as? [String]) ?? [t as? String ?? ""]
      let ok = allowed.contains(actual) || (actual == "integer" && allowed.contains("number"))
      if !ok {
        errors.append("\(path): type \(actual), expected \(allowed.joined(separator: "|"))")
        return
      }
    }
    if let e = s["enum"] as? [Any] {
      let ok = e.contains { "\($0)" == "\(v)" }
      if !ok { errors.append("\(path): value \(v) not in enum") }
    }
    if let c = s["const"], "\(c)" != "\(v)" { errors.append("\(path): value \(v) != const \(c)") }
    if let n = v as? NSNumber, actual != "boolean" {
      if let m = s["minimum"] as? NSNumber, n.doubleValue < m.doubleValue { errors.append("\(path): \(n) < minimum \(m)") }
      if let m = s["maximum"] as? NSNumber, n.doubleValue > m.doubleValue { errors.append("\(path): \(n) > maximum \(m)") }
    }
    if let str = v as? String {
      if let p = s["pattern"] as? String, str.range(of: p, options: .regularExpression) == nil {
        errors.append("\(path): '\(str)' does not match \(p)")
      }
      if s["format"] as? String == "date-time",
        str.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$"#, options: .regularExpression) == nil
      {
        errors.append("\(path): '\(str)' is not an ISO-8601 UTC date-time with Z")
      }
    }
    if let arr = v as? [Any] {
      if let m = s["minItems"] as? Int, arr.count < m { errors.append("\(path): fewer than \(m) items") }
      if let items = s["items"] as? [String: Any] {
        for (i, x) in arr.enumerated() { check(x, against: items, path: "\(path)[\(i)]", errors: &errors) }
      }
    }
    if let obj = v as? [String: Any] {
      let props = s["properties"] as? [String: Any] ?? [:]
      for r in s["required"] as? [String] ?? [] where obj[r] == nil {
        errors.append("\(path): missing required '\(r)'")
      }
      for (k, x) in obj {
        if let ps = props[k] as? [String: Any] {
          check(x, against: ps, path: "\(path).\(k)", errors: &errors)
        } else if let ap = s["additionalProperties"] {
          if let b = ap as? Bool, !b {
            errors.append("\(path): unexpected property '\(k)' (not in the schema)")
          } else if let aps = ap as? [String: Any] {
            check(x, against: aps, path: "\(path).\(k)", errors: &errors)
          }
        }
      }
    }
  }
}
