// Report/TerminalSanitizer.swift - neutralises control characters and ANSI escapes from log fields.

/// Makes text taken from logs safe to print on a terminal.
///
/// Log fields are attacker-controlled: a user agent can carry `ESC[2J` or a carriage
/// return that rewrites the previous line. `clean(_:)` replaces every C0 control character
/// (including ESC, CR, LF, TAB), DEL and C1 control (U+0080–U+009F) by a visible `\xNN` /
/// `\u{NN}` escape, so the text is shown as logged but cannot drive the terminal. Unicode
/// bidirectional overrides (U+202A–U+202E, U+2066–U+2069) are escaped too.
public enum TerminalSanitizer {
  /// The text with control characters replaced by escapes.
  public static func clean(_ text: String) -> String {
    var needs = false
    for s in text.unicodeScalars where isDangerous(s) {
      needs = true
      break
    }
    if !needs { return text }
    var out = String.UnicodeScalarView()
    let hex = Array("0123456789ABCDEF".unicodeScalars)
    for s in text.unicodeScalars {
      if isDangerous(s) {
        let v = s.value
        if v < 0x100 {
          out.append(contentsOf: "\\x".unicodeScalars)
          out.append(hex[Int(v >> 4)])
          out.append(hex[Int(v & 0xF)])
        } else {
          out.append(contentsOf: "\\u{\(String(v, radix: 16, uppercase: true))}".unicodeScalars)
        }
      } else {
        out.append(s)
      }
    }
    return String(out)
  }

  @inline(__always)
  static func isDangerous(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v)
      || (0x2066...0x2069).contains(v)
  }
}
