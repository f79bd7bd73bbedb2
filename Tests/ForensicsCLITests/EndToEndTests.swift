// End-to-end: runs the built `forensics` binary and checks exit statuses and outputs.

import Foundation
import Testing

struct RunResult {
  var status: Int32
  var stdout: String
  var stderr: String
}

enum CLI {
  static var repoRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }

  static var binary: URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("forensics")
  }

  /// Runs the binary with stdout/stderr sent to temporary files (no pipe deadlocks).
  /// `limitFileSizeBlocks` runs it under `ulimit -f` (SIGXFSZ ignored) to make writes fail.
  static func run(_ args: [String], stdin: Data? = nil, limitFileSizeBlocks: Int? = nil) throws -> RunResult {
    var bin = binary
    if !FileManager.default.fileExists(atPath: bin.path) {
      // Test bundles may live one level deeper (e.g. .xctest/Contents/MacOS); search upwards.
      var dir = bin.deletingLastPathComponent()
      for _ in 0..<4 where !FileManager.default.fileExists(atPath: bin.path) {
        dir = dir.deletingLastPathComponent()
        bin = dir.appendingPathComponent("forensics")
      }
    }
    let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("forensics-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: tmp) }
    let out = tmp.appendingPathComponent("out"), err = tmp.appendingPathComponent("err")
    try #require(FileManager.default.createFile(atPath: out.path, contents: nil), "cannot create \(out.path)")
    try #require(FileManager.default.createFile(atPath: err.path, contents: nil), "cannot create \(err.path)")
    let p = Process()
    if let blocks = limitFileSizeBlocks {
      p.executableURL = URL(fileURLWithPath: "/bin/sh")
      p.arguments = ["-c", "ulimit -f \(blocks); trap '' XFSZ; exec \"$0\" \"$@\"", bin.path] + args
    } else {
      p.executableURL = bin
      p.arguments = args
    }
    p.currentDirectoryURL = repoRoot
    p.standardOutput = try FileHandle(forWritingTo: out)
    p.standardError = try FileHandle(forWritingTo: err)
    if let stdin {
      let inFile = tmp.appendingPathComponent("in")
      try stdin.write(to: inFile)
      p.standardInput = try FileHandle(forReadingFrom: inFile)
    } else {
      p.standardInput = FileHandle.nullDevice
    }
    try p.run()
    p.waitUntilExit()
    return RunResult(
      status: p.terminationStatus,
      stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
  }
}

@Suite(.serialized) struct EndToEndTests {
  @Test func missingPathsIsAUsageError() throws {
    let r = try CLI.run(["analyze"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("Provide at least one PATH"))
  }

  @Test func unknownOptionIsAUsageError() throws {
    let r = try CLI.run(["analyze", "SampleLogs", "--no-such-option"])
    #expect(r.status == 1)
  }

  @Test func noReadableInputExitsTwo() throws {
    let r = try CLI.run(["analyze", "/nonexistent/forensics/input.log"])
    #expect(r.status == 2)
    #expect(r.stdout.contains("cannot open"))
  }

  @Test func sampleLogsAreAnalysedAndTheReportIsWritten() throws {
    let json = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: json) }
    let r = try CLI.run(["analyze", "SampleLogs/", "--json", json.path, "--no-progress"])
    #expect(r.status == 0 || r.status == 3)
    #expect(r.stdout.contains("SampleLogs/api-1/patient-api.log.2.gz"))
    #expect(r.stdout.contains("INCOMPLETE"))  // the truncated archive copy
    let obj = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any]
    #expect(obj?["schemaVersion"] as? Int == 1)
    #expect((obj?["inputs"] as? [Any])?.count == 16)
  }

  @Test func standardInputIsRead() throws {
    let line = "203.0.113.9 - - [03/Mar/2026:01:12:04 +0100] \"GET /api/v1/patients/1 HTTP/1.1\" 200 1234 \"-\" \"curl/8.5\"\n"
    let r = try CLI.run(["analyze", "-", "--json", "-", "--quiet"], stdin: Data((line + line).utf8))
    #expect(r.status == 0)
    let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    let inputs = obj?["inputs"] as? [[String: Any]]
    #expect(inputs?.first?["path"] as? String == "-")
    #expect(inputs?.first?["parsed"] as? Int == 2)
    #expect(inputs?.first?["format"] as? String == "combined")
  }

  @Test func formatsListsEveryPresetWithAnExample() throws {
    let r = try CLI.run(["formats"])
    #expect(r.status == 0)
    for name in ["combined", "common", "json", "w3c", "alb", "haproxy", "ltsv", "zeek"] {
      #expect(r.stdout.contains("\n\(name)") || r.stdout.hasPrefix(name), "missing \(name)")
    }
  }
}
