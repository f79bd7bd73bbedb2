// Parsing/DurationOverflowTests.swift - durations whose microseconds do not fit in 64 bits.

import Testing

@testable import LogForensics

/// Found by the `parse-uwsgi` fuzz target: `… in 650000000000000000 msecs` trapped on
/// `× 1000` and stopped the whole run. Every parser that scales a logged duration must keep
/// the line and leave the duration unknown (-1) instead.
@Suite struct DurationOverflowTests {
  static let huge = "9223372036854775807"  // Int64.max: fits as logged, not once scaled

  static func parse(_ format: String, _ line: String) throws -> ParsedLine {
    let d = try #require(FormatCatalog.all.first { $0.name == format })
    var p = try d.makeParser()
    return parseLine(&p, line)
  }

  static func example(_ format: String) throws -> String {
    try #require(FormatCatalog.all.first { $0.name == format }).example
  }

  /// (format, the example's duration as written, the duration in µs the example gives).
  static let cases: [(String, String, Int64)] = [
    ("uwsgi", "129 msecs", 129_000),
    ("s3", "113 - 7 -", 7_000),
    ("iis-native", "4502, 163, 3223", 4_502_000),
    ("haproxy", "10/0/30/69/109", 109_000),
  ]

  @Test(arguments: cases.indices)
  func scaledDurationThatOverflowsIsUnknown(_ i: Int) throws {
    let (format, written, micros) = Self.cases[i]
    let base = try Self.parse(format, try Self.example(format))
    #expect(base.outcome == .event)
    #expect(base.event.durationMicros == micros, "\(format): the example's duration")
    let replaced: String
    switch format {
    case "uwsgi": replaced = "\(Self.huge) msecs"
    case "s3": replaced = "113 - \(Self.huge) -"
    case "iis-native": replaced = "\(Self.huge), 163, 3223"
    default: replaced = "10/0/30/69/\(Self.huge)"
    }
    let line = try Self.example(format).replacingOccurrences(of: written, with: replaced)
    #expect(line != (try Self.example(format)))
    let r = try Self.parse(format, line)
    #expect(r.outcome == .event, "\(format): \(r.outcome)")
    #expect(r.event.durationMicros == -1, "\(format)")
    #expect(r.event.status == base.event.status)
  }

  @Test func uwsgiRegressionInputParses() throws {
    let line =
      "[pid: 1|app: 0|req: 1/1] 10.0.0.1 () {38 vars in 696 bytes} [Sun Mar 13 22:49:12 2016] POST / => generated 48 bytes in 650000000000000000 msecs (HTTP/1.1 200) 9 headers in 378 bytes (1 switches on core 16)"
    let r = try Self.parse("uwsgi", line)
    #expect(r.outcome == .event)
    #expect(r.event.durationMicros == -1)
    #expect(r.event.responseBytes == 48)
  }

  /// ALB adds three timings; each is at most 10¹² s (larger ones are rejected), so the sum
  /// fits; the addition is checked anyway.
  @Test func albTimingsAtTheirLargestAdd() throws {
    let ex = try Self.example("alb")
    #expect(try Self.parse("alb", ex).event.durationMicros == 171_000)
    let big = "999999999999.999999"
    let r = try Self.parse("alb", ex.replacingOccurrences(of: "0.086 0.048 0.037", with: "\(big) \(big) \(big)"))
    #expect(r.outcome == .event, "\(r.outcome)")
    #expect(r.event.durationMicros == 3 * 999_999_999_999_999_999)
    let tooBig = ex.replacingOccurrences(of: "0.086", with: "1000000000000.0")
    #expect(HostileValuesTests.reason(try Self.parse("alb", tooBig).outcome) != nil)
  }

  @Test func clfPositionalMillisecondsThatOverflowAreNoDuration() throws {
    let ok = #"203.0.113.7 - - [10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1" 200 12 "-" "curl/8" 12ms"#
    #expect(try Self.parse("combined", ok).event.durationMicros == 12_000)
    let bad = ok.replacingOccurrences(of: " 12ms", with: " \(Self.huge)ms")
    let r = try Self.parse("combined", bad)
    #expect(r.outcome == .event, "\(r.outcome)")
    #expect(r.event.durationMicros == -1)
    // Gandi hosting's `(N s)` before the request.
    let gandi = #"203.0.113.7 - - [10/Oct/2023:13:55:36 +0000] (3 s) "GET / HTTP/1.1" 200 12 "-" "curl/8""#
    #expect(try Self.parse("combined", gandi).event.durationMicros == 3_000_000)
    let g = try Self.parse("combined", gandi.replacingOccurrences(of: "(3 s)", with: "(\(Self.huge) s)"))
    #expect(g.outcome == .event, "\(g.outcome)")
    #expect(g.event.durationMicros == -1)
  }
}
