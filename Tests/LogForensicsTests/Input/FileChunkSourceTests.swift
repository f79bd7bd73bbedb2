// Input/FileChunkSourceTests.swift - plain and gzip reading, hashing and error reporting.

import Foundation
import Testing

@testable import LogForensics

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct FileChunkSourceTests {
  /// (decodedChunkSize, readBlockSize) combinations.
  static let sizes: [(Int, Int)] = [
    (1, 1), (7, 7), (4096, 4096), (1, 4096), (4096, 1), (7, 4096), (256 * 1024, 1 << 20),
  ]

  @Test(arguments: sizes)
  func plainTextPassesThroughUnchanged(decoded: Int, block: Int) throws {
    let dir = TempDir()
    let text = sampleLog(lines: 300)
    let path = dir.write("access.log", text)
    let source = try FileChunkSource(path: path, options: readOptions(decoded: decoded, block: block))
    #expect(source.expectedStoredBytes == UInt64(text.count))
    let (bytes, _, result) = readAll(source)
    #expect(bytes == text)
    #expect(
      result
        == InputReadResult(
          sha256: sha256Hex(text), storedBytes: UInt64(text.count), decodedBytes: UInt64(text.count),
          compression: .none, gzipMembers: 0, complete: true, errors: []))
    #expect(source.storedBytesRead == UInt64(text.count))
    #expect(source.nextChunk() == nil)  // stays at the end
  }

  @Test(arguments: sizes)
  func singleGzipMember(decoded: Int, block: Int) throws {
    let dir = TempDir()
    let text = sampleLog(lines: 300)
    let gz = gzipMember(text)
    let path = dir.write("access.log.1", gz)  // no .gz in the name: sniffed by magic
    let source = try FileChunkSource(path: path, options: readOptions(decoded: decoded, block: block))
    let (bytes, sizes, result) = readAll(source)
    #expect(bytes == text)
    #expect(sizes.dropLast().allSatisfy { $0 == decoded })  // fixed-size decoded chunks
    #expect(
      result
        == InputReadResult(
          sha256: sha256Hex(gz), storedBytes: UInt64(gz.count), decodedBytes: UInt64(text.count),
          compression: .gzip, gzipMembers: 1, complete: true, errors: []))
  }

  @Test(arguments: sizes)
  func multiMemberGzipWithBoundaryInsideALine(decoded: Int, block: Int) throws {
    let dir = TempDir()
    let text = sampleLog(lines: 300)
    let cut = text.count / 2 + 5
    #expect(text[cut - 1] != 0x0A && text[cut] != 0x0A)  // really mid-line
    let gz = gzipMember(Array(text[..<cut])) + gzipMember(Array(text[cut...])) + gzipMember([])
    let path = dir.write("multi.gz", gz)
    let source = try FileChunkSource(path: path, options: readOptions(decoded: decoded, block: block))
    let (bytes, _, result) = readAll(source)
    #expect(bytes == text)
    #expect(result.gzipMembers == 3)
    #expect(result.complete && result.errors.isEmpty)
    #expect(result.sha256 == sha256Hex(gz))
    var splitter = LineSplitter()
    var count = 0
    bytes.withUnsafeBytes { splitter.feed($0) { _ in count += 1 } }
    #expect(count == 300)
  }

  @Test(arguments: sizes)
  func truncatedGzipKeepsDecodedBytes(decoded: Int, block: Int) throws {
    let dir = TempDir()
    let text = sampleLog(lines: 2000)
    let gz = gzipMember(text)
    let cutGz = Array(gz[..<(gz.count / 2)])
    let path = dir.write("cut.gz", cutGz)
    let source = try FileChunkSource(path: path, options: readOptions(decoded: decoded, block: block))
    let (bytes, _, result) = readAll(source)
    #expect(bytes.count > text.count / 4)
    #expect(Array(text[..<bytes.count]) == bytes)
    #expect(result.errors == [.gzipTruncated(path: path, compressedOffset: UInt64(cutGz.count))])
    #expect(!result.complete)
    #expect(result.gzipMembers == 0)
    #expect(result.sha256 == sha256Hex(cutGz))
    #expect(result.storedBytes == UInt64(cutGz.count))
    #expect(result.decodedBytes == UInt64(bytes.count))
  }

  @Test(arguments: [(1, 1), (4096, 4096)])
  func gzipCutInsideTheHeader(decoded: Int, block: Int) throws {
    let dir = TempDir()
    let path = dir.write("head.gz", [0x1F, 0x8B, 0x08])
    let (bytes, _, result) = readAll(
      try FileChunkSource(path: path, options: readOptions(decoded: decoded, block: block)))
    #expect(bytes.isEmpty)
    #expect(result.errors == [.gzipTruncated(path: path, compressedOffset: 3)])
    #expect(!result.complete)
  }

  /// 64 bytes overwritten in the middle: zlib decodes garbage from there on (deflate has no
  /// check of its own), then the member's CRC-32 and length trailer disagree. The content is
  /// kept and flagged; reading reached the end, so the input stays complete.
  @Test(arguments: sizes)
  func corruptBytesInTheMiddle(decoded: Int, block: Int) throws {
    let dir = TempDir()
    let text = sampleLog(lines: 2000)
    var gz = gzipMember(text)
    let middle = gz.count / 2
    for i in middle..<(middle + 64) { gz[i] = 0xFF }
    let path = dir.write("corrupt.gz", gz)
    let source = try FileChunkSource(path: path, options: readOptions(decoded: decoded, block: block))
    let (bytes, _, result) = readAll(source)
    #expect(result.errors.map(\.kind) == ["gzip-bad-crc", "gzip-bad-length"])
    #expect(result.errors.map(\.offset) == [UInt64(gz.count - 8), UInt64(gz.count - 4)])
    #expect(result.complete && result.gzipBadMembers == 1 && result.gzipMembers == 1)
    // What was decoded before the damage is kept and right; what follows is garbage.
    let common = zip(bytes, text).prefix { $0 == $1 }.count
    #expect(common > text.count / 4 && common < text.count)
    // Hashing continued to the end of the file.
    #expect(result.sha256 == sha256Hex(gz))
    #expect(result.storedBytes == UInt64(gz.count))
  }

  @Test(arguments: sizes)
  func trailingGarbageIsReportedButContentIsComplete(decoded: Int, block: Int) throws {
    let dir = TempDir()
    let text = sampleLog(lines: 50)
    let gz = gzipMember(text)
    let stored = gz + Array("garbage!".utf8)
    let path = dir.write("garbage.gz", stored)
    let (bytes, _, result) = readAll(
      try FileChunkSource(path: path, options: readOptions(decoded: decoded, block: block)))
    #expect(bytes == text)
    #expect(result.errors == [.gzipTrailingGarbage(path: path, compressedOffset: UInt64(gz.count), count: 8)])
    #expect(result.complete)
    #expect(result.gzipMembers == 1)
    #expect(result.sha256 == sha256Hex(stored))
  }

  @Test(arguments: sizes)
  func loneTrailingMagicByteIsGarbage(decoded: Int, block: Int) throws {
    let dir = TempDir()
    let gz = gzipMember(Array("a\n".utf8))
    let path = dir.write("one.gz", gz + [0x1F])
    let (bytes, _, result) = readAll(
      try FileChunkSource(path: path, options: readOptions(decoded: decoded, block: block)))
    #expect(bytes == Array("a\n".utf8))
    #expect(result.errors == [.gzipTrailingGarbage(path: path, compressedOffset: UInt64(gz.count), count: 1)])
  }

  @Test(arguments: sizes)
  func trailingZeroPaddingIsIgnored(decoded: Int, block: Int) throws {
    let dir = TempDir()
    let text = sampleLog(lines: 50)
    let stored = gzipMember(text) + [UInt8](repeating: 0, count: 1000)
    let path = dir.write("padded.gz", stored)
    let (bytes, _, result) = readAll(
      try FileChunkSource(path: path, options: readOptions(decoded: decoded, block: block)))
    #expect(bytes == text)
    #expect(result.errors.isEmpty && result.complete)
    #expect(result.storedBytes == UInt64(stored.count))
    #expect(result.sha256 == sha256Hex(stored))
  }

  @Test func zeroPaddingFollowedByGarbage() throws {
    let dir = TempDir()
    let gz = gzipMember(Array("a\n".utf8))
    let path = dir.write("pad-garbage.gz", gz + [0, 0, 0, 0x41])
    let (_, _, result) = readAll(try FileChunkSource(path: path, options: readOptions(decoded: 7, block: 1)))
    #expect(result.errors == [.gzipTrailingGarbage(path: path, compressedOffset: UInt64(gz.count), count: 4)])
  }

  @Test(arguments: sizes)
  func zeroByteFileAndEmptyGzip(decoded: Int, block: Int) throws {
    let dir = TempDir()
    let empty = dir.write("empty.log", [UInt8]())
    let r1 = readAll(try FileChunkSource(path: empty, options: readOptions(decoded: decoded, block: block)))
    #expect(r1.bytes.isEmpty && r1.chunkSizes.isEmpty)
    #expect(
      r1.result
        == InputReadResult(
          sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", storedBytes: 0,
          decodedBytes: 0, compression: .none, gzipMembers: 0, complete: true, errors: []))
    let gz = gzipMember([])
    let emptyGz = dir.write("empty.gz", gz)
    let r2 = readAll(try FileChunkSource(path: emptyGz, options: readOptions(decoded: decoded, block: block)))
    #expect(r2.bytes.isEmpty && r2.chunkSizes.isEmpty)
    #expect(
      r2.result
        == InputReadResult(
          sha256: sha256Hex(gz), storedBytes: UInt64(gz.count), decodedBytes: 0, compression: .gzip,
          gzipMembers: 1, complete: true, errors: []))
  }

  @Test(arguments: [
    ([0x42, 0x5A, 0x68, 0x39], Compression.bzip2), ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], .xz),
    ([0x28, 0xB5, 0x2F, 0xFD], .zstd), ([0x50, 0x4B, 0x03, 0x04], .zip),
  ])
  func otherCompressionsAreRefusedButHashed(magic: [UInt8], compression: Compression) throws {
    let dir = TempDir()
    let stored = magic + Array("GET /api/patients/1 HTTP/1.1\n".utf8)
    let path = dir.write("archive.log", stored)
    for block in [1, 4096] {
      let (bytes, _, result) = readAll(try FileChunkSource(path: path, options: readOptions(decoded: 7, block: block)))
      #expect(bytes.isEmpty)
      #expect(
        result
          == InputReadResult(
            sha256: sha256Hex(stored), storedBytes: UInt64(stored.count), decodedBytes: 0,
            compression: compression, gzipMembers: 0, complete: false,
            errors: [.unsupportedCompression(path: path, compression: compression)]))
    }
  }

  @Test func sniffingUsesMagicBytes() {
    func detect(_ bytes: [UInt8]) -> Compression { bytes.withUnsafeBytes { CompressionSniffer.detect($0) } }
    #expect(detect([0x1F, 0x8B, 0x08]) == .gzip)
    #expect(detect([0x1F]) == .none)
    #expect(detect(Array("BZh91AY".utf8)) == .bzip2)
    #expect(detect([0xFD, 0x37, 0x7A, 0x58, 0x5A]) == .none)  // xz magic needs all six bytes
    #expect(detect(Array("PK\u{3}\u{4}".utf8)) == .zip)
    #expect(detect(Array("127.0.0.1 - -".utf8)) == .none)
    #expect(detect([]) == .none)
  }

  @Test func openErrors() throws {
    let dir = TempDir()
    #expect(throws: InputError.cannotOpen(path: "\(dir.path)/missing.log", reason: "No such file or directory")) {
      try FileChunkSource(path: "\(dir.path)/missing.log")
    }
    #expect(throws: InputError.notAFile(path: dir.path, reason: "is a directory")) {
      try FileChunkSource(path: dir.path)
    }
  }

  @Test func namedPipeIsReadWithoutAKnownSize() throws {
    let dir = TempDir()
    let path = "\(dir.path)/pipe"
    #expect(mkfifo(path, 0o600) == 0)
    let text = sampleLog(lines: 500)
    let gz = gzipMember(text)
    let writer = Thread {
      // Opening blocks until the reader opens the other end.
      guard let handle = FileHandle(forWritingAtPath: path) else { return }
      handle.write(Data(gz))
      try? handle.close()
    }
    writer.start()
    let source = try FileChunkSource(path: path, options: readOptions(decoded: 4096, block: 100))
    #expect(source.expectedStoredBytes == nil)
    let (bytes, _, result) = readAll(source)
    #expect(bytes == text)
    #expect(result.sha256 == sha256Hex(gz) && result.complete && result.gzipMembers == 1)
  }

  /// Temporarily puts a pipe on file descriptor 0. No other test reads standard input.
  @Test func dashReadsStandardInput() throws {
    let text = Array("from stdin 1\nfrom stdin 2\n".utf8)
    let gz = gzipMember(text)
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    let savedStdin = dup(STDIN_FILENO)
    #expect(dup2(fds[0], STDIN_FILENO) == STDIN_FILENO)
    close(fds[0])
    defer {
      dup2(savedStdin, STDIN_FILENO)
      close(savedStdin)
    }
    let written = gz.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
    close(fds[1])
    #expect(written == gz.count)
    let source = try FileChunkSource(path: "-", options: readOptions(decoded: 7, block: 3))
    #expect(source.expectedStoredBytes == nil)
    let (bytes, _, result) = readAll(source)
    #expect(bytes == text)
    #expect(result.sha256 == sha256Hex(gz) && result.complete && result.compression == .gzip)
    #expect(fcntl(STDIN_FILENO, F_GETFD) != -1)  // standard input was not closed
  }

  @Test func plainTextNamedGzIsReadAsText() throws {
    let dir = TempDir()
    let path = dir.write("fake.log.gz", "1.2.3.4 - - hello\n")
    let (bytes, _, result) = readAll(try FileChunkSource(path: path))
    #expect(bytes == Array("1.2.3.4 - - hello\n".utf8))
    #expect(result.compression == .none && result.complete)
  }
}
