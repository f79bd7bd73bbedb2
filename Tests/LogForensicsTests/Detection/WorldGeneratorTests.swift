// Detection/WorldGeneratorTests.swift - the fixture generator itself: determinism and log output.

import Foundation
import Testing

@testable import LogForensics

@Suite("World generator")
struct WorldGeneratorTests {
  @Test func sameSeedSameWorld() {
    let a = WorldGenerator.world(seed: 3, cases: [.nirProbing], days: 1, practices: 1)
    let b = WorldGenerator.world(seed: 3, cases: [.nirProbing], days: 1, practices: 1)
    #expect(a.combinedLog() == b.combinedLog())
    #expect(a.caseExposed == b.caseExposed)
    #expect(a.caseIPs[.nirProbing] == ["198.51.100.99"])
  }

  @Test func rendersCombinedLinesAndRedactedEvents() throws {
    let g = WorldGenerator.world(seed: 3, cases: [], days: 1, practices: 1)
    let lines = g.combinedLog().split(separator: "\n")
    #expect(lines.count == g.requests.count)
    #expect(lines[0] == "10.0.0.5 - - [16/Feb/2026:00:00:00 +0000] \"GET /health HTTP/1.1\" 200 15 \"-\" \"kube-probe/1.28\"")
    let lab = try #require(lines.first { $0.contains("/api/v1/lab-catalog") })
    #expect(lab.contains("?page=0&size=500&apikey=LABSECRET2024 HTTP/1.1\""))
    let symbols = SymbolTable()
    let events = g.events(symbols: symbols)
    let e = try #require(events.first { $0.path == "/api/v1/lab-catalog" })
    #expect(e.query?.hasPrefix("page=0&size=500&apikey=[fp:") == true)
    #expect(symbols.string(e.credential).hasPrefix("apikey:"))
    #expect(events.map(\.lineNumber) == Array(1...Int64(events.count)))
  }

  @Test func writesTheCombinedLogToAFile() throws {
    let g = WorldGenerator.world(seed: 5, cases: [.loginThenEnumerate], days: 1, practices: 1)
    let path = NSTemporaryDirectory() + "world-\(getpid()).log"
    defer { try? FileManager.default.removeItem(atPath: path) }
    try g.writeCombinedLog(to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == g.combinedLog())
  }
}
