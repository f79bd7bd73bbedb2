// Input/DeflateDecoder.swift - the raw-deflate decoder interface and the choice of backend.

/// What one decoder call ended with.
enum DeflateStatus: Equatable {
  /// Progress was made, or none was possible without more input or output space.
  case ok
  /// The deflate stream's last block is decoded and all its output delivered.
  case streamEnd
  /// Corrupt data. `code` is zlib's (`Z_DATA_ERROR` -3…) for every backend, so reports do
  /// not depend on the backend; `message` says what was wrong.
  case error(code: Int32, message: String)
}

/// Bytes consumed and produced by one decoder call, and how it ended.
struct DeflateStep: Equatable {
  var consumed: Int
  var produced: Int
  var status: DeflateStatus
  /// At ``DeflateStatus/streamEnd``: whole bytes the decoder had read ahead past the end of
  /// the stream (ISA-L buffers up to 8), possibly during an earlier call. The caller puts them
  /// back before the unconsumed input: they are the gzip trailer. At an error: the bytes read
  /// ahead past the offending code (not counted in the error offset). Empty for zlib.
  var readAhead: [UInt8] = []
}

/// One raw-deflate stream (RFC 1951) with a running CRC-32 of its output.
///
/// The gzip wrapper (header, CRC-32 and length trailer, members) is read by
/// ``FileChunkSource`` itself, so every backend has the same header, trailer, truncation and
/// multi-member semantics; a backend only inflates. Contract of ``inflate(input:inputCount:output:outputCount:)``:
/// consume from `input`, write to `output`, stop when either is exhausted or the stream ends;
/// after ``DeflateStatus/streamEnd`` the bytes past the stream's last byte are either not
/// consumed or returned in ``DeflateStep/readAhead``; a call with no input flushes output held back.
protocol DeflateDecoder: AnyObject {
  /// Why the decoder cannot be used, or `nil` when it is ready.
  var initError: String? { get }
  func inflate(
    input: UnsafeRawPointer, inputCount: Int, output: UnsafeMutableRawPointer, outputCount: Int
  ) -> DeflateStep
  /// Prepares for the next deflate stream (next gzip member); the CRC starts again at 0.
  func reset()
  /// CRC-32 (as in gzip trailers) of every byte produced since the last reset.
  var crc32: UInt32 { get }
}

/// Which library inflates gzip input. Output is byte-identical; only speed differs.
public enum InflateBackend: String, Sendable, CaseIterable, Equatable {
  /// zlib: always available, the portable default.
  case zlib
  /// Intel ISA-L (igzip): several times faster; only in builds with the `ISAL` trait.
  case isal
  /// ISA-L when this build has it, zlib otherwise.
  case auto

  /// `true` when this build was compiled with the `ISAL` trait (libisal-dev).
  public static var isalAvailable: Bool {
    #if ISAL
      return true
    #else
      return false
    #endif
  }

  /// The backend actually used: `.auto` resolved, `.isal` falls back to `.zlib` when this
  /// build lacks ISA-L (the CLI refuses `--inflate isal` in that case before reading).
  public var resolved: InflateBackend {
    switch self {
    case .zlib: return .zlib
    case .isal, .auto: return Self.isalAvailable ? .isal : .zlib
    }
  }

  /// A fresh decoder of the resolved backend.
  func makeDecoder() -> any DeflateDecoder {
    #if ISAL
      if resolved == .isal { return IsalInflater() }
    #endif
    return ZlibInflater()
  }
}
