// Input/FileChunkSource.swift - reads one file or stdin, hashes it, inflates gzip, yields chunks.

import CZlib
import Crypto

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Buffer sizes used when reading an input.
public struct InputReadOptions: Sendable {
  /// Size of each decoded chunk produced from gzip input (the last one may be shorter).
  public var decodedChunkSize = 256 * 1024
  /// Size of each `read(2)` of stored bytes (plain input is returned in chunks of this size).
  public var readBlockSize = 1 << 20

  public init() {}
}

/// Reads one input (a path, or `-` for standard input) and yields its decoded bytes in chunks.
///
/// - Stored bytes are read with `read(2)` in ``InputReadOptions/readBlockSize`` blocks and every
///   one of them goes into a SHA-256, even after a decoding error, so ``InputReadResult/sha256``
///   always covers the input exactly as stored (it equals `sha256sum FILE`).
/// - Compression is recognised from the first bytes (``CompressionSniffer``), never the name.
/// - gzip is inflated in streaming fashion; concatenated members (`cat a.gz b.gz`) are read
///   one after the other, a member boundary may fall anywhere, even inside a line. Zero bytes
///   after the last member are ignored; other trailing bytes give `.gzipTrailingGarbage` but
///   the input still counts as complete. A stream cut short keeps everything decoded before
///   the cut and reports `.gzipTruncated`; corrupt data reports `.gzipCorrupt`; both make the
///   result incomplete.
/// - bzip2, xz, zstd and zip are not decoded (their bytes are never treated as text); they
///   are hashed and reported as `.unsupportedCompression`.
/// - The file is opened read-only and is never modified.
///
/// - Complexity: O(stored bytes + decoded bytes); memory is one read block plus one chunk.
public final class FileChunkSource: ChunkSource {
  private enum Phase {
    /// Nothing decided yet: the first bytes have not been read.
    case sniffing
    case plain
    /// Inside a gzip member.
    case gzipMember
    /// After a complete gzip member: another member, zero padding, garbage or EOF follows.
    case gzipBetweenMembers
    case finished
  }

  private let path: String
  private let options: InputReadOptions
  private var fd: Int32
  private let ownsDescriptor: Bool
  public let expectedStoredBytes: UInt64?
  public private(set) var storedBytesRead: UInt64 = 0

  private var phase = Phase.sniffing
  private var hasher = SHA256()
  private var decodedBytes: UInt64 = 0
  private var compression = Compression.none
  private var gzipMembers = 0
  private var complete = true
  private var errors: [InputError] = []
  /// Lower-case hex SHA-256, set when the input is finished.
  private var digestHex: String?
  private var inflater: GzipInflater?

  /// Stored bytes not yet consumed are `buffer[start..<end]`.
  private let buffer: UnsafeMutableRawBufferPointer
  private var start = 0
  private var end = 0
  private var atEOF = false

  /// Opens `path` read-only (`-` reads standard input).
  ///
  /// - Parameters:
  ///   - path: a file path, or `-` for standard input.
  ///   - options: read and chunk sizes.
  /// - Throws: `InputError.cannotOpen` when the path cannot be opened, `InputError.notAFile`
  ///   for a directory, socket or device (regular files and pipes are accepted). Opening a
  ///   named pipe waits until a writer opens it, as `open(2)` does.
  public init(path: String, options: InputReadOptions = .init()) throws {
    self.path = path
    var opts = options
    opts.readBlockSize = max(1, opts.readBlockSize)
    opts.decodedChunkSize = max(1, opts.decodedChunkSize)
    self.options = opts
    if path == "-" {
      fd = STDIN_FILENO
      ownsDescriptor = false
    } else {
      fd = open(path, O_RDONLY | O_CLOEXEC)
      guard fd >= 0 else {
        throw InputError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
      }
      ownsDescriptor = true
    }
    var st = stat()
    var size: UInt64? = nil
    if fstat(fd, &st) == 0 {
      let type = st.st_mode & S_IFMT
      if type == S_IFREG {
        // Standard input may be a file already partly read: no size promised for it.
        size = path == "-" ? nil : UInt64(max(0, st.st_size))
      } else if type != S_IFIFO && path != "-" {
        if ownsDescriptor { close(fd) }
        throw InputError.notAFile(path: path, reason: Self.describe(fileType: type))
      }
    }
    expectedStoredBytes = size
    // Room for one block plus a few carried bytes (magic-number sniffing, member headers).
    buffer = .allocate(byteCount: opts.readBlockSize + 8, alignment: 16)
  }

  deinit {
    closeDescriptor()
    buffer.deallocate()
  }

  public var result: InputReadResult {
    InputReadResult(
      sha256: digestHex ?? "", storedBytes: storedBytesRead, decodedBytes: decodedBytes,
      compression: compression, gzipMembers: gzipMembers, complete: digestHex != nil && complete,
      errors: errors)
  }

  public func nextChunk() -> [UInt8]? {
    while true {
      switch phase {
      case .sniffing:
        sniff()
      case .plain:
        return nextPlainChunk()
      case .gzipMember, .gzipBetweenMembers:
        return nextGzipChunk()
      case .finished:
        return nil
      }
    }
  }

  // MARK: - Reading stored bytes

  /// Reads one block after the unconsumed bytes and hashes it. Sets `atEOF` at end of file;
  /// on a read error records it and finishes the input as incomplete.
  /// - Returns: `false` when nothing more can be read.
  @discardableResult
  private func readBlock() -> Bool {
    guard !atEOF, phase != .finished else { return false }
    if start == end {
      start = 0
      end = 0
    } else if start > 0 {
      // safe: start < end <= buffer.count; memmove handles the overlap.
      memmove(buffer.baseAddress!, buffer.baseAddress! + start, end - start)
      end -= start
      start = 0
    }
    let want = min(options.readBlockSize, buffer.count - end)
    while true {
      let n = read(fd, buffer.baseAddress! + end, want)
      if n > 0 {
        hasher.update(bufferPointer: UnsafeRawBufferPointer(buffer).slice(end, end + n))
        storedBytesRead += UInt64(n)
        end += n
        return true
      }
      if n == 0 {
        atEOF = true
        return false
      }
      if errno == EINTR { continue }
      let reason = String(cString: strerror(errno))
      errors.append(.readFailed(path: path, offset: storedBytesRead, reason: reason))
      complete = false
      finish()
      return false
    }
  }

  /// Reads and hashes the rest of the input without decoding it.
  private func drain() {
    start = 0
    end = 0
    while readBlock() {
      start = 0
      end = 0
    }
  }

  /// Decides the compression from the first bytes (reading until enough are there).
  private func sniff() {
    while end - start < CompressionSniffer.prefixLength && readBlock() {}
    guard phase != .finished else { return }
    compression = CompressionSniffer.detect(UnsafeRawBufferPointer(buffer).slice(start, end))
    switch compression {
    case .none:
      phase = .plain
    case .gzip:
      let inflater = GzipInflater()
      self.inflater = inflater
      if inflater.initStatus != Z_OK {
        errors.append(
          .gzipCorrupt(
            path: path, zlibCode: inflater.initStatus, compressedOffset: 0,
            message: "inflateInit2 failed"))
        complete = false
        drain()
        finish()
      } else {
        phase = .gzipMember
      }
    case .bzip2, .xz, .zstd, .zip:
      errors.append(.unsupportedCompression(path: path, compression: compression))
      complete = false
      drain()
      finish()
    }
  }

  private func nextPlainChunk() -> [UInt8]? {
    if start == end { readBlock() }
    guard start < end else {
      finish()
      return nil
    }
    let chunk = Array(UnsafeRawBufferPointer(buffer).slice(start, end))
    start = end
    decodedBytes += UInt64(chunk.count)
    return chunk
  }

  // MARK: - gzip

  /// Compressed offset of the next unconsumed stored byte.
  private var consumedOffset: UInt64 { storedBytesRead - UInt64(end - start) }

  private func nextGzipChunk() -> [UInt8]? {
    let capacity = options.decodedChunkSize
    let chunk = [UInt8](unsafeUninitializedCapacity: capacity) { out, initialized in
      var produced = 0
      while produced < capacity {
        if phase == .gzipMember {
          inflateStep(into: out.baseAddress! + produced, count: capacity - produced, produced: &produced)
        } else if phase == .gzipBetweenMembers {
          afterMember()
        } else {
          break
        }
      }
      initialized = produced
    }
    decodedBytes += UInt64(chunk.count)
    if chunk.isEmpty {
      finish()
      return nil
    }
    return chunk
  }

  /// One call to inflate inside a member, reading more input first when none is left.
  ///
  /// At end of file inflate is still called with no input, so output that zlib holds back
  /// (when the previous chunk filled up) is flushed before the stream is declared truncated.
  private func inflateStep(into out: UnsafeMutablePointer<UInt8>, count: Int, produced: inout Int) {
    guard let inflater else { return finish() }
    if start == end && !atEOF {
      readBlock()
      guard phase != .finished else { return }
    }
    let step = inflater.inflate(
      input: UnsafeRawPointer(buffer.baseAddress! + start), inputCount: end - start,
      output: UnsafeMutableRawPointer(out), outputCount: count)
    start += step.consumed
    produced += step.produced
    switch step.code {
    case Z_STREAM_END:
      gzipMembers += 1
      phase = .gzipBetweenMembers
    case Z_OK, Z_BUF_ERROR:
      guard step.consumed == 0 && step.produced == 0 else { return }
      if start == end && atEOF {
        // No input left and zlib cannot go on: the file ends inside a member.
        errors.append(.gzipTruncated(path: path, compressedOffset: storedBytesRead))
        complete = false
        finish()
      } else if start < end {
        // Input and output space available but no progress: treat as corrupt, never spin.
        recordCorrupt(code: step.code, message: inflater.message)
      }
    default:
      recordCorrupt(code: step.code, message: inflater.message)
    }
  }

  private func recordCorrupt(code: Int32, message: String) {
    errors.append(
      .gzipCorrupt(path: path, zlibCode: code, compressedOffset: consumedOffset, message: message))
    complete = false
    drain()
    finish()
  }

  /// After a complete member: start the next member, accept zero padding, or report garbage.
  private func afterMember() {
    if end - start < 2 {
      readBlock()
      guard phase != .finished else { return }
      if start == end {
        finish()  // clean end after the last member
        return
      }
    }
    let bytes = UnsafeRawBufferPointer(buffer)
    if end - start >= 2 && bytes[start] == 0x1F && bytes[start + 1] == 0x8B {
      inflater?.reset()
      phase = .gzipMember
      return
    }
    if end - start < 2 && !atEOF { return }  // wait for the second header byte
    let trailingOffset = consumedOffset
    var allZero = true
    while true {
      for i in start..<end where bytes[i] != 0 {
        allZero = false
        break
      }
      start = end
      guard allZero, readBlock() else { break }
    }
    if !allZero { drain() }
    if phase != .finished && !allZero {
      errors.append(
        .gzipTrailingGarbage(
          path: path, compressedOffset: trailingOffset, count: storedBytesRead - trailingOffset))
    }
    finish()
  }

  // MARK: - End

  private func finish() {
    guard phase != .finished else { return }
    phase = .finished
    closeDescriptor()
    inflater = nil
    let digest = hasher.finalize()
    digestHex = digest.map { byte -> String in
      let s = String(byte, radix: 16)
      return byte < 16 ? "0" + s : s
    }.joined()
  }

  private func closeDescriptor() {
    if ownsDescriptor && fd >= 0 { close(fd) }
    fd = -1
  }

  private static func describe(fileType: mode_t) -> String {
    switch fileType {
    case S_IFDIR: return "is a directory"
    case S_IFSOCK: return "is a socket"
    case S_IFCHR: return "is a character device"
    case S_IFBLK: return "is a block device"
    default: return "is not a regular file"
    }
  }
}
