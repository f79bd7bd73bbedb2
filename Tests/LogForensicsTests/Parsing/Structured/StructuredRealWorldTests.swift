// Tests/LogForensicsTests/Parsing/Structured/StructuredRealWorldTests.swift - structured parsers over the shared real-world corpus.

import Testing
@testable import LogForensics

/// Every well-formed line of the real-world files parses; every rejection is a line that is
/// really malformed; a few real lines are checked field by field.
@Suite(.enabled(if: RealWorld.directory != nil, "real-world corpus not present"))
struct StructuredRealWorldTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var path: String
    var format: String
    var events: Int
    var skipped: Int
    /// Lines (1-based) expected to be rejected, each with why it is malformed.
    var rejected: [Int: String] = [:]
    var stripPrefix = false
    var testDescription: String { path }
  }

  static let cases: [Case] = [
    Case(path: "caddy_json/crowdsec_caddy_logs.log", format: "json", events: 11, skipped: 1),
    Case(path: "caddy_json/lnav_caddy_log.0.log", format: "json", events: 4, skipped: 35, stripPrefix: true),
    Case(path: "caddy_json/lnav_caddy_log.1.jsonl", format: "json", events: 4, skipped: 0),
    Case(path: "caddy_json/matomo_caddy_json.log", format: "json", events: 3, skipped: 0),
    Case(path: "cloudflare_json/lnav_cloudflare.1.jsonl", format: "json", events: 15, skipped: 0),
    Case(path: "cloudflare_json/lnav_cloudflare.json", format: "json", events: 1, skipped: 0),
    Case(path: "envoy/crowdsec_envoy.log", format: "json", events: 10, skipped: 0, stripPrefix: true),
    Case(path: "nginx_json/isucon_private_isu_access.jsonl.gz", format: "json", events: 4122, skipped: 0),
    Case(path: "nginx_json/matomo_nginx_json.log", format: "json", events: 2, skipped: 0),
    Case(path: "traefik/crowdsec_traefik_base_http_scenario.jsonl", format: "json", events: 80, skipped: 0),
    Case(path: "traefik/crowdsec_traefik_json.log", format: "json", events: 7, skipped: 0),
    Case(path: "traefik/matomo_traefik_json.log", format: "json", events: 1, skipped: 0),
    Case(path: "nginx_plus_status_json/elastic_nginxplus_json_logs.jsonl.gz", format: "json", events: 0, skipped: 500),
    Case(path: "ltsv/alp_example_ltsv_access.log", format: "ltsv", events: 14, skipped: 0),
    Case(path: "zeek_http/lnav_bro_http.log", format: "zeek", events: 197, skipped: 9),
    Case(path: "aws_cloudfront/matomo_amazon_cloudfront_rtmp.log", format: "w3c", events: 2, skipped: 2),
    Case(path: "aws_cloudfront/matomo_amazon_cloudfront_web.log", format: "w3c", events: 1, skipped: 2),
    Case(path: "iis_w3c/beats_iis_test.log", format: "w3c", events: 5, skipped: 12),
    Case(path: "iis_w3c/beats_iis_test_ipv6zone.log", format: "w3c", events: 1, skipped: 4),
    Case(path: "iis_w3c/brianary_ex960101.log", format: "w3c", events: 5, skipped: 1),
    Case(path: "iis_w3c/lnav_w3c.0.log", format: "w3c", events: 1, skipped: 4),
    Case(path: "iis_w3c/lnav_w3c.1.log", format: "w3c", events: 1, skipped: 6),
    Case(path: "iis_w3c/lnav_w3c.2.log", format: "w3c", events: 14, skipped: 8),
    Case(path: "iis_w3c/lnav_w3c.3.log", format: "w3c", events: 3, skipped: 7),
    Case(path: "iis_w3c/lnav_w3c.4.log", format: "w3c", events: 2, skipped: 4),
    Case(path: "iis_w3c/lnav_w3c.5.log", format: "w3c", events: 1, skipped: 1),
    Case(path: "iis_w3c/lnav_w3c.6.log", format: "w3c", events: 1, skipped: 4),
    Case(path: "iis_w3c/lnav_w3c_big.0.log", format: "w3c", events: 210, skipped: 44),
    Case(path: "iis_w3c/matomo_iis.log", format: "w3c", events: 1, skipped: 4),
    Case(path: "iis_w3c/matomo_iis_custom.log", format: "w3c", events: 3, skipped: 7),
    Case(path: "iis_w3c/matomo_incapsula_w3c.log", format: "w3c", events: 2, skipped: 4),
    Case(path: "iis_w3c/matomo_netscaler.log", format: "w3c", events: 1, skipped: 4),
    Case(path: "iis_w3c/matomo_shoutcast.log", format: "w3c", events: 1, skipped: 3),
    Case(path: "iis_w3c/matomo_splitted_date_and_time.log", format: "w3c", events: 1, skipped: 1),
    Case(path: "iis_w3c/webknowit_FTPSVC2_u_ex160206.log", format: "w3c", events: 123, skipped: 8),
    Case(path: "iis_w3c/waikolai_W3SVC20_u_ex_2009-2013_concat.log.gz", format: "w3c", events: 22308, skipped: 16432),
    Case(path: "iis_w3c/webknowit_W3SVC1_u_ex_concat.log.gz", format: "w3c", events: 14318, skipped: 16752),
    Case(path: "iis_w3c/webknowit_W3SVC2_u_ex_concat.log.gz", format: "w3c", events: 64619, skipped: 924),
  ]

  @Test(arguments: cases)
  func everyWellFormedLineParses(_ c: Case) throws {
    var lines = try RealWorld.lines(c.path)
    if c.stripPrefix { lines = lines.map(RealWorld.stripPrefix) }
    let parser = try #require(FormatCatalog.descriptor(named: c.format)).makeParser()
    let (t, _) = OutcomeTally.run(AnyLineParser(parser), lines: lines)
    let unexpected = t.rejected.filter { c.rejected[$0.line] == nil }
    #expect(unexpected.isEmpty, "unexpected rejections: \(unexpected.prefix(5))")
    #expect(Set(t.rejected.map(\.line)) == Set(c.rejected.keys))
    #expect(t.events + t.warnings == c.events)
    #expect(t.skipped == c.skipped)
  }
}

/// Boxes an existential parser so the generic harness can drive it.
struct AnyLineParser: LineParser {
  var base: any LineParser
  init(_ base: any LineParser) { self.base = base }
  mutating func parse(_ line: UnsafeRawBufferPointer, into builder: inout EventBuilder) -> LineOutcome {
    base.parse(line, into: &builder)
  }
}
