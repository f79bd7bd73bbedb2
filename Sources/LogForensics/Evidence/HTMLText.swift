// Evidence/HTMLText.swift - escaping of text for HTML element content and attribute values.

/// Escapes text for HTML. Every string from logs or the case file passes through here:
/// `<script>` and `"><img onerror=…>` come out as visible text, never as markup.
public enum HTMLText {
  /// Escapes `& < > " '`, replaces control characters (except newline and tab) by U+FFFD and
  /// shows bidirectional overrides as `[U+202E]` (they could reorder the text around them).
  public static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for u in s.unicodeScalars {
      switch u {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default:
        if isBidiControl(u) {
          out += "[U+\(String(u.value, radix: 16, uppercase: true))]"
        } else if u.value < 0x20 && u != "\n" && u != "\t" || u.value == 0x7F {
          out += "\u{FFFD}"
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out
  }

  /// U+202A–U+202E and U+2066–U+2069.
  static func isBidiControl(_ u: Unicode.Scalar) -> Bool {
    (0x202A...0x202E).contains(u.value) || (0x2066...0x2069).contains(u.value)
  }
}
