import Foundation
import Testing

@testable import LogForensics

/// During a threaded run the parsing thread is the symbol table's only writer. The analysis
/// once interned the rotating-agent label itself, the first time an IP passed 64 user agents,
/// racing with the parsing thread's interning: the two could take the same symbol number, and
/// the rotating actor was then reported under a client address (seen 2 runs in 8 under
/// ThreadSanitizer on `../shared/realworld`). Debug builds now stop when the analysis thread
/// interns during a run; this input makes it reach that point while the parser is busy.
@Suite struct ThreadedSymbolsTests {
  /// 24 000 lines, each from a new client address (the parser interns on every line), with one
  /// address that rotates through 90 user agents from the 4 000th line on.
  static func writeRotatingAgentLog() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rotating-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    var text = ""
    for i in 0..<24_000 {
      let second = i / 10
      let time = String(format: "01/Mar/2026:%02d:%02d:%02d +0000", second / 3600, second / 60 % 60, second % 60)
      let client = "10.\(i / 65_536).\(i / 256 % 256).\(i % 256)"
      text += "\(client) - - [\(time)] \"GET /api/v1/patients/\(1_000 + i) HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"\n"
      if i >= 4_000 && i % 50 == 0 {
        let agent = "agent-\((i - 4_000) / 50 % 90)"
        text += "192.0.2.77 - - [\(time)] \"GET /api/v1/patients/\(i) HTTP/1.1\" 200 512 \"-\" \"\(agent)\"\n"
      }
    }
    let url = dir.appendingPathComponent("access.log")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  static func report(_ url: URL, threads: Int) throws -> String {
    var config = AnalysisConfiguration(paths: [url.path])
    config.pipeline.threads = threads
    config.analysis.allSessions = true
    let result = Analyzer.run(config)
    return String(decoding: try JSONReportWriter.encode(result.report), as: UTF8.self)
  }

  @Test func rotatingAgentIsInternedBeforeTheParsingThreadStarts() throws {
    let url = try Self.writeRotatingAgentLog()
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    let threaded = try Self.report(url, threads: 2)
    let single = try Self.report(url, threads: 1)
    #expect(threaded == single)
    // The address's 65th agent on went to its rotating-agent actor, reported under that label.
    let label = "(rotating: more than \(AnalysisEngine.maximumAgentsPerIP) user agents from this IP)"
    #expect(threaded.contains(label))
    #expect(threaded.contains("192.0.2.77"))
  }
}
