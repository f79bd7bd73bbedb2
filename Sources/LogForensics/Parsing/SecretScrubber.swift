// Parsing/SecretScrubber.swift - hides credential values in free text (rejected-line excerpts, reasons).

/// Replaces credential values found anywhere in a line by the fingerprint
/// ``CredentialRedactor`` gives them, for text that is shown without being parsed: the
/// excerpts of rejected lines and the reasons that quote them.
///
/// A parsed request has its query redacted by ``EventBuilder``; a line that could not be
/// parsed never went through it, yet its excerpt reaches every output. Three shapes are
/// recognised, with the names of ``CredentialRedactor/isCredentialName(_:)``:
/// - `name=value` (query strings, `key=value` logs): the value runs to `&`, `;`, a blank,
///   a quote, a bracket or the end;
/// - `"name":"value"` with optional blanks around `:` (JSON logs);
/// - `Bearer value` / `Basic value` (an `Authorization` header that was logged).
///
/// Not on the hot path: it runs for the at most 20 samples kept per input and kind.
public enum SecretScrubber {
  /// `bytes` with every credential value replaced by `[fp:XXXXXXXX]`, or `nil` when there
  /// was none (use `bytes` as they are).
  public static func scrub(_ bytes: UnsafeRawBufferPointer, redactor: CredentialRedactor) -> [UInt8]? {
    let n = bytes.count
    var out: [UInt8] = []
    var copied = 0
    var i = 0
    while i < n {
      let b = bytes[i]
      var value: Range<Int>? = nil
      if b == .equals {
        let nameStart = scanNameBackwards(bytes, end: i)
        if nameStart < i && CredentialRedactor.isCredentialName(bytes.slice(nameStart, i)) {
          var e = i + 1
          while e < n && !isQueryValueEnd(bytes[e]) { e += 1 }
          if e > i + 1 { value = (i + 1)..<e }
        }
      } else if b == .colon {
        value = jsonValue(bytes, colon: i)
      } else if b == .space, let v = schemeValue(bytes, space: i) {
        value = v
      }
      if let v = value, v.lowerBound >= copied {
        out.append(contentsOf: bytes.slice(copied, v.lowerBound))
        out.append(contentsOf: Array(redactor.fingerprint(bytes.slice(v.lowerBound, v.upperBound)).utf8))
        copied = v.upperBound
        i = v.upperBound
        continue
      }
      i += 1
    }
    guard copied > 0 else { return nil }
    out.append(contentsOf: bytes.slice(copied, n))
    return out
  }

  /// `text` with every credential value replaced by its fingerprint.
  public static func scrub(_ text: String, redactor: CredentialRedactor) -> String {
    var t = text
    let scrubbed = t.withUTF8 { scrub(UnsafeRawBufferPointer($0), redactor: redactor) }
    return scrubbed.map { TextDecoding.string($0) } ?? text
  }

  /// Start of the parameter name that ends at `end` (letters, digits, `_`, `-`, `.`).
  private static func scanNameBackwards(_ b: UnsafeRawBufferPointer, end: Int) -> Int {
    var s = end
    while s > 0 && end - s < 40 {
      let c = b[s - 1]
      guard c.isLetter || c.isDigit || c == UInt8(ascii: "_") || c == .minus || c == .dot else { break }
      s -= 1
    }
    return s
  }

  @inline(__always)
  private static func isQueryValueEnd(_ c: UInt8) -> Bool {
    c == .ampersand || c == UInt8(ascii: ";") || c == .space || c == .tab || c == .quote || c == .apostrophe
      || c == .backslash || c == UInt8(ascii: "<") || c == UInt8(ascii: ">") || c == .comma || c == .rightBrace
      || c == .rightBracket || c == UInt8(ascii: ")") || c < 0x20 || c == 0x7F
  }

  /// The string value of `"name" : "value"` when `name` is a credential and `colon` is its `:`.
  private static func jsonValue(_ b: UnsafeRawBufferPointer, colon: Int) -> Range<Int>? {
    var q = colon - 1
    while q >= 0 && (b[q] == .space || b[q] == .tab) { q -= 1 }
    guard q > 0, b[q] == .quote else { return nil }
    let nameStart = scanNameBackwards(b, end: q)
    guard nameStart > 0, nameStart < q, b[nameStart - 1] == .quote,
      CredentialRedactor.isCredentialName(b.slice(nameStart, q))
    else { return nil }
    var v = colon + 1
    while v < b.count && (b[v] == .space || b[v] == .tab) { v += 1 }
    guard v < b.count, b[v] == .quote else { return nil }
    var e = v + 1
    while e < b.count && b[e] != .quote {
      e += b[e] == .backslash ? 2 : 1
    }
    e = min(e, b.count)
    return e > v + 1 ? (v + 1)..<e : nil
  }

  /// The credential after `Bearer ` or `Basic ` when `space` is the blank after the scheme.
  private static func schemeValue(_ b: UnsafeRawBufferPointer, space: Int) -> Range<Int>? {
    func endsWith(_ word: String) -> Bool {
      let w = Array(word.utf8)
      guard space >= w.count else { return false }
      let s = space - w.count
      if s > 0 && (b[s - 1].isLetter || b[s - 1].isDigit) { return false }
      for k in 0..<w.count where b[s + k].asciiLowercased != w[k] { return false }
      return true
    }
    guard endsWith("bearer") || endsWith("basic") else { return nil }
    var e = space + 1
    while e < b.count && !isQueryValueEnd(b[e]) { e += 1 }
    return e - space - 1 >= 8 ? (space + 1)..<e : nil
  }
}
