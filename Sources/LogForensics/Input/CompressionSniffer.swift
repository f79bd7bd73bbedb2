// Input/CompressionSniffer.swift - recognises compressed inputs by their magic bytes.

/// Recognises the compression of an input from its first bytes, never from its name.
///
/// Magic numbers: gzip `1f 8b`, bzip2 `42 5a 68` (`BZh`), xz `fd 37 7a 58 5a 00`,
/// zstd `28 b5 2f fd`, zip `50 4b 03 04` (`PK\x03\x04`). Anything else, including a prefix
/// too short to hold a magic number, is `.none` (plain bytes).
public enum CompressionSniffer {
  /// The longest magic number checked; callers should pass at least this many bytes when the
  /// input has them.
  public static let prefixLength = 6

  /// - Parameter prefix: the first bytes of the input (up to ``prefixLength`` are inspected).
  /// - Returns: the compression those bytes announce, or `.none`.
  public static func detect(_ prefix: UnsafeRawBufferPointer) -> Compression {
    func starts(with magic: [UInt8]) -> Bool {
      guard prefix.count >= magic.count else { return false }
      for i in 0..<magic.count where prefix[i] != magic[i] { return false }
      return true
    }
    if starts(with: [0x1F, 0x8B]) { return .gzip }
    if starts(with: [0x42, 0x5A, 0x68]) { return .bzip2 }
    if starts(with: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return .xz }
    if starts(with: [0x28, 0xB5, 0x2F, 0xFD]) { return .zstd }
    if starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .zip }
    return .none
  }
}
