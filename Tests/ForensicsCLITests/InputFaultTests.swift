// InputFaultTests.swift - thousands of files, loops, missing and unreadable inputs: one error each, the run goes on.

import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite(.serialized) struct InputFaultTests {
  @Test func aDirectoryOfThousandsOfFilesWithFaultyEntriesIsReadWhole() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("faults-cli-\(UUID().uuidString)")
    let logs = root.appendingPathComponent("logs")
    try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
    defer {
      chmod(logs.appendingPathComponent("locked.log").path, 0o644)
      try? FileManager.default.removeItem(at: root)
    }
    for i in 0..<3000 {
      let line = "10.2.\(i / 250).\(i % 250) - - [03/Mar/2026:01:\(10 + i / 60 % 50):\(10 + i % 50) +0000] \"GET /api/v1/patients/\(i) HTTP/1.1\" 200 1200 \"-\" \"curl/8\"\n"
      try Data(line.utf8).write(to: logs.appendingPathComponent(String(format: "host%04d.log", i)))
    }
    #expect(symlink(logs.path, logs.appendingPathComponent("zz-loop").path) == 0)
    #expect(symlink("zz-self.log", logs.appendingPathComponent("zz-self.log").path) == 0)
    #expect(symlink("nowhere.log", logs.appendingPathComponent("zz-dangling.log").path) == 0)
    try Data("x\n".utf8).write(to: logs.appendingPathComponent("locked.log"))
    chmod(logs.appendingPathComponent("locked.log").path, 0)
    let asRoot = geteuid() == 0  // root reads mode-000 files: then that entry is an ordinary input
    let json = root.appendingPathComponent("r.json").path
    let r = try CLI.run(["analyze", logs.path, root.appendingPathComponent("missing.log").path, "--json", json, "--threads", "1"])
    #expect(r.status == 0 || r.status == 3)
    #expect(r.stdout.contains("zz-loop") && r.stdout.contains("symbolic link loop"))
    #expect(r.stdout.contains("zz-self.log") && r.stdout.contains("too many levels of symbolic links"))
    #expect(r.stdout.contains("zz-dangling.log") && r.stdout.contains("No such file or directory"))
    #expect(r.stdout.contains("missing.log"))
    if !asRoot { #expect(r.stdout.contains("locked.log") && r.stdout.contains("Permission denied")) }
    let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
    let inputs = report?["inputs"] as? [[String: Any]] ?? []
    #expect(inputs.count == 3000 + 5)
    let failed = inputs.filter { !($0["errors"] as? [Any] ?? []).isEmpty }.compactMap { ($0["path"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } }
    #expect(Set(failed) == Set(["zz-loop", "zz-self.log", "zz-dangling.log", "missing.log"] + (asRoot ? [] : ["locked.log"])))
    let summary = report?["summary"] as? [String: Any]
    #expect(summary?["parsed"] as? Int == 3000)
  }
}
