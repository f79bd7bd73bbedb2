// Tests/LogForensicsTests/Parsing/Structured/JSONLineParserTests.swift - JSON-lines parser: vendors, escapes and errors.

import Testing
@testable import LogForensics

@Suite struct JSONLineParserTests {
  @Test func caddyNestedRequestAndHeaderArrays() {
    var h = ParserHarness(JSONLineParser())
    let outcome = h.parse(
      #"{"level":"info","ts":1703373474.8155608,"logger":"http.log.access","msg":"handled request","request":{"remote_ip":"10.5.1.1","remote_port":"38574","client_ip":"203.0.113.7","proto":"HTTP/2.0","method":"GET","host":"api.example.org","uri":"/fhir/Patient?name=smith","headers":{"User-Agent":["curl/8.5.0","ignored"],"X-Forwarded-For":["203.0.113.7, 10.0.0.1"]},"tls":{"server_name":"other.example"}},"bytes_read":0,"user_id":"","duration":0.031,"size":5120,"status":200,"resp_headers":{"Server":["Caddy"],"Content-Length":["9"]}}"#)
    #expect(outcome == .event)
    #expect(h.string(h.event.clientIP) == "203.0.113.7")  // client_ip wins over remote_ip
    #expect(h.event.timestamp.iso8601 == "2023-12-23T23:17:54.815Z")
    #expect(h.string(h.event.method) == "GET")
    #expect(h.event.path == "/fhir/Patient")
    #expect(h.event.query == "name=smith")
    #expect(h.string(h.event.httpVersion) == "HTTP/2.0")
    #expect(h.string(h.event.host) == "api.example.org")
    #expect(h.string(h.event.userAgent) == "curl/8.5.0")
    #expect(h.string(h.event.forwardedFor) == "203.0.113.7, 10.0.0.1")
    #expect(h.event.user.isNone)
    #expect(h.event.status == 200)
    #expect(h.event.responseBytes == 5120)
    #expect(h.event.durationMicros == 31_000)
    #expect(h.extra("logger") == "http.log.access")
    #expect(h.extra("request.remote_port") == "38574")
    #expect(h.extra("resp_headers.Server") == nil)
  }

  @Test func traefikPrefersStartUTCAndDownstreamStatus() {
    var h = ParserHarness(JSONLineParser())
    let outcome = h.parse(
      #"{"ClientAddr": "172.20.0.1:52458","ClientHost": "1.2.3.4","ClientUsername":"-","request_User-Agent":"Prometheus/2.40.5","request_Referer":"www.example.com","DownstreamContentSize":15,"DownstreamStatus":"200","Duration":10002425284,"OriginStatus":504,"RequestHost":"localhost","RequestMethod":"GET","RequestPath":"/my/app/auth?id=1234&user=dude","RequestProtocol":"HTTP/1.1","ServiceURL":{"Scheme":"http","User":null,"Host":"apache:80","Path":""},"StartUTC":"2023-08-11T11:39:21.773360139Z","time":"2023-08-11T11:41:25"}"#)
    #expect(outcome == .event)
    #expect(h.string(h.event.clientIP) == "1.2.3.4")
    #expect(h.event.timestamp.iso8601 == "2023-08-11T11:39:21.773Z")
    #expect(!h.event.flags.contains(.zoneAssumed))
    #expect(h.event.status == 200)
    #expect(h.event.responseBytes == 15)
    #expect(h.event.durationMicros == 10_002_425)
    #expect(h.event.path == "/my/app/auth")
    #expect(h.event.query == "id=1234&user=dude")
    #expect(h.string(h.event.host) == "localhost")
    #expect(h.string(h.event.userAgent) == "Prometheus/2.40.5")
    #expect(h.string(h.event.referer) == "www.example.com")
    #expect(h.event.user.isNone)
  }

  @Test(arguments: [
    ("1712790000100000000", "2024-04-10T23:00:00.100Z"),  // ns number
    ("\"1712790000100\"", "2024-04-10T23:00:00.100Z"),  // ms as string
    ("1712790000100123", "2024-04-10T23:00:00.100Z"),  // µs
    ("\"2022-10-30T00:00:02Z\"", "2022-10-30T00:00:02.000Z"),
    ("\"30/Oct/2022:02:00:02 +0200\"", "2022-10-30T00:00:02.000Z"),
  ])
  func cloudflareTimestamps(value: String, iso: String) {
    var h = ParserHarness(JSONLineParser())
    let outcome = h.parse(
      #"{"ClientIP":"87.226.160.250","ClientRequestHost":"www.ripe.net","ClientRequestMethod":"HEAD","ClientRequestURI":"/","EdgeResponseBytes":570,"EdgeResponseStatus":301,"EdgeStartTimestamp":"# + value
        + #","OriginResponseStatus":0,"OriginResponseTime":2500000,"ClientRequestUserAgent":"","ClientRequestProtocol":"HTTP/1.1"}"#)
    #expect(outcome == .event)
    #expect(h.event.timestamp.iso8601 == iso)
    #expect(h.event.status == 301)
    #expect(h.event.durationMicros == 2500)
    #expect(h.event.userAgent.isNone)
    #expect(h.string(h.event.method) == "HEAD")
  }

  @Test func envoyNullsPortsAndMilliseconds() {
    var h = ParserHarness(JSONLineParser())
    let outcome = h.parse(
      #"{":authority":"www.example.com","bytes_received":0,"bytes_sent":121258,"connection_termination_details":null,"downstream_remote_address":"[2001:db8::7]:59292","duration":11,"method":"GET","protocol":"HTTP/2","requested_server_name":null,"response_code":200,"start_time":"2025-12-31T16:37:40.479Z","user-agent":"Mozilla/4.0","x-envoy-origin-path":"/assets/image.webp","x-forwarded-for":"10.0.0.12"}"#)
    #expect(outcome == .event)
    #expect(h.string(h.event.clientIP) == "2001:db8::7")
    #expect(h.event.durationMicros == 11_000)
    #expect(h.event.responseBytes == 121_258)
    #expect(h.event.path == "/assets/image.webp")
    #expect(h.string(h.event.host) == "www.example.com")
    #expect(h.string(h.event.userAgent) == "Mozilla/4.0")
    #expect(h.string(h.event.forwardedFor) == "10.0.0.12")
    #expect(h.event.timestamp.iso8601 == "2025-12-31T16:37:40.479Z")
    #expect(h.extra("requested_server_name") == nil)  // null is absent
    h.parse(#"{"downstream_remote_address":"10.0.0.12:59292","start_time":"2025-12-31T16:37:40.479Z","method":"GET","path":"/"}"#)
    #expect(h.string(h.event.clientIP) == "10.0.0.12")
  }

  @Test func stringEscapesAndSurrogates() {
    var h = ParserHarness(JSONLineParser())
    let outcome = h.parse(
      #"{"time":"2024-01-02T03:04:05Z","request":"GET /a\/b?q=\"x\" HTTP/1.1","status":200,"http_user_agent":"caf\u00e9 \ud83d\ude00 \\ \"q\" \ud800 end\tx","remote_addr":"1.2.3.4"}"#)
    #expect(outcome == .event)
    #expect(h.event.path == "/a/b")
    #expect(h.event.query == "q=\"x\"")
    #expect(h.string(h.event.userAgent) == "café 😀 \\ \"q\" \\ud800 end\tx")
  }

  @Test func numbersAsStringsAndSpacedColons() {
    var h = ParserHarness(JSONLineParser())
    let outcome = h.parse(
      #"{"idsite":1,"ip": "1.2.3.4","host": "www.piwik.org","path": "/piwik.php?idsite=1","status" : "404","referrer": "http://clearcode.cc/","user_agent": "UA","length": "192","generation_time_milli": 0.008,"date": "2013-10-10T16:52:00+02:00"}"#)
    #expect(outcome == .event)
    #expect(h.event.status == 404)
    #expect(h.event.responseBytes == 192)
    #expect(h.event.durationMicros == 8)
    #expect(h.event.timestamp.iso8601 == "2013-10-10T14:52:00.000Z")
    #expect(h.string(h.event.host) == "www.piwik.org")
    #expect(h.extra("idsite") == "1")
  }

  @Test func hostThatIsAnAddressBecomesTheClient() {
    var h = ParserHarness(JSONLineParser())
    h.parse(#"{"time":"2024-10-12T23:14:20+09:00","host":"172.31.7.82","port":46252,"method":"GET","uri":"/initialize","status":"200","body_bytes":0,"ua":"benchmarker","request_time":"0.040"}"#)
    #expect(h.string(h.event.clientIP) == "172.31.7.82")
    #expect(h.event.host.isNone)
    #expect(h.event.durationMicros == 40_000)
    #expect(h.event.timestamp.iso8601 == "2024-10-12T14:14:20.000Z")
  }

  @Test func requestLineVariants() {
    var h = ParserHarness(JSONLineParser())
    #expect(h.parse(#"{"time_local":"10/Oct/2000:13:55:36 -0700","request":"POST /login HTTP/1.0","remote_user":"alice"}"#) == .event)
    #expect(h.string(h.event.method) == "POST")
    #expect(h.string(h.event.httpVersion) == "HTTP/1.0")
    #expect(h.string(h.event.user) == "alice")
    #expect(h.event.timestamp.iso8601 == "2000-10-10T20:55:36.000Z")
    // An empty request (nginx 400) is an event with a warning, not a skip.
    let empty = h.parse(#"{"time_iso8601":"2024-01-02T03:04:05+00:00","request":"","status":400}"#)
    #expect(empty == .eventWithWarning("request '' is not a valid http request line"))
    #expect(h.event.status == 400)
    // request_uri wins for the path; the request line still gives the version.
    h.parse(#"{"msec":"1700000000.250","request":"GET /x?y=1 HTTP/1.1","request_uri":"/x?y=1","args":"y=1"}"#)
    #expect(h.event.path == "/x")
    #expect(h.string(h.event.httpVersion) == "HTTP/1.1")
    #expect(h.string(h.event.method) == "GET")
    #expect(h.event.timestamp.iso8601 == "2023-11-14T22:13:20.250Z")
  }

  @Test func albStyleExport() {
    var h = ParserHarness(JSONLineParser())
    #expect(h.parse(#"{"type":"h2","time":"2026-02-17T08:15:02.123456Z","elb":"app/my-lb/50dc","client_ip":"192.168.131.39","client_port":2817,"target_processing_time":0.001,"elb_status_code":200,"target_status_code":"502","sent_bytes":366,"request_verb":"GET","request_url":"https://api.example.org:443/fhir/Patient/1?_format=json","request_proto":"HTTP/2.0","user_agent":"curl/8.5.0"}"#) == .event)
    #expect(h.event.timestamp.iso8601 == "2026-02-17T08:15:02.123Z")
    #expect(h.string(h.event.clientIP) == "192.168.131.39")
    #expect(h.event.status == 200)
    #expect(h.event.responseBytes == 366)
    #expect(h.event.durationMicros == 1000)
    #expect(h.string(h.event.host) == "api.example.org:443")
    #expect(h.event.path == "/fhir/Patient/1")
    #expect(h.event.query == "_format=json")
    #expect(h.string(h.event.httpVersion) == "HTTP/2.0")
    #expect(h.extra("target_status_code") == "502")
  }

  @Test func objectsWithoutRequestFieldsAreSkipped() {
    var h = ParserHarness(JSONLineParser())
    #expect(h.parse(#"{"level":"info","ts":1761019822.3154097,"msg":"using config from file","file":"/etc/caddy/Caddyfile"}"#) == .skipped("JSON object without request fields"))
    #expect(h.parse(#"{"version":6,"address":"206.251.255.64","timestamp":1446249499322,"requests":{"total":18853899,"current":2},"server_zones":{"hg.nginx.org":{"requests":205543,"responses":{"2xx":179026}}},"upstreams":{"x":[{"server":"10.0.0.1:80","state":"up"}]}}"#) == .skipped("JSON object without request fields"))
    #expect(h.parse("   ") == .skipped("blank line"))
  }

  @Test(arguments: [
    ("1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 2326", "invalid json at byte 0: expected '{' (a JSON object), found '1'"),
    (#"{"method":"GET","uri":"/a",}"#, "invalid json at byte 27: expected '\"', found '}'"),
    (#"{"method":"GET" "uri":"/a"}"#, "invalid json at byte 16: expected ',' or '}', found '\"'"),
    (#"{"method":"GET","uri":"/a"} trailing"#, "invalid json at byte 28: expected end of line after the object, found 't'"),
    (#"{"method":"GET","status":20x}"#, "invalid json at byte 27: expected ',' or '}', found 'x'"),
    (#"{"method":"GET","ok":tru}"#, "invalid json at byte 21: expected a value, found 't'"),
    (#"{"method":"GET","uri":"/a"#, "invalid json at byte 22: expected a closing '\"' for the string starting here, found end of line"),
  ])
  func malformedLinesAreRejectedWithOffset(line: String, reason: String) {
    var h = ParserHarness(JSONLineParser())
    #expect(h.parse(line) == .rejected(reason))
  }

  @Test func requestWithoutTimeIsRejected() {
    var h = ParserHarness(JSONLineParser())
    #expect(h.parse(#"{"method":"GET","uri":"/a"}"#) == .rejected("json request has no time field (time, timestamp, ts, start_time, StartUTC, …)"))
    #expect(h.parse(#"{"method":"GET","uri":"/a","time":"yesterday"}"#) == .rejected("time value 'yesterday' is not ISO-8601, CLF or an epoch number"))
  }

  @Test func credentialsAreNotKeptAsExtras() {
    var h = ParserHarness(JSONLineParser())
    h.parse(#"{"ts":1700000000,"method":"GET","uri":"/","http_cookie":"sid=secret","authorization":"Bearer abc","request_id":"r1"}"#)
    #expect(h.extra("http_cookie") == nil)
    #expect(h.extra("authorization") == nil)
    #expect(h.extra("request_id") == "r1")
  }

  @Test func unescapeHandlesEveryEscape() {
    var out: [UInt8] = []
    Array(#"a\"b\\c\/d\n\u0041\u00e9\u20ac\ud83d\ude00\udc00\x41"#.utf8).withUnsafeBytes { JSONScanner.unescape($0, into: &out) }
    #expect(String(decoding: out, as: UTF8.self) == "a\"b\\c/d\nAé€😀\\udc00\\x41")
  }
}
