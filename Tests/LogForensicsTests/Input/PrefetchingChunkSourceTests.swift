// Input/PrefetchingChunkSourceTests.swift - the background reader gives the base source's bytes.

import Foundation
import Testing

@testable import LogForensics

/// A base source that produces `count` chunks of `size` bytes and counts how many it made.
final class CountingSource: ChunkSource, @unchecked Sendable {
  let count: Int
  let size: Int
  private(set) var produced = 0
  init(count: Int, size: Int) {
    self.count = count
    self.size = size
  }
  func nextChunk() -> [UInt8]? {
    guard produced < count else { return nil }
    produced += 1
    return [UInt8](repeating: UInt8(truncatingIfNeeded: produced), count: size)
  }
  var result: InputReadResult {
    InputReadResult(
      sha256: "x", storedBytes: UInt64(produced * size), decodedBytes: UInt64(produced * size),
      compression: .none, gzipMembers: 0, complete: produced == count, errors: [])
  }
  var expectedStoredBytes: UInt64? { UInt64(count * size) }
  var storedBytesRead: UInt64 { UInt64(produced * size) }
}

@Suite struct PrefetchingChunkSourceTests {
  @Test(arguments: [1, 2, 4])
  func givesTheSameBytesAndResultAsTheBaseSource(depth: Int) throws {
    let dir = TempDir()
    let text = sampleLog(lines: 3000)
    let cut = text.count / 3 + 11
    let gz = gzipMember(Array(text[..<cut])) + gzipMember(Array(text[cut...])) + Array("junk".utf8)
    let path = dir.write("multi.gz", gz)
    let options = readOptions(decoded: 1000, block: 777)

    let direct = readAll(try FileChunkSource(path: path, options: options))
    let prefetching = PrefetchingChunkSource(try FileChunkSource(path: path, options: options), depth: depth)
    #expect(prefetching.expectedStoredBytes == UInt64(gz.count))
    let viaThread = readAll(prefetching)

    #expect(viaThread.bytes == text)
    #expect(viaThread.bytes == direct.bytes)
    #expect(viaThread.chunkSizes == direct.chunkSizes)
    #expect(viaThread.result == direct.result)
    #expect(
      viaThread.result.errors == [.gzipTrailingGarbage(path: path, compressedOffset: UInt64(gz.count - 4), count: 4)])
    #expect(prefetching.storedBytesRead == UInt64(gz.count))
    #expect(prefetching.nextChunk() == nil)
    #expect(prefetching.waitForWorkerExit(timeout: 5))
  }

  @Test func earlyCancelStopsTheWorkerWithoutHanging() {
    let base = CountingSource(count: 1_000_000, size: 16)
    let source = PrefetchingChunkSource(base, depth: 2)
    #expect(source.nextChunk() == [UInt8](repeating: 1, count: 16))
    #expect(source.nextChunk() == [UInt8](repeating: 2, count: 16))
    source.cancel()
    #expect(source.waitForWorkerExit(timeout: 5))
    #expect(source.nextChunk() == nil)
    #expect(base.produced < 10)  // the queue is bounded: the worker did not run ahead
    #expect(!source.result.complete)
  }

  @Test func droppingTheSourceStopsTheWorker() {
    let base = CountingSource(count: 1_000_000, size: 16)
    var source: PrefetchingChunkSource? = PrefetchingChunkSource(base, depth: 3)
    _ = source?.nextChunk()
    source = nil
    // The worker keeps `base` alive until it exits; poll until it has stopped producing.
    let deadline = Date(timeIntervalSinceNow: 5)
    var last = -1
    while Date() < deadline {
      let now = base.produced
      if now == last { break }
      last = now
      Thread.sleep(forTimeInterval: 0.05)
    }
    #expect(base.produced < 10)
  }
}
