// EvidenceSafetyTests.swift - inputs are never modified, and an output that is an input is refused.

import Foundation
import LogForensics
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite(.serialized) struct EvidenceSafetyTests {
  /// SHA-256, size, mtime (ns) and mode of a file.
  struct FileState: Equatable {
    var sha256: String
    var size: Int
    var mtimeNanos: Int
    var mode: UInt32
  }

  static func fingerprint(_ path: String) throws -> FileState {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    var st = stat()
    #expect(stat(path, &st) == 0)
    return FileState(
      sha256: OutputManifest.sha256(data), size: data.count, mtimeNanos: st.st_mtim.tv_sec * 1_000_000_000 + st.st_mtim.tv_nsec,
      mode: UInt32(st.st_mode))
  }

  @Test func inputsAreUnchangedAfterARunWithEveryOutput() throws {
    let w = try HostileWorld.make()
    defer { w.remove() }
    // A gzip copy too: the reader inflates it, it must still not be touched.
    let gz = w.directory.appendingPathComponent("hostile2.log.gz").path
    let zip = Process()
    zip.executableURL = URL(fileURLWithPath: "/bin/sh")
    zip.arguments = ["-c", "gzip -c \"$0\" > \"$1\"", w.logPath, gz]
    try zip.run()
    zip.waitUntilExit()
    let inputs = [w.logPath, w.jsonPath, gz]
    let before = try inputs.map(Self.fingerprint)
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("safety-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: out) }
    Thread.sleep(forTimeInterval: 0.02)  // an mtime change would be visible
    let r = try CLI.run([
      "analyze", w.directory.path, "--json", out.path + "/r.json", "--timeline", out.path + "/t.txt",
      "--report", out.path + "/r.html", "--timesketch", out.path + "/t.jsonl", "--annex", out.path + "/a.csv", "--quiet",
    ])
    #expect(r.status == 3)
    let after = try inputs.map(Self.fingerprint)
    #expect(after == before)
    // The report's hashes are those of the files as stored.
    let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out.path + "/r.json"))) as? [String: Any]
    let hashes = Set((report?["inputs"] as? [[String: Any]] ?? []).compactMap { $0["sha256"] as? String })
    #expect(hashes == Set(before.map(\.sha256)))
    // Nothing was added next to the evidence either.
    let names = try FileManager.default.contentsOfDirectory(atPath: w.directory.path).sorted()
    #expect(names == ["hostile.json", "hostile.log", "hostile2.log.gz"])
  }

  @Test func outputThatIsAnInputIsRefusedInEverySpelling() throws {
    let w = try HostileWorld.make()
    defer { w.remove() }
    let link = w.directory.appendingPathComponent("link.json").path
    #expect(symlink(w.jsonPath, link) == 0)
    let hard = w.directory.path + "/../" + w.directory.lastPathComponent + "/hostile.log"
    let before = try Self.fingerprint(w.logPath)
    let cases: [[String]] = [
      [w.logPath, "--json", w.logPath],  // same string
      [w.logPath, "--timeline", hard],  // another spelling of the same file
      [w.directory.path, "--report", w.jsonPath],  // a file inside an input directory
      [w.jsonPath, "--json", link],  // a symbolic link to an input
      [w.directory.path, "--timesketch", link],
    ]
    for args in cases {
      let r = try CLI.run(["analyze"] + args + ["--quiet"])
      #expect(r.status == 1, "\(args)")
      #expect(r.stderr.contains("is also an input: refusing to overwrite evidence"), "\(args): \(r.stderr)")
    }
    #expect(try Self.fingerprint(w.logPath) == before)
    // The report's default manifest (<report>.sha256) is checked too.
    let manifestVictim = w.directory.appendingPathComponent("r.html.sha256").path
    try Data("evidence\n".utf8).write(to: URL(fileURLWithPath: manifestVictim))
    let r = try CLI.run(["analyze", w.directory.path, "--report", w.directory.path + "/r.html", "--quiet"])
    #expect(r.status == 1)
    #expect(try String(contentsOfFile: manifestVictim, encoding: .utf8) == "evidence\n")
  }
}
