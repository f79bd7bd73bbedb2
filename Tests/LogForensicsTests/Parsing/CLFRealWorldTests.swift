// Parsing/CLFRealWorldTests.swift - runs the CLF presets and compiled formats over the shared corpus.

import Foundation
import Testing
@testable import LogForensics

@Suite struct CLFRealWorldTests {
  /// A corpus file, the parser for it, and the 1-based lines expected not to parse.
  struct Case: CustomStringConvertible, Sendable {
    var path: String
    var format: LogFormat
    var rejected: [Int] = []
    var skipped: [Int] = []
    var description: String { "\(path) as \(format)" }
  }

  static let combined = LogFormat.preset("combined")
  static let common = LogFormat.preset("common")
  static let vhost = LogFormat.preset("vhost-combined")

  static let cases: [Case] = [
    Case(path: "apache_combined/beats_apache_access_test.log", format: combined),
    Case(path: "apache_combined/crowdsec_apache2_malformed.log", format: combined),
    // Line 8899 is cut short in the source file: the user-agent quote never closes.
    Case(path: "apache_combined/elastic_apache_logs.log.gz", format: combined, rejected: [8899]),
    Case(path: "apache_combined/lnav_logfile_access_log.0.log", format: combined),
    Case(path: "apache_combined/lnav_logfile_access_log.1.log", format: combined),
    // README: "deliberately malformed line 2" (missing ident/user).
    Case(path: "apache_combined/lnav_logfile_bad_access_log.0.log", format: combined, rejected: [2]),
    Case(path: "apache_common_variants/crowdsec_apache_http_probing.log", format: common),
    Case(path: "apache_common_variants/matomo_common.log", format: common),
    Case(path: "apache_common_variants/matomo_common.log.gz", format: common),
    Case(path: "apache_common_variants/matomo_common_complete.log", format: vhost),
    Case(path: "apache_common_variants/matomo_common_encoding_big5.log", format: vhost),
    Case(path: "apache_common_variants/matomo_common_vhost.log", format: vhost),
    // README: non-standard date '[February - 10, 2012:16:42:07]', "needs custom regex".
    Case(path: "apache_common_variants/matomo_custom_regex_custom_date.log", format: combined, rejected: [1]),
    Case(path: "apache_common_variants/matomo_gandi.log", format: vhost),
    Case(path: "apache_common_variants/matomo_icecast2.log", format: combined),
    Case(path: "apache_common_variants/matomo_logs_to_tests.log", format: combined, skipped: [4, 5]),
    Case(path: "apache_common_variants/matomo_ncsa_extended.log", format: combined),
    Case(path: "apache_common_variants/matomo_ovh.log", format: combined),
    Case(path: "apache_common_variants/matomo_static_ignores.log", format: vhost),
    Case(path: "apache_custom/lnav_regexp_access_log.0.log", format: vhost),
    Case(path: "apache_extended/netnea_labor06_access_10000.log.gz", format: combined),
    Case(path: "apache_extended/netnea_labor06_access_10000.log.gz", format: .apache(ApacheFormatTests.labor06)),
    Case(path: "apache_extended/netnea_labor07_example_access.log.gz", format: combined),
    Case(path: "apache_extended/netnea_labor07_example_access.log.gz", format: .apache(ApacheFormatTests.labor07)),
    Case(path: "apache_vhost_combined/dmjacas_other_vhosts_access_all.log.gz", format: vhost),
    Case(path: "apache_vhost_combined/dmjacas_other_vhosts_access_all.log.gz",
      format: .apache(#"%v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i""#)),
    Case(path: "nginx_combined/beats_nginx_access.log", format: combined),
    Case(path: "nginx_combined/beats_nginx_access_test.log", format: combined),
    Case(path: "nginx_combined/crowdsec_http_dos_bypass_cache.log", format: combined),
    Case(path: "nginx_combined/crowdsec_invalid_http_versions.log", format: combined),
    // Line 8 lacks the ident field; line 9 is an nginx error-log line.
    Case(path: "nginx_combined/crowdsec_nginx_http_logs.log", format: combined, rejected: [8], skipped: [9]),
    Case(path: "nginx_combined/crowdsec_nginx_http_malformed.log", format: combined),
    Case(path: "nginx_combined/lnav_shop_access_log.0.log", format: combined),
    Case(path: "nginx_combined/lnav_shop_access_log.0.log",
      format: .nginx(#"$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for""#)),
    Case(path: "combined_unknown_server/chandra729_theglobalreport_access.log.11.gz", format: combined),
    // README: line 2 has an unbalanced quote.
    Case(path: "traefik/beats_traefik_access_test.log", format: combined, rejected: [2]),
    Case(path: "traefik/crowdsec_traefik_clf.log", format: combined, skipped: [8, 9]),
    Case(path: "mixed/crowdsec_litespeed_mixed.log", format: combined, skipped: [1, 3]),
  ]

  @Test(arguments: cases)
  func everyLineParsesExceptDocumentedOnes(_ c: Case) throws {
    guard let dir = realWorldDirectory() else { return }  // corpus not present: skip
    var parser = try c.format.makeParser()
    let lines = try realWorldLines(dir.appendingPathComponent(c.path))
    let symbols = SymbolTable()
    var builder = EventBuilder(symbols: symbols)
    var rejected: [Int] = []
    var skipped: [Int] = []
    var events = 0
    var untimed: [Int] = []
    for (i, line) in lines.enumerated() {
      builder.reset(inputIndex: 0, lineNumber: Int64(i + 1))
      let outcome = line.withUnsafeBytes { parser.parse($0, into: &builder) }
      switch outcome {
      case .event, .eventWithWarning:
        events += 1
        if builder.event.timestamp.microseconds <= 0 { untimed.append(i + 1) }
      case .rejected(let reason):
        rejected.append(i + 1)
        print("REJECTED \(c.path):\(i + 1): \(reason)")
      case .skipped(let reason):
        skipped.append(i + 1)
        print("SKIPPED \(c.path):\(i + 1): \(reason)")
      }
    }
    #expect(untimed == [])
    #expect(rejected == c.rejected)
    #expect(skipped == c.skipped)
    #expect(events == lines.count - c.rejected.count - c.skipped.count)
  }
}

/// Exact field values for a few real lines of the corpus.
@Suite struct CLFRealWorldFieldTests {
  func line(_ path: String, _ number: Int) throws -> [UInt8]? {
    guard let dir = realWorldDirectory() else { return nil }
    let lines = try realWorldLines(dir.appendingPathComponent(path))
    return lines[number - 1]
  }

  @Test func dmjacasVhostLineWithEscapedQuotes() throws {
    guard let bytes = try line("apache_vhost_combined/dmjacas_other_vhosts_access_all.log.gz", 7898) else { return }
    var parser = CLFParser(.vhostCombined)
    let p = parseLine(&parser, bytes: bytes)
    #expect(p.outcome == .event)
    #expect(p.host == "neutralbank.app")
    #expect(p.extra("port") == "443")
    #expect(p.clientIP == "128.199.225.7")
    #expect(p.time == "2024-07-27T05:27:21.000Z")
    #expect(p.event.path == "/index.php")
    #expect(p.event.query == #"lang=../../../../../../../../usr/local/lib/php/pearcmd&+config-create+/&/<?echo(md5("hi"));?>+/tmp/index1.php"#)
    #expect(p.event.status == 200)
    #expect(p.event.responseBytes == 4025)
    #expect(p.userAgent == "Custom-AsyncHttpClient")
  }

  @Test func dmjacasTLSHandshakeLine() throws {
    guard let bytes = try line("apache_vhost_combined/dmjacas_other_vhosts_access_all.log.gz", 2143) else { return }
    var parser = CLFParser(.vhostCombined)
    let p = parseLine(&parser, bytes: bytes)
    #expect(p.outcome == .eventWithWarning("request is not an HTTP request line"))
    #expect(p.event.rawRequest == #"\x16\x03"#)
    #expect(p.event.status == 400)
    #expect(p.event.responseBytes == 3243)
  }

  @Test func netneaLabor07AsCombined() throws {
    guard let bytes = try line("apache_extended/netnea_labor07_example_access.log.gz", 1) else { return }
    var parser = CLFParser(.combined)
    let p = parseLine(&parser, bytes: bytes)
    #expect(p.outcome == .event)
    #expect(p.clientIP == "192.168.104.36")
    #expect(p.extra("ident") == "CH")
    #expect(p.event.timestamp.microseconds == Timestamp(year: 2015, month: 5, day: 20, hour: 12, minute: 53, second: 11, microsecond: 139_981)!.microseconds)
    #expect(p.event.flags.contains(.zoneAssumed))
    #expect(p.event.path == "/EMail/login.aspx")
    #expect(p.extra("extra1") == "www.example.com")
    #expect(p.extra("extra7") == "4a7ffdda.522871162568d")
    #expect(p.forwardedFor == "")
    #expect(p.event.extras.count == 1 + 19)  // ident + 19 fields after the user agent
    #expect(p.extra("extra19") == "0")
  }

  @Test func beatsNginxQuotedForwardedList() throws {
    guard let bytes = try line("nginx_combined/beats_nginx_access_test.log", 5) else { return }
    var parser = CLFParser(.combined)
    let p = parseLine(&parser, bytes: bytes)
    #expect(p.outcome == .event)
    #expect(p.clientIP == "10.2.1.185")
    #expect(p.forwardedFor == "10.5.102.222, 199.96.1.1, 204.246.1.1")
    #expect(p.time == "2016-01-22T13:18:29.000Z")
    #expect(p.userAgent == "Amazon CloudFront")
  }

  @Test func shopLineThroughCompiledNginxFormat() throws {
    guard let bytes = try line("nginx_combined/lnav_shop_access_log.0.log", 2) else { return }
    var parser = try FormatCatalog.compileNginx(#"$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for""#)
    let p = parseLine(&parser, bytes: bytes)
    #expect(p.outcome == .event)
    #expect(p.clientIP == "31.56.96.51")
    #expect(p.time == "2019-01-22T00:26:16.000Z")  // +0330
    #expect(p.event.path == "/image/60844/productModel/200x200")
    #expect(p.event.responseBytes == 5667)
    #expect(p.referer == "https://www.zanbil.ir/m/filter/b113")
    #expect(p.forwardedFor == "")
  }
}
