// Tests/Parsing/Cloud/LoadBalancerParserTests.swift - AWS ALB and Classic ELB parsers, field by field.

import Testing

@testable import LogForensics

@Suite struct LoadBalancerParserTests {
  static let albLine =
    #"https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.086 0.048 0.037 200 201 0 57 "GET https://www.example.com:443/p/a?id=7 HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678" 1 2018-07-02T22:22:48.364000Z "authenticate,forward" "-" "-" "10.0.0.1:80" "200" "-" "-" TID_1234 "-" "-" "-""#

  @Test func albFields() {
    let r = CloudTest.parse(ALBParser(), Self.albLine)
    #expect(r.outcome == .event)
    #expect(r.string(r.event.clientIP) == "192.168.131.39")
    #expect(r.event.timestamp.iso8601 == "2018-07-02T22:23:00.186Z")
    #expect(r.event.timestamp.microseconds % 1_000_000 == 186_641)
    #expect(!r.event.flags.contains(.zoneAssumed))
    #expect(r.string(r.event.method) == "GET")
    #expect(r.event.path == "/p/a")
    #expect(r.event.query == "id=7")
    #expect(r.string(r.event.host) == "www.example.com:443")
    #expect(r.string(r.event.httpVersion) == "HTTP/1.1")
    #expect(r.event.status == 200)
    #expect(r.event.responseBytes == 57)
    #expect(r.string(r.event.userAgent) == "curl/7.46.0")
    #expect(r.event.durationMicros == 171_000)
    #expect(r.extra("elb") == "app/my-loadbalancer/50dc6c495c0c9188")
    #expect(r.extra("target") == "10.0.0.1:80")
    #expect(r.extra("target_status_code") == "201")
    #expect(r.extra("trace_id") == "Root=1-58337281-1d84f3d73c47ec4e58577259")
    #expect(r.extra("domain_name") == "www.example.com")
    #expect(r.extra("error_reason") == "-")
  }

  @Test func albUnknownTimingsDashStatusAndIPv6() {
    let line =
      #"http 2018-11-30T22:23:00.186641Z app/lb/50dc [2001:db8::1]:2817 - -1 -1 -1 502 - 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:aws:x "Root=1-5" "-" "-" 0 2018-11-30T22:22:48.364000Z "forward" "-" "LambdaInvalidResponse""#
    let r = CloudTest.parse(ALBParser(), line)
    #expect(r.outcome == .event)
    #expect(r.string(r.event.clientIP) == "2001:db8::1")
    #expect(r.event.durationMicros == -1)
    #expect(r.event.status == 502)
    #expect(r.extra("target") == "-")
    #expect(r.extra("target_status_code") == "-")
    #expect(r.extra("error_reason") == "LambdaInvalidResponse")
    #expect(r.event.path == "/")
  }

  @Test func albEmptyRequestIsAnEventWithWarning() {
    let line =
      #"http 2018-11-30T22:23:00.186641Z app/lb/50dc 192.168.131.39:2817 - -1 -1 -1 400 - 0 0 "- - -" "-" - - - "-" "-" "-" 0 2018-11-30T22:22:48.364000Z "-" "-" "-""#
    let r = CloudTest.parse(ALBParser(), line)
    #expect(r.outcome == .eventWithWarning("no HTTP request (request field '- - -')"))
    #expect(r.event.status == 400)
    #expect(r.event.method.isNone)
    #expect(r.event.flags.contains(.invalidRequestLine))
    #expect(r.event.rawRequest == "- - -")
  }

  @Test func albRejectsGluedQuotedFieldAndBadTokens() {
    let glued = Self.albLine.replacingOccurrences(of: #""www.example.com" "arn"#, with: #""www.example.com""arn"#)
    #expect(
      CloudTest.parse(ALBParser(), glued).outcome
        == .rejected(#"missing space after quoted domain_name field: '"www.example.com""'"#))
    let badTime = Self.albLine.replacingOccurrences(of: "2018-07-02T22:23:00.186641Z", with: "2018-07-02T25:23:00Z")
    #expect(
      CloudTest.parse(ALBParser(), badTime).outcome == .rejected("time '2018-07-02T25:23:00Z' is not ISO-8601 UTC"))
    let badClient = Self.albLine.replacingOccurrences(of: "192.168.131.39:2817", with: "192.168.131.39")
    #expect(CloudTest.parse(ALBParser(), badClient).outcome == .rejected("client '192.168.131.39' is not ip:port"))
    let badTiming = Self.albLine.replacingOccurrences(of: " 0.048 ", with: " fast ")
    #expect(
      CloudTest.parse(ALBParser(), badTiming).outcome == .rejected("target_processing_time 'fast' is not seconds or -1")
    )
    let cut = String(Self.albLine.prefix(upTo: Self.albLine.range(of: " ECDHE")!.lowerBound))
    #expect(CloudTest.parse(ALBParser(), cut).outcome == .rejected("missing ssl_cipher field"))
    let unterminated = String(Self.albLine.prefix(upTo: Self.albLine.range(of: "HTTP/1.1\"")!.lowerBound))
    #expect(
      CloudTest.parse(ALBParser(), unterminated).outcome
        == .rejected("request field has no closing quote: '\"GET https://www.example.com:443/p/a?id=7 '"))
  }

  @Test func albRejectsClassicELBLine() {
    let r = CloudTest.parse(ALBParser(), Self.elbLine)
    #expect(
      r.outcome
        == .rejected("type '2015-05-13T23:39:43.945958Z' is not an ALB entry type (http, https, h2, grpcs, ws, wss)"))
  }

  static let elbLine =
    #"2015-05-13T23:39:43.945958Z my-loadbalancer 1.2.3.4:2817 10.0.0.1:80 0.000086 0.001048 0.001337 200 200 0 57 "GET https://www.example.com:443/path/index.html?x=1 HTTP/1.1" "Mozilla/5.0 (X11)" DHE-RSA-AES128-SHA TLSv1.2"#

  @Test func elbFields() {
    let r = CloudTest.parse(ELBParser(), Self.elbLine)
    #expect(r.outcome == .event)
    #expect(r.string(r.event.clientIP) == "1.2.3.4")
    #expect(r.event.timestamp.iso8601 == "2015-05-13T23:39:43.945Z")
    #expect(r.string(r.event.method) == "GET")
    #expect(r.event.path == "/path/index.html")
    #expect(r.event.query == "x=1")
    #expect(r.event.status == 200)
    #expect(r.event.responseBytes == 57)
    #expect(r.string(r.event.userAgent) == "Mozilla/5.0 (X11)")
    #expect(r.event.durationMicros == 86 + 1048 + 1337)
    #expect(r.extra("elb") == "my-loadbalancer")
    #expect(r.extra("backend") == "10.0.0.1:80")
    #expect(r.extra("backend_status_code") == "200")
  }

  @Test func elbTCPEntryCommentAndRejections() {
    let tcp =
      #"2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.001069 0.000028 0.000041 - - 82 305 "- - - " "-" - -"#
    let r = CloudTest.parse(ELBParser(), tcp)
    #expect(r.outcome == .eventWithWarning("no HTTP request (request field '- - - ')"))
    #expect(r.event.status == 0)
    #expect(r.event.responseBytes == 305)
    #expect(r.string(r.event.clientIP) == "192.168.131.39")
    #expect(CloudTest.parse(ELBParser(), "# comment").outcome == .skipped("comment line"))
    #expect(
      CloudTest.parse(ELBParser(), LoadBalancerParserTests.albLine).outcome
        == .rejected("time 'https' is not ISO-8601 UTC"))
    #expect(
      CloudTest.parse(ELBParser(), Self.elbLine + " extra").outcome
        == .rejected("unexpected field after ssl_protocol: 'extra'"))
  }
}
