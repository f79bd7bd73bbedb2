// Input/RealWorldGzipTests.swift - the deliberately odd gzip files of /work/shared/realworld/gzip_edge.

import Foundation
import Testing

@testable import LogForensics

@Suite struct RealWorldGzipTests {
  static let directory = realWorldCorpusPath().map { "\($0)/gzip_edge" }

  /// Counts lines and hashes the decoded bytes of `path`.
  static func decode(_ path: String, options: InputReadOptions = .init()) throws -> (
    lines: [LineRecord], decodedSHA: String, result: InputReadResult
  ) {
    let source = try FileChunkSource(path: path, options: options)
    let all = readAll(source)
    var splitter = LineSplitter()
    var lines: [LineRecord] = []
    let record = { (l: SplitLine) in
      lines.append(
        LineRecord(
          l.number, l.byteOffset, String(decoding: l.bytes, as: UTF8.self), overlong: l.overlong, length: l.length))
    }
    all.bytes.withUnsafeBytes { splitter.feed($0, record) }
    splitter.finish(record)
    return (lines, sha256Hex(all.bytes), all.result)
  }

  @Test(
    .enabled(if: directory != nil, "shared/realworld is not available"),
    arguments: [
      "elastic_apache_logs.MULTIMEMBER_2members_split_at_line_5000.log.gz",
      "elastic_apache_logs.MULTIMEMBER_2members_split_mid_line.log.gz",
    ])
  func multiMemberFilesDecodeToTheWholeOriginal(name: String) throws {
    let path = "\(Self.directory!)/\(name)"
    let stored = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    for options in [InputReadOptions(), readOptions(decoded: 4096, block: 7)] {
      let (lines, decodedSHA, result) = try Self.decode(path, options: options)
      #expect(lines.count == 10_000)
      #expect(decodedSHA == "f15c31e905f86c7b4b6ab44aee74d0a2086dce89f010187d983edea7ef0364ef")
      #expect(result.gzipMembers == 2)
      #expect(result.complete && result.errors.isEmpty)
      #expect(result.sha256 == sha256Hex(stored))
      #expect(result.storedBytes == UInt64(stored.count))
    }
  }

  @Test(.enabled(if: directory != nil, "shared/realworld is not available"))
  func truncatedFileKeepsItsCompleteLinesAndAPartialOne() throws {
    let path = "\(Self.directory!)/elastic_apache_logs.TRUNCATED_at_50pct.log.gz"
    let (lines, _, result) = try Self.decode(path)
    #expect(lines.count == 4_991)  // 4,990 complete lines + the partial one emitted by finish
    #expect(lines.first?.text.hasPrefix("83.149.9.216 - - [17/May/2015:10:05:03 +0000]") == true)
    #expect(result.errors == [.gzipTruncated(path: path, compressedOffset: 112_947)])
    #expect(!result.complete)
    #expect(result.sha256 == "d1653709f4c00638b3671570d602814e7f80a5b05d1e45f7c555c0f1b28447cf")
  }

  @Test(.enabled(if: directory != nil, "shared/realworld is not available"))
  func brokenLnavGzipReportsAnError() throws {
    let path = "\(Self.directory!)/lnav_textfile_broken_gz.txt.gz"
    let (_, _, result) = try Self.decode(path)
    // gzip -dc emits 122 bytes of binary junk, then "unexpected end of file"; zlib is stricter
    // and stops at a back-reference before the start of the output, after one byte.
    #expect(result.decodedBytes == 1)
    #expect(
      result.errors == [
        .gzipCorrupt(path: path, zlibCode: -3, compressedOffset: 14, message: "invalid distance too far back")
      ])
    #expect(!result.complete)
    #expect(result.compression == .gzip && result.storedBytes == 17)
  }

  @Test(.enabled(if: directory != nil, "shared/realworld is not available"))
  func singleMemberOriginalDecodesToTheSameBytes() throws {
    let path = "\(Self.directory!)/../apache_combined/elastic_apache_logs.log.gz"
    let (lines, decodedSHA, result) = try Self.decode(path)
    #expect(lines.count == 10_000)
    #expect(decodedSHA == "f15c31e905f86c7b4b6ab44aee74d0a2086dce89f010187d983edea7ef0364ef")
    #expect(result.gzipMembers == 1 && result.complete && result.storedBytes == 225_894)
    // The truncated copy is this file's first half: its complete lines are the same lines.
    let truncated = try Self.decode("\(Self.directory!)/elastic_apache_logs.TRUNCATED_at_50pct.log.gz").lines
    #expect(Array(truncated.prefix(4_990)) == Array(lines.prefix(4_990)))
    let partial = truncated[4_990]
    #expect(partial.number == 4_991 && partial.offset == lines[4_990].offset)
    #expect(lines[4_990].text.hasPrefix(partial.text) && partial.text.count < lines[4_990].text.count)
  }

  @Test(.enabled(if: directory != nil, "shared/realworld is not available"))
  func logrotateSetIsOneStreamOldestFirst() {
    let dir = "\(Self.directory!)/../apache_combined/dmjacas_rotated"
    let (files, errors) = InputDiscovery.expand([dir])
    #expect(errors.isEmpty)
    #expect(files.count == 15)
    let streams = StreamGrouping.group(files)
    // First lines run from 23/Jul/2024 (.14.gz) to 06/Aug/2024 (access.log).
    let expected =
      (2...14).reversed().map { "\(dir)/access.log.\($0).gz" } + ["\(dir)/access.log.1", "\(dir)/access.log"]
    #expect(streams == [expected])
  }
}
