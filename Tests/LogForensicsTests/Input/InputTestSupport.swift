// Input/InputTestSupport.swift - temp files, in-memory gzip and read-all helpers for input tests.

import CZlib
import Crypto
import Foundation

@testable import LogForensics

/// A fresh temporary directory, removed when the value is deinitialised.
final class TempDir {
  let path: String

  init() {
    let base = FileManager.default.temporaryDirectory.path
    path = "\(base)/lf-input-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// Writes `bytes` to `name` (creating intermediate directories) and returns the full path.
  @discardableResult
  func write(_ name: String, _ bytes: [UInt8]) -> String {
    let full = "\(path)/\(name)"
    let dir = (full as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: full, contents: Data(bytes))
    return full
  }

  @discardableResult
  func write(_ name: String, _ text: String) -> String { write(name, Array(text.utf8)) }

  func mkdir(_ name: String) {
    try? FileManager.default.createDirectory(
      atPath: "\(path)/\(name)", withIntermediateDirectories: true)
  }

  func symlink(_ name: String, to target: String) {
    try? FileManager.default.createSymbolicLink(atPath: "\(path)/\(name)", withDestinationPath: target)
  }
}

/// One gzip member of `data` (zlib deflate with the gzip wrapper, windowBits 15 + 16).
func gzipMember(_ data: [UInt8], level: Int32 = 6) -> [UInt8] {
  var stream = z_stream()
  precondition(czlib_deflateInit2(&stream, level, 15 + 16) == Z_OK)
  defer { deflateEnd(&stream) }
  var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(data.count))) + 64)
  var input = data
  let written: Int = input.withUnsafeMutableBufferPointer { inBuf in
    out.withUnsafeMutableBufferPointer { outBuf in
      stream.next_in = inBuf.baseAddress
      stream.avail_in = uInt(inBuf.count)
      stream.next_out = outBuf.baseAddress
      stream.avail_out = uInt(outBuf.count)
      let code = deflate(&stream, Z_FINISH)
      precondition(code == Z_STREAM_END)
      return outBuf.count - Int(stream.avail_out)
    }
  }
  return Array(out[0..<written])
}

func sha256Hex(_ bytes: [UInt8]) -> String {
  SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
}

/// Deterministic, poorly compressible log-like text: `count` lines with pseudo-random fields.
func sampleLog(lines count: Int, seed: UInt64 = 42) -> [UInt8] {
  var state = seed
  var out: [UInt8] = []
  for n in 1...max(1, count) {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    let a = state >> 33
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    out += Array("10.0.\(a % 256).\(state % 256) GET /api/patients/\(a % 100_000) \(n) \(state >> 20)\n".utf8)
  }
  return out
}

/// Reads a whole source: the concatenated chunks, the chunk sizes and the final result.
func readAll(_ source: any ChunkSource) -> (bytes: [UInt8], chunkSizes: [Int], result: InputReadResult) {
  var bytes: [UInt8] = []
  var sizes: [Int] = []
  while let chunk = source.nextChunk() {
    bytes += chunk
    sizes.append(chunk.count)
  }
  return (bytes, sizes, source.result)
}

func readOptions(decoded: Int, block: Int) -> InputReadOptions {
  var o = InputReadOptions()
  o.decodedChunkSize = decoded
  o.readBlockSize = block
  return o
}

/// `<repo>/../shared/realworld`, or `nil` when absent (tests then skip).
func realWorldCorpusPath(_ file: String = #filePath) -> String? {
  var url = URL(fileURLWithPath: file)
  for _ in 0..<4 { url.deleteLastPathComponent() }  // Input/, LogForensicsTests/, Tests/, repo
  let dir = url.deletingLastPathComponent().appendingPathComponent("shared/realworld").path
  var isDir: ObjCBool = false
  return FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) && isDir.boolValue ? dir : nil
}
