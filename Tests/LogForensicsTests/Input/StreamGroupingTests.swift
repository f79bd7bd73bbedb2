// Input/StreamGroupingTests.swift - rotated and date-stamped files grouped into ordered streams.

import Testing

@testable import LogForensics

@Suite struct StreamGroupingTests {
  @Test func numericRotationOldestFirstCurrentLast() {
    let files = [
      "/l/access.log", "/l/access.log.1", "/l/access.log.10.gz", "/l/access.log.2.gz", "/l/error.log", "/l/error.log.1",
    ]
    #expect(
      StreamGrouping.group(files) == [
        ["/l/access.log.10.gz", "/l/access.log.2.gz", "/l/access.log.1", "/l/access.log"],
        ["/l/error.log.1", "/l/error.log"],
      ])
  }

  @Test func dateSuffixesAscending() {
    let files = [
      "/l/access.log", "/l/access.log-20240102.gz", "/l/access.log-20231231", "/l/access.log-20240101.gz",
      "/l/api.log.2024-02-01", "/l/api.log.2024-01-15", "/l/api.log",
    ]
    #expect(
      StreamGrouping.group(files) == [
        ["/l/access.log-20231231", "/l/access.log-20240101.gz", "/l/access.log-20240102.gz", "/l/access.log"],
        ["/l/api.log.2024-01-15", "/l/api.log.2024-02-01", "/l/api.log"],
      ])
  }

  @Test func iisDateStampedNamesFormOneStreamInDateOrder() {
    let files = [
      "W3SVC1/u_ex260218.log", "W3SVC1/u_ex260217.log", "W3SVC1/u_ex251231.log", "W3SVC2/u_ex260217.log",
      "old/ex991231.log", "old/ex000101.log", "old/ex960101.log",
    ]
    #expect(
      StreamGrouping.group(files) == [
        ["W3SVC1/u_ex251231.log", "W3SVC1/u_ex260217.log", "W3SVC1/u_ex260218.log"],
        ["W3SVC2/u_ex260217.log"],  // another site (directory): another stream
        ["old/ex960101.log", "old/ex991231.log", "old/ex000101.log"],  // 96, 99 → 19xx; 00 → 2000
      ])
  }

  @Test func hourlyIISFilesAndEmbeddedISODates() {
    let files = ["u_ex26021710.log", "u_ex26021709.log", "app-2024-01-02.log", "app-2024-01-01.log.gz"]
    #expect(
      StreamGrouping.group(files) == [
        ["app-2024-01-01.log.gz", "app-2024-01-02.log"],
        ["u_ex26021709.log", "u_ex26021710.log"],
      ])
  }

  @Test func mixedDirectoryStdinAndUnrelatedFiles() {
    let files = ["-", "/b/other.txt", "/a/access.log.1", "/b/access.log", "/a/access.log", "/a/lnav_haproxy.0.log"]
    #expect(
      StreamGrouping.group(files) == [
        ["-"],
        ["/a/access.log.1", "/a/access.log"],
        ["/a/lnav_haproxy.0.log"],
        ["/b/access.log"],
        ["/b/other.txt"],
      ])
  }

  @Test func classifyRanks() {
    #expect(StreamGrouping.classify("/x/access.log.3.gz").rank == .numbered(3))
    #expect(StreamGrouping.classify("/x/access.log-20240101-1704067200.gz").rank == .dated("202401011704067200"))
    #expect(StreamGrouping.classify("/x/access.log.gz").rank == .current)
    #expect(StreamGrouping.classify("/x/access.log.gz").key == StreamGrouping.classify("/x/access.log.1").key)
    #expect(StreamGrouping.classify("ex960101.log").rank == .dated("19960101"))
  }
}
