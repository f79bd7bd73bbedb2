// Parsing/NginxFormatTests.swift - nginx `log_format` compilation and interpretation.

import Testing
@testable import LogForensics

@Suite struct NginxFormatTests {
  static let main = #"$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for" rt=$request_time uid=$uid"#

  @Test func mainFormatWithTimingAndUid() throws {
    let p = try parseLine({ try FormatCatalog.compileNginx(Self.main) },
      #"203.0.113.7 - bob [10/Oct/2023:13:55:36 +0200] "GET /fhir/Patient?identifier=123 HTTP/1.1" 200 512 "-" "curl/8.4.0" "198.51.100.1, 10.0.0.2" rt=0.123 uid=u-77"#)
    #expect(p.outcome == .event)
    #expect(p.clientIP == "203.0.113.7")
    #expect(p.user == "bob")
    #expect(p.time == "2023-10-10T11:55:36.000Z")
    #expect(p.method == "GET")
    #expect(p.event.path == "/fhir/Patient")
    #expect(p.event.query == "identifier=123")
    #expect(p.event.status == 200)
    #expect(p.event.responseBytes == 512)
    #expect(p.referer == "")
    #expect(p.userAgent == "curl/8.4.0")
    #expect(p.forwardedFor == "198.51.100.1, 10.0.0.2")
    #expect(p.event.durationMicros == 123_000)
    #expect(p.extraNames == ["uid"])
    #expect(p.extra("uid") == "u-77")
  }

  @Test func compiledOnceIntoSteps() throws {
    let program = try FormatProgram.nginx(#"$remote_addr [$time_local] "$request" $status"#)
    #expect(program.steps.count == 7)
    guard case .field(let time) = program.steps[2] else {
      Issue.record("expected a field")
      return
    }
    #expect(time.kind == .timeCLF)
    #expect(time.terminator == .rightBracket)
    guard case .field(let request) = program.steps[4] else { return }
    #expect(request.quoted)
    #expect(program.steps[5] == .literal(Array("\" ".utf8)))
  }

  @Test func isoTimeMsecAndSplitRequest() throws {
    let p = try parseLine({ try FormatCatalog.compileNginx(#"${remote_addr}|$time_iso8601|$request_method|$request_uri|$server_protocol|$status|$bytes_sent|$upstream_response_time|$host"#) },
      "2001:db8::1|2024-03-01T10:00:00+01:00|POST|/api/v1/patients/search?nir=1234|HTTP/2.0|201|77|0.010, 0.020|api.example.org")
    #expect(p.outcome == .event)
    #expect(p.clientIP == "2001:db8::1")
    #expect(p.time == "2024-03-01T09:00:00.000Z")
    #expect(p.method == "POST")
    #expect(p.event.path == "/api/v1/patients/search")
    #expect(p.event.query == "nir=1234")
    #expect(p.httpVersion == "HTTP/2.0")
    #expect(p.event.status == 201)
    #expect(p.event.responseBytes == 77)
    #expect(p.extra("upstream_response_time") == "0.010, 0.020")
    #expect(p.host == "api.example.org")
    let msec = try parseLine({ try FormatCatalog.compileNginx("$msec $remote_addr $uri $args $status") },
      "1700000000.250 10.0.0.1 /a/b x=1 404")
    #expect(msec.time == "2023-11-14T22:13:20.250Z")
    #expect(msec.event.path == "/a/b")
    #expect(msec.event.query == "x=1")
  }

  @Test func unquotedTimeLocalAndConfigPieces() throws {
    let f = #"'$remote_addr - $remote_user $time_local ' '"$request" $status $body_bytes_sent'"#
    let p = try parseLine({ try FormatCatalog.compileNginx(f) },
      #"1.2.3.4 - - 10/Oct/2023:13:55:36 +0000 "GET / HTTP/1.1" 200 5"#)
    #expect(p.outcome == .event)
    #expect(p.time == "2023-10-10T13:55:36.000Z")
    #expect(p.event.responseBytes == 5)
  }

  @Test func escapedQuoteInQuotedField() throws {
    let p = try parseLine({ try FormatCatalog.compileNginx(Self.main) },
      #"1.2.3.4 - - [10/Oct/2023:13:55:36 +0000] "GET /x HTTP/1.1" 200 5 "-" "a \"quoted\" agent" "-" rt=- uid=-"#)
    #expect(p.outcome == .event)
    #expect(p.userAgent == #"a "quoted" agent"#)
    #expect(p.event.durationMicros == -1)
    #expect(p.extra("uid") == "-")
  }

  @Test func mismatchesAreRejectedWithReasons() throws {
    let make = { try FormatCatalog.compileNginx(Self.main) }
    #expect(try parseLine(make, #"1.2.3.4 - - [10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1" 200 5 "-" "UA""#).outcome
      == .rejected(#"expected '" "' before $http_x_forwarded_for at byte 71, found '"'"#))
    #expect(try parseLine(make, #"1.2.3.4 - - [10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1" 2xx 5 "-" "UA" "-" rt=0.1 uid=1"#).outcome
      == .rejected("$status '2xx' is not a status"))
    #expect(try parseLine({ try FormatCatalog.compileNginx(#"[$time_local] "$request""#) }, #"[10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1" more"#).outcome
      == .rejected(#"unexpected text after the last field of nginx:'[$time_local] "$request"': ' more'"#))
    #expect(try parseLine(make, #"1.2.3.4 - - [10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1" 200 5 "-" "UA" "-" rt=0.1 uid=1 more"#).extra("uid")
      == "1 more")
    #expect(try parseLine(make, #"1.2.3.4 - - [yesterday] "GET / HTTP/1.1" 200 5 "-" "UA" "-" rt=0.1 uid=1"#).outcome
      == .rejected("$time_local 'yesterday' is not a CLF time"))
    let gh0st = try parseLine(make, #"1.2.3.4 - - [29/Jul/2023:10:26:06 -0700] "Gh0st\xAD\x00\x00" 400 157 "-" "-" "-" rt=0.000 uid=-"#)
    #expect(gh0st.outcome == .eventWithWarning("request is not an HTTP request line"))
    #expect(gh0st.event.rawRequest == #"Gh0st\xAD\x00\x00"#)
  }

  @Test func uriIsArgsArgsIsOneTarget() throws {
    let p = try parseLine({ try FormatCatalog.compileNginx("$remote_addr $request_method $uri$is_args$args $status") },
      "10.0.0.1 GET /fhir/Patient?_id=9 200")
    #expect(p.outcome == .event)
    #expect(p.event.path == "/fhir/Patient")
    #expect(p.event.query == "_id=9")
  }

  @Test func invalidFormatsThrow() {
    #expect(throws: LogForensicsError.invalidFormatString(format: "nginx:'$remote_addr$status'", reason: "variables $remote_addr and $status touch; nothing separates them")) {
      try FormatCatalog.compileNginx("$remote_addr$status")
    }
    #expect(throws: LogForensicsError.invalidFormatString(format: "nginx:'no variables'", reason: "no $variable in the format")) {
      try FormatCatalog.compileNginx("no variables")
    }
  }
}
