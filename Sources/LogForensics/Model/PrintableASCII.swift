// Model/PrintableASCII.swift - printable-ASCII text: its bytes are its string, and which strings equal it.

/// Text made only of printable ASCII bytes (0x20–0x7E).
///
/// Such bytes decode to a string with the same UTF-8 (``TextDecoding``), which
/// ``TerminalSanitizer/clean(_:)`` leaves unchanged, and two such strings are equal exactly
/// when their bytes are (Swift compares strings by canonical equivalence, and printable ASCII
/// is its own normal form). A string with other scalars can still equal one:
/// `"\u{212A}"` (KELVIN SIGN) == `"K"`; ``equivalent(of:)`` finds that string.
enum PrintableASCII {
  /// `true` when every byte is printable ASCII (an empty buffer is).
  @inline(__always)
  static func contains(_ bytes: UnsafeRawBufferPointer) -> Bool {
    for b in bytes where b < 0x20 || b > 0x7E { return false }
    return true
  }

  /// The printable-ASCII string equal to `text` (Swift `==`), or `nil` when there is none.
  ///
  /// Two strings are equal when their canonical decompositions are; a decomposition is all
  /// ASCII only when each scalar's own is, and a non-ASCII scalar whose decomposition is ASCII
  /// is a singleton (U+212A → K, U+037E → `;`, U+1FEF → `` ` ``), which Unicode lists as
  /// a full composition exclusion. So each non-ASCII scalar is tried against the printable
  /// ASCII characters only when it is such an exclusion, and the result is checked with `==`.
  static func equivalent(of text: String) -> String? {
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E }) { return text }
    var out = String.UnicodeScalarView()
    for u in text.unicodeScalars {
      if u.value >= 0x20 && u.value <= 0x7E {
        out.append(u)
        continue
      }
      guard !u.isASCII, u.properties.isFullCompositionExclusion, let a = character(equalTo: u) else { return nil }
      out.append(a)
    }
    let s = String(out)
    return s == text ? s : nil
  }

  /// The printable ASCII character whose one-scalar string equals `u`'s, if any.
  private static func character(equalTo u: Unicode.Scalar) -> Unicode.Scalar? {
    let s = String(u)
    for v in UInt8(0x20)...UInt8(0x7E) where String(Unicode.Scalar(v)) == s { return Unicode.Scalar(v) }
    return nil
  }
}
