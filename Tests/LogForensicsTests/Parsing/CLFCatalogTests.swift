// Parsing/CLFCatalogTests.swift - the CLF presets as catalog entries, and how they rank on real files.

import Testing
@testable import LogForensics

@Suite struct CLFCatalogTests {
  @Test func presetsInDetectionOrder() {
    #expect(FormatCatalog.clfFamilyFormats.map(\.name) == ["vhost-combined", "common", "combined"])
  }

  @Test(arguments: FormatCatalog.clfFamilyFormats.map(\.name))
  func exampleLineParsesWithItsOwnPreset(_ name: String) throws {
    let d = try #require(FormatCatalog.descriptor(named: name))
    #expect(!d.summary.isEmpty)
    let p = try parseLine(d.makeParser, d.example)
    #expect(p.outcome == .event)
    #expect(p.event.status == 200)
  }

  @Test func logFormatArgumentsReachTheCompilers() throws {
    var nginx = try #require(LogFormat(formatArgument: #"nginx:'$remote_addr [$time_local] "$request" $status'"#)).makeParser()
    #expect(parseLine(&nginx, #"10.0.0.1 [10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1" 200"#).clientIP == "10.0.0.1")
    var apache = try #require(LogFormat(formatArgument: #"apache:%h %t "%r" %>s"#)).makeParser()
    #expect(parseLine(&apache, #"10.0.0.2 [10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1" 200"#).clientIP == "10.0.0.2")
  }

  /// Number of lines each preset turns into events, per file: detection picks the highest,
  /// earlier preset on ties.
  @Test(arguments: [
    ("apache_vhost_combined/dmjacas_other_vhosts_access_all.log.gz", "vhost-combined"),
    ("apache_common_variants/matomo_gandi.log", "vhost-combined"),
    ("apache_common_variants/matomo_common_vhost.log", "vhost-combined"),
    ("apache_common_variants/crowdsec_apache_http_probing.log", "common"),
    ("apache_common_variants/matomo_common.log", "common"),
    ("apache_combined/elastic_apache_logs.log.gz", "combined"),
    ("apache_combined/beats_apache_access_test.log", "combined"),
    ("nginx_combined/lnav_shop_access_log.0.log", "combined"),
    ("nginx_combined/beats_nginx_access.log", "combined"),
    ("traefik/crowdsec_traefik_clf.log", "combined"),
  ])
  func bestPresetForFile(_ path: String, _ expected: String) throws {
    guard let dir = realWorldDirectory() else { return }
    let lines = try realWorldLines(dir.appendingPathComponent(path)).prefix(200)
    var best = ("", -1)
    for d in FormatCatalog.clfFamilyFormats {
      var parser = try d.makeParser()
      let symbols = SymbolTable()
      var builder = EventBuilder(symbols: symbols)
      var events = 0
      for line in lines {
        builder.reset(inputIndex: 0, lineNumber: 0)
        switch line.withUnsafeBytes({ parser.parse($0, into: &builder) }) {
        case .event, .eventWithWarning: events += 1
        default: break
        }
      }
      if events > best.1 { best = (d.name, events) }
    }
    #expect(best.0 == expected)
  }

  @Test func vhostPresetRejectsEveryPlainCombinedLine() throws {
    guard let dir = realWorldDirectory() else { return }
    var parser = CLFParser(.vhostCombined)
    for line in try realWorldLines(dir.appendingPathComponent("nginx_combined/lnav_shop_access_log.0.log")).prefix(100) {
      let p = parseLine(&parser, bytes: line)
      guard case .rejected(let reason) = p.outcome else {
        Issue.record("accepted a line without vhost")
        return
      }
      #expect(reason.hasPrefix("no virtual-host field before the client address"))
    }
  }
}
