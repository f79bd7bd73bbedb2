import Foundation
import Testing

@testable import LogForensics

/// ``EventBuildingOptions/analysisFieldsOnly`` (what ``Analyzer`` asks for) skips the referer
/// text, the method and HTTP version symbols and the trailing duration and forwarded-for
/// fields. It must not change which lines are events, warnings or rejections, nor any fact
/// the analysis reads, except that a referer is only marked present.
@Suite struct AnalysisFieldsOnlyTests {
  static let lines = [
    #"10.0.0.1 - alice [01/Mar/2026:10:00:00 +0100] "GET /api/v1/patients/12 HTTP/1.1" 200 512 "https://app.example/p?access_token=s3cr3t&x=1" "Mozilla/5.0" "-" rt=0.012"#,
    #"10.0.0.2 - - [01/Mar/2026:10:00:01 +0100] "POST /api/v1/auth/login HTTP/2.0" 401 12 "-" "curl/8.0" "203.0.113.9, 10.0.0.1" 0.250"#,
    #"10.0.0.3 - - [01/Mar/2026:10:00:02 +0100] "GET /a b c" 200 1 "-" "x""#,
    #"10.0.0.4 - - [01/Mar/2026:10:00:03 +0100] "GET /x HTTP/9.9" 200 1 "https://ref.example/" "x" uid="u-1""#,
    #"10.0.0.5 - - [01/Mar/2026:10:00:04 +0100] "\x16\x03\x01" 400 0 "-" "-""#,
    #"10.0.0.6 - - [01/Mar/2026:10:00:05 +0100] "GET /y HTTP/1.0" 200 5 "-" "ua" "unbalanced"#,
    #"10.0.0.7 - - [01/Mar/2026:10:00:06 +0100] "get /lower HTTP/1.1" 200 5 "" "ua" 12ms"#,
    #"10.0.0.8 - - [01/Mar/2026:10:00:07 +0100] "CONNECT example.org:443 HTTP/1.1" 200 5 "-" "ua""#,
  ]

  static func parse(analysisFieldsOnly: Bool, preferForwardedFor: Bool = false) -> [(LineOutcome, LogEvent)] {
    var options = EventBuildingOptions(preferForwardedFor: preferForwardedFor, keepExtras: false)
    options.analysisFieldsOnly = analysisFieldsOnly
    var builder = EventBuilder(symbols: SymbolTable(), options: options)
    var parser = CLFParser(.combined)
    return lines.enumerated().map { n, line in
      builder.reset(inputIndex: 0, lineNumber: Int64(n + 1))
      var bytes = Array(line.utf8)
      let outcome = bytes.withUnsafeMutableBytes { parser.parse(UnsafeRawBufferPointer($0), into: &builder) }
      builder.finish()
      return (outcome, builder.takeEvent())
    }
  }

  @Test func sameOutcomesAndFacts() {
    for preferForwardedFor in [false, true] {
      let full = Self.parse(analysisFieldsOnly: false, preferForwardedFor: preferForwardedFor)
      let lean = Self.parse(analysisFieldsOnly: true, preferForwardedFor: preferForwardedFor)
      for (i, (f, l)) in zip(full, lean).enumerated() {
        #expect(f.0 == l.0, "line \(i + 1): outcome")
        let (a, b) = (f.1, l.1)
        // Symbols are compared by their text: the two runs interned into different tables.
        #expect(a.timestamp == b.timestamp && a.status == b.status && a.responseBytes == b.responseBytes, "line \(i + 1)")
        #expect(a.flags == b.flags && a.rawRequest == b.rawRequest, "line \(i + 1)")
        #expect(a.referer.isNone == b.referer.isNone, "line \(i + 1): referer presence")
        #expect(a.clientIP.isNone == b.clientIP.isNone && a.user.isNone == b.user.isNone, "line \(i + 1)")
        #expect(a.credential.isNone == b.credential.isNone && a.userAgent.isNone == b.userAgent.isNone, "line \(i + 1)")
      }
    }
  }

  @Test func leanEventsKeepNoRefererTextMethodVersionOrDuration() {
    let lean = Self.parse(analysisFieldsOnly: true)
    let first = lean[0].1
    #expect(!first.referer.isNone && first.method.isNone && first.httpVersion.isNone && first.durationMicros == -1)
    #expect(lean[1].1.forwardedFor.isNone)
    // The same referer symbol for every event that has one.
    #expect(lean[3].1.referer == first.referer)
    // Unless the forwarded-for address becomes the client's.
    let preferred = Self.parse(analysisFieldsOnly: true, preferForwardedFor: true)
    #expect(!preferred[1].1.forwardedFor.isNone)
    let full = Self.parse(analysisFieldsOnly: false)
    #expect(full[0].1.durationMicros == 12_000 && !full[0].1.method.isNone && !full[1].1.forwardedFor.isNone)
  }
}
