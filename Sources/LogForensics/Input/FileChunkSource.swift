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
  /// Library that inflates gzip (output is identical; see ``InflateBackend``).
  public var inflateBackend = InflateBackend.auto
  /// Decompression-bomb ceiling: stop an input after this many decoded bytes (0: no limit).
  /// The default, 1 TiB, is far above any real log file.
  public var maxInflatedBytes: UInt64 = 1 << 40
  /// Decompression-bomb ceiling: stop an input whose decoded size exceeds this many times
  /// the compressed bytes consumed so far (0: no limit). Checked every
  /// ``ratioCheckInterval`` decoded bytes once ``ratioCheckAfter`` are decoded. deflate
  /// cannot exceed about 1032:1; real logs compress 5–30:1, very repetitive ones up to ~200:1.
  public var maxRatio: Double = 1000
  /// Decoded bytes before the ratio is first checked (the start of a file may be atypical).
  public var ratioCheckAfter: UInt64 = 8 << 20
  /// Decoded bytes between two ratio checks.
  public var ratioCheckInterval: UInt64 = 1 << 20

  public init() {}
}

/// Reads one input (a path, or `-` for standard input) and yields its decoded bytes in chunks.
///
/// - Stored bytes are read with `read(2)` in ``InputReadOptions/readBlockSize`` blocks and every
///   one of them goes into a SHA-256, even after a decoding error, so ``InputReadResult/sha256``
///   always covers the input exactly as stored (it equals `sha256sum FILE`).
/// - Compression is recognised from the first bytes (``CompressionSniffer``), never the name.
/// - gzip is inflated in streaming fashion by the ``InflateBackend`` chosen in the options
///   (zlib or ISA-L: same bytes, same results); the gzip wrapper (header fields, CRC-32 and
///   length trailer) is read here, so both backends share its semantics. Concatenated members
///   (`cat a.gz b.gz`) are read one after the other, a member boundary may fall anywhere, even
///   inside a line. Zero bytes after the last member are ignored; other trailing bytes give
///   `.gzipTrailingGarbage` but the input still counts as complete. A member whose trailer does
///   not match (`.gzipBadCRC`, `.gzipBadLength`) is kept, counted and reading goes on; the
///   input stays complete. A stream cut short keeps everything decoded before the cut and
///   reports `.gzipTruncated`; corrupt data reports `.gzipCorrupt`; both make the result
///   incomplete, as do the decompression-bomb ceilings (`.inflatedSizeLimit`,
///   `.compressionRatioLimit`), which cut the output at an exact decoded byte count.
/// - bzip2, xz, zstd and zip are not decoded (their bytes are never treated as text); they
///   are hashed and reported as `.unsupportedCompression`.
/// - The file is opened read-only and is never modified.
///
/// - Complexity: O(stored bytes + decoded bytes); memory is one read block plus one chunk.
public final class FileChunkSource: ChunkSource {
  enum Phase {
    /// Nothing decided yet: the first bytes have not been read.
    case sniffing
    case plain
    /// Reading a gzip member header.
    case gzipHeader
    /// Inside a gzip member's deflate data.
    case gzipMember
    /// Reading a gzip member's 8-byte trailer (CRC-32, length).
    case gzipTrailer
    /// After a complete gzip member: another member, zero padding, garbage or EOF follows.
    case gzipBetweenMembers
    case finished
  }

  let path: String
  let options: InputReadOptions
  private var fd: Int32
  private let ownsDescriptor: Bool
  public let expectedStoredBytes: UInt64?
  public private(set) var storedBytesRead: UInt64 = 0

  var phase = Phase.sniffing
  private var hasher = SHA256()
  var decodedBytes: UInt64 = 0
  private var compression = Compression.none
  var gzipMembers = 0
  var complete = true
  var errors: [InputError] = []
  /// Lower-case hex SHA-256, set when the input is finished.
  private var digestHex: String?
  /// State of the gzip member being read (see FileChunkSource+Gzip.swift).
  var gzip = GzipReadState()

  /// Stored bytes not yet consumed are `buffer[start..<end]`.
  let buffer: UnsafeMutableRawBufferPointer
  var start = 0
  var end = 0
  var atEOF = false

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
    // Room for one block plus a few carried bytes (magic-number sniffing, member headers)
    // and up to 8 bytes an inflate backend read ahead past a member's end and gives back.
    buffer = .allocate(byteCount: opts.readBlockSize + 24, alignment: 16)
  }

  deinit {
    closeDescriptor()
    buffer.deallocate()
  }

  public var result: InputReadResult {
    InputReadResult(
      sha256: digestHex ?? "", storedBytes: storedBytesRead, decodedBytes: decodedBytes,
      compression: compression, gzipMembers: gzipMembers, complete: digestHex != nil && complete,
      errors: errors, gzipBadMembers: gzip.badMembers)
  }

  public func nextChunk() -> [UInt8]? {
    while true {
      switch phase {
      case .sniffing:
        sniff()
      case .plain:
        return nextPlainChunk()
      case .gzipHeader, .gzipMember, .gzipTrailer, .gzipBetweenMembers:
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
  func readBlock() -> Bool {
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
  func drain() {
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
      let decoder = options.inflateBackend.makeDecoder()
      gzip.decoder = decoder
      gzip.nextRatioCheck = max(1, options.ratioCheckAfter)
      if let message = decoder.initError {
        errors.append(.gzipCorrupt(path: path, zlibCode: Z_STREAM_ERROR, compressedOffset: 0, message: message))
        complete = false
        drain()
        finish()
      } else {
        phase = .gzipHeader
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

  // MARK: - End

  func finish() {
    guard phase != .finished else { return }
    phase = .finished
    closeDescriptor()
    gzip.decoder = nil
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
