// Tests/Parsing/Cloud/CloudCatalogTests.swift - the cloud presets in the catalog: examples parse, others reject them.

import Testing

@testable import LogForensics

@Suite struct CloudCatalogTests {
  static let names = ["alb", "elb", "cloudfront", "s3", "haproxy", "iis-native", "uwsgi", "zoraxy"]

  @Test func presetsAreRegisteredInOrder() {
    #expect(FormatCatalog.cloudFormats.map(\.name) == Self.names)
    for name in Self.names {
      #expect(FormatCatalog.descriptor(named: name) != nil, "\(name)")
      #expect(LogFormat(formatArgument: name) == .preset(name))
    }
  }

  @Test func eachExampleParsesWithItsOwnParserOnly() throws {
    for d in FormatCatalog.cloudFormats {
      #expect(!d.summary.isEmpty)
      var own = try d.makeParser()
      let r = CloudTest.parse(&own, d.example)
      #expect(r.outcome == .event, "\(d.name): \(r.outcome)")
      #expect(r.event.status >= 200, "\(d.name)")
      #expect(!r.event.path.isEmpty, "\(d.name)")
      for other in FormatCatalog.cloudFormats where other.name != d.name {
        var p = try other.makeParser()
        let o = CloudTest.parse(&p, d.example).outcome
        guard case .rejected = o else {
          Issue.record("\(other.name) accepted the \(d.name) example: \(o)")
          continue
        }
      }
    }
  }
}

@Suite struct CloudTruncationTests {
  /// Every byte prefix of every example is read without trapping; short prefixes (< 20 bytes)
  /// are never events, and the empty line is skipped.
  @Test func prefixesOfExamples() throws {
    for d in FormatCatalog.cloudFormats {
      let bytes = Array(d.example.utf8)
      for cut in 0..<bytes.count {
        var parser = try d.makeParser()
        var builder = EventBuilder(symbols: SymbolTable())
        let outcome = bytes[0..<cut].withUnsafeBytes { parser.parse($0, into: &builder) }
        if cut == 0 {
          #expect(outcome == .skipped("blank line"), "\(d.name)")
        } else if cut < 20 {
          guard case .rejected = outcome else {
            Issue.record("\(d.name) accepted a \(cut)-byte prefix: \(outcome)")
            continue
          }
        }
      }
    }
  }
}
