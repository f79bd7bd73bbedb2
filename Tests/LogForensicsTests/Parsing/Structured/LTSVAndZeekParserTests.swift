// Tests/LogForensicsTests/Parsing/Structured/LTSVAndZeekParserTests.swift - LTSV and Zeek http.log parsers.

import Testing
@testable import LogForensics

@Suite struct LTSVLineParserTests {
  @Test func fullRecord() {
    var h = ParserHarness(LTSVLineParser())
    let outcome = h.parse(
      "time:[17/Feb/2026:09:15:02 +0100]\thost:203.0.113.7\tforwardedfor:10.0.0.1\tuser:alice\treq:GET /fhir/Patient/123?x=1 HTTP/1.1\tstatus:200\tsize:5120\treferer:-\tua:curl/8.5.0\tvhost:api.example.org\treqtime:0.031\tapptime:0.020\tcache:MISS")
    #expect(outcome == .event)
    #expect(h.event.timestamp.iso8601 == "2026-02-17T08:15:02.000Z")
    #expect(h.string(h.event.clientIP) == "203.0.113.7")
    #expect(h.string(h.event.forwardedFor) == "10.0.0.1")
    #expect(h.string(h.event.user) == "alice")
    #expect(h.string(h.event.method) == "GET")
    #expect(h.event.path == "/fhir/Patient/123")
    #expect(h.event.query == "x=1")
    #expect(h.string(h.event.httpVersion) == "HTTP/1.1")
    #expect(h.event.status == 200)
    #expect(h.event.responseBytes == 5120)
    #expect(h.event.referer.isNone)
    #expect(h.string(h.event.userAgent) == "curl/8.5.0")
    #expect(h.string(h.event.host) == "api.example.org")
    #expect(h.event.durationMicros == 31_000)  // reqtime wins over apptime
    #expect(h.extra("cache") == "MISS")
  }

  @Test func separateMethodAndURIWithISOTime() {
    var h = ParserHarness(LTSVLineParser())
    #expect(h.parse("time:2015-09-06T05:58:05+09:00\tmethod:POST\turi:/foo/bar?token=xxx&uuid=1234\tstatus:200\tsize:12\tapptime:0.057\tua:UA1") == .event)
    #expect(h.event.timestamp.iso8601 == "2015-09-05T20:58:05.000Z")
    #expect(h.string(h.event.method) == "POST")
    #expect(h.event.path == "/foo/bar")
    #expect(h.event.durationMicros == 57_000)
  }

  @Test func rejectsWhatIsNotLTSV() {
    var h = ParserHarness(LTSVLineParser())
    #expect(h.parse(#"1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 2326"#)
      == .rejected("field '1.2.3.4 - - [10/Oct/2000:13:55:36 -0700]' is not label:value"))
    #expect(h.parse(#"{"time":"2024-01-01T00:00:00Z"}"#) == .rejected(#"field '{"time":"2024-01-01T00:00:00Z"}' is not label:value"#))
    #expect(h.parse("time:2015-09-06T05:58:05+09:00\tstatus:200") == .skipped("LTSV record without request fields"))
    #expect(h.parse("method:GET\turi:/") == .rejected("ltsv record has no time label"))
    #expect(h.parse("time:soon\tmethod:GET\turi:/") == .rejected("time 'soon' is not CLF, ISO-8601 or an epoch number"))
    #expect(h.parse("time:1700000000\tmethod:GET\turi:/\tstatus:2xx") == .rejected("status '2xx' is not a number"))
  }
}

@Suite struct ZeekHTTPLineParserTests {
  static let header = """
    #separator \\x09
    #set_separator\t,
    #empty_field\t(empty)
    #unset_field\t-
    #path\thttp
    #fields\tts\tuid\tid.orig_h\tid.orig_p\tmethod\thost\turi\treferrer\tversion\tuser_agent\tresponse_body_len\tstatus_code\ttags\tusername\tpassword
    #types\ttime\tstring\taddr\tport\tstring\tstring\tstring\tstring\tstring\tstring\tcount\tcount\tset[enum]\tstring\tstring
    """

  @Test func httpRecord() {
    var h = ParserHarness(ZeekHTTPLineParser())
    let last = h.parseLines(Self.header + "\n" + "1320279566.452687\tCwFs1P2UcUdlSxD2La\t192.168.2.76\t52026\tGET\twww.reddit.com\t/r/x?q=\\x09y\thttp://ref/\t1.1\tMozilla/5.0 (Macintosh)\t109978\t200\t(empty)\tbob\thunter2")
    #expect(last == .event)
    #expect(h.event.timestamp.iso8601 == "2011-11-03T00:19:26.452Z")
    #expect(h.string(h.event.clientIP) == "192.168.2.76")
    #expect(h.string(h.event.method) == "GET")
    #expect(h.string(h.event.host) == "www.reddit.com")
    #expect(h.event.path == "/r/x")
    #expect(h.event.query == "q=\\x09y")
    #expect(h.string(h.event.referer) == "http://ref/")
    #expect(h.string(h.event.httpVersion) == "HTTP/1.1")
    #expect(h.string(h.event.userAgent) == "Mozilla/5.0 (Macintosh)")
    #expect(h.event.responseBytes == 109_978)
    #expect(h.event.status == 200)
    #expect(h.string(h.event.user) == "bob")
    #expect(h.extra("uid") == "CwFs1P2UcUdlSxD2La")
    #expect(h.extra("tags") == nil)  // (empty)
    #expect(h.event.extras.allSatisfy { $0.value != "hunter2" })
  }

  @Test func unsetValuesAndMalformedLines() {
    var h = ParserHarness(ZeekHTTPLineParser())
    #expect(h.parse("1320279566.452687\tC1") == .rejected("no #fields directive before data"))
    h.parseLines(Self.header)
    #expect(h.parse("1320279566.452687\tC1\t10.0.0.1\t5\tGET\t-\t/\t-\t-\t-\t0\t-\t(empty)\t-\t-") == .event)
    #expect(h.event.status == 0)
    #expect(h.event.host.isNone)
    #expect(h.event.httpVersion.isNone)
    #expect(h.parse("1320279566.452687\tC1\t10.0.0.1") == .rejected("line has 3 columns but #fields lists 15"))
    #expect(h.parse("yesterday\tC1\t10.0.0.1\t5\tGET\t-\t/\t-\t-\t-\t0\t-\t(empty)\t-\t-") == .rejected("ts 'yesterday' is not an epoch time"))
    #expect(h.parse("#close\t2017-04-16-21-36-10") == .skipped("zeek directive"))
    var conn = ParserHarness(ZeekHTTPLineParser())
    conn.parseLines("#separator \\x09\n#fields\tts\tuid\tid.orig_h")
    #expect(conn.parse("1320279566.452687\tC1\t10.0.0.1") == .rejected("zeek #fields has no method or uri column (not an http.log)"))
  }
}
