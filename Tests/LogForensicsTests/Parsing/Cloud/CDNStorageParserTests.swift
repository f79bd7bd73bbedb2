// Tests/Parsing/Cloud/CDNStorageParserTests.swift - CloudFront and S3 access log parsers, field by field.

import Testing

@testable import LogForensics

@Suite struct CDNStorageParserTests {
  static let cloudFrontLine = [
    "2014-05-23", "01:13:11", "FRA2", "182", "192.0.2.10", "GET", "d111111abcdef8.cloudfront.net", "/view/my/file.html",
    "200",
    "https://example.com/", "Mozilla/5.0%2520(Windows;%2520U)", "id=42&x=1", "-", "Miss", "MRVMF7Kyd==", "example.com",
    "https", "217",
    "0.001", "-", "TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256", "Miss", "HTTP/1.1", "-", "-",
  ].joined(separator: "\t")

  @Test func cloudFrontFields() {
    let r = CloudTest.parse(CloudFrontParser(), Self.cloudFrontLine)
    #expect(r.outcome == .event)
    #expect(r.string(r.event.clientIP) == "192.0.2.10")
    #expect(r.event.timestamp.iso8601 == "2014-05-23T01:13:11.000Z")
    #expect(!r.event.flags.contains(.zoneAssumed))
    #expect(r.string(r.event.method) == "GET")
    #expect(r.event.path == "/view/my/file.html")
    #expect(r.event.query == "id=42&x=1")
    #expect(r.event.status == 200)
    #expect(r.event.responseBytes == 182)
    #expect(r.string(r.event.userAgent) == "Mozilla/5.0%2520(Windows;%2520U)")
    #expect(r.string(r.event.referer) == "https://example.com/")
    #expect(r.string(r.event.host) == "example.com")
    #expect(r.string(r.event.httpVersion) == "HTTP/1.1")
    #expect(r.event.durationMicros == 1000)
    #expect(r.extra("edge_location") == "FRA2")
    #expect(r.extra("distribution_host") == "d111111abcdef8.cloudfront.net")
    #expect(r.extra("edge_result_type") == "Miss")
  }

  @Test func cloudFrontMinimalLayoutAndRejections() {
    let fields = Self.cloudFrontLine.components(separatedBy: "\t")
    let minimal = fields.prefix(19).joined(separator: "\t")
    #expect(CloudTest.parse(CloudFrontParser(), minimal).outcome == .event)
    let short = fields.prefix(18).joined(separator: "\t")
    #expect(
      CloudTest.parse(CloudFrontParser(), short).outcome
        == .rejected("only 18 tab-separated fields, CloudFront standard logs have at least 19"))
    var bad = fields
    bad[8] = "OK"
    #expect(
      CloudTest.parse(CloudFrontParser(), bad.joined(separator: "\t")).outcome
        == .rejected("sc-status 'OK' is not a status"))
    bad = fields
    bad[0] = "1320279566.452687"
    #expect(
      CloudTest.parse(CloudFrontParser(), bad.joined(separator: "\t")).outcome
        == .rejected("date/time '1320279566.452687' '01:13:11' is not YYYY-MM-DD HH:MM:SS"))
    #expect(
      CloudTest.parse(CloudFrontParser(), "#Fields: date time").outcome
        == .skipped("directive line '#Fields: date time'"))
    let w3c = "2015-01-13 00:32:17 100.79.192.81 GET /robots.txt - 80 - 157.55.39.146 Mozilla 200 0 0 7"
    #expect(CloudTest.parse(CloudFrontParser(), w3c).outcome == .rejected("not tab-separated: '\(w3c.prefix(60))…'"))
  }

  static let s3Line =
    #"b659b576cff1e15e4c0313ff8930fba9 www.example.com [10/Feb/2012:16:42:07 -0500] 1.2.3.4 arn:aws:iam::179580289999:user/phillip.boss EB3502676500C6BE WEBSITE.GET.OBJECT index "GET /index?a=b HTTP/1.1" 200 - 368 368 10 9 "-" "Mozilla/5.0 (X11)""#

  @Test func s3Fields() {
    let r = CloudTest.parse(S3AccessParser(), Self.s3Line)
    #expect(r.outcome == .event)
    #expect(r.string(r.event.clientIP) == "1.2.3.4")
    #expect(r.event.timestamp.iso8601 == "2012-02-10T21:42:07.000Z")
    #expect(r.string(r.event.user) == "arn:aws:iam::179580289999:user/phillip.boss")
    #expect(r.string(r.event.method) == "GET")
    #expect(r.event.path == "/index")
    #expect(r.event.query == "a=b")
    #expect(r.event.status == 200)
    #expect(r.event.responseBytes == 368)
    #expect(r.event.referer.isNone)
    #expect(r.string(r.event.userAgent) == "Mozilla/5.0 (X11)")
    #expect(r.event.durationMicros == 10_000)
    #expect(r.extra("bucket") == "www.example.com")
    #expect(r.extra("operation") == "WEBSITE.GET.OBJECT")
    #expect(r.extra("key") == "index")
  }

  @Test func s3NewerTrailingFieldsAnonymousRequesterAndRejections() {
    let full =
      Self.s3Line.replacingOccurrences(of: "arn:aws:iam::179580289999:user/phillip.boss", with: "-")
      + " - s9lzHYrFp76Z= SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader bucket.s3.us-west-1.amazonaws.com TLSV1.2 -"
    let r = CloudTest.parse(S3AccessParser(), full)
    #expect(r.outcome == .event)
    #expect(r.event.user.isNone)
    #expect(r.string(r.event.host) == "bucket.s3.us-west-1.amazonaws.com")
    let clf = #"1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET /a HTTP/1.0" 200 2326"#
    #expect(CloudTest.parse(S3AccessParser(), clf).outcome == .rejected("bucket '-' is not a bucket name"))
    let badOp = Self.s3Line.replacingOccurrences(of: "WEBSITE.GET.OBJECT", with: "get")
    #expect(
      CloudTest.parse(S3AccessParser(), badOp).outcome == .rejected("operation 'get' is not like REST.GET.OBJECT"))
  }
}
