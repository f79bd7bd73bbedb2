import Foundation
import Testing

@testable import LogForensics

/// Writes files under a fresh temporary directory and returns its path.
private func makeTree(_ files: [String: String]) throws -> String {
  let root = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-\(UUID().uuidString)")
  for (rel, text) in files {
    let url = root.appendingPathComponent(rel)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }
  return root.path
}

private func line(_ ip: String, _ time: String, _ path: String, status: Int = 200) -> String {
  "\(ip) - - [\(time) +0000] \"GET \(path) HTTP/1.1\" \(status) 100 \"-\" \"curl/8\"\n"
}

@Suite struct LogPipelineTests {
  @Test(arguments: [1, 2])
  func streamsAreMergedByTimeAndRotatedSetsReadOldestFirst(threads: Int) throws {
    let root = try makeTree([
      "web1/access.log.1": line("10.0.0.1", "01/Mar/2026:10:00:00", "/a") + line("10.0.0.1", "01/Mar/2026:10:00:04", "/c"),
      "web1/access.log": line("10.0.0.1", "01/Mar/2026:10:00:08", "/e"),
      "web2/access.log": line("10.0.0.2", "01/Mar/2026:10:00:02", "/b") + line("10.0.0.2", "01/Mar/2026:10:00:06", "/d"),
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    var options = PipelineOptions()
    options.threads = threads
    let pipeline = LogPipeline(paths: [root], options: options)
    var paths: [String] = []
    let stats = pipeline.run { paths.append($0.path) }
    #expect(paths == ["/a", "/b", "/c", "/d", "/e"])
    #expect(stats.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["access.log.1", "access.log", "access.log"])
    #expect(stats.map(\.stream) == [0, 0, 1])
    #expect(stats.allSatisfy { $0.read?.complete == true && $0.format == "combined" })
  }

  /// The first stage sees every event once, in the consumer's order, on either thread
  /// layout, and each prepared value reaches `consume` with what it kept of its own event;
  /// more events than one hand-off batch cross several batches.
  @Test(arguments: [1, 2])
  func preparedValuesTravelWithTheirEvents(threads: Int) throws {
    var web1 = "", web2 = ""
    for i in 0..<6000 {
      let t = String(format: "01/Mar/2026:10:%02d:%02d", i / 120, i / 2 % 60)
      if i % 2 == 0 { web1 += line("10.0.0.1", t, "/w1/\(i)") } else { web2 += line("10.0.0.2", t, "/w2/\(i)") }
    }
    let root = try makeTree(["web1/access.log": web1, "web2/access.log": web2])
    defer { try? FileManager.default.removeItem(atPath: root) }
    var options = PipelineOptions()
    options.threads = threads
    let counter = PrepareCounter()
    var consumed: [String] = []
    var mismatched = 0
    _ = LogPipeline(paths: [root], options: options).run(
      prepare: { (e: consuming LogEvent) in (path: e.path, prepared: counter.next(e.path)) },
      consume: { item in
        if item.prepared.path != item.path || item.prepared.number != consumed.count { mismatched += 1 }
        consumed.append(item.path)
      })
    #expect(consumed.count == 6000)
    #expect(mismatched == 0)
    #expect(counter.count == 6000)
    var plain: [String] = []
    _ = LogPipeline(paths: [root], options: options).run { plain.append($0.path) }
    #expect(consumed == plain)
  }

  @Test func linesSlightlyOutOfOrderAreReorderedAndLateOnesCounted() throws {
    let root = try makeTree([
      "x.log": line("10.0.0.1", "01/Mar/2026:10:00:05", "/2") + line("10.0.0.1", "01/Mar/2026:10:00:03", "/1")
        + line("10.0.0.1", "01/Mar/2026:10:01:00", "/3") + line("10.0.0.1", "01/Mar/2026:09:00:00", "/late")
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    var options = PipelineOptions()
    options.reorderWindowSeconds = 10
    var paths: [String] = []
    let stats = LogPipeline(paths: [root], options: options).run { paths.append($0.path) }
    #expect(paths == ["/1", "/2", "/late", "/3"])
    #expect(stats[0].outOfOrder == 1)
    #expect(stats[0].firstEvent?.iso8601 == "2026-03-01T09:00:00.000Z")
  }

  @Test func forcedFormatsOverrideDetection() throws {
    let root = try makeTree(["app.log": "203.0.113.7|2026-03-01T10:00:00Z|GET /api/v1/patients/42 HTTP/1.1|200|512\n"])
    defer { try? FileManager.default.removeItem(atPath: root) }
    var options = PipelineOptions()
    options.format = .nginx("$remote_addr|$time_iso8601|$request|$status|$body_bytes_sent")
    var events: [LogEvent] = []
    let pipeline = LogPipeline(paths: [root], options: options)
    let stats = pipeline.run { events.append($0) }
    #expect(stats[0].detection?.method == "forced")
    #expect(events.count == 1)
    #expect(pipeline.symbols.string(events[0].clientIP) == "203.0.113.7")
    #expect(events[0].path == "/api/v1/patients/42")
    #expect(events[0].responseBytes == 512)

    var wrong = PipelineOptions()
    wrong.format = .preset("json")
    let s2 = LogPipeline(paths: [root], options: wrong).run { _ in }
    #expect(s2[0].parsed == 0)
    #expect(s2[0].rejected == 1)
    #expect(s2[0].rejectedSamples.first?.line == 1)
  }

  @Test func overlongLinesAreRejectedWithTheirPositionAndTheRestIsRead() throws {
    let long = "10.0.0.9 - - [01/Mar/2026:10:00:01 +0000] \"GET /" + String(repeating: "a", count: 5000) + " HTTP/1.1\" 200 1 \"-\" \"x\"\n"
    let root = try makeTree(["x.log": line("10.0.0.1", "01/Mar/2026:10:00:00", "/ok") + long + line("10.0.0.1", "01/Mar/2026:10:00:02", "/ok2")])
    defer { try? FileManager.default.removeItem(atPath: root) }
    var options = PipelineOptions()
    options.maxLineLength = 1024
    var paths: [String] = []
    let stats = LogPipeline(paths: [root], options: options).run { paths.append($0.path) }
    #expect(paths == ["/ok", "/ok2"])
    #expect(stats[0].overlong == 1)
    #expect(stats[0].rejectedSamples.first?.line == 2)
    #expect(stats[0].rejectedSamples.first?.reason.contains("exceeds the 1024-byte limit") == true)
    #expect((stats[0].rejectedSamples.first?.excerpt.count ?? 0) <= 201)
  }

  /// A chunk is parsed a piece at a time (``StreamReader/pieceSize``): lines that cross a
  /// piece's end, lines longer than a piece, a run of bytes without newline longer than
  /// several pieces (rejected as over-long) and a last line without newline are each read
  /// whole, once, in order, from plain and gzip input, on either thread layout.
  @Test(arguments: [1, 2], [false, true])
  func chunksParsedInPiecesKeepEveryLineWhole(threads: Int, gzip: Bool) throws {
    var text = ""
    var expected: [String] = []
    for i in 0..<3000 {
      // Every 400th path is longer than a piece (and shorter than the line limit).
      let path = i % 400 == 7 ? "/long/\(i)/" + String(repeating: "x", count: StreamReader.pieceSize + 5000) : "/p/\(i)"
      let t = String(format: "01/Mar/2026:10:%02d:%02d", i / 60 % 60, i % 60)
      text += line("10.0.0.\(i % 7)", t, path)
      expected.append(path)
      if i == 1500 { text += String(repeating: "z", count: 3 * StreamReader.pieceSize + 777) + "\n" }
    }
    text.removeLast()  // the last line has no newline
    #expect(text.utf8.count > 4 * StreamReader.pieceSize)
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("pieces-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let file = root.appendingPathComponent(gzip ? "access.log.gz" : "access.log")
    try Data(gzip ? gzipMember(Array(text.utf8)) : Array(text.utf8)).write(to: file)
    var options = PipelineOptions()
    options.threads = threads
    // Chunks of several pieces, the first (format detection) fed whole, the rest in pieces.
    options.readOptions.readBlockSize = 4 * StreamReader.pieceSize
    options.readOptions.decodedChunkSize = 4 * StreamReader.pieceSize
    var paths: [String] = []
    let stats = LogPipeline(paths: [root.path], options: options).run { paths.append($0.path) }
    // Compared path by path (a failing whole-array comparison would print megabytes).
    let firstDifference = expected.indices.first { $0 >= paths.count || paths[$0] != expected[$0] }
    #expect(paths.count == expected.count)
    #expect(firstDifference == nil)
    #expect(stats.count == 1 && stats[0].lines == 3001 && stats[0].read?.complete == true)
    #expect(stats.first?.rejected == 1 && stats.first?.overlong == 1 && stats.first?.rejectedSamples.first?.line == 1502)
  }

  @Test func unreadableInputsAreReportedAndTheRunContinues() throws {
    let root = try makeTree(["good.log": line("10.0.0.1", "01/Mar/2026:10:00:00", "/ok")])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let result = Analyzer.run(AnalysisConfiguration(paths: ["/nonexistent/x.log", root]))
    #expect(result.anyInputReadable)
    #expect(result.report.inputs.count == 2)
    let missing = try #require(result.report.inputs.first { $0.path == "/nonexistent/x.log" })
    #expect(missing.complete == false)
    #expect(missing.errors.first?.kind == "cannot-open")
    #expect(result.report.summary.unreadableInputs == 1)
    #expect(result.report.summary.parsed == 1)
  }
}

/// Numbers the events `prepare` sees (used from the producer thread only while a run lasts).
private final class PrepareCounter: @unchecked Sendable {
  private(set) var count = 0
  func next(_ path: String) -> (number: Int, path: String) {
    defer { count += 1 }
    return (count, path)
  }
}
