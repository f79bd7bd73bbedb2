// Tests/LogForensicsTests/Parsing/Structured/StructuredRobustnessTests.swift - truncated and foreign lines are refused, never misread.

import Testing
@testable import LogForensics

@Suite struct StructuredRobustnessTests {
  static let caddy =
    #"{"level":"info","ts":1703373474.8155608,"request":{"client_ip":"1.2.3.4","method":"GET","uri":"/a?b=\"c\"","headers":{"User-Agent":["x\u00e9\ud83d\ude00"]}},"size":3609,"status":200,"arr":[1,[2,{"k":null}],true]}"#

  @Test func everyTruncationOfAJSONLineIsRejectedWithAnOffset() {
    var h = ParserHarness(JSONLineParser())
    let bytes = Array(Self.caddy.utf8)
    #expect(h.parse(bytes) == .event)
    for n in 1..<bytes.count {
      let outcome = h.parse(Array(bytes[0..<n]))
      guard case .rejected(let reason) = outcome else {
        Issue.record("prefix of \(n) bytes gave \(outcome)")
        continue
      }
      #expect(reason.hasPrefix("invalid json at byte "), "\(reason)")
    }
  }

  @Test func deepNestingIsRejectedNotRecursedInto() {
    var h = ParserHarness(JSONLineParser())
    let deep = #"{"ts":1,"method":"GET","x":"# + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}"
    guard case .rejected(let reason) = h.parse(deep) else {
      Issue.record("deep nesting accepted")
      return
    }
    #expect(reason.contains("at most 64 nested levels"))
  }

  static let foreign = [
    #"1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET /a HTTP/1.0" 200 2326 "-" "curl/8""#,
    "2014-05-23\t01:13:11\tFRA2\t182\t192.0.2.10\tGET\td1.cloudfront.net\t/view\t200",
    "1320279566.452687\tCwFs1P2UcUdlSxD2La\t192.168.2.76\t52026\tGET\twww.reddit.com\t/",
    "h2 2026-02-17T08:15:02.123456Z app/my-lb/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366",
  ]

  @Test(arguments: foreign)
  func foreignLinesAreNotReadAsEvents(line: String) {
    var json = ParserHarness(JSONLineParser())
    var w3c = ParserHarness(W3CLineParser())
    var ltsv = ParserHarness(LTSVLineParser())
    var zeek = ParserHarness(ZeekHTTPLineParser())
    for outcome in [json.parse(line), w3c.parse(line), ltsv.parse(line), zeek.parse(line)] {
      guard case .rejected = outcome else {
        Issue.record("foreign line read as \(outcome)")
        continue
      }
    }
  }

  @Test func everyTruncationOfAW3CLineIsEventOrRejected() {
    var h = ParserHarness(W3CLineParser())
    h.parse("#Fields: date time c-ip cs-method cs-uri-stem sc-status cs(User-Agent)")
    let line = Array(#"2018-01-01 08:09:10 1.1.1.1 GET /a 200 "Mozilla/5.0 (X11)""#.utf8)
    #expect(h.parse(line) == .event)
    var rejected = 0
    for n in 1..<line.count {
      switch h.parse(Array(line[0..<n])) {
      case .rejected: rejected += 1
      case .event: #expect(n >= 38, "prefix \(n) accepted")  // only once the UA column has started
      default: Issue.record("unexpected outcome for prefix \(n)")
      }
    }
    #expect(rejected >= 37)
  }

  @Test func byteOrderMarkOnTheFirstLineIsIgnored() {
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    var w3c = ParserHarness(W3CLineParser())
    #expect(w3c.parse(bom + Array("#Fields: date time c-ip cs-method cs-uri-stem sc-status".utf8)) == .skipped("w3c #Fields directive"))
    #expect(w3c.parse("2018-01-01 08:09:10 1.1.1.1 GET /a 200") == .event)
    var json = ParserHarness(JSONLineParser())
    #expect(json.parse(bom + Array(#"{"ts":1700000000,"method":"GET","uri":"/"}"#.utf8)) == .event)
    var ltsv = ParserHarness(LTSVLineParser())
    #expect(ltsv.parse(bom + Array("time:1700000000\tmethod:GET\turi:/".utf8)) == .event)
  }
}
