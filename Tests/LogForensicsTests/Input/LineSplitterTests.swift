// Input/LineSplitterTests.swift - line splitting across every chunk size.

import Testing

@testable import LogForensics

/// A copied ``SplitLine`` that can be compared.
struct LineRecord: Equatable, CustomStringConvertible {
  var number: Int64
  var offset: Int64
  var text: String
  var overlong: Bool
  var length: Int64

  init(_ number: Int64, _ offset: Int64, _ text: String, overlong: Bool = false, length: Int64? = nil) {
    self.number = number
    self.offset = offset
    self.text = text
    self.overlong = overlong
    self.length = length ?? Int64(text.utf8.count)
  }

  var description: String { "#\(number)@\(offset) \(text.debugDescription)\(overlong ? " overlong \(length)" : "")" }
}

/// Feeds `input` in chunks of `chunkSize` bytes (Int.max = whole input) and records the lines.
func splitLines(_ input: String, chunkSize: Int, maxLineLength: Int = 64 * 1024) -> [LineRecord] {
  let bytes = Array(input.utf8)
  var splitter = LineSplitter(maxLineLength: maxLineLength)
  var out: [LineRecord] = []
  let record = { (line: SplitLine) in
    out.append(
      LineRecord(
        line.number, line.byteOffset, String(decoding: line.bytes, as: UTF8.self),
        overlong: line.overlong, length: line.length))
  }
  var pos = 0
  while pos < bytes.count {
    let end = chunkSize >= bytes.count - pos ? bytes.count : pos + chunkSize
    // Copy each chunk into its own array, as a real source hands out fresh chunks.
    let chunk = Array(bytes[pos..<end])
    chunk.withUnsafeBytes { splitter.feed($0, record) }
    pos = end
  }
  splitter.finish(record)
  return out
}

@Suite struct LineSplitterTests {
  static let chunkSizes = [1, 2, 3, 7, 64, 4096, Int.max]

  @Test(arguments: chunkSizes)
  func crlfIsStrippedEvenWhenSplitAcrossChunks(chunkSize: Int) {
    let lines = splitLines("GET /a\r\nGET /bb\r\n\r\nx\n", chunkSize: chunkSize)
    #expect(
      lines == [LineRecord(1, 0, "GET /a"), LineRecord(2, 8, "GET /bb"), LineRecord(3, 17, ""), LineRecord(4, 19, "x")])
  }

  @Test(arguments: chunkSizes)
  func emptyLinesInTheMiddleAreEmitted(chunkSize: Int) {
    let lines = splitLines("a\n\n\nbc\n", chunkSize: chunkSize)
    #expect(lines == [LineRecord(1, 0, "a"), LineRecord(2, 2, ""), LineRecord(3, 3, ""), LineRecord(4, 4, "bc")])
  }

  @Test(arguments: chunkSizes)
  func finalLineWithoutNewlineIsEmittedByFinish(chunkSize: Int) {
    let lines = splitLines("first\nlast line", chunkSize: chunkSize)
    #expect(lines == [LineRecord(1, 0, "first"), LineRecord(2, 6, "last line")])
  }

  @Test(arguments: chunkSizes)
  func emptyInputAndLoneNewline(chunkSize: Int) {
    #expect(splitLines("", chunkSize: chunkSize) == [])
    #expect(splitLines("\n", chunkSize: chunkSize) == [LineRecord(1, 0, "")])
    #expect(splitLines("\r\n", chunkSize: chunkSize) == [LineRecord(1, 0, "")])
  }

  @Test(arguments: chunkSizes)
  func carriageReturnNotFollowedByNewlineIsKept(chunkSize: Int) {
    let lines = splitLines("a\rb\n\r\r\nend\r", chunkSize: chunkSize)
    #expect(lines == [LineRecord(1, 0, "a\rb"), LineRecord(2, 4, "\r"), LineRecord(3, 7, "end\r")])
  }

  @Test(arguments: chunkSizes)
  func overlongLinesAreTruncatedAndFlaggedOnce(chunkSize: Int) {
    let input = "abcdefgh\nab\nabcd\r\nabcde\r\nabcd\rx\nlast-too-long"
    let lines = splitLines(input, chunkSize: chunkSize, maxLineLength: 4)
    #expect(
      lines == [
        LineRecord(1, 0, "abcd", overlong: true, length: 8),
        LineRecord(2, 9, "ab"),
        LineRecord(3, 12, "abcd"),  // exactly the limit: the \r\n terminator does not count
        LineRecord(4, 18, "abcd", overlong: true, length: 5),
        LineRecord(5, 25, "abcd", overlong: true, length: 6),  // the lone \r is content
        LineRecord(6, 32, "last", overlong: true, length: 13),
      ])
  }

  @Test(arguments: chunkSizes)
  func overlongLineAtTheLimitWithFinalCarriageReturn(chunkSize: Int) {
    // Without a following \n the \r is content, so the last line is one byte too long.
    let lines = splitLines("abc\nabcd\r", chunkSize: chunkSize, maxLineLength: 4)
    #expect(lines == [LineRecord(1, 0, "abc"), LineRecord(2, 4, "abcd", overlong: true, length: 5)])
  }

  @Test func everyChunkSizeGivesTheSameLinesOnALargerInput() {
    var text = ""
    for i in 0..<60 {
      text += String(repeating: "x", count: i % 13) + (i % 4 == 0 ? "\r\n" : i % 7 == 0 ? "\r" : "\n")
    }
    let whole = splitLines(text, chunkSize: Int.max, maxLineLength: 10)
    #expect(whole.count == text.utf8.filter { $0 == 0x0A }.count)
    for size in 1...text.utf8.count {
      #expect(splitLines(text, chunkSize: size, maxLineLength: 10) == whole, "chunk size \(size)")
    }
  }
}
