// Tests/Parsing/Cloud/CloudRealWorldTests.swift - the cloud parsers over the third-party real-world corpus.

import Testing

@testable import LogForensics

@Suite struct CloudRealWorldTests {
  /// Runs every line of `file` through `make()` and returns the outcomes (nil when the corpus is missing).
  func outcomes(_ file: String, _ make: () -> any LineParser) -> [(String, LineOutcome)]? {
    guard let lines = CloudTest.realWorld(file) else { return nil }
    var parser = make()
    return lines.map { line in
      var builder = EventBuilder(symbols: SymbolTable())
      let bytes = Array(line.utf8)
      let o = bytes.withUnsafeBytes { parser.parse($0, into: &builder) }
      return (line, o)
    }
  }

  /// Expected non-`.event` outcomes per file, by 1-based line number; every other line must be `.event`.
  static let cases: [(String, @Sendable () -> any LineParser, [Int: LineOutcome])] = [
    ("aws_elb/beats_application_lb_http.log", { ALBParser() }, [11: .skipped("blank line")]),
    (
      "aws_elb/beats_example_alb_http.log", { ALBParser() },
      [
        5: .rejected(#"missing space after quoted chosen_cert_arn field: '"-"1'"#),
        8: .eventWithWarning("request '- http://www.example.com:80- -' is not a valid HTTP request line"),
        9: .eventWithWarning("no HTTP request (request field '- - -')"),
        10: .skipped("blank line"),
      ]
    ),
    ("aws_elb/crowdsec_aws_alb_logs.log", { ALBParser() }, [:]),
    ("aws_elb/matomo_alb.log", { ALBParser() }, [:]),
    (
      "aws_elb/matomo_elb.log", { ELBParser() },
      [2: .skipped("comment line"), 3: .eventWithWarning("no HTTP request (request field '- - - ')")]
    ),
    ("aws_cloudfront/crowdsec_aws_cloudfront_logs.log", { CloudFrontParser() }, [:]),
    (
      "aws_cloudfront/matomo_amazon_cloudfront_web.log", { CloudFrontParser() },
      [
        1: .skipped("directive line '#Version: 1.0'"),
        2: .skipped("directive line '#Fields: date time x-edge-location sc-bytes c-ip cs-method c…'"),
      ]
    ),
    ("aws_s3/matomo_s3.log", { S3AccessParser() }, [:]),
    ("haproxy/beats_haproxy.log", { HAProxyParser() }, [:]),
    (
      "haproxy/crowdsec_haproxy_logs.log", { HAProxyParser() },
      [
        3: .skipped("haproxy connection message: 'SSL handshake failure (error:0A0000C1:SSL routines::no share…'"),
        4: .skipped("haproxy connection message: 'SSL handshake failure after heartbeat'"),
        5: .skipped("haproxy connection message: 'Stopped a TLSv1 heartbeat attack (CVE-2014-0160)'"),
      ]
    ),
    (
      "haproxy/lnav_haproxy.0.log", { HAProxyParser() },
      [
        1: .skipped("syslog message is not an haproxy request log"),
        2: .skipped("syslog message is not an haproxy request log"),
        3: .skipped("syslog message is not an haproxy request log"),
        14: .skipped("haproxy connection message: 'SSL handshake failure'"),
      ]
    ),
    ("haproxy/matomo_haproxy.log", { HAProxyParser() }, [:]),
    ("iis_native/brianary_ex010320.log", { IISNativeParser() }, [:]),
    ("uwsgi/lnav_uwsgi.0.log", { UWSGIParser() }, [:]),
    ("other/crowdsec_zoraxy.log", { ZoraxyParser() }, [:]),
  ]

  @Test func everyWellFormedLineParses() {
    for (file, make, expected) in Self.cases {
      guard let result = outcomes(file, make) else { continue }  // corpus not present: skip
      #expect(!result.isEmpty, "\(file) is empty")
      for (i, (_, outcome)) in result.enumerated() {
        #expect(outcome == (expected[i + 1] ?? .event), "\(file):\(i + 1)")
      }
    }
  }

  @Test func cloudFrontRejectsTheRTMPLayout() {
    guard let result = outcomes("aws_cloudfront/matomo_amazon_cloudfront_rtmp.log", { CloudFrontParser() }) else {
      return
    }
    #expect(result.count == 4)
    for (line, outcome) in result.dropFirst(2) {
      guard case .rejected(let reason) = outcome else {
        Issue.record("RTMP line accepted: \(line)")
        continue
      }
      #expect(reason.hasPrefix("not tab-separated: '2010-03-12   23:51:2"))
    }
  }

  /// Each parser rejects (or skips, never accepts) the data lines of every other cloud format.
  @Test func parsersRejectEachOthersLines() {
    let samples: [(String, Int)] = [
      ("aws_elb/matomo_alb.log", 1), ("aws_elb/matomo_elb.log", 1),
      ("aws_cloudfront/crowdsec_aws_cloudfront_logs.log", 1),
      ("aws_s3/matomo_s3.log", 1), ("haproxy/matomo_haproxy.log", 1), ("haproxy/crowdsec_haproxy_logs.log", 1),
      ("iis_native/brianary_ex010320.log", 1), ("uwsgi/lnav_uwsgi.0.log", 1), ("other/crowdsec_zoraxy.log", 1),
      ("apache_combined/beats_apache_access_test.log", 1), ("iis_w3c/lnav_w3c.6.log", 5),
      ("zeek_http/lnav_bro_http.log", 9),
    ]
    let parsers: [(String, () -> any LineParser)] = [
      ("aws_elb/matomo_alb.log", { ALBParser() }), ("aws_elb/matomo_elb.log", { ELBParser() }),
      ("aws_cloudfront/crowdsec_aws_cloudfront_logs.log", { CloudFrontParser() }),
      ("aws_s3/matomo_s3.log", { S3AccessParser() }),
      ("haproxy/", { HAProxyParser() }), ("iis_native/brianary_ex010320.log", { IISNativeParser() }),
      ("uwsgi/lnav_uwsgi.0.log", { UWSGIParser() }), ("other/crowdsec_zoraxy.log", { ZoraxyParser() }),
    ]
    for (file, lineNumber) in samples {
      guard let lines = CloudTest.realWorld(file), lines.count >= lineNumber else { continue }
      let line = lines[lineNumber - 1]
      for (own, make) in parsers where !file.hasPrefix(own) {
        var parser = make()
        let outcome = CloudTest.parse(&parser, line).outcome
        guard case .rejected = outcome else {
          Issue.record("\(type(of: parser)) did not reject \(file):\(lineNumber): \(outcome)")
          continue
        }
      }
    }
  }
}
