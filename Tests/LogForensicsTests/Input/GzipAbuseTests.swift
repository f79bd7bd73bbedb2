// Input/GzipAbuseTests.swift - bad CRC / length members, trailing garbage, decompression bombs.

import Foundation
import Testing

@testable import LogForensics

@Suite struct GzipAbuseTests {
  /// `member` with its CRC-32 (trailer bytes -8..<-4) or ISIZE (-4..<end) changed.
  static func damageTrailer(_ member: [UInt8], at index: Int) -> [UInt8] {
    var m = member
    m[m.count + index] ^= 0x5A
    return m
  }

  @Test(arguments: availableBackends, [(1, 1), (4096, 4096), (256 * 1024, 1 << 20)])
  func badCRCKeepsTheContentFlagsItAndReadsOn(backend: InflateBackend, sizes: (Int, Int)) throws {
    let dir = TempDir()
    let first = sampleLog(lines: 100, seed: 1)
    let second = sampleLog(lines: 100, seed: 2)
    let bad = Self.damageTrailer(gzipMember(first), at: -8)
    let good = gzipMember(second)
    let path = dir.write("badcrc.gz", bad + good)
    let (bytes, _, result) = try readWith(backend, path, decoded: sizes.0, block: sizes.1)
    #expect(bytes == first + second)
    let stored = UInt32(bad[bad.count - 8]) | UInt32(bad[bad.count - 7]) << 8 | UInt32(bad[bad.count - 6]) << 16
      | UInt32(bad[bad.count - 5]) << 24
    #expect(
      result.errors == [
        .gzipBadCRC(path: path, member: 1, compressedOffset: UInt64(bad.count - 8), stored: stored, computed: crc32Of(first))
      ])
    #expect(result.complete && result.gzipMembers == 2 && result.gzipBadMembers == 1)
    #expect(result.errors.first?.kind == "gzip-bad-crc")
    #expect(result.errors.first?.description.contains("gzip member 1 fails its CRC-32 check") == true)
  }

  @Test(arguments: availableBackends)
  func badLengthIsFlaggedWithTheDecodedLength(backend: InflateBackend) throws {
    let dir = TempDir()
    let text = sampleLog(lines: 50)
    let bad = Self.damageTrailer(gzipMember(text), at: -4)
    let path = dir.write("badlen.gz", gzipMember(text) + bad)
    let (bytes, _, result) = try readWith(backend, path, decoded: 7, block: 5)
    #expect(bytes == text + text)
    #expect(result.complete && result.gzipBadMembers == 1)
    let offset = UInt64(gzipMember(text).count + bad.count - 4)
    #expect(
      result.errors == [
        .gzipBadLength(path: path, member: 2, compressedOffset: offset, stored: UInt32(text.count) ^ 0x5A, decoded: UInt64(text.count))
      ])
  }

  @Test func onlyTheFirstTwentyBadMembersAreListed() throws {
    let dir = TempDir()
    let member = Self.damageTrailer(gzipMember(Array("a\n".utf8)), at: -1)
    let path = dir.write("many.gz", Array([[UInt8]](repeating: member, count: 25).joined()))
    let (bytes, _, result) = try readWith(.auto, path)
    #expect(bytes.count == 50)
    #expect(result.gzipBadMembers == 25 && result.gzipMembers == 25 && result.errors.count == 20)
    #expect(result.errors.allSatisfy { $0.kind == "gzip-bad-length" })
  }

  @Test(arguments: availableBackends)
  func trailingGarbageAfterTheLastMember(backend: InflateBackend) throws {
    let dir = TempDir()
    let text = sampleLog(lines: 30)
    let gz = gzipMember(text) + gzipMember(text)
    let path = dir.write("garbage.gz", gz + Array("\u{0}\u{0}tar-junk".utf8))
    let (bytes, _, result) = try readWith(backend, path, decoded: 3, block: 2)
    #expect(bytes == text + text)
    #expect(result.errors == [.gzipTrailingGarbage(path: path, compressedOffset: UInt64(gz.count), count: 10)])
    #expect(result.complete && result.gzipMembers == 2)
  }

  @Test(arguments: availableBackends, [(7, 3), (4096, 4096), (256 * 1024, 1 << 20)])
  func sizeCeilingCutsExactlyAtTheLimit(backend: InflateBackend, sizes: (Int, Int)) throws {
    let dir = TempDir()
    let text = sampleLog(lines: 2000)
    let gz = gzipMember(text)
    let path = dir.write("big.gz", gz)
    let (bytes, _, result) = try readWith(backend, path, decoded: sizes.0, block: sizes.1) { $0.maxInflatedBytes = 10_000 }
    #expect(bytes == Array(text[..<10_000]))
    #expect(result.errors == [.inflatedSizeLimit(path: path, limit: 10_000)])
    #expect(!result.complete && result.decodedBytes == 10_000)
    #expect(result.sha256 == sha256Hex(gz) && result.storedBytes == UInt64(gz.count))  // still hashed whole
    #expect(result.errors.first?.description.hasPrefix("\(path): stopped after 10000 decompressed bytes") == true)
    // Exactly the decoded size is not over the limit, even with an empty member after it.
    let exact = dir.write("exact.gz", gz + gzipMember([]))
    let whole = try readWith(backend, exact, decoded: sizes.0, block: sizes.1) { $0.maxInflatedBytes = UInt64(text.count) }
    #expect(whole.bytes == text && whole.result.complete && whole.result.errors.isEmpty)
  }

  @Test(arguments: availableBackends)
  func ratioCeilingStopsABombButNotALog(backend: InflateBackend) throws {
    let dir = TempDir()
    let bombPath = dir.write("bomb.gz", gzipMember([UInt8](repeating: 0, count: 4 << 20), level: 9))
    let logPath = dir.write("log.gz", gzipMember(sampleLog(lines: 60_000), level: 9))
    let ceilings = { (o: inout InputReadOptions) in
      o.maxRatio = 100
      o.ratioCheckAfter = 256 << 10
      o.ratioCheckInterval = 64 << 10
    }
    let bomb = try readWith(backend, bombPath, decoded: 100_000, block: 4096, configure: ceilings)
    #expect(bomb.bytes == [UInt8](repeating: 0, count: 256 << 10))
    #expect(bomb.result.errors == [.compressionRatioLimit(path: bombPath, limit: 100, decodedBytes: 256 << 10)])
    #expect(!bomb.result.complete)
    #expect(bomb.result.errors.first?.kind == "compression-ratio-limit")
    let log = try readWith(backend, logPath, decoded: 100_000, block: 4096, configure: ceilings)
    #expect(log.result.complete && log.result.errors.isEmpty && log.bytes == sampleLog(lines: 60_000))
    // Defaults (1000:1 after 8 MiB) never stop the bomb-like but real 4 MiB file either.
    let defaults = try readWith(backend, bombPath)
    #expect(defaults.result.complete && defaults.bytes.count == 4 << 20)
  }
}
