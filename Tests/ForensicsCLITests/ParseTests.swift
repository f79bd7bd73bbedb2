import ArgumentParser
import LogForensics
import Testing

@testable import forensics_cli

@Suite struct ParseTests {
  @Test func analyzeIsTheDefaultSubcommand() throws {
    let cmd = try Forensics.parseAsRoot(["some.log", "--json", "out.json"])
    let analyze = try #require(cmd as? Analyze)
    #expect(analyze.paths == ["some.log"])
    #expect(analyze.output.json == "out.json")
    #expect(analyze.input.logFormat == .auto)
    #expect(analyze.input.threads == 2)
  }

  @Test func customFormatsAreParsed() throws {
    let a = try Analyze.parse(["x.log", "--log-format", "nginx:'$remote_addr [$time_local] \"$request\" $status'"])
    #expect(a.input.logFormat == .nginx("$remote_addr [$time_local] \"$request\" $status"))
    let b = try Analyze.parse(["x.log", "--log-format", "apache:%h %l %u %t \"%r\" %>s %b"])
    #expect(b.input.logFormat == .apache("%h %l %u %t \"%r\" %>s %b"))
  }

  @Test func unknownPresetIsAUsageError() {
    #expect(throws: (any Error).self) { try Analyze.parse(["x.log", "--log-format", "klingon"]) }
  }

  @Test(arguments: [["--threads", "0", "x.log"], [], ["x.log", "--max-line-length", "10"], ["x.log", "--reorder-window", "-1"]])
  func invalidCombinationsAreRejected(args: [String]) {
    #expect(throws: (any Error).self) { try Analyze.parse(args) }
  }

  @Test func configurationCarriesEveryOption() throws {
    let a = try Analyze.parse([
      "a.log", "b/", "--use-forwarded-for", "--user-field", "uid", "--threads", "1", "--max-line-length", "1000",
      "--reorder-window", "2.5", "--run-timestamp", "2026-03-05T10:00:00Z",
    ])
    let c = try a.makeConfiguration()
    #expect(c.paths == ["a.log", "b/"])
    #expect(c.pipeline.eventOptions == EventBuildingOptions(preferForwardedFor: true, userField: "uid"))
    #expect(c.pipeline.threads == 1)
    #expect(c.pipeline.maxLineLength == 1000)
    #expect(c.pipeline.reorderWindowSeconds == 2.5)
    #expect(c.runTimestamp?.iso8601 == "2026-03-05T10:00:00.000Z")
  }

  @Test func badRunTimestampIsAUsageError() throws {
    let a = try Analyze.parse(["a.log", "--run-timestamp", "yesterday"])
    #expect(throws: (any Error).self) { try a.makeConfiguration() }
  }
}

@Suite struct InflateOptionTests {
  @Test func inflateAndCeilingOptionsReachTheReadOptions() throws {
    let a = try Analyze.parse(["x.log.gz", "--inflate", "zlib", "--max-inflated-bytes", "5000000", "--max-ratio", "250"])
    let read = try a.makeConfiguration().pipeline.readOptions
    #expect(read.inflateBackend == .zlib && read.maxInflatedBytes == 5_000_000 && read.maxRatio == 250)
    let defaults = try Analyze.parse(["x.log.gz"]).makeConfiguration().pipeline.readOptions
    #expect(defaults.inflateBackend == .auto && defaults.maxInflatedBytes == 1 << 40 && defaults.maxRatio == 1000)
  }

  @Test func isalIsRefusedOnlyWhenTheBuildLacksIt() {
    if InflateBackend.isalAvailable {
      #expect(throws: Never.self) { try Analyze.parse(["x.log", "--inflate", "isal"]) }
    } else {
      #expect(throws: (any Error).self) { try Analyze.parse(["x.log", "--inflate", "isal"]) }
    }
    #expect(throws: (any Error).self) { try Analyze.parse(["x.log", "--inflate", "gzip"]) }
    #expect(throws: (any Error).self) { try Analyze.parse(["x.log", "--max-ratio", "-1"]) }
  }
}
