// Support/Golden.swift - golden-file comparison with RECORD_GOLDENS=1 to re-record.

import Foundation
import Testing

enum Golden {
  static var repoRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
  }

  static var goldenDirectory: URL {
    repoRoot.appendingPathComponent("Tests/LogForensicsTests/Golden")
  }

  /// The real-world corpus beside the repository, if present.
  static var realWorld: URL? {
    let u = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/realworld")
    return FileManager.default.fileExists(atPath: u.path) ? u : nil
  }

  /// Compares `actual` with the golden file `name`; with RECORD_GOLDENS=1 rewrites it and fails.
  static func assertMatches(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = goldenDirectory.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
      try actual.write(to: url, atomically: true, encoding: .utf8)
      Issue.record("recorded golden \(name); run again without RECORD_GOLDENS", sourceLocation: sourceLocation)
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record("missing golden \(name); run with RECORD_GOLDENS=1 to create it", sourceLocation: sourceLocation)
      return
    }
    if expected != actual {
      let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
      let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
      var diff: [String] = []
      for i in 0..<max(e.count, a.count) where diff.count < 20 {
        let el = i < e.count ? String(e[i]) : "<none>"
        let al = i < a.count ? String(a[i]) : "<none>"
        if el != al { diff.append("line \(i + 1):\n  - \(el)\n  + \(al)") }
      }
      let shown = diff.joined(separator: "\n")
      Issue.record("golden \(name) differs (RECORD_GOLDENS=1 to re-record):\n\(shown)", sourceLocation: sourceLocation)
    }
  }
}
