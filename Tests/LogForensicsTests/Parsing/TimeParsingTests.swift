import Testing

@testable import LogForensics

private func bytes<R>(_ s: String, _ f: (UnsafeRawBufferPointer) -> R) -> R {
  Array(s.utf8).withUnsafeBytes(f)
}

@Suite struct TimeParsingTests {
  @Test(arguments: [
    ("10/Oct/2000:13:55:36 -0700", "2000-10-10T20:55:36.000Z", true),
    ("01/Jan/2026:00:30:00 +0100", "2025-12-31T23:30:00.000Z", true),
    ("29/Feb/2024:23:59:59 +0000", "2024-02-29T23:59:59.000Z", true),
    ("08/Dec/2021:09:16:05 +0330", "2021-12-08T05:46:05.000Z", true),
    ("06/Feb/2009:12:14:14.655", "2009-02-06T12:14:14.655Z", false),
    ("17/May/2015:10:05:03 +11:00", "2015-05-16T23:05:03.000Z", true),
  ])
  func clf(input: String, expected: String, hadZone: Bool) {
    let t = bytes(input) { TimeParsing.clf($0) }
    #expect(t?.timestamp.iso8601 == expected)
    #expect(t?.hadZone == hadZone)
  }

  @Test(arguments: [
    "32/Oct/2000:13:55:36 -0700", "10/Foo/2000:13:55:36 -0700", "29/Feb/2023:00:00:00 +0000",
    "10/Oct/2000:24:00:00 +0000", "10/Oct/2000:13:55", "", "10/Oct/2000:13:55:36 +2500", "10/Oct/2000:13:55:36 x",
  ])
  func clfRejectsMalformed(input: String) {
    #expect(bytes(input) { TimeParsing.clf($0) } == nil)
  }

  @Test(arguments: [
    ("2026-02-17T08:15:02Z", "2026-02-17T08:15:02.000Z", true),
    ("2026-02-17T08:15:02.123456Z", "2026-02-17T08:15:02.123Z", true),
    ("2026-02-17T08:15:02.123456789+01:00", "2026-02-17T07:15:02.123Z", true),
    ("2026-02-17T08:15:02+0100", "2026-02-17T07:15:02.000Z", true),
    ("2026-02-17T08:15:02-05", "2026-02-17T13:15:02.000Z", true),
    ("2019-01-31 10:00:00.5", "2019-01-31T10:00:00.500Z", false),
  ])
  func iso(input: String, expected: String, hadZone: Bool) {
    let t = bytes(input) { TimeParsing.iso8601Detailed($0) }
    #expect(t?.timestamp.iso8601 == expected)
    #expect(t?.hadZone == hadZone)
  }

  @Test(arguments: ["2026-13-01T00:00:00Z", "2026-02-17T08:15:02ZZ", "2026-02-17", "2026-02-17T08:15:02.Z", "garbage-that-is-long"])
  func isoRejectsMalformed(input: String) {
    #expect(bytes(input) { TimeParsing.iso8601Detailed($0) } == nil)
  }

  @Test(arguments: [
    ("1700000000", "2023-11-14T22:13:20.000Z"),
    ("1700000000.25", "2023-11-14T22:13:20.250Z"),
    ("1700000000123", "2023-11-14T22:13:20.123Z"),
    ("1700000000123456", "2023-11-14T22:13:20.123Z"),
    ("1700000000123456789", "2023-11-14T22:13:20.123Z"),
  ])
  func epoch(input: String, expected: String) {
    #expect(bytes(input) { TimeParsing.epoch($0) }?.iso8601 == expected)
  }

  @Test func epochRejectsJunkAndOverflow() {
    #expect(bytes("17e9") { TimeParsing.epoch($0) } == nil)
    #expect(bytes("99999999999999999999999") { TimeParsing.epoch($0) } == nil)
    #expect(bytes("") { TimeParsing.epoch($0) } == nil)
  }

  @Test func civilRoundTripOverCenturies() {
    for days in stride(from: -800_000, through: 800_000, by: 997) {
      let (y, m, d) = Timestamp.civilFromDays(days)
      #expect(Timestamp.daysFromCivil(year: y, month: m, day: d) == days)
    }
  }

  @Test func isoOutputOfNegativeAndSubSecondTimes() {
    #expect(Timestamp(microseconds: -1).iso8601 == "1969-12-31T23:59:59.999Z")
    #expect(Timestamp(microseconds: 1_500).iso8601 == "1970-01-01T00:00:00.001Z")
    #expect(Timestamp(iso8601: "2026-03-03T01:12:04.350Z")?.iso8601 == "2026-03-03T01:12:04.350Z")
  }
}
