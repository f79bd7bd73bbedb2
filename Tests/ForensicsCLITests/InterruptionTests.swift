// InterruptionTests.swift - SIGINT/SIGTERM and write errors never leave a partial report behind.

import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The built binary reading standard input from a pipe the test feeds, so a run lasts as
/// long as the test wants.
final class FedRun {
  let process = Process()
  let input = Pipe()
  let out: URL
  let err: URL
  private var feeder: Thread?

  init(_ args: [String], in dir: URL) throws {
    signal(SIGPIPE, SIG_IGN)
    out = dir.appendingPathComponent("stdout")
    err = dir.appendingPathComponent("stderr")
    try #require(FileManager.default.createFile(atPath: out.path, contents: nil), "cannot create \(out.path)")
    try #require(FileManager.default.createFile(atPath: err.path, contents: nil), "cannot create \(err.path)")
    process.executableURL = CLI.binary
    process.arguments = args
    process.standardInput = input
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
  }

  /// Starts the process and a thread that writes `block` `times` times, then holds the
  /// pipe open (a silent writer) until ``finish()``.
  func start(feeding block: Data, times: Int) throws {
    try process.run()
    let fd = input.fileHandleForWriting.fileDescriptor
    let t = Thread {
      block.withUnsafeBytes { raw in
        for _ in 0..<times {
          var done = 0
          while done < raw.count {
            let n = write(fd, raw.baseAddress! + done, raw.count - done)
            if n <= 0 { return }  // reader gone (EPIPE)
            done += n
          }
        }
      }
    }
    feeder = t
    t.start()
  }

  /// Sends `sig` and returns the seconds until the process ended (it is killed after 10 s,
  /// so a hung binary fails the test instead of hanging it).
  func interrupt(_ sig: Int32) -> Double {
    let t0 = Date()
    kill(process.processIdentifier, sig)
    while process.isRunning && Date().timeIntervalSince(t0) < 10 { Thread.sleep(forTimeInterval: 0.01) }
    let seconds = Date().timeIntervalSince(t0)
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    return seconds
  }

  func finish() {
    if process.isRunning { process.terminate() }
    try? input.fileHandleForWriting.close()
  }

  var stderr: String { (try? String(contentsOf: err, encoding: .utf8)) ?? "" }
}

@Suite(.serialized) struct InterruptionTests {
  static func lines(_ n: Int) -> Data {
    var s = ""
    for i in 0..<n {
      s += "10.1.\(i / 250 % 250).\(i % 250) - - [03/Mar/2026:01:\(10 + i / 6000 % 50):\(10 + i / 100 % 50) +0000] \"GET /api/v1/patients/\(i) HTTP/1.1\" 200 1234 \"-\" \"curl/8.5\"\n"
    }
    return Data(s.utf8)
  }

  static func tempDir() throws -> URL {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent("forensics-int-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
    return d
  }

  /// Files in `dir` other than the run's stdout/stderr captures.
  static func outputs(in dir: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != "stdout" && $0 != "stderr" && $0 != "old.json" }.sorted()
  }

  @Test(arguments: [(SIGINT, Int32(130), "SIGINT"), (SIGTERM, Int32(143), "SIGTERM")])
  func signalWhileReadingStopsWithinASecondAndWritesNothing(sig: Int32, status: Int32, name: String) throws {
    let dir = try Self.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let old = dir.appendingPathComponent("old.json")
    try Data("OLD\n".utf8).write(to: old)
    let run = try FedRun(
      ["analyze", "-", "--json", old.path, "--report", dir.appendingPathComponent("r.html").path, "--timeline", dir.appendingPathComponent("t.txt").path, "--no-progress"],
      in: dir)
    defer { run.finish() }
    try run.start(feeding: Self.lines(20_000), times: 1000)  // far more than it can read in the test
    Thread.sleep(forTimeInterval: 1.5)
    #expect(run.process.isRunning)
    let seconds = run.interrupt(sig)
    #expect(seconds < 2, "took \(seconds) s to stop")
    #expect(run.process.terminationStatus == status)
    #expect(try Self.outputs(in: dir) == [])  // no report, no timeline, no temporary file
    #expect(try String(contentsOf: old, encoding: .utf8) == "OLD\n")  // the previous report is untouched
    let err = run.stderr
    #expect(err.contains("forensics: interrupted by \(name) after reading "), "\(err)")
    #expect(err.contains("no report written"))
    #expect(err.contains("  -: ") && err.contains(" lines, stopped while reading"), "\(err)")
  }

  @Test func signalWhileBlockedOnASilentPipeStillExits() throws {
    let dir = try Self.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try FedRun(["analyze", "-", "--json", dir.appendingPathComponent("r.json").path, "--no-progress"], in: dir)
    defer { run.finish() }
    try run.start(feeding: Self.lines(500), times: 1)  // then the writer stays silent
    Thread.sleep(forTimeInterval: 1.0)
    let seconds = run.interrupt(SIGTERM)
    #expect(seconds < 2.5, "took \(seconds) s to stop")
    #expect(run.process.terminationStatus == 143)
    #expect(try Self.outputs(in: dir) == [])
    #expect(run.stderr.contains("interrupted by SIGTERM"))
    #expect(run.stderr.contains("the run did not stop within 1.0 s"))
  }

  @Test func fullDeviceIsAClearErrorNotACrash() throws {
    let w = try HostileWorld.make()
    defer { w.remove() }
    let r = try CLI.run(["analyze", w.logPath, "--json", "/dev/full", "--quiet"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("/dev/full") && r.stderr.contains("No space left on device"), "\(r.stderr)")
  }

  @Test func writeErrorLeavesNoTruncatedFileAndKeepsThePreviousOne() throws {
    let w = try HostileWorld.make()
    defer { w.remove() }
    let dir = try Self.tempDir()
    defer { try? FileManager.default.removeItem(at: dir) }
    let json = dir.appendingPathComponent("old.json")
    try Data("OLD\n".utf8).write(to: json)
    // A file-size limit of 8 blocks makes every write past 4 KiB fail with EFBIG, as a full disk would.
    let r = try CLI.run([
      "analyze", w.logPath, "--json", json.path, "--report", dir.appendingPathComponent("r.html").path, "--quiet",
    ], limitFileSizeBlocks: 8)
    #expect(r.status == 1)
    #expect(r.stderr.contains("cannot write") || r.stderr.contains("write failed"), "\(r.stderr)")
    #expect(r.stderr.contains("File too large"), "\(r.stderr)")
    #expect(try Self.outputs(in: dir) == [])  // no temporary file, no partial HTML
    #expect(try String(contentsOf: json, encoding: .utf8) == "OLD\n")
  }

  @Test func missingOrReadOnlyOutputDirectoryIsAClearError() throws {
    let w = try HostileWorld.make()
    defer { w.remove() }
    let notADir = w.logPath + "/report.json"  // a path below a regular file (ENOTDIR)
    let r = try CLI.run(["analyze", w.logPath, "--json", notADir, "--quiet"])
    #expect(r.status == 1)
    #expect(r.stderr.contains(notADir) && r.stderr.contains("Not a directory"), "\(r.stderr)")
    guard geteuid() != 0 else { return }  // root writes into read-only directories: covered by ENOTDIR above
    let dir = try Self.tempDir()
    defer {
      chmod(dir.path, 0o755)
      try? FileManager.default.removeItem(at: dir)
    }
    chmod(dir.path, 0o555)
    let r2 = try CLI.run(["analyze", w.logPath, "--json", dir.appendingPathComponent("r.json").path, "--quiet"])
    #expect(r2.status == 1)
    #expect(r2.stderr.contains("Permission denied"))
  }
}
