// Parsing/ApacheFormatTests.swift - Apache `LogFormat` compilation and interpretation.

import Testing
@testable import LogForensics

@Suite struct ApacheFormatTests {
  /// netnea labor-06 "extended" format (Apache-Labor tutorial 5/6).
  static let labor06 = #"%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i" %v %A %p %R %{BALANCER_WORKER_ROUTE}e %X "%{cookie}n" %{UNIQUE_ID}e %I %O %{ratio}n%% %D %{ModSecTimeIn}e %{ApplicationTime}e %{ModSecTimeOut}e %{ModSecAnomalyScoreIn}e %{ModSecAnomalyScoreOut}e"#
  /// netnea labor-07 format: GeoIP country as the second field, ISO time with microseconds, TLS.
  static let labor07 = #"%h %{GEOIP_COUNTRY_CODE}e %u [%{%Y-%m-%d %H:%M:%S}t.%{usec_frac}t] "%r" %>s %b "%{Referer}i" "%{User-Agent}i" %v %A %p %R %{BALANCER_WORKER_ROUTE}e %X "%{cookie}n" %{UNIQUE_ID}e %{SSL_PROTOCOL}x %{SSL_CIPHER}x %I %O %{ratio}n%% %D %{ModSecTimeIn}e %{ApplicationTime}e %{ModSecTimeOut}e %{ModSecAnomalyScoreIn}e %{ModSecAnomalyScoreOut}e"#

  @Test func commonFromHttpdConfWithEscapes() throws {
    let p = try parseLine({ try FormatCatalog.compileApache(#"%h %l %u %t \"%r\" %>s %b"#) },
      #"127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326"#)
    #expect(p.outcome == .event)
    #expect(p.clientIP == "127.0.0.1")
    #expect(p.user == "frank")
    #expect(p.time == "2000-10-10T20:55:36.000Z")
    #expect(p.event.path == "/apache_pb.gif")
    #expect(p.event.status == 200)
    #expect(p.event.responseBytes == 2326)
  }

  @Test func vhostCombinedWithBytesOut() throws {
    let p = try parseLine({ try FormatCatalog.compileApache(#"%v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i""#) },
      #"neutralbank.app:443 200.25.27.118 - - [23/Jul/2024:00:00:36 +0000] "GET / HTTP/1.1" 200 6383 "-" "PRTG""#)
    #expect(p.outcome == .event)
    #expect(p.host == "neutralbank.app")
    #expect(p.extra("port") == "443")
    #expect(p.event.responseBytes == 6383)
    #expect(p.userAgent == "PRTG")
  }

  @Test func labor06Line() throws {
    let p = try parseLine({ try FormatCatalog.compileApache(Self.labor06) },
      #"0.0.0.0 - user1 [01/Dec/2013:09:22:29 +0100] "GET /54b3 HTTP/1.1" 302 20 "-" "Mozilla/5.0" www.example.com 0.0.0.0 443 - - + "-" UprxxQqJICcAAA5DAMoAAAAB 1068 3991 -% 6781 3320 1484 130 0 0"#)
    #expect(p.outcome == .event)
    #expect(p.user == "user1")
    #expect(p.host == "www.example.com")
    #expect(p.event.responseBytes == 20)
    #expect(p.event.durationMicros == 6781)
    #expect(p.extra("bytes_out") == "3991")
    #expect(p.extra("bytes_in") == "1068")
    #expect(p.extra("UNIQUE_ID") == "UprxxQqJICcAAA5DAMoAAAAB")
    #expect(p.extra("ratio") == "-")
    #expect(p.extra("ModSecAnomalyScoreOut") == "0")
    #expect(p.extra("conn_status") == "+")
  }

  @Test func labor07IsoTimeWithMicroseconds() throws {
    let p = try parseLine({ try FormatCatalog.compileApache(Self.labor07) },
      #"192.168.104.36 CH - [2015-05-20 12:53:11.139981] "GET /EMail/login.aspx?username=john.smith@example.com HTTP/1.1" 200 7362 "-" "Mozilla/5.0" www.example.com 192.168.34.16 443 proxy-server - + "4a7ffdda.522871162568d" ViYdF6wxQzZrjEdU2@UAAAAi TLSv1.2 ECDHE-RSA-AES256-GCM-SHA384 963 11973 -% 935006 1542 930596 2156 0 0"#)
    #expect(p.outcome == .event)
    #expect(p.event.timestamp.microseconds == Timestamp(year: 2015, month: 5, day: 20, hour: 12, minute: 53, second: 11, microsecond: 139_981)!.microseconds)
    #expect(p.event.flags.contains(.zoneAssumed))
    #expect(p.extra("GEOIP_COUNTRY_CODE") == "CH")
    #expect(p.extra("SSL_PROTOCOL") == "TLSv1.2")
    #expect(p.extra("cookie") == "4a7ffdda.522871162568d")
    #expect(p.event.durationMicros == 935_006)
    #expect(p.event.query == "username=john.smith@example.com")
  }

  @Test func splitRequestAndDurationsAndModifiers() throws {
    let f = #"%a %{c}a %u [%{%d/%b/%Y:%H:%M:%S %z}t] %m %U%q %H %<s %B %{ms}T %T %!200,304{X-Forwarded-For}i %{Cookie}C %L %%"#
    let p = try parseLine({ try FormatCatalog.compileApache(f) },
      "10.1.1.1 10.9.9.9 - [10/Oct/2000:13:55:36 -0700] GET /p/1?x=2 HTTP/1.1 404 0 15 0 198.51.100.9 sid=1 AbCd %")
    #expect(p.outcome == .event)
    #expect(p.clientIP == "10.1.1.1")
    #expect(p.extra("peer_ip") == "10.9.9.9")
    #expect(p.time == "2000-10-10T20:55:36.000Z")
    #expect(p.method == "GET")
    #expect(p.event.path == "/p/1")
    #expect(p.event.query == "x=2")
    #expect(p.httpVersion == "HTTP/1.1")
    #expect(p.event.status == 404)
    #expect(p.event.responseBytes == 0)
    #expect(p.event.durationMicros == 15_000)
    #expect(p.extra("duration_s") == "0")
    #expect(p.forwardedFor == "198.51.100.9")
    #expect(p.extra("Cookie") == "sid=1")
    #expect(p.extra("log_id") == "AbCd")
  }

  @Test func modifierDirectiveNamedAsWrittenInReasons() throws {
    let p = try parseLine({ try FormatCatalog.compileApache(#"%h "%r" %>s %b"#) }, #"10.0.0.1 "GET / HTTP/1.1" 2xx 5"#)
    #expect(p.outcome == .rejected("%>s '2xx' is not a status"))
  }

  @Test func epochTimeAndUnknownDirective() throws {
    let p = try parseLine({ try FormatCatalog.compileApache(#"%{sec}t %h "%r" %s %Z"#) },
      #"1700000000 10.0.0.1 "GET / HTTP/1.1" 200 zz"#)
    #expect(p.outcome == .event)
    #expect(p.time == "2023-11-14T22:13:20.000Z")
    #expect(p.extra("%Z") == "zz")
  }

  @Test func invalidFormatsThrow() {
    #expect(throws: LogForensicsError.invalidFormatString(format: "apache:'%h %'", reason: "dangling '%' at the end")) {
      try FormatCatalog.compileApache("%h %")
    }
    #expect(throws: LogForensicsError.invalidFormatString(format: "apache:'%{%Q}t'", reason: "unsupported strftime conversion '%Q' in %{%Q}t")) {
      try FormatCatalog.compileApache("%{%Q}t")
    }
    #expect(throws: LogForensicsError.invalidFormatString(format: "apache:'%{Referer i'", reason: "unterminated '%{' at byte 0")) {
      try FormatCatalog.compileApache("%{Referer i")
    }
  }
}
