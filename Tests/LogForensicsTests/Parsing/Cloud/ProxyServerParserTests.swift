// Tests/Parsing/Cloud/ProxyServerParserTests.swift - HAProxy, IIS native, uWSGI and Zoraxy parsers, field by field.

import Testing

@testable import LogForensics

@Suite struct ProxyServerParserTests {
  static let haproxyLine =
    #"Feb 25 16:19:49 192.168.4.2 haproxy[7]: 141.35.244.171:53332 [25/Feb/2019:16:19:48.143] prod_http_in~ bk_admin/nginx_sonst 0/0/7/1457/1487 200 11394 - - ---- 2/1/0/0/0 0/0 {Mozilla/5.0 (Windows NT 6.1)|x} {} "GET /admin/colt?survey=130 HTTP/1.1""#

  @Test func haproxySyslogLineWithCapturedHeaders() {
    let r = CloudTest.parse(HAProxyParser(), Self.haproxyLine)
    #expect(r.outcome == .event)
    #expect(r.string(r.event.clientIP) == "141.35.244.171")
    #expect(r.event.timestamp.iso8601 == "2019-02-25T16:19:48.143Z")
    #expect(r.event.flags.contains(.zoneAssumed))
    #expect(r.string(r.event.method) == "GET")
    #expect(r.event.path == "/admin/colt")
    #expect(r.event.query == "survey=130")
    #expect(r.event.status == 200)
    #expect(r.event.responseBytes == 11394)
    #expect(r.event.durationMicros == 1_487_000)
    #expect(r.extra("frontend") == "prod_http_in~")
    #expect(r.extra("backend") == "bk_admin")
    #expect(r.extra("server") == "nginx_sonst")
    #expect(r.extra("termination_state") == "----")
    #expect(r.extra("captured_request_headers") == "Mozilla/5.0 (Windows NT 6.1)|x")
    #expect(r.extra("captured_response_headers") == "")
  }

  @Test func haproxyBareLineDashClientAndCustomField() {
    let bare =
      #"117.136.40.129:14853 [14/Jan/2015:12:48:57.127] https-in~ xx/node 170/0/0/3/+173 404 739 - - --NN 0/0/0/0/0 0/0 "POST /x HTTP/1.1""#
    let r = CloudTest.parse(HAProxyParser(), bare)
    #expect(r.outcome == .event)
    #expect(r.string(r.event.clientIP) == "117.136.40.129")
    #expect(r.event.status == 404)
    #expect(r.event.durationMicros == 173_000)
    let beats =
      #"May 22 02:22:22 server1 haproxy[5089]: -:22222 [22/May/2021:02:22:22.222] www-https~ myapp/node2 site.domain.com 0/0/0/18/18 200 200 - - ---- 222/222/2/0/0 0/0 "OPTIONS /api/v2/app/ HTTP/1.1""#
    let b = CloudTest.parse(HAProxyParser(), beats)
    #expect(b.outcome == .event)
    #expect(b.event.clientIP.isNone)
    #expect(b.string(b.event.method) == "OPTIONS")
    #expect(b.extra("custom_field") == "site.domain.com")
    #expect(b.event.timestamp.iso8601 == "2021-05-22T02:22:22.222Z")
  }

  @Test func haproxyOtherSyslogPrefixes() {
    let body = String(Self.haproxyLine.drop { $0 != "]" }.dropFirst(3))
    for prefix in ["<134>Feb 25 16:19:49 lb haproxy[7]: ", "2019-02-25T16:19:49.001+01:00 lb haproxy[7]: "] {
      let r = CloudTest.parse(HAProxyParser(), prefix + body)
      #expect(r.outcome == .event, "\(prefix)")
      #expect(r.string(r.event.clientIP) == "141.35.244.171")
      #expect(r.event.timestamp.iso8601 == "2019-02-25T16:19:48.143Z")
    }
  }

  @Test func haproxySkipsNoiseAndRejectsOtherFormats() {
    let p = HAProxyParser()
    #expect(
      CloudTest.parse(p, "Feb 25 16:19:38 192.168.4.2 haproxy[1]: Proxy prod_http_in started.").outcome
        == .skipped("syslog message is not an haproxy request log"))
    #expect(
      CloudTest.parse(p, "Feb  6 12:14:14 lb haproxy[14389]: Server static/srv1 is DOWN, reason: Layer4 timeout")
        .outcome == .skipped("syslog message is not an haproxy request log"))
    #expect(
      CloudTest.parse(p, "95.216.197.33:56224 [25/Feb/2019:16:20:10.111] prod_http_in/sktst2: SSL handshake failure")
        .outcome == .skipped("haproxy connection message: 'SSL handshake failure'"))
    #expect(
      CloudTest.parse(p, "10.0.0.1:4000 [06/Feb/2009:12:12:51.443] fnt bck/srv1 0/0/5007 212 -- 0/0/0/0/3 0/0").outcome
        == .skipped("haproxy tcp-mode log line (no HTTP request)"))
    let clf = #"127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /a HTTP/1.0" 200 2326"#
    #expect(
      CloudTest.parse(p, clf).outcome
        == .rejected("not an haproxy log line: expected 'client:port [accept_date]', found '\(clf.prefix(60))…'"))
    let badTimers = Self.haproxyLine.replacingOccurrences(of: "0/0/7/1457/1487", with: "0/0/7")
    #expect(CloudTest.parse(p, badTimers).outcome == .rejected("timers '0/0/7' are not Tq/Tw/Tc/Tr/Ta"))
    let noTimers = Self.haproxyLine.replacingOccurrences(of: "0/0/7/1457/1487", with: "fast")
    #expect(CloudTest.parse(p, noTimers).outcome == .rejected("no Tq/Tw/Tc/Tr/Ta timers after backend/server"))
    let truncated = String(Self.haproxyLine.dropLast(10))
    #expect(
      CloudTest.parse(p, truncated).outcome == .eventWithWarning("request has no closing quote (truncated by haproxy)"))
  }

  @Test func iisNativeFields() {
    let line =
      "192.168.114.201, -, 03/20/01, 7:55:20, W3SVC2, SERVER, 172.21.13.45, 4502, 163, 3223, 200, 0, GET, /DeptLogo.gif, id=3,"
    let r = CloudTest.parse(IISNativeParser(), line)
    #expect(r.outcome == .event)
    #expect(r.string(r.event.clientIP) == "192.168.114.201")
    #expect(r.event.user.isNone)
    #expect(r.event.timestamp.iso8601 == "2001-03-20T07:55:20.000Z")
    #expect(r.event.flags.contains(.zoneAssumed))
    #expect(r.string(r.event.method) == "GET")
    #expect(r.event.path == "/DeptLogo.gif")
    #expect(r.event.query == "id=3")
    #expect(r.event.status == 200)
    #expect(r.event.responseBytes == 3223)
    #expect(r.event.durationMicros == 4_502_000)
    #expect(r.extra("service") == "W3SVC2")
    let y98 = line.replacingOccurrences(of: "03/20/01, 7:55:20", with: "12/31/98, 23:59:59")
    #expect(CloudTest.parse(IISNativeParser(), y98).event.timestamp.iso8601 == "1998-12-31T23:59:59.000Z")
    #expect(
      CloudTest.parse(IISNativeParser(), String(line.dropLast())).outcome
        == .rejected("line does not end with ',' as IIS native lines do"))
    let short = "1.2.3.4, -, 03/20/01, 7:55:20, W3SVC2,"
    #expect(
      CloudTest.parse(IISNativeParser(), short).outcome == .rejected("expected 15 comma-separated fields, found 6"))
    let badDate = line.replacingOccurrences(of: "03/20/01", with: "2001-03-20")
    #expect(
      CloudTest.parse(IISNativeParser(), badDate).outcome
        == .rejected("date/time '2001-03-20' '7:55:20' is not MM/DD/YY H:MM:SS"))
  }

  @Test func uwsgiFields() {
    let line =
      "[pid: 88185|app: 0|req: 1/1] 127.0.0.1 (alice) {38 vars in 696 bytes} [Sun Mar  6 22:49:12 2016] POST /update_metrics?x=1 => generated 47 bytes in 129 msecs (HTTP/1.1 200) 9 headers in 378 bytes (1 switches on core 3)"
    let r = CloudTest.parse(UWSGIParser(), line)
    #expect(r.outcome == .event)
    #expect(r.string(r.event.clientIP) == "127.0.0.1")
    #expect(r.string(r.event.user) == "alice")
    #expect(r.event.timestamp.iso8601 == "2016-03-06T22:49:12.000Z")
    #expect(r.event.flags.contains(.zoneAssumed))
    #expect(r.string(r.event.method) == "POST")
    #expect(r.event.path == "/update_metrics")
    #expect(r.event.query == "x=1")
    #expect(r.string(r.event.httpVersion) == "HTTP/1.1")
    #expect(r.event.status == 200)
    #expect(r.event.responseBytes == 47)
    #expect(r.event.durationMicros == 129_000)
    let micros = line.replacingOccurrences(of: "129 msecs", with: "68 micros").replacingOccurrences(
      of: "(alice)", with: "()")
    let m = CloudTest.parse(UWSGIParser(), micros)
    #expect(m.event.durationMicros == 68)
    #expect(m.event.user.isNone)
    #expect(
      CloudTest.parse(UWSGIParser(), "*** Starting uWSGI 2.0.12 ***").outcome
        == .rejected("not a uwsgi request line: expected '[pid: …]', found '*** Starting uWSGI 2.0.12 ***'"))
    let badUnit = line.replacingOccurrences(of: "129 msecs", with: "129 hours")
    #expect(
      CloudTest.parse(UWSGIParser(), badUnit).outcome
        == .rejected(
          "expected 'generated N bytes in N msecs|micros' in ' => generated 47 bytes in 129 hours (HTTP/1.1 200) 9 headers…'"
        ))
  }

  @Test func zoraxyFields() {
    let line =
      "2025/05/01 07:57:03 [2025-05-01 07:57:03.150624] [router:host-http] [origin:test.com] [client: 192.168.1.1] [useragent: Mozilla/5.0 [en] (Windows NT 10.0)] POST /xmlrpc.php?a=1 404"
    let r = CloudTest.parse(ZoraxyParser(), line)
    #expect(r.outcome == .event)
    #expect(r.string(r.event.clientIP) == "192.168.1.1")
    #expect(r.event.timestamp.iso8601 == "2025-05-01T07:57:03.150Z")
    #expect(r.event.flags.contains(.zoneAssumed))
    #expect(r.string(r.event.host) == "test.com")
    #expect(r.string(r.event.userAgent) == "Mozilla/5.0 [en] (Windows NT 10.0)")
    #expect(r.string(r.event.method) == "POST")
    #expect(r.event.path == "/xmlrpc.php")
    #expect(r.event.query == "a=1")
    #expect(r.event.status == 404)
    #expect(r.extra("router") == "host-http")
    #expect(
      CloudTest.parse(ZoraxyParser(), "2025/05/01 07:57:03 [2025-05-01 07:57:03.150624] [system:info] Zoraxy started")
        .outcome == .skipped("zoraxy message is not a request log"))
    let badStatus = String(line.dropLast(4)) + " 4O4"
    #expect(CloudTest.parse(ZoraxyParser(), badStatus).outcome == .rejected("status '4O4' is not a status"))
  }
}
