// Tests/Parsing/Cloud/CloudTestSupport.swift - runs one line through a parser for the cloud parser tests.

import Foundation

@testable import LogForensics

/// The outcome of one line and the builder holding its event.
struct CloudParsed {
  var outcome: LineOutcome
  var builder: EventBuilder
  var event: LogEvent { builder.event }
  func string(_ s: Symbol) -> String? { s.isNone ? nil : builder.symbols.string(s) }
  func extra(_ name: String) -> String? {
    event.extras.first { builder.symbols.string($0.name) == name }?.value
  }
}

enum CloudTest {
  /// Parses `line` with `parser` into a fresh builder.
  static func parse<P: LineParser>(_ parser: inout P, _ line: String) -> CloudParsed {
    var builder = EventBuilder(symbols: SymbolTable())
    builder.reset(inputIndex: 0, lineNumber: 1)
    let bytes = Array(line.utf8)
    let outcome = bytes.withUnsafeBytes { parser.parse($0, into: &builder) }
    return CloudParsed(outcome: outcome, builder: builder)
  }

  static func parse<P: LineParser>(_ parser: P, _ line: String) -> CloudParsed {
    var p = parser
    return parse(&p, line)
  }

  /// `/work/shared/realworld` relative to this file, or `nil` when absent.
  static func realWorld(_ relative: String, filePath: String = #filePath) -> [String]? {
    var url = URL(fileURLWithPath: filePath)
    for _ in 0..<5 { url.deleteLastPathComponent() }  // Cloud, Parsing, LogForensicsTests, Tests, repo
    let file = url.deletingLastPathComponent().appendingPathComponent("shared/realworld").appendingPathComponent(
      relative)
    guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
    var lines: [String] = []
    var current: [UInt8] = []
    for b in data {
      if b == 0x0A {
        if current.last == 0x0D { current.removeLast() }
        lines.append(String(decoding: current, as: UTF8.self))
        current = []
      } else {
        current.append(b)
      }
    }
    if !current.isEmpty { lines.append(String(decoding: current, as: UTF8.self)) }
    return lines
  }
}
