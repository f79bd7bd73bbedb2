// Tests/Parsing/Cloud/CloudCatalogTests.swift - the cloud presets in the catalog: examples parse, others reject them.

import Testing

@testable import LogForensics

@Suite struct CloudCatalogTests {
  static let names = ["alb", "elb", "cloudfront", "s3", "haproxy", "iis-native", "uwsgi", "zoraxy"]

  @Test func presetsAreRegisteredInOrder() {
    #expect(FormatCatalog.cloudFormats.map(\.name) == Self.names)
    for name in Self.names {
      #expect(FormatCatalog.descriptor(named: name) != nil, "\(name)")
      #expect(LogFormat(argument: name) == .preset(name))
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
