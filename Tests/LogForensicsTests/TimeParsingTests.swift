import Testing
@testable import LogForensics

@Suite struct TimeParsingTests {
  @Test func clf() {
    let t = Array("10/Oct/2000:13:55:36 -0700".utf8).withUnsafeBytes { TimeParsing.clf($0) }
    #expect(t?.timestamp.iso8601 == "2000-10-10T20:55:36.000Z")
  }
}
