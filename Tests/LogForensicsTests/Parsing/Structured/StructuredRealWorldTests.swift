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
    Case(path: "caddy_json/crowdsec_caddy_logs.log", format: "json", events: 10, skipped: 2),  // line 11: "selected upstream" debug message
    Case(path: "caddy_json/lnav_caddy_log.0.log", format: "json", events: 4, skipped: 35, stripPrefix: true),
    Case(path: "caddy_json/lnav_caddy_log.1.jsonl", format: "json", events: 4, skipped: 0),
    Case(path: "caddy_json/matomo_caddy_json.log", format: "json", events: 3, skipped: 0),
    Case(path: "cloudflare_json/lnav_cloudflare.1.jsonl", format: "json", events: 15, skipped: 0),
    Case(path: "cloudflare_json/lnav_cloudflare.json", format: "json", events: 1, skipped: 0),
    Case(
      path: "envoy/crowdsec_envoy.log", format: "json", events: 6, skipped: 0,
      rejected: [4: "Envoy default text format", 5: "Envoy default text format", 9: "Envoy default text format", 10: "Envoy default text format"],
      stripPrefix: true),
    Case(path: "nginx_json/isucon_private_isu_access.jsonl.gz", format: "json", events: 4122, skipped: 0),
    Case(path: "nginx_json/matomo_nginx_json.log", format: "json", events: 2, skipped: 0),
    Case(path: "traefik/crowdsec_traefik_base_http_scenario.jsonl", format: "json", events: 80, skipped: 0),
    Case(path: "traefik/crowdsec_traefik_json.log", format: "json", events: 6, skipped: 0, rejected: [6: "plugin debug text, not JSON"]),
    Case(path: "traefik/matomo_traefik_json.log", format: "json", events: 1, skipped: 0),
    Case(path: "nginx_plus_status_json/elastic_nginxplus_json_logs.jsonl.gz", format: "json", events: 0, skipped: 500),
    Case(path: "ltsv/alp_example_ltsv_access.log", format: "ltsv", events: 14, skipped: 0),
    Case(path: "zeek_http/lnav_bro_http.log", format: "zeek", events: 197, skipped: 9),
    Case(path: "aws_cloudfront/matomo_amazon_cloudfront_rtmp.log", format: "w3c", events: 2, skipped: 2),
    Case(path: "aws_cloudfront/matomo_amazon_cloudfront_web.log", format: "w3c", events: 1, skipped: 2),
    Case(path: "iis_w3c/beats_iis_test.log", format: "w3c", events: 5, skipped: 12),  // lines 16-17: earlier layout, warned
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

extension StructuredRealWorldTests {
  struct Expected: Sendable, CustomTestStringConvertible {
    var path: String
    var format: String
    var line: Int
    var ip: String
    var time: String
    var method: String
    var path_: String
    var status: Int32
    var bytes: Int64
    var userAgent: String
    var stripPrefix = false
    var testDescription: String { "\(path):\(line)" }
  }

  static let expectations: [Expected] = [
    Expected(
      path: "caddy_json/lnav_caddy_log.1.jsonl", format: "json", line: 1, ip: "10.10.10.117", time: "2024-05-26T11:42:52.601Z",
      method: "GET", path_: "/gentoo/gentoo-distfiles/distfiles/9b/tl-hrlatex.source-2021.tar.xz", status: 200, bytes: 3768,
      userAgent: "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"),
    Expected(
      path: "cloudflare_json/lnav_cloudflare.json", format: "json", line: 1, ip: "87.226.160.250", time: "2022-10-30T00:00:02.000Z",
      method: "HEAD", path_: "/", status: 301, bytes: 570, userAgent: ""),
    Expected(
      path: "cloudflare_json/lnav_cloudflare.1.jsonl", format: "json", line: 2, ip: "45.33.32.156", time: "2024-04-10T23:00:01.180Z",
      method: "GET", path_: "/about", status: 200, bytes: 8320, userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36"),
    Expected(
      path: "envoy/crowdsec_envoy.log", format: "json", line: 1, ip: "10.0.0.12", time: "2025-12-31T16:37:40.479Z", method: "GET",
      path_: "/assets/image.webp", status: 200, bytes: 121_258,
      userAgent: "Mozilla/4.0 (Windows NT 9.0; Win64; x64; rv:136.0) Gecko/20101 Firefox/136.0", stripPrefix: true),
    Expected(
      path: "nginx_json/isucon_private_isu_access.jsonl.gz", format: "json", line: 3, ip: "172.31.7.82", time: "2024-10-12T14:14:21.000Z",
      method: "GET", path_: "/", status: 200, bytes: 6038, userAgent: "benchmarker"),
    Expected(
      path: "traefik/crowdsec_traefik_base_http_scenario.jsonl", format: "json", line: 1, ip: "172.17.0.1",
      time: "2021-12-08T14:02:43.464Z", method: "GET", path_: "/594VAEoi.dtd", status: 404, bytes: 356, userAgent: "Nikto"),
    Expected(
      path: "iis_w3c/beats_iis_test.log", format: "w3c", line: 5, ip: "81.2.69.143", time: "2018-01-01T08:09:10.000Z", method: "GET",
      path_: "/", status: 200, bytes: -1, userAgent: "Mozilla/5.0 (Windows NT 6.1; Win64; x64; rv:57.0) Gecko/20100101 Firefox/57.0"),
    Expected(
      path: "iis_w3c/beats_iis_test.log", format: "w3c", line: 17, ip: "10.50.6.188", time: "2018-12-31T12:52:33.000Z", method: "GET",
      path_: "/${#context['xwork.MethodAccessor.denyMethodExecution']=!(#_memberAccess['allowStaticMethodAccess']=true),(@java.lang.Runtime@getRuntime()).exec('ipconfig').waitFor()}.action",
      status: 404, bytes: -1, userAgent: "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; Trident/4.0)"),
    Expected(
      path: "iis_w3c/lnav_w3c.1.log", format: "w3c", line: 7, ip: "64.103.37.2", time: "2001-10-31T08:00:18.000Z", method: "GET",
      path_: "/admin/images/oc_bottomleft.gif", status: 200, bytes: 350, userAgent: "Mozilla/4.5 [en] (WinNT; I)"),
    Expected(
      path: "aws_cloudfront/matomo_amazon_cloudfront_web.log", format: "w3c", line: 3, ip: "192.0.2.10", time: "2014-05-23T01:13:11.000Z",
      method: "GET", path_: "/view/my/file.html", status: 200, bytes: 182,
      userAgent: "Mozilla/5.0%2520(Windows;%2520U;%2520Windows%2520NT%25206.1;%2520de-DE)%2520AppleWebKit/534.17%2520(KHTML,%2520like%2520Gecko)%2520Chrome/10.0.649.0%2520Safari/534.17"),
    Expected(
      path: "ltsv/alp_example_ltsv_access.log", format: "ltsv", line: 1, ip: "", time: "2015-09-05T20:58:05.000Z", method: "POST",
      path_: "/foo/bar", status: 200, bytes: 12, userAgent: "UA1"),
    Expected(
      path: "zeek_http/lnav_bro_http.log", format: "zeek", line: 9, ip: "192.168.2.76", time: "2011-11-03T00:19:26.452Z", method: "GET",
      path_: "/", status: 200, bytes: 109_978, userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.6; rv:7.0.1) Gecko/20100101 Firefox/7.0.1"),
  ]

  @Test(arguments: expectations)
  func realLinesHaveExactFields(_ x: Expected) throws {
    var lines = try RealWorld.lines(x.path)
    if x.stripPrefix { lines = lines.map(RealWorld.stripPrefix) }
    let parser = try #require(FormatCatalog.descriptor(named: x.format)).makeParser()
    let (t, h) = OutcomeTally.run(AnyLineParser(parser), lines: Array(lines.prefix(x.line)), keep: [x.line])
    let e = try #require(t.eventsByLine[x.line])
    #expect(h.string(e.clientIP) == x.ip)
    #expect(e.timestamp.iso8601 == x.time)
    #expect(h.string(e.method) == x.method)
    #expect(e.path == x.path_)
    #expect(e.status == x.status)
    #expect(e.responseBytes == x.bytes)
    #expect(h.string(e.userAgent) == x.userAgent)
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
