// Tests/LogForensicsTests/Parsing/Structured/W3CLineParserTests.swift - W3C/IIS parser: directives, layouts, quoting.

import Testing
@testable import LogForensics

@Suite struct W3CLineParserTests {
  @Test func iisLineWithPlusInUserAgent() {
    var h = ParserHarness(W3CLineParser())
    let last = h.parseLines("""
      #Software: Microsoft Internet Information Services 10.0
      #Version: 1.0
      #Date: 2018-01-01 08:09:10
      #Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status sc-bytes time-taken
      2018-01-01 08:09:10 127.0.0.1 GET /fhir/Patient/12 _format=json 80 DOMAIN\\bob 81.2.69.143 Mozilla/5.0+(Windows+NT+6.1;+Win64) http://ref.example/?a=1 200 0 0 5120 123
      """)
    #expect(last == .event)
    #expect(h.event.timestamp.iso8601 == "2018-01-01T08:09:10.000Z")
    #expect(!h.event.flags.contains(.zoneAssumed))
    #expect(h.string(h.event.clientIP) == "81.2.69.143")
    #expect(h.string(h.event.method) == "GET")
    #expect(h.event.path == "/fhir/Patient/12")
    #expect(h.event.query == "_format=json")
    #expect(h.string(h.event.user) == "DOMAIN\\bob")
    #expect(h.string(h.event.userAgent) == "Mozilla/5.0 (Windows NT 6.1; Win64)")
    #expect(h.string(h.event.referer) == "http://ref.example/?a=1")
    #expect(h.event.status == 200)
    #expect(h.event.responseBytes == 5120)
    #expect(h.event.durationMicros == 123_000)
    #expect(h.extra("s-ip") == "127.0.0.1")
    #expect(h.extra("s-port") == "80")
  }

  @Test func layoutChangesAtEveryFieldsDirective() {
    var h = ParserHarness(W3CLineParser())
    h.parseLines("""
      #Fields: date time c-ip cs-method cs-uri-stem sc-status
      2018-01-01 08:00:00 1.1.1.1 GET /a 200
      """)
    #expect(h.event.path == "/a")
    #expect(h.event.status == 200)
    h.parseLines("""
      #Fields: date time cs-method cs-uri-stem sc-status c-ip cs-host
      2018-01-01 09:00:00 POST /b 302 2.2.2.2 example.com
      """)
    #expect(h.event.path == "/b")
    #expect(h.event.status == 302)
    #expect(h.string(h.event.clientIP) == "2.2.2.2")
    #expect(h.string(h.event.host) == "example.com")
  }

  @Test func gmtOffsetShiftsToUTC() {
    var h = ParserHarness(W3CLineParser())
    let last = h.parseLines("""
      #Version: 1.0
      #GMT-Offset: -0800
      #Fields:  c-ip  c-auth-id  date  time  cs-method  cs-uri  sc-status  bytes  cs(Referrer)  time-taken  cs(User-Agent)
      64.103.37.2      DMS.user      2001-10-31     23:00:18      GET      /admin/x.gif?y=1    200     350    "http://www.oracle.com/"      3.5      "Mozilla/4.5 [en] (WinNT; I)"
      """)
    #expect(last == .event)
    #expect(h.event.timestamp.iso8601 == "2001-11-01T07:00:18.000Z")
    #expect(h.string(h.event.user) == "DMS.user")
    #expect(h.event.path == "/admin/x.gif")
    #expect(h.event.query == "y=1")
    #expect(h.event.responseBytes == 350)
    #expect(h.event.durationMicros == 3_500_000)  // fraction → seconds
    #expect(h.string(h.event.userAgent) == "Mozilla/4.5 [en] (WinNT; I)")
    #expect(h.string(h.event.referer) == "http://www.oracle.com/")
  }

  @Test func fewerFieldsThanColumnsGivesExtraColumns() {
    var h = ParserHarness(W3CLineParser())
    let last = h.parseLines("""
      #Fields: date time s-ip cs-method cs-uri-stem cs-uri-query
      2015-01-13 00:32:17 100.79.192.81 GET /robots.txt - 80 - 157.55.39.146
      """)
    #expect(last == .event)
    #expect(h.event.path == "/robots.txt")
    #expect(h.extra("extra1") == "80")
    #expect(h.extra("extra2") == nil)  // '-' is not kept
    #expect(h.extra("extra3") == "157.55.39.146")
    #expect(h.event.clientIP.isNone)
  }

  @Test func quotedColumnsWithDoubledQuotes() {
    var h = ParserHarness(W3CLineParser())
    let last = h.parseLines("""
      #Fields:   date-local time-local   s-ip   cs-method cs-uri-stem cs-uri-query c-ip cs(User-Agent) cs(Host) sc-status sc-substatus TimeTakenMS
      2012-08-15 17:00:00.675 10.10.28.140 GET /hello/world/6,681965 - "173.5.0.0" "Mozilla/5.0 (Macintosh; Intel+Mac)" "hello.example.com" 404 " ""garbage"" w/ spaces " 359
      """)
    #expect(last == .event)
    #expect(h.event.timestamp.iso8601 == "2012-08-15T17:00:00.675Z")
    #expect(h.event.flags.contains(.zoneAssumed))
    #expect(h.string(h.event.clientIP) == "173.5.0.0")
    #expect(h.string(h.event.userAgent) == "Mozilla/5.0 (Macintosh; Intel+Mac)")  // quoted: '+' kept
    #expect(h.string(h.event.host) == "hello.example.com")
    #expect(h.extra("sc-substatus") == " \"garbage\" w/ spaces ")
    #expect(h.event.durationMicros == 359_000)
    #expect(h.parse(#"2012-08-15 17:00:00.675 1.2.3.4 GET / - "1.1.1.1 "UA" "h" 200 0 1"#)
      == .rejected("unexpected 'U' after the closing quote of column 7"))
    #expect(h.parse(#"2012-08-15 17:00:00.675 1.2.3.4 GET / - 1.1.1.1 "UA"#) == .rejected("unterminated quote in column 8"))
  }

  @Test func cloudFrontTabsKeepEncodingAndPreferHostHeader() {
    var h = ParserHarness(W3CLineParser())
    let last = h.parseLines(
      "#Version: 1.0\n#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-host-header time-taken x-forwarded-for cs-protocol-version\n"
        + "2014-05-23\t01:13:11\tFRA2\t182\t192.0.2.10\tGET\td111111abcdef8.cloudfront.net\t/view/my/file.html\t200\thttps://example.com/\tMozilla/5.0%2520(Windows;%2520U)+x\t-\tsid=abc\tMiss\texample.com\t0.001\t198.51.100.1\tHTTP/1.1")
    #expect(last == .event)
    #expect(h.string(h.event.userAgent) == "Mozilla/5.0%2520(Windows;%2520U)+x")
    #expect(h.string(h.event.host) == "example.com")
    #expect(h.string(h.event.forwardedFor) == "198.51.100.1")
    #expect(h.string(h.event.httpVersion) == "HTTP/1.1")
    #expect(h.event.durationMicros == 1000)
    #expect(h.event.responseBytes == 182)
    #expect(h.extra("cs(Cookie)") == nil)
    #expect(h.extra("x-edge-location") == "FRA2")
  }

  @Test func zeroWidthSpacesSeparateColumns() {
    var h = ParserHarness(W3CLineParser())
    let last = h.parseLines(
      "#Fields: date time c-ip x-event cs-uri-stem x-page-url\u{200B}  c-user-agent\n"
        + "2010-03-12   23:51:20   192.0.2.147   connect   rtmp://s5c39gqb8ow64r.cloudfront.net/cfx/st\u{200B}  http://www.example.com/   LNX%2010,0,32,18")
    #expect(last == .event)
    #expect(h.event.path == "rtmp://s5c39gqb8ow64r.cloudfront.net/cfx/st")
    #expect(h.string(h.event.userAgent) == "LNX%2010,0,32,18")
    #expect(h.extra("x-page-url") == "http://www.example.com/")
  }

  @Test func timeOnlyLayoutUsesDateDirective() {
    var h = ParserHarness(W3CLineParser())
    let last = h.parseLines("""
      #Date: 2000-10-09 16:44:49  // first entry
      #Fields: time c-ip cs-method cs-uri-stem sc-status
      16:48:35 1.1.1.1 [3]sent /user/test.c 226
      """)
    #expect(last == .event)
    #expect(h.event.timestamp.iso8601 == "2000-10-09T16:48:35.000Z")
    #expect(h.string(h.event.method) == "[3]sent")
    var noDate = ParserHarness(W3CLineParser())
    #expect(noDate.parseLines("#Fields: time c-ip\n16:48:35 1.1.1.1") == .rejected("time-only line and no #Date directive"))
  }

  @Test func incapsulaDateDirectiveAndQuotedDateColumns() {
    var h = ParserHarness(W3CLineParser())
    let last = h.parseLines("""
      #Date: 28/Jun/2017 07:28:59
      #Fields: date time c-ip cs(User-Agent) cs-uri cs(Referrer) cs-method sc-status s-xff
      "2017-06-28" "07:26:35" "123.123.123.123" "Mozilla/5.0 (Windows NT 6.1)" "www.example.com/page?x=1" "" "GET" "200" "10.0.0.1, 123.123.123.123"
      """)
    #expect(last == .event)
    #expect(h.event.timestamp.iso8601 == "2017-06-28T07:26:35.000Z")
    #expect(h.string(h.event.clientIP) == "123.123.123.123")
    #expect(h.event.referer.isNone)
    #expect(h.string(h.event.forwardedFor) == "10.0.0.1, 123.123.123.123")
    #expect(h.event.status == 200)
  }

  @Test func malformedAndNonDataLines() {
    var h = ParserHarness(W3CLineParser())
    #expect(h.parse("2018-01-01 08:09:10 1.1.1.1 GET / 200") == .rejected("no #Fields directive before data"))
    #expect(h.parse("#Software: IIS") == .skipped("w3c directive"))
    #expect(h.parse("#Fields: date time c-ip cs-method cs-uri-stem sc-status") == .skipped("w3c #Fields directive"))
    #expect(h.parse("    ") == .skipped("blank line"))
    #expect(h.parse("2018-01-01 08:09:10 1.1.1.1 GET") == .rejected("line has 4 columns but #Fields lists 6"))
    #expect(h.parse("2018-01-01 08:09:10 1.1.1.1 GET / OK") == .rejected("status 'OK' is not a number"))
    #expect(h.parse("2018-13-01 08:09:10 1.1.1.1 GET / 200") == .rejected("date '2018-13-01' is not yyyy-mm-dd"))
    #expect(h.parse("2018-01-01 08:9:10 1.1.1.1 GET / 200") == .rejected("time '08:9:10' is not hh:mm:ss"))
    #expect(h.parse("#GMT-Offset: later") == .rejected("#GMT-Offset 'later' is not +hhmm or -hhmm"))
  }
}
