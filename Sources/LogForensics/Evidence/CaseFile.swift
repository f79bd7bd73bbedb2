// Evidence/CaseFile.swift - the parsed case file: values by dotted path, completeness check.

import Foundation

/// A value read from case.yaml, with the line it came from.
public indirect enum CaseValue: Sendable, Equatable {
  case text(String, line: Int)
  case flag(Bool, line: Int)
  case list([CaseValue], line: Int)
  case object([String: CaseValue], line: Int)
}

/// The auditor's facts (case.yaml), validated against ``CaseSchema``.
///
/// Values are read by dotted path: `string("controller.siren")`, `list("custody")`.
public struct CaseFile: Sendable, Equatable {
  /// The root mapping (empty when no case file was given).
  public var root: [String: CaseValue]

  public init(root: [String: CaseValue] = [:]) { self.root = root }

  /// An empty case file: every required field is missing.
  public static let empty = CaseFile()

  /// The value at `path` (`a.b.c`), if present.
  public func value(_ path: String) -> CaseValue? {
    var current: [String: CaseValue] = root
    let parts = path.split(separator: ".").map(String.init)
    for (i, p) in parts.enumerated() {
      guard let v = current[p] else { return nil }
      if i == parts.count - 1 { return v }
      guard case .object(let o, _) = v else { return nil }
      current = o
    }
    return nil
  }

  /// Non-empty text at `path`.
  public func string(_ path: String) -> String? { CaseFile.string(value(path)) }

  /// The items at `path` (empty when absent).
  public func list(_ path: String) -> [CaseValue] {
    if case .list(let items, _)? = value(path) { return items }
    return []
  }

  /// `true` when `path` holds a list (even empty: "none" is an answer).
  public func hasList(_ path: String) -> Bool {
    if case .list? = value(path) { return true }
    return false
  }

  /// Text of a value (flags as `true`/`false`).
  public static func string(_ v: CaseValue?) -> String? {
    switch v {
    case .text(let s, _)?: return s.isEmpty ? nil : s
    case .flag(let b, _)?: return b ? "true" : "false"
    default: return nil
    }
  }

  /// Text at `key` of an object value.
  public static func field(_ v: CaseValue, _ key: String) -> String? {
    guard case .object(let o, _) = v else { return nil }
    return string(o[key])
  }

  /// Dotted paths of required fields that are missing or empty, in schema order
  /// (list items as `custody[0].sha256`).
  public var missingRequired: [String] {
    var out: [String] = []
    CaseFile.check(CaseSchema.root, root, prefix: "", into: &out)
    return out
  }

  /// `true` when every required field is filled (the report may leave draft status).
  public var isComplete: Bool { missingRequired.isEmpty }

  private static func check(
    _ fields: [CaseField], _ values: [String: CaseValue], prefix: String, into out: inout [String]
  ) {
    for f in fields {
      let path = prefix + f.key
      let v = values[f.key]
      if v == nil || isEmpty(v) {
        guard f.required else { continue }
        if case .object(let sub) = f.type {
          check(sub, [:], prefix: path + ".", into: &out)
        } else {
          out.append(path)
        }
        continue
      }
      guard let v else { continue }
      switch (f.type, v) {
      case (.object(let sub), .object(let o, _)):
        check(sub, o, prefix: path + ".", into: &out)
      case (.list(let item, let minItems), .list(let items, _)):
        if f.required && items.count < minItems { out.append(path) }
        if case .object(let sub) = item {
          for (i, it) in items.enumerated() {
            if case .object(let o, _) = it { check(sub, o, prefix: "\(path)[\(i)].", into: &out) }
          }
        }
      default: break
      }
    }
  }

  private static func isEmpty(_ v: CaseValue?) -> Bool {
    if case .text(let s, _)? = v { return s.trimmingCharacters(in: .whitespaces).isEmpty }
    return false
  }
}
