// Parsing/HostileValuesTests.swift - overflowing numbers and absurd times through every parser family.

import Foundation
import Testing

@testable import LogForensics

@Suite struct HostileValuesTests {
  /// `line` with the first occurrence of `token` that is not part of a longer number replaced.
  static func mutate(_ line: String, _ token: String, _ value: String, dotAfter: Bool = false) -> String? {
    var from = line.startIndex
    while let r = line.range(of: token, range: from..<line.endIndex) {
      let before = r.lowerBound == line.startIndex ? nil : line[line.index(before: r.lowerBound)]
      let after = r.upperBound == line.endIndex ? nil : line[r.upperBound]
      if !(before?.isNumber ?? false) && !(after?.isNumber ?? false) && before != "." && (dotAfter || after != ".") {
        return line.replacingCharacters(in: r, with: value)
      }
      from = r.upperBound
    }
    return nil
  }

  static func lines(_ d: FormatDescriptor) -> (headers: [String], last: String) {
    let all = d.example.split(separator: "\n").map(String.init)
    return (Array(all.dropLast()), all.last!)
  }

  /// Parses the example's header lines then `last` with a fresh parser.
  static func parse(_ d: FormatDescriptor, last: String) throws -> ParsedLine {
    var p = try d.makeParser()
    for h in lines(d).headers { _ = parseLine(&p, h) }
    return parseLine(&p, last)
  }

  static func reason(_ o: LineOutcome) -> String? {
    if case .rejected(let r) = o { return r }
    return nil
  }

  @Test(arguments: FormatCatalog.all.map(\.name))
  func statusThatDoesNotFitIsNeverTakenAsAStatus(format: String) throws {
    let d = try #require(FormatCatalog.all.first { $0.name == format })
    let base = try Self.parse(d, last: Self.lines(d).last)
    #expect(base.outcome == .event)
    for bad in ["99999999999", "-5", "99999999999999999999999999999999999999999"] {
      let line = try #require(Self.mutate(Self.lines(d).last, String(base.event.status), bad))
      let r = try Self.parse(d, last: line)
      if format == "json" {
        // JSON keeps a value that does not fit its field as an extra: the status is unknown.
        #expect(r.outcome == .event)
        #expect(r.event.status == 0)
        #expect(r.extra("status") == bad)
      } else {
        let why = try #require(Self.reason(r.outcome), "\(format) \(bad): \(r.outcome)")
        #expect(why.contains("status"), "\(format): \(why)")
      }
    }
  }

  @Test(arguments: FormatCatalog.all.map(\.name).filter { $0 != "zoraxy" })  // zoraxy logs no size
  func byteCountsBeyondInt64AreRejectedAndInt64MaxIsKeptAsLogged(format: String) throws {
    let d = try #require(FormatCatalog.all.first { $0.name == format })
    let base = try Self.parse(d, last: Self.lines(d).last)
    let token = String(base.event.responseBytes)
    let huge = try #require(Self.mutate(Self.lines(d).last, token, "184467440737095516160"))  // 10 × UInt64.max
    let r = try Self.parse(d, last: huge)
    if format == "json" {
      #expect(r.outcome == .event && r.event.responseBytes == -1)
      #expect(r.extra("size") == "184467440737095516160")
    } else {
      #expect(Self.reason(r.outcome) != nil, "\(format): \(r.outcome)")
    }
    let max = try Self.parse(d, last: try #require(Self.mutate(Self.lines(d).last, token, String(Int64.max))))
    #expect(max.outcome == .event)
    #expect(max.event.responseBytes == Int64.max)
  }

  /// Runs the pipeline over `text` with `format` forced.
  static func pipeline(_ text: String, format: String) throws -> InputStatistics {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-time-\(UUID().uuidString).log")
    try Data(text.utf8).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    var o = PipelineOptions()
    o.format = try #require(LogFormat(formatArgument: format))
    o.threads = 1
    return try #require(LogPipeline(paths: [url.path], options: o).run { _ in }.first)
  }

  @Test(arguments: FormatCatalog.all.map(\.name))
  func timesFarInThePastOrFutureAreRejectedWithTheTime(format: String) throws {
    let d = try #require(FormatCatalog.all.first { $0.name == format })
    let (headers, last) = Self.lines(d)
    let base = try Self.parse(d, last: last)
    let year = String(base.time.prefix(4))
    var variants: [String] = []
    for y in ["9999", "0001", "1969"] {
      if let m = Self.mutate(last, year, y), try Self.parse(d, last: m).time != base.time { variants.append(m) }
    }
    let secs = String(base.event.timestamp.seconds)
    for v in ["99999999999", "-1"] {
      if let m = Self.mutate(last, secs, v, dotAfter: true) { variants.append(m) }
    }
    if format == "zoraxy" || format == "iis-native" {
      // Their dates do not carry a plain 4-digit year or an epoch; covered by the others.
      #expect(variants.count <= 3)
    } else {
      #expect(!variants.isEmpty, "\(format): no time to mutate")
    }
    var windowRejections = 0
    for v in variants {
      let s = try Self.pipeline((headers + [v, last]).joined(separator: "\n") + "\n", format: format)
      #expect(s.parsed == 1, "\(format): \(v)")
      #expect(s.rejected == 1, "\(format): \(v)")
      let why = s.rejectedSamples.first?.reason ?? ""
      #expect(why.contains("outside the plausible range 1970-01-01 to 2199-12-31") || why.contains("time") || why.contains("ts"), "\(format): \(why)")
      #expect(s.firstEvent == base.event.timestamp && s.lastEvent == base.event.timestamp)
      if why.contains("outside the plausible range") { windowRejections += 1 }
    }
    #expect(variants.isEmpty || windowRejections >= 1, "\(format): no line reached the time window")
  }

  @Test func epochOverflowIsRejectedNotWrapped() throws {
    let d = try #require(FormatCatalog.all.first { $0.name == "zeek" })
    let (headers, last) = Self.lines(d)
    let line = try #require(Self.mutate(last, "1771316102", "99999999999999999999999", dotAfter: true))
    let s = try Self.pipeline((headers + [line]).joined(separator: "\n") + "\n", format: "zeek")
    #expect(s.rejected == 1 && s.parsed == 0)
    #expect(s.rejectedSamples.first?.reason == "ts '99999999999999999999999.123456' is not an epoch time")
  }

  @Test func plausibleYearFiveThousandFromAnEpochIsRejectedWithItsDate() throws {
    let s = try Self.pipeline(
      #"{"ts":99999999999,"request":{"remote_ip":"203.0.113.7","method":"GET","uri":"/x"},"status":200}"# + "\n",
      format: "json")
    #expect(s.rejected == 1)
    #expect(s.rejectedSamples.first?.reason == "time 5138-11-16T09:46:39.000Z is outside the plausible range 1970-01-01 to 2199-12-31 (clock unset or value corrupted)")
  }
}
