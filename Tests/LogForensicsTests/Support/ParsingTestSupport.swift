// Support/ParsingTestSupport.swift - runs a LineParser over one line and exposes the event as strings.

import Foundation
@testable import LogForensics

/// The result of parsing one line, with helpers to read symbols back as strings.
struct ParsedLine {
  var outcome: LineOutcome
  var event: LogEvent
  var symbols: SymbolTable

  var clientIP: String { symbols.string(event.clientIP) }
  var forwardedFor: String { symbols.string(event.forwardedFor) }
  var method: String { symbols.string(event.method) }
  var httpVersion: String { symbols.string(event.httpVersion) }
  var user: String { symbols.string(event.user) }
  var host: String { symbols.string(event.host) }
  var referer: String { symbols.string(event.referer) }
  var userAgent: String { symbols.string(event.userAgent) }
  var time: String { event.timestamp.iso8601 }

  /// Value of the extra called `name`, if any.
  func extra(_ name: String) -> String? {
    event.extras.first { symbols.string($0.name) == name }?.value
  }
  /// Names of all extras, in order.
  var extraNames: [String] { event.extras.map { symbols.string($0.name) } }
}

/// Parses `bytes` with `parser` into a fresh builder.
func parseLine(_ parser: inout some LineParser, bytes: [UInt8], options: EventBuildingOptions = .init()) -> ParsedLine {
  let symbols = SymbolTable()
  var builder = EventBuilder(symbols: symbols, options: options)
  builder.reset(inputIndex: 0, lineNumber: 1)
  let outcome = bytes.withUnsafeBytes { parser.parse($0, into: &builder) }
  return ParsedLine(outcome: outcome, event: builder.event, symbols: symbols)
}

/// Parses `line` (UTF-8) with `parser`.
func parseLine(_ parser: inout some LineParser, _ line: String) -> ParsedLine {
  parseLine(&parser, bytes: Array(line.utf8))
}

/// Parses `line` with a fresh parser of the preset or compiled format.
func parseLine(_ make: () throws -> any LineParser, _ line: String) rethrows -> ParsedLine {
  var p = try make()
  return parseLine(&p, line)
}

/// The shared real-world corpus (`<repo>/../shared/realworld`), or `nil` when absent.
func realWorldDirectory(_ filePath: String = #filePath) -> URL? {
  var url = URL(fileURLWithPath: filePath)
  while url.lastPathComponent != "Tests" && url.pathComponents.count > 1 { url.deleteLastPathComponent() }
  let dir = url.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/realworld")
  return FileManager.default.fileExists(atPath: dir.path) ? dir : nil
}

/// Lines of a corpus file (gzip via `/bin/gzip -dc`; test-only), without `\n` / `\r\n`.
func realWorldLines(_ url: URL) throws -> [[UInt8]] {
  let data: Data
  if url.pathExtension == "gz" {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/gzip")
    p.arguments = ["-dc", url.path]
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
  } else {
    data = try Data(contentsOf: url)
  }
  var lines: [[UInt8]] = []
  data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
    var start = 0
    while start < raw.count {
      let end = raw.firstIndex(of: 0x0A, from: start) ?? raw.count
      var e = end
      if e > start && raw[e - 1] == 0x0D { e -= 1 }
      lines.append(Array(raw[start..<e]))
      start = end + 1
    }
  }
  return lines
}
