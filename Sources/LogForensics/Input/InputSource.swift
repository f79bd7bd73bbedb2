// Input/InputSource.swift - the contract between the input stage and the pipeline.

/// Compression recognised from an input's first bytes (magic numbers, never the name).
public enum Compression: String, Sendable, Codable, Equatable {
  case none, gzip, bzip2, xz, zstd, zip
}

/// Why an input could not be read completely. Recorded per input (`inputs[].errors`); the
/// run continues with the next input.
public enum InputError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file could not be opened (errno text).
  case cannotOpen(path: String, reason: String)
  /// A read failed after `offset` stored bytes.
  case readFailed(path: String, offset: UInt64, reason: String)
  /// The gzip stream ended before its end marker (file cut short). Everything decoded
  /// before is kept.
  case gzipTruncated(path: String, compressedOffset: UInt64)
  /// zlib reported corrupt data at this compressed offset.
  case gzipCorrupt(path: String, zlibCode: Int32, compressedOffset: UInt64, message: String)
  /// Bytes after the last complete gzip member that are not another member.
  case gzipTrailingGarbage(path: String, compressedOffset: UInt64, count: UInt64)
  /// A gzip member's CRC-32 trailer does not match its decoded bytes (bit rot or tampering).
  /// The member's content is kept (flagged); reading goes on with the next member.
  case gzipBadCRC(path: String, member: Int, compressedOffset: UInt64, stored: UInt32, computed: UInt32)
  /// A gzip member's ISIZE trailer does not match its decoded length (mod 2^32). Content kept.
  case gzipBadLength(path: String, member: Int, compressedOffset: UInt64, stored: UInt32, decoded: UInt64)
  /// Decoding stopped at ``InputReadOptions/maxInflatedBytes`` (decompression-bomb ceiling).
  case inflatedSizeLimit(path: String, limit: UInt64)
  /// Decoding stopped because the input inflated more than ``InputReadOptions/maxRatio``
  /// times the compressed bytes read (decompression-bomb ceiling), after `decodedBytes`.
  case compressionRatioLimit(path: String, limit: Double, decodedBytes: UInt64)
  /// A compression this build cannot read (bzip2, xz, zstd, zip).
  case unsupportedCompression(path: String, compression: Compression)
  /// Not a regular file (device, socket…), or a symlink loop.
  case notAFile(path: String, reason: String)
  /// The file's size changed between opening and the end of reading (a log still being
  /// written, or truncated by rotation): the hash covers the bytes read, not the file as it is now.
  case changedWhileReading(path: String, sizeAtOpen: UInt64, bytesRead: UInt64)

  public var description: String {
    switch self {
    case .cannotOpen(let p, let r): return "\(p): cannot open: \(r)"
    case .readFailed(let p, let o, let r): return "\(p): read failed at byte \(o): \(r)"
    case .gzipTruncated(let p, let o):
      return "\(p): gzip stream truncated at compressed byte \(o); lines decoded before it are kept"
    case .gzipCorrupt(let p, let c, let o, let m):
      return "\(p): corrupt gzip data at compressed byte \(o) (zlib \(c): \(m)); lines decoded before it are kept"
    case .gzipTrailingGarbage(let p, let o, let n):
      return "\(p): \(n) bytes of trailing data after the last gzip member at compressed byte \(o) (ignored)"
    case .gzipBadCRC(let p, let m, let o, let s, let c):
      return "\(p): gzip member \(m) fails its CRC-32 check at compressed byte \(o) (stored \(hex8(s)), computed \(hex8(c))); its lines are kept but may be damaged or altered"
    case .gzipBadLength(let p, let m, let o, let s, let d):
      return "\(p): gzip member \(m) has a wrong length trailer at compressed byte \(o) (stored \(s), decoded \(d) mod 2^32 = \(UInt32(truncatingIfNeeded: d))); its lines are kept but may be damaged or altered"
    case .inflatedSizeLimit(let p, let l):
      return "\(p): stopped after \(l) decompressed bytes (--max-inflated-bytes; a decompression bomb?); lines decoded before it are kept"
    case .compressionRatioLimit(let p, let l, let d):
      return "\(p): decompressed to more than \(formatRatio(l)) times its compressed size after \(d) bytes (--max-ratio; a decompression bomb?); stopped, lines decoded before it are kept"
    case .unsupportedCompression(let p, let c):
      return "\(p): \(c.rawValue)-compressed input is not read by this build; decompress it first (e.g. '\(c.toolHint) FILE > FILE.log')"
    case .notAFile(let p, let r): return "\(p): skipped: \(r)"
    case .changedWhileReading(let p, let size, let read):
      return read < size
        ? "\(p): the file shrank while it was read (\(size) bytes when opened, \(read) read); the hash and counts cover the bytes read"
        : "\(p): the file grew while it was read (\(size) bytes when opened, \(read) read); the hash and counts cover the bytes read"
    }
  }

  /// Short machine-readable kind, used in the JSON report.
  public var kind: String {
    switch self {
    case .cannotOpen: return "cannot-open"
    case .readFailed: return "read-failed"
    case .gzipTruncated: return "gzip-truncated"
    case .gzipCorrupt: return "gzip-corrupt"
    case .gzipTrailingGarbage: return "gzip-trailing-garbage"
    case .gzipBadCRC: return "gzip-bad-crc"
    case .gzipBadLength: return "gzip-bad-length"
    case .inflatedSizeLimit: return "inflated-size-limit"
    case .compressionRatioLimit: return "compression-ratio-limit"
    case .unsupportedCompression: return "unsupported-compression"
    case .notAFile: return "not-a-file"
    case .changedWhileReading: return "changed-while-reading"
    }
  }

  /// Compressed byte offset where the problem was found, when known.
  public var offset: UInt64? {
    switch self {
    case .readFailed(_, let o, _), .gzipTruncated(_, let o), .gzipCorrupt(_, _, let o, _), .gzipTrailingGarbage(_, let o, _),
      .changedWhileReading(_, _, let o):
      return o
    case .gzipBadCRC(_, _, let o, _, _), .gzipBadLength(_, _, let o, _, _): return o
    default: return nil
    }
  }
}

/// `0x` and 8 lower-case hex digits.
private func hex8(_ v: UInt32) -> String {
  let s = String(v, radix: 16)
  return "0x" + String(repeating: "0", count: max(0, 8 - s.count)) + s
}

/// A ratio without a useless `.0` (`1000`, `12.5`).
private func formatRatio(_ r: Double) -> String {
  r == r.rounded() && abs(r) < 1e15 ? String(Int64(r)) : String(r)
}

extension Compression {
  var toolHint: String {
    switch self {
    case .bzip2: return "bzip2 -dc"
    case .xz: return "xz -dc"
    case .zstd: return "zstd -dc"
    case .zip: return "unzip -p"
    case .gzip, .none: return "cat"
    }
  }
}

/// What reading one input produced, known once its source is exhausted.
public struct InputReadResult: Sendable, Equatable {
  /// SHA-256 (lower-case hex) of the bytes exactly as stored (compressed bytes for `.gz`).
  public var sha256: String
  /// Number of stored bytes read (the file size when read completely).
  public var storedBytes: UInt64
  /// Number of decompressed bytes produced.
  public var decodedBytes: UInt64
  public var compression: Compression
  /// Number of gzip members read (0 for plain input).
  public var gzipMembers: Int
  /// `false` when an error stopped decoding early (see ``errors``). Members with a bad
  /// CRC-32 or length trailer do not make an input incomplete: they are decoded and counted
  /// in ``gzipBadMembers``.
  public var complete: Bool
  public var errors: [InputError]
  /// gzip members whose CRC-32 or length trailer did not match (the first 20 are listed in
  /// ``errors``).
  public var gzipBadMembers: Int = 0

  public init(sha256: String, storedBytes: UInt64, decodedBytes: UInt64, compression: Compression, gzipMembers: Int, complete: Bool, errors: [InputError], gzipBadMembers: Int = 0) {
    self.gzipBadMembers = gzipBadMembers
    self.sha256 = sha256
    self.storedBytes = storedBytes
    self.decodedBytes = decodedBytes
    self.compression = compression
    self.gzipMembers = gzipMembers
    self.complete = complete
    self.errors = errors
  }
}

/// A source of decoded (decompressed) bytes for one input, in chunks.
///
/// Implementations read the stored bytes in fixed blocks, hash them, and inflate gzip. They
/// never hold the whole input. After ``nextChunk()`` returns `nil`, ``result`` is final.
public protocol ChunkSource: AnyObject {
  /// The next block of decoded bytes, or `nil` at the end (or after a fatal error).
  func nextChunk() -> [UInt8]?
  /// Valid once ``nextChunk()`` returned `nil`.
  var result: InputReadResult { get }
  /// Total stored size if known in advance (file size; `nil` for stdin), for progress.
  var expectedStoredBytes: UInt64? { get }
  /// Stored bytes consumed so far (for progress).
  var storedBytesRead: UInt64 { get }
}
