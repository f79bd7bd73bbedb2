// Fuzzing/FuzzTargets+Input.swift - fuzz targets for the input stage: line splitter, gzip reader.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension FuzzEntryPoints {
  /// `line-splitter`: byte 0 picks `maxLineLength`, bytes 1–3 the sizes of the chunks the rest
  /// is fed in (cycled; 0 feeds an empty chunk). Every emitted line is compared with
  /// ``naiveLines(_:limit:)``: content, number, offset, length and the overlong flag.
  static func fuzzLineSplitter(_ data: UnsafeRawBufferPointer) {
    guard data.count >= 4 else { return }
    let maxLength = data[0] == 255 ? 64 * 1024 : 1 + Int(data[0] % 48)
    let sizes = [Int(data[1] % 40), Int(data[2] % 40), 1 + Int(data[3])]
    let stream = data.slice(4, data.count)
    var splitter = LineSplitter(maxLineLength: maxLength)
    var got: [(bytes: [UInt8], line: SplitLine)] = []
    var pos = 0
    var k = 0
    while pos < stream.count {
      let n = min(sizes[k % 3], stream.count - pos)
      k += 1
      splitter.feed(stream.slice(pos, pos + n)) { got.append((Array($0.bytes), $0)) }
      pos += n
      if k > 4 * stream.count + 8 { break }  // only empty chunks: cannot progress
    }
    guard pos == stream.count else { return }
    splitter.finish { got.append((Array($0.bytes), $0)) }

    // The model: lines and their offsets from one pass over the whole stream.
    let expected = naiveLines(stream)
    precondition(got.count == expected.count, "line count \(got.count) != \(expected.count)")
    var offset: Int64 = 0
    for (i, want) in expected.enumerated() {
      let (bytes, line) = got[i]
      precondition(line.number == Int64(i + 1), "line \(i + 1) numbered \(line.number)")
      precondition(line.byteOffset == offset, "line \(i + 1) at offset \(line.byteOffset), expected \(offset)")
      precondition(line.length == Int64(want.count), "line \(i + 1) length \(line.length) != \(want.count)")
      precondition(line.overlong == (want.count > maxLength), "line \(i + 1) overlong flag wrong")
      precondition(bytes == Array(want.prefix(maxLength)), "line \(i + 1) bytes differ")
      // Advance past the line and its terminator in the stream.
      var next = Int(offset) + want.count
      if next < stream.count && stream[next] == .cr && next + 1 < stream.count && stream[next + 1] == .lf { next += 1 }
      offset = Int64(next + 1)
    }
  }

  /// Decoded bytes read per `gzip` input at most (a small bomb must not slow the run down).
  static let gzipDecodedLimit = 8 << 20

  /// `gzip`: byte 0 picks the read block and decoded chunk sizes, the rest is written to a
  /// private temporary file and read with ``FileChunkSource`` like an input file. Checks:
  /// stored bytes = file size, chunks add up to `decodedBytes`, plain input comes back
  /// unchanged, gzip chunks never exceed the chunk size, and errors match `complete`.
  static func fuzzGzip(_ data: UnsafeRawBufferPointer) {
    guard data.count >= 1 else { return }
    let blockSizes = [1, 7, 64, 4096, 1 << 20]
    let chunkSizes = [1, 13, 4096, 256 * 1024]
    var options = InputReadOptions()
    options.readBlockSize = blockSizes[Int(data[0] & 7) % blockSizes.count]
    options.decodedChunkSize = chunkSizes[Int(data[0] >> 3) % chunkSizes.count]
    let content = data.slice(1, data.count)
    guard let path = writeTemporaryFile(content) else { return }
    defer { unlink(path) }
    guard let source = try? FileChunkSource(path: path, options: options) else {
      preconditionFailure("cannot open the temporary file \(path)")
    }
    var decoded = 0
    var plainMatches = true
    var oversizedChunk = false
    while let chunk = source.nextChunk() {
      precondition(!chunk.isEmpty, "empty chunk")
      if chunk.count > options.decodedChunkSize { oversizedChunk = true }
      if decoded + chunk.count <= content.count {
        plainMatches = plainMatches && chunk.elementsEqual(content.slice(decoded, decoded + chunk.count))
      } else {
        plainMatches = false
      }
      decoded += chunk.count
      if decoded > gzipDecodedLimit { return }
    }
    let r = source.result
    precondition(r.storedBytes == UInt64(content.count), "stored \(r.storedBytes) of \(content.count) bytes")
    precondition(r.decodedBytes == UInt64(decoded), "decodedBytes \(r.decodedBytes) != chunks \(decoded)")
    precondition(r.sha256.count == 64, "no digest")
    switch r.compression {
    case .none:
      precondition(plainMatches && decoded == content.count, "plain input not returned unchanged")
    case .gzip:
      precondition(!oversizedChunk, "gzip chunk larger than decodedChunkSize")
      let fatal = r.errors.contains { $0.kind == "gzip-truncated" || $0.kind == "gzip-corrupt" }
      precondition(fatal == !r.complete, "complete=\(r.complete) but errors \(r.errors)")
    default:
      precondition(decoded == 0 && !r.complete, "\(r.compression) input decoded")
    }
  }

  /// Writes `bytes` to a new file in `$TMPDIR` (or `/tmp`); returns its path, or nil.
  static func writeTemporaryFile(_ bytes: UnsafeRawBufferPointer) -> String? {
    let dir = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    var template = Array((dir + "/logforensics-fuzz-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    var done = 0
    while done < bytes.count {
      let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else {
        unlink(path)
        return nil
      }
      done += n
    }
    return path
  }
}
