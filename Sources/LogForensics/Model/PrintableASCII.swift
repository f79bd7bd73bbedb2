// Model/PrintableASCII.swift - printable-ASCII text: its bytes are its string.

/// Text made only of printable ASCII bytes (0x20–0x7E).
///
/// Such bytes decode to a string with the same UTF-8 (``TextDecoding``), which
/// ``TerminalSanitizer/clean(_:)`` leaves unchanged, and two such strings are equal exactly
/// when their bytes are (Swift compares strings by canonical equivalence, and printable ASCII
/// is its own normal form). A string with other scalars can still equal one:
/// `"\u{212A}"` (KELVIN SIGN) == `"K"`.
enum PrintableASCII {
  /// `true` when every byte is printable ASCII (an empty buffer is).
  @inline(__always)
  static func contains(_ bytes: UnsafeRawBufferPointer) -> Bool {
    for b in bytes where b < 0x20 || b > 0x7E { return false }
    return true
  }
}
