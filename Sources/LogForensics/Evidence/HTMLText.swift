// Evidence/HTMLText.swift - escaping of text for HTML element content and attribute values.

/// Escapes text for HTML. Every string from logs or the case file passes through here:
/// `<script>` and `"><img onerror=…>` come out as visible text, never as markup.
public enum HTMLText {
  /// Escapes `& < > " '` and replaces control characters (except none: they become U+FFFD).
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
        if u.value < 0x20 && u != "\n" && u != "\t" || u.value == 0x7F {
          out += "\u{FFFD}"
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out
  }
}
