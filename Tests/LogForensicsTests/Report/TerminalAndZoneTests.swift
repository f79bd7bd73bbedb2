// Report/TerminalAndZoneTests.swift - sanitising log text and timeline zones.

import Testing

@testable import LogForensics

@Suite("Terminal text and zones")
struct TerminalAndZoneTests {
  @Test func controlCharactersAndEscapesAreNeutralised() {
    #expect(TerminalSanitizer.clean("curl/8.0") == "curl/8.0")
    #expect(TerminalSanitizer.clean("evil\u{1B}[2Jua") == "evil\\x1B[2Jua")
    #expect(TerminalSanitizer.clean("a\rb\nc\td\u{7F}") == "a\\x0Db\\x0Ac\\x09d\\x7F")
    #expect(TerminalSanitizer.clean("x\u{9B}31m") == "x\\x9B31m")
    #expect(TerminalSanitizer.clean("abc\u{202E}fed") == "abc\\u{202E}fed")
    #expect(TerminalSanitizer.clean("Müller") == "Müller")
  }

  @Test func zonesParseAndFormat() throws {
    #expect(TimelineZone(argument: "UTC") == .utc)
    #expect(TimelineZone(argument: "+01:00") == .offset(minutes: 60))
    #expect(TimelineZone(argument: "-0530") == .offset(minutes: -330))
    #expect(TimelineZone(argument: "+02") == .offset(minutes: 120))
    #expect(TimelineZone(argument: "+00:00") == .utc)
    #expect(TimelineZone(argument: "+19:00") == nil)
    #expect(TimelineZone(argument: "Europe/Paris") == nil)
    #expect(TimelineZone(argument: "+1:00") == nil)
    let t = try #require(Timestamp(year: 2026, month: 2, day: 17, hour: 23, minute: 30, second: 5))
    #expect(TimelineZone.utc.format(t) == "2026-02-17 23:30:05Z")
    #expect(TimelineZone.offset(minutes: 60).format(t) == "2026-02-18 00:30:05+01:00")
    #expect(TimelineZone.offset(minutes: -330).format(t) == "2026-02-17 18:00:05-05:30")
  }
}
