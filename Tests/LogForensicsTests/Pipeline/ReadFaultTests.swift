// Pipeline/ReadFaultTests.swift - files that change while read, stop requests, per-input errors that do not stop the run.

import Foundation
import Testing

@testable import LogForensics

@Suite struct ReadFaultTests {
  static func log(_ n: Int, from: Int = 0) -> String {
    var s = ""
    for i in from..<(from + n) {
      s += "10.0.0.1 - - [01/Mar/2026:10:\(10 + i / 3600 % 50):\(10 + i / 60 % 50) +0000] \"GET /api/v1/patients/\(i) HTTP/1.1\" 200 1000 \"-\" \"curl/8\"\n"
    }
    return s
  }

  static func file(_ text: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("fault-\(UUID().uuidString).log")
    try Data(text.utf8).write(to: url)
    return url.path
  }

  static func options() -> PipelineOptions {
    var o = PipelineOptions()
    o.threads = 1
    o.readOptions.readBlockSize = 4096
    return o
  }

  @Test func aFileTruncatedWhileReadIsReportedIncompleteWithBothSizes() throws {
    let text = Self.log(2000)
    let path = try Self.file(text)
    defer { unlink(path) }
    var events = 0
    let stats = LogPipeline(paths: [path], options: Self.options()).run { _ in
      events += 1
      if events == 1 { truncate(path, off_t(text.utf8.count / 2)) }  // rotation with copytruncate, mid-run
    }
    let s = try #require(stats.first)
    let read = try #require(s.read)
    #expect(read.complete == false)
    #expect(read.storedBytes < UInt64(text.utf8.count))
    #expect(read.errors == [.changedWhileReading(path: path, sizeAtOpen: UInt64(text.utf8.count), bytesRead: read.storedBytes)])
    #expect(read.errors[0].description.contains("shrank while it was read"))
    #expect(s.lines < 2000 && s.lines >= 1000)
    #expect(InputReport(statistics: s).complete == false)
  }

  @Test func aFileGrowingWhileReadIsReadToItsNewEndAndSaysSo() throws {
    let text = Self.log(1000)
    let extra = Self.log(500, from: 1000)
    let path = try Self.file(text)
    defer { unlink(path) }
    var events = 0
    let stats = LogPipeline(paths: [path], options: Self.options()).run { _ in
      events += 1
      if events == 1, let h = FileHandle(forWritingAtPath: path) {  // a server still appending
        h.seekToEndOfFile()
        h.write(Data(extra.utf8))
        h.closeFile()
      }
    }
    let s = try #require(stats.first)
    let read = try #require(s.read)
    let total = UInt64(text.utf8.count + extra.utf8.count)
    #expect(read.complete)
    #expect(read.storedBytes == total)
    #expect(read.errors == [.changedWhileReading(path: path, sizeAtOpen: UInt64(text.utf8.count), bytesRead: total)])
    #expect(read.errors[0].kind == "changed-while-reading")
    #expect(s.lines == 1500 && s.parsed == 1500)
  }

  @Test func aStopRequestEndsReadingBetweenChunksAndSkipsTheAnalysis() throws {
    let a = try Self.file(Self.log(3000))
    let b = try Self.file(Self.log(100))
    defer {
      unlink(a)
      unlink(b)
    }
    let control = RunControl()
    var config = AnalysisConfiguration(paths: [a, b])
    config.pipeline = Self.options()
    config.pipeline.control = control
    // Stops after the first chunk: the tests run in parallel, so the control is per run, not global.
    var seen = 0
    let pipeline = LogPipeline(paths: [a, b], options: config.pipeline)
    let stats = pipeline.run { _ in
      seen += 1
      if seen == 1 { control.requestStop(signal: 2) }
    }
    #expect(pipeline.interrupted)
    #expect(control.stopSignal == 2)
    let first = try #require(stats.first { $0.path == a })
    #expect(first.read == nil)  // not read to its end
    #expect(first.lines > 0 && first.lines < 3000)
    #expect(control.progress.lines >= first.lines && control.progress.inputs == 2)
    // Through the façade: no findings, no sessions, flagged as interrupted.
    let stopped = RunControl()
    stopped.requestStop(signal: 15)
    config.pipeline.control = stopped
    let result = Analyzer.run(config)
    #expect(result.interrupted)
    #expect(result.report.findings.isEmpty && result.report.summary.sessions == 0)
  }

  @Test func unreadableEntriesAreErrorsPerInputAndTheRunGoesOn() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("faults-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    try Data(Self.log(10).utf8).write(to: root.appendingPathComponent("good.log"))
    #expect(symlink(root.path, root.appendingPathComponent("loop").path) == 0)  // directory loop
    #expect(symlink("self.log", root.appendingPathComponent("self.log").path) == 0)  // ELOOP
    #expect(symlink("gone.log", root.appendingPathComponent("dangling.log").path) == 0)  // ENOENT
    #expect(mkfifo(root.appendingPathComponent("pipe.log").path, 0o600) == 0)  // not a file inside a directory
    try FileManager.default.createDirectory(at: root.appendingPathComponent("empty.d"), withIntermediateDirectories: true)
    let stats = LogPipeline(paths: [root.path, root.path + "/missing.log"], options: Self.options()).run { _ in }
    let byName = Dictionary(uniqueKeysWithValues: stats.map { (URL(fileURLWithPath: $0.path).lastPathComponent, $0) })
    #expect(byName["good.log"]?.parsed == 10)
    #expect(byName["loop"]?.openError?.kind == "not-a-file")
    #expect(byName["loop"]?.openError?.description.contains("symbolic link loop") == true)
    #expect(byName["self.log"]?.openError?.description.contains("too many levels of symbolic links") == true)
    #expect(byName["dangling.log"]?.openError?.kind == "cannot-open")
    #expect(byName["pipe.log"]?.openError?.description.contains("named pipe") == true)
    #expect(byName["missing.log"]?.openError?.description.contains("No such file or directory") == true)
    #expect(stats.count == 6)
  }
}
