// Parsing/CLFParserTests.swift - the hand-written common / combined / vhost-combined parsers.

import Testing
@testable import LogForensics

@Suite struct CLFParserTests {
  let combined = { CLFParser(.combined) as any LineParser }
  let common = { CLFParser(.common) as any LineParser }
  let vhost = { CLFParser(.vhostCombined) as any LineParser }

  @Test func combinedLineFillsEveryField() {
    let p = parseLine(combined, #"203.0.113.7 - alice [10/Oct/2000:13:55:36 -0700] "GET /fhir/Patient/123?_format=json HTTP/1.1" 200 2326 "http://example.com/start" "Mozilla/4.08 [en] (Win98; I ;Nav)""#)
    #expect(p.outcome == .event)
    #expect(p.clientIP == "203.0.113.7")
    #expect(p.user == "alice")
    #expect(p.time == "2000-10-10T20:55:36.000Z")
    #expect(p.method == "GET")
    #expect(p.event.path == "/fhir/Patient/123")
    #expect(p.event.query == "_format=json")
    #expect(p.httpVersion == "HTTP/1.1")
    #expect(p.event.status == 200)
    #expect(p.event.responseBytes == 2326)
    #expect(p.referer == "http://example.com/start")
    #expect(p.userAgent == "Mozilla/4.08 [en] (Win98; I ;Nav)")
    #expect(p.event.extras.isEmpty)
    #expect(!p.event.flags.contains(.zoneAssumed))
  }

  @Test func combinedAcceptsCommonLinesAndDashes() {
    let p = parseLine(combined, #"::1 - - [26/Dec/2016:16:16:48 +0200] "-" 408 -"#)
    #expect(p.outcome == .eventWithWarning("request is not an HTTP request line"))
    #expect(p.clientIP == "::1")
    #expect(p.user == "")
    #expect(p.event.status == 408)
    #expect(p.event.responseBytes == -1)
    #expect(p.event.rawRequest == "-")
    #expect(p.event.flags.contains(.invalidRequestLine))
  }

  @Test func dashInEveryField() {
    let p = parseLine(combined, #"- - - [10/Oct/2023:13:55:36 +0000] "GET /x HTTP/1.1" - - "-" "-" "-""#)
    #expect(p.outcome == .event)
    #expect(p.event.clientIP.isNone)
    #expect(p.event.user.isNone)
    #expect(p.event.status == 0)
    #expect(p.event.responseBytes == -1)
    #expect(p.event.referer.isNone)
    #expect(p.event.userAgent.isNone)
    #expect(p.event.forwardedFor.isNone)
    #expect(p.extra("extra1") == "-")
    #expect(p.extra("ident") == nil)
  }

  @Test func emptyRequestAndTLSHandshakeAreWarnings() {
    let empty = parseLine(combined, #"127.0.0.1 - - [12/Apr/2018:09:48:40 +0200] "" 400 0 "-" "-""#)
    #expect(empty.outcome == .eventWithWarning("request is not an HTTP request line"))
    #expect(empty.event.rawRequest == "")
    let tls = parseLine(combined, #"1.2.3.4 - - [17/Oct/2023:05:57:49 +1100] "\x16\x03\x01\x01 \x02" 400 226 "-" "-""#)
    #expect(tls.outcome == .eventWithWarning("request is not an HTTP request line"))
    #expect(tls.event.rawRequest == #"\x16\x03\x01\x01 \x02"#)
    #expect(tls.event.status == 400)
    #expect(tls.time == "2023-10-16T18:57:49.000Z")
  }

  @Test func escapedQuotesAndBackslashesAreUnescaped() {
    let p = parseLine(combined, #"1.2.3.4 - - [23/Jul/2024:00:00:36 +0000] "GET /?q=md5(\"hi\")&p=a\\b HTTP/1.1" 200 1 "-" "say \"hi\"""#)
    #expect(p.outcome == .event)
    #expect(p.event.query == #"q=md5("hi")&p=a\b"#)
    #expect(p.userAgent == #"say "hi""#)
  }

  @Test func invalidUTF8BytesAreKeptVisible() {
    var bytes = Array(#"1.2.3.4 - theuser [10/Feb/2012:16:42:07 -0500] "GET /"#.utf8)
    bytes += [0xAC, 0xB0, 0xA8]
    bytes += Array(#" HTTP/1.0" 301 368 "-" "UA""#.utf8)
    var parser = CLFParser(.combined)
    let p = parseLine(&parser, bytes: bytes)
    #expect(p.outcome == .event)
    #expect(p.event.path == #"/\xAC\xB0\xA8"#)
  }

  @Test func ipv6AndHostnameClients() {
    let v6 = parseLine(combined, #"2001:db8::8a2e:370:7334 - - [10/Oct/2023:13:55:36 +0000] "GET / HTTP/2.0" 200 5 "-" "-""#)
    #expect(v6.clientIP == "2001:db8::8a2e:370:7334")
    let host = parseLine(combined, #"monitoring-server - - [29/May/2017:19:02:48 +0000] "GET /status HTTP/1.1" 200 612 "-" "UA" "-""#)
    #expect(host.clientIP == "monitoring-server")
    #expect(host.extra("extra1") == "-")
  }

  @Test func forwardedForListsAsClient() {
    let list = parseLine(combined, #"10.0.0.2, 10.0.0.1, 127.0.0.1 - - [07/Dec/2016:11:05:07 +0100] "GET /ocelot HTTP/1.1" 200 571 "-" "UA""#)
    #expect(list.outcome == .event)
    #expect(list.clientIP == "10.0.0.2")
    #expect(list.forwardedFor == "10.0.0.2, 10.0.0.1, 127.0.0.1")
    let quoted = parseLine(combined, #""10.5.102.222, 199.96.1.1, 204.246.1.1" 10.2.1.185 - - [22/Jan/2016:13:18:29 +0000] "GET /assets/xxxx?q=100 HTTP/1.1" 200 25507 "-" "Amazon CloudFront""#)
    #expect(quoted.clientIP == "10.2.1.185")
    #expect(quoted.forwardedFor == "10.5.102.222, 199.96.1.1, 204.246.1.1")
    let listThenAddr = parseLine(combined, #"2a03:0000:10ff:f00f:0000:0000:0:8000, 10.225.192.17 10.2.2.121 - - [30/Dec/2016:06:47:09 +0000] "GET /test.html HTTP/1.1" 404 8571 "-" "UA""#)
    #expect(listThenAddr.clientIP == "10.2.2.121")
    #expect(listThenAddr.forwardedFor == "2a03:0000:10ff:f00f:0000:0000:0:8000, 10.225.192.17")
  }

  @Test func nginxTrailingFields() {
    let p = parseLine(combined, #"203.0.113.7 - - [10/Oct/2023:13:55:36 +0000] "GET /api/patients?page=2 HTTP/1.1" 200 2326 "-" "python-requests/2.31" "198.51.100.4, 10.0.0.1" rt=0.042 uid="u 42" 0.017"#)
    #expect(p.outcome == .event)
    #expect(p.forwardedFor == "198.51.100.4, 10.0.0.1")
    #expect(p.extra("extra1") == "198.51.100.4, 10.0.0.1")
    #expect(p.extra("rt") == "0.042")
    #expect(p.extra("uid") == "u 42")
    #expect(p.extra("extra2") == "0.017")
    #expect(p.event.durationMicros == 42_000)
  }

  @Test func userFieldOptionTurnsUidIntoUser() {
    var parser = CLFParser(.combined)
    let symbols = SymbolTable()
    var b = EventBuilder(symbols: symbols, options: .init(userField: "uid"))
    let line = Array(#"1.2.3.4 - - [10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "-" uid=42"#.utf8)
    let outcome = line.withUnsafeBytes { parser.parse($0, into: &b) }
    b.finish()
    #expect(outcome == .event)
    #expect(symbols.string(b.event.user) == "42")
  }

  @Test func traefikTrailingFields() {
    let p = parseLine(combined, #"172.17.0.1 - - [08/Dec/2021:09:16:05 +0000] "GET /upload.asp?test=toto HTTP/1.1" 200 405 "-" "-" 502 "test@docker" "http://172.17.0.3:80" 12ms"#)
    #expect(p.outcome == .event)
    #expect(p.extraNames == ["extra1", "extra2", "extra3", "extra4"])
    #expect(p.extra("extra2") == "test@docker")
    #expect(p.event.durationMicros == 12_000)
    #expect(p.forwardedFor == "")
  }

  @Test func isoTimeWithoutZoneAndCountryIdent() {
    let p = parseLine(combined, #"192.168.104.36 CH - [2015-05-20 12:53:11.139981] "GET /EMail/login.aspx HTTP/1.1" 200 7362 "-" "UA" www.example.com"#)
    #expect(p.outcome == .event)
    #expect(p.time == "2015-05-20T12:53:11.139Z")
    #expect(p.event.timestamp.microseconds % 1_000_000 == 139_981)
    #expect(p.event.flags.contains(.zoneAssumed))
    #expect(p.extra("ident") == "CH")
    #expect(p.extra("extra1") == "www.example.com")
  }

  @Test func isoTimeWithZone() {
    let spaced = parseLine(combined, #"1.2.3.4 - - [2019-01-31 10:00:00.5 +0100] "GET / HTTP/1.1" 200 1"#)
    #expect(spaced.outcome == .event)
    #expect(spaced.time == "2019-01-31T09:00:00.500Z")
    #expect(!spaced.event.flags.contains(.zoneAssumed))
    let attached = parseLine(combined, #"1.2.3.4 - - [2019-01-31T10:00:00Z] "GET / HTTP/1.1" 200 1"#)
    #expect(attached.time == "2019-01-31T10:00:00.000Z")
    #expect(!attached.event.flags.contains(.zoneAssumed))
  }

  @Test func combinedToleratesLeadingVhost() {
    let p = parseLine(combined, #"lessons.example.com 192.168.0.1 - - [09/Jun/2020:12:10:39 -0700] "GET /a.mp4 HTTP/1.1" 206 7648063 "-" "UA""#)
    #expect(p.outcome == .event)
    #expect(p.host == "lessons.example.com")
    #expect(p.clientIP == "192.168.0.1")
    let bad = parseLine(combined, #"alpha beta - - [09/Jun/2020:12:10:39 -0700] "GET / HTTP/1.1" 200 1 "-" "UA""#)
    #expect(bad.outcome == .rejected("unexpected fields before ident: 'alpha beta'"))
  }

  @Test func vhostCombinedRequiresVhost() {
    let p = parseLine(vhost, #"neutralbank.app:443 200.25.27.118 - - [23/Jul/2024:00:00:36 +0000] "GET / HTTP/1.1" 200 6383 "-" "PRTG""#)
    #expect(p.outcome == .event)
    #expect(p.host == "neutralbank.app")
    #expect(p.extra("port") == "443")
    #expect(p.clientIP == "200.25.27.118")
    let plain = parseLine(vhost, #"200.25.27.118 - - [23/Jul/2024:00:00:36 +0000] "GET / HTTP/1.1" 200 6383 "-" "PRTG""#)
    #expect(plain.outcome == .rejected("no virtual-host field before the client address '200.25.27.118'"))
  }

  @Test func vhostCombinedReadsGandiDuration() {
    let p = parseLine(vhost, #"www.example.com 1.2.3.4 - theuser [10/Feb/2012:16:42:07 -0500] (3 s) "GET / HTTP/1.1" 301 368 "-" "UA""#)
    #expect(p.outcome == .event)
    #expect(p.event.durationMicros == 3_000_000)
    #expect(p.host == "www.example.com")
    #expect(p.user == "theuser")
    let common = parseLine(vhost, #"www.example.com 1.2.3.4 - theuser [10/Feb/2012:16:42:07 -0500] "GET / HTTP/1.0" 301 368"#)
    #expect(common.outcome == .event)
  }

  @Test func commonRejectsTrailingFieldsAndVhost() {
    let ok = parseLine(common, #"1.2.3.4 - theuser [10/Feb/2012:16:42:07 -0500] "GET / HTTP/1.0" 301 368"#)
    #expect(ok.outcome == .event)
    #expect(ok.time == "2012-02-10T21:42:07.000Z")
    let comb = parseLine(common, #"1.2.3.4 - - [10/Feb/2012:16:42:07 -0500] "GET / HTTP/1.0" 301 368 "-" "UA""#)
    #expect(comb.outcome == .rejected(#"trailing field after the response size (not common log format): '"-" "UA"'"#))
    let vh = parseLine(common, #"www.example.com 1.2.3.4 - theuser [10/Feb/2012:16:42:07 -0500] "GET / HTTP/1.0" 301 368"#)
    #expect(vh.outcome == .rejected("unexpected field before the client address (not common log format): 'www.example.com 1.2.3.4'"))
  }

  @Test func brokenLinesHavePreciseReasons() {
    let cases: [(String, String)] = [
      (#"192.168.202.254 [20/Jul/2009:22:59:29 +0000] "GET / HTTP/1.0" 404 46210 "-" "gPXE/0.9.7""#,
       "expected 'host ident user' before the time, found '192.168.202.254'"),
      (#"192.168.1.1 - [08/Jun/2020:08:04:43 +0000] "GET /api/test HTTP/1.1" 200 100 "-" "curl/7.68.0""#,
       "expected 'host ident user' before the time, found '192.168.1.1 -'"),
      (#"85.181.35.98 - - [02/Oct/2017:20:22:08 +0000] "GET /x HTTP/1.1" 304 0 "-" "UA" 271 "Host-host1 "http://172.19.0.3:5601" 3ms"#,
       #"missing space after the quoted field '"Host-host1 "' before 'http://172.19.0.3:5601"'"#),
      (#"1.2.3.4 - - [10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-"1"#,
       "missing space after the referer field before '1'"),
      (#"1.2.3.4 - - [10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1 200 1"#,
       #"unbalanced quote in request field '"GET / HTTP/1.1 200 1'"#),
      (#"1.2.3.4 - - [10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1" OK 1"#, "status 'OK' is not a number"),
      (#"1.2.3.4 - - [10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1" 200"#, "missing response size after status"),
      (#"1.2.3.4 - - [10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1" 200 12k"#, "response size '12k' is not a number"),
      (#"1.2.3.4 - - [February - 10, 2012:16:42:07] "GET / HTTP/1.0" 301 368"#,
       "time '[February - 10, 2012:16:42:07]' is not a CLF or ISO-8601 timestamp"),
      (#"1.2.3.4 - - [10/Oct/2023:13:55:36 +0000] GET / HTTP/1.1 200 1"#, "request field does not start with a quote: 'GET'"),
      (#"1.2.3.4 - - "GET / HTTP/1.1" 200 1"#, #"no '[time]' field in '1.2.3.4 - - "GET / HTTP/1.1" 200 1'"#),
      (#"1.2.3.4 - - [10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" UA"#, "user-agent field is not quoted: 'UA'"),
    ]
    for (line, reason) in cases {
      #expect(parseLine(combined, line).outcome == .rejected(reason), "\(line)")
    }
  }

  @Test func otherLogKindsAreSkipped() {
    #expect(parseLine(combined, "2022-06-08 22:49:20.774649 [NOTICE] [1226033] [STDERR] Failed Login").outcome
      == .skipped("not an access-log line: starts with the date '2022-06-08 22:49:20.774649'"))
    #expect(parseLine(combined, "[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6").outcome
      == .skipped("not an access-log line: starts with '[Sun Dec 04 04:47:44 2005]' like an error log"))
    #expect(parseLine(combined, #"2021/12/01 13:53:33 [error] 31#31: *46 "/usr/share/nginx/html/x" is not found"#).outcome
      == .skipped("not an access-log line: starts with the date '2021/12/01 13:53:33'"))
    #expect(parseLine(combined, "Mar 24 14:02:51 bigproduct-web1 automount[7999]: lookup(file): failed").outcome
      == .skipped("not an access-log line: starts with the syslog time 'Mar 24 14:02:51'"))
    #expect(parseLine(combined, #"{"ts":1761019822.31,"msg":"x","list": [1]}"#).outcome
      == .skipped("not an access-log line: starts with '{' (JSON)"))
    #expect(parseLine(combined, "").outcome == .skipped("empty line"))
    #expect(parseLine(combined, "# Request with invalid length").outcome == .skipped("comment line"))
  }

  @Test func unescapedQuoteInsideRequestIsTolerated() {
    let p = parseLine(combined, #"1.2.3.4 - - [10/Oct/2023:13:55:36 +0000] "GET /a"b HTTP/1.1" 200 1 "-" "UA""#)
    #expect(p.outcome == .event)
    #expect(p.event.path == #"/a"b"#)
    #expect(p.userAgent == "UA")
  }
}
