// Input/InflateBackendTests.swift - zlib and ISA-L give the same bytes and results; gzip header fields.

import Foundation
import Testing

@testable import LogForensics

/// The backends this build can use (ISA-L only with `--traits ISAL`).
let availableBackends: [InflateBackend] = InflateBackend.isalAvailable ? [.zlib, .isal] : [.zlib]

/// Reads `path` with `backend` and the given chunk sizes.
func readWith(
  _ backend: InflateBackend, _ path: String, decoded: Int = 4096, block: Int = 4096,
  configure: (inout InputReadOptions) -> Void = { _ in }
) throws -> (bytes: [UInt8], chunkSizes: [Int], result: InputReadResult) {
  var options = readOptions(decoded: decoded, block: block)
  options.inflateBackend = backend
  configure(&options)
  return readAll(try FileChunkSource(path: path, options: options))
}

/// A gzip member of `data` whose header carries the optional fields selected by `flags`
/// (FEXTRA 0x04, FNAME 0x08, FCOMMENT 0x10, FHCRC 0x02), built from zlib's plain member.
func gzipMemberWithHeader(_ data: [UInt8], flags: UInt8, headerCRC: UInt16? = nil) -> [UInt8] {
  let plain = gzipMember(data)
  var header: [UInt8] = [0x1F, 0x8B, 8, flags, 0x10, 0x32, 0x54, 0x76, 0, 3]
  if flags & 0x04 != 0 { header += [5, 0] + Array("ab\u{0}cd".utf8) }
  if flags & 0x08 != 0 { header += Array("access.log".utf8) + [0] }
  if flags & 0x10 != 0 { header += Array("rotated by logrotate".utf8) + [0] }
  if flags & 0x02 != 0 {
    let crc = headerCRC ?? UInt16(truncatingIfNeeded: crc32Of(header))
    header += [UInt8(crc & 0xFF), UInt8(crc >> 8)]
  }
  return header + plain[10...]
}

/// Plain CRC-32 (IEEE, reflected), for building fixtures.
func crc32Of(_ bytes: [UInt8]) -> UInt32 {
  var crc: UInt32 = 0xFFFF_FFFF
  for b in bytes {
    crc ^= UInt32(b)
    for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
  }
  return ~crc
}

@Suite struct InflateBackendTests {
  @Test func autoResolvesToWhatTheBuildHas() {
    #expect(InflateBackend.zlib.resolved == .zlib)
    #expect(InflateBackend.auto.resolved == (InflateBackend.isalAvailable ? .isal : .zlib))
    #if ISAL
      #expect(InflateBackend.isalAvailable)
    #endif
  }

  @Test(arguments: availableBackends, FileChunkSourceTests.sizes)
  func multiMemberOutputIsIdenticalToZlib(backend: InflateBackend, sizes: (Int, Int)) throws {
    let dir = TempDir()
    let text = sampleLog(lines: 3000)
    let cut = text.count / 3 + 7
    let gz = gzipMember(Array(text[..<cut]), level: 1) + gzipMember([]) + gzipMember(Array(text[cut...]), level: 9)
    let path = dir.write("multi.gz", gz)
    let reference = try readWith(.zlib, path, decoded: sizes.0, block: sizes.1)
    let other = try readWith(backend, path, decoded: sizes.0, block: sizes.1)
    #expect(other.bytes == text)
    #expect(other.chunkSizes == reference.chunkSizes)
    #expect(other.result == reference.result)
    #expect(other.result.gzipMembers == 3 && other.result.complete && other.result.errors.isEmpty)
  }

  /// Every cut point of a small member, and a few of a larger one: same bytes, same
  /// `gzip-truncated` offset (the file size) with both backends.
  @Test(arguments: availableBackends)
  func truncationAtEveryOffsetMatchesZlib(backend: InflateBackend) throws {
    let dir = TempDir()
    let small = gzipMember(Array("GET /a HTTP/1.1 200\nGET /b HTTP/1.1 404\n".utf8))
    let large = gzipMember(sampleLog(lines: 4000))
    let cases = (2..<small.count).map { Array(small[..<$0]) } + stride(from: 100, to: large.count, by: 15_013).map { Array(large[..<$0]) }
    for (n, stored) in cases.enumerated() {
      let path = dir.write("cut\(n).gz", stored)
      for (decoded, block) in stored.count < 100 ? [(7, 3), (65536, 1 << 20)] : [(4096, 997)] {
        let reference = try readWith(.zlib, path, decoded: decoded, block: block)
        let other = try readWith(backend, path, decoded: decoded, block: block)
        #expect(other.bytes == reference.bytes, "cut at \(stored.count)")
        #expect(other.result == reference.result, "cut at \(stored.count)")
        #expect(other.result.errors == [.gzipTruncated(path: path, compressedOffset: UInt64(stored.count))])
      }
    }
  }

  @Test(arguments: availableBackends)
  func emptyGzipAndEmptyMembers(backend: InflateBackend) throws {
    let dir = TempDir()
    let gz = gzipMember([]) + gzipMember([])
    let path = dir.write("empty.gz", gz)
    let (bytes, sizes, result) = try readWith(backend, path, decoded: 7, block: 1)
    #expect(bytes.isEmpty && sizes.isEmpty)
    #expect(
      result
        == InputReadResult(
          sha256: sha256Hex(gz), storedBytes: UInt64(gz.count), decodedBytes: 0, compression: .gzip, gzipMembers: 2,
          complete: true, errors: []))
  }

  /// Invalid deflate data (a stored block whose LEN and NLEN disagree) in a second member:
  /// both backends keep the first member and stop with `gzip-corrupt`. zlib's offset is after
  /// the 4 length bytes; ISA-L's offset and wording are its own (documented difference).
  @Test(arguments: availableBackends)
  func invalidDeflateDataStopsAfterTheGoodMember(backend: InflateBackend) throws {
    let dir = TempDir()
    let text = sampleLog(lines: 200)
    let good = gzipMember(text)
    let bad: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 0x01, 0x05, 0x00, 0x00, 0x00] + Array("hello".utf8)
    let path = dir.write("corrupt.gz", good + bad)
    let (bytes, _, result) = try readWith(backend, path, decoded: 7, block: 3)
    #expect(bytes == text)
    #expect(!result.complete && result.gzipMembers == 1 && result.errors.count == 1)
    guard case .gzipCorrupt(_, let code, let offset, let message)? = result.errors.first else {
      Issue.record("expected gzip-corrupt, got \(result.errors)")
      return
    }
    #expect(code == -3)
    if backend == .zlib {
      #expect(offset == UInt64(good.count + 15) && message == "invalid stored block lengths")
    } else {
      #expect(offset > UInt64(good.count + 10) && offset <= UInt64(good.count + bad.count))
      #expect(message.hasPrefix("isa-l: "))
    }
    #expect(result.sha256 == sha256Hex(good + bad))
  }

  @Test(arguments: availableBackends, [UInt8(0x04), 0x08, 0x10, 0x02, 0x1E])
  func optionalHeaderFieldsAreSkipped(backend: InflateBackend, flags: UInt8) throws {
    let dir = TempDir()
    let text = sampleLog(lines: 20)
    let gz = gzipMemberWithHeader(text, flags: flags) + gzipMemberWithHeader(text, flags: flags)
    let path = dir.write("fields.gz", gz)
    for (decoded, block) in [(1, 1), (4096, 4096)] {
      let (bytes, _, result) = try readWith(backend, path, decoded: decoded, block: block)
      #expect(bytes == text + text)
      #expect(result.complete && result.errors.isEmpty && result.gzipMembers == 2)
    }
  }

  @Test(arguments: availableBackends)
  func damagedHeadersAreCorruptWithZlibsMessages(backend: InflateBackend) throws {
    let dir = TempDir()
    let text = Array("GET / HTTP/1.1\n".utf8)
    var method = gzipMember(text)
    method[2] = 9
    var flags = gzipMember(text)
    flags[3] = 0x20
    let headerCRC = gzipMemberWithHeader(text, flags: 0x02, headerCRC: 0x1234)
    let second = gzipMember(text)
    var secondBad = gzipMember(text)
    secondBad[2] = 7
    let cases: [([UInt8], String, UInt64)] = [
      (method, "unknown compression method", 2), (flags, "unknown header flags set", 3),
      (headerCRC, "header crc mismatch", 11), (second + secondBad, "unknown compression method", UInt64(second.count + 2)),
    ]
    for (n, (stored, message, offset)) in cases.enumerated() {
      let path = dir.write("bad\(n).gz", stored)
      let (bytes, _, result) = try readWith(backend, path, decoded: 3, block: 2)
      #expect(bytes == (n == 3 ? text : []))
      #expect(result.errors == [.gzipCorrupt(path: path, zlibCode: -3, compressedOffset: offset, message: message)])
      #expect(!result.complete)
    }
  }
}
