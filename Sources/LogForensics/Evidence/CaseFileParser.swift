// Evidence/CaseFileParser.swift - reads case.yaml (Yams) against the schema, with line numbers.

import Foundation
import Yams

/// A problem in the case file, with the 1-based line it is on.
public struct CaseFileError: Error, Equatable, Sendable, CustomStringConvertible {
  public var file: String
  public var line: Int?
  public var message: String

  public var description: String {
    if let line { return "\(file):\(line): \(message)" }
    return "\(file): \(message)"
  }
}

/// Parses and validates case files.
public enum CaseFileParser {
  /// Reads the case file at `path`.
  /// - Throws: ``CaseFileError`` naming the line for invalid YAML, unknown keys, wrong types.
  public static func load(path: String) throws -> CaseFile {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CaseFileError(file: path, line: nil, message: "cannot read the case file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw CaseFileError(file: path, line: nil, message: "the case file is not UTF-8 text")
    }
    return try parse(text, file: path)
  }

  /// Parses case-file text; `file` names it in errors.
  public static func parse(_ text: String, file: String = "case.yaml") throws -> CaseFile {
    let node: Node?
    do {
      node = try Yams.compose(yaml: text)
    } catch let e as YamlError {
      throw CaseFileError(file: file, line: line(of: e), message: "invalid YAML: \(problem(of: e))")
    } catch {
      throw CaseFileError(file: file, line: nil, message: "invalid YAML: \(error)")
    }
    guard let node, !isNull(node) else { return CaseFile() }
    guard case .mapping = node else {
      throw CaseFileError(
        file: file, line: node.mark?.line,
        message: "the case file must be a mapping of keys (see 'forensics case init')")
    }
    guard case .object(let root, _) = try read(node, as: .object(CaseSchema.root), path: "", file: file) else {
      return CaseFile()
    }
    return CaseFile(root: root)
  }

  private static func read(_ node: Node, as type: CaseFieldType, path: String, file: String) throws -> CaseValue {
    let line = node.mark?.line ?? 0
    func fail(_ message: String) -> CaseFileError { CaseFileError(file: file, line: node.mark?.line, message: message) }
    switch type {
    case .text, .timestamp, .choice:
      guard case .scalar(let s) = node else { throw fail("'\(path)' must be a single value, not a list or mapping") }
      let text = s.string
      if case .timestamp = type, Timestamp(iso8601: text) == nil {
        throw fail(
          "'\(path)' must be an ISO-8601 date-time with a zone, such as 2026-03-04T09:30:00+01:00 (got '\(text)')")
      }
      if case .choice(let allowed) = type, !allowed.contains(text) {
        throw fail("'\(path)' must be one of \(allowed.joined(separator: ", ")) (got '\(text)')")
      }
      return .text(text, line: line)
    case .flag:
      guard case .scalar(let s) = node, let b = Bool(s.string.lowercased()) else {
        throw fail("'\(path)' must be true or false")
      }
      return .flag(b, line: line)
    case .list(let item, _):
      guard case .sequence(let seq) = node else { throw fail("'\(path)' must be a list (use [] for none)") }
      var items: [CaseValue] = []
      for (i, n) in seq.enumerated() where !isNull(n) {
        items.append(try read(n, as: item, path: "\(path)[\(i)]", file: file))
      }
      return .list(items, line: line)
    case .object(let fields):
      guard case .mapping(let map) = node else {
        throw fail("'\(path.isEmpty ? "root" : path)' must be a mapping of keys")
      }
      var out: [String: CaseValue] = [:]
      for (k, v) in map {
        let key = k.string ?? ""
        let keyLine = k.mark?.line
        guard let field = fields.first(where: { $0.key == key }) else {
          let known = fields.map(\.key).joined(separator: ", ")
          throw CaseFileError(
            file: file, line: keyLine,
            message: "unknown key '\(path.isEmpty ? key : path + "." + key)'; known keys here: \(known)")
        }
        if out[key] != nil {
          throw CaseFileError(
            file: file, line: keyLine, message: "duplicate key '\(path.isEmpty ? key : path + "." + key)'")
        }
        if isNull(v) { continue }
        out[key] = try read(v, as: field.type, path: path.isEmpty ? key : path + "." + key, file: file)
      }
      return .object(out, line: line)
    }
  }

  private static func isNull(_ n: Node) -> Bool {
    guard case .scalar(let s) = n else { return false }
    return n.null != nil || (s.string.isEmpty && s.style == .plain)
  }

  private static func line(of e: YamlError) -> Int? {
    switch e {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
    default: return nil
    }
  }

  private static func problem(of e: YamlError) -> String {
    switch e {
    case .scanner(let c, let p, _, _), .parser(let c, let p, _, _), .composer(let c, let p, _, _):
      return (c.map { "\($0.text) " } ?? "") + p
    default: return "\(e)"
    }
  }
}
