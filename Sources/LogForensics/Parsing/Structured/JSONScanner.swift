// Parsing/Structured/JSONScanner.swift - a byte-level JSON tokenizer for one log line.

/// A JSON syntax error: where (0-based byte offset in the line) and what was expected.
struct JSONSyntaxError: Error, Equatable {
  var offset: Int
  var expected: StaticString
  var found: UInt8?

  static func == (a: JSONSyntaxError, b: JSONSyntaxError) -> Bool {
    a.offset == b.offset && a.found == b.found && "\(a.expected)" == "\(b.expected)"
  }

  /// The rejection reason: `invalid json at byte 12: expected ':' after key, found 'x'`.
  var reason: String {
    let what: String
    if let f = found {
      what = f >= 0x20 && f < 0x7F ? "found '\(Character(Unicode.Scalar(f)))'" : "found byte 0x\(String(f, radix: 16))"
    } else {
      what = "found end of line"
    }
    return "invalid json at byte \(offset): expected \(expected), \(what)"
  }
}

/// Tokenizes JSON text in place: strings are returned as byte ranges of the line (with a flag
/// saying whether they contain backslash escapes), numbers and literals as ranges.
///
/// Accepted: RFC 8259 JSON, plus two liberties seen in real logs: raw control bytes inside
/// strings, and unknown backslash escapes (nginx `\xNN` without `escape=json`), which
/// ``unescape(_:into:)`` keeps as text.
struct JSONScanner {
  let bytes: UnsafeRawBufferPointer
  /// Index of the next unread byte.
  var index = 0

  init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  var atEnd: Bool { index >= bytes.count }

  /// The byte at ``index``, or `nil` at the end.
  @inline(__always) var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

  @inline(__always)
  mutating func skipWhitespace() {
    while index < bytes.count {
      let c = bytes[index]
      guard c == .space || c == .tab || c == .cr || c == .lf else { return }
      index += 1
    }
  }

  /// Consumes `c` or throws.
  @inline(__always)
  mutating func expect(_ c: UInt8, _ what: StaticString) throws(JSONSyntaxError) {
    guard index < bytes.count, bytes[index] == c else { throw error(what) }
    index += 1
  }

  func error(_ what: StaticString) -> JSONSyntaxError {
    JSONSyntaxError(offset: index, expected: what, found: peek)
  }

  /// Scans a string whose opening quote is at ``index``; returns the content range (without
  /// quotes) and whether it contains a backslash.
  mutating func scanString() throws(JSONSyntaxError) -> (start: Int, end: Int, escaped: Bool) {
    try expect(.quote, "'\"'")
    let start = index
    while true {
      // safe: memchr bounds the search to the line.
      guard let q = bytes.firstIndex(of: .quote, from: index) else {
        index = bytes.count
        throw JSONSyntaxError(offset: start - 1, expected: "a closing '\"' for the string starting here", found: nil)
      }
      // The quote is escaped when preceded by an odd number of backslashes.
      var k = q - 1
      while k >= start && bytes[k] == .backslash { k -= 1 }
      index = q + 1
      if (q - 1 - k) % 2 == 0 {
        let escaped = bytes.firstIndex(of: .backslash, from: start).map { $0 < q } ?? false
        return (start, q, escaped)
      }
    }
  }

  /// Scans a number (`-12.5e3`) at ``index``; returns its range.
  mutating func scanNumber() throws(JSONSyntaxError) -> (start: Int, end: Int) {
    let start = index
    if peek == .minus { index += 1 }
    let intStart = index
    while let c = peek, c.isDigit { index += 1 }
    guard index > intStart else { throw error("a digit") }
    if peek == .dot {
      index += 1
      let f = index
      while let c = peek, c.isDigit { index += 1 }
      guard index > f else { throw error("a digit after '.'") }
    }
    if let c = peek, c | 0x20 == UInt8(ascii: "e") {
      index += 1
      if let s = peek, s == .plus || s == .minus { index += 1 }
      let e = index
      while let c = peek, c.isDigit { index += 1 }
      guard index > e else { throw error("a digit in the exponent") }
    }
    return (start, index)
  }

  /// Consumes `true`, `false` or `null`; returns its first byte.
  mutating func scanLiteral() throws(JSONSyntaxError) -> UInt8 {
    let c = peek ?? 0
    let word: StaticString
    switch c {
    case UInt8(ascii: "t"): word = "true"
    case UInt8(ascii: "f"): word = "false"
    case UInt8(ascii: "n"): word = "null"
    default: throw error("a value")
    }
    let n = word.utf8CodeUnitCount
    guard index + n <= bytes.count, bytes.slice(index, index + n).equals(word) else { throw error("a value") }
    index += n
    return c
  }

  /// Skips any value (validating it), with a nesting limit.
  mutating func skipValue(depth: Int) throws(JSONSyntaxError) {
    guard depth < JSONScanner.maxDepth else { throw error("at most 64 nested levels") }
    switch peek {
    case .quote?: _ = try scanString()
    case .leftBrace?:
      index += 1
      skipWhitespace()
      if peek == .rightBrace {
        index += 1
        return
      }
      while true {
        skipWhitespace()
        _ = try scanString()
        skipWhitespace()
        try expect(.colon, "':' after the key")
        skipWhitespace()
        try skipValue(depth: depth + 1)
        skipWhitespace()
        if peek == .comma {
          index += 1
          continue
        }
        try expect(.rightBrace, "',' or '}'")
        return
      }
    case .leftBracket?:
      index += 1
      skipWhitespace()
      if peek == .rightBracket {
        index += 1
        return
      }
      while true {
        skipWhitespace()
        try skipValue(depth: depth + 1)
        skipWhitespace()
        if peek == .comma {
          index += 1
          continue
        }
        try expect(.rightBracket, "',' or ']'")
        return
      }
    case let c? where c == .minus || c.isDigit: _ = try scanNumber()
    default: _ = try scanLiteral()
    }
  }

  /// Deepest nesting accepted; deeper input is rejected rather than recursed into.
  static let maxDepth = 64

  // MARK: - Unescaping

  /// Writes the content of a string with escapes resolved into `out` (cleared first):
  /// `\"` `\\` `\/` `\b` `\f` `\n` `\r` `\t`, and `\uXXXX` as UTF-8 (surrogate pairs
  /// combined). A lone surrogate or an unknown escape is kept as logged (`\ud800`, `\x41`).
  static func unescape(_ s: UnsafeRawBufferPointer, into out: inout [UInt8]) {
    out.removeAll(keepingCapacity: true)
    let n = s.count
    var i = 0
    while i < n {
      let c = s[i]
      guard c == .backslash, i + 1 < n else {
        out.append(c)
        i += 1
        continue
      }
      let e = s[i + 1]
      switch e {
      case .quote, .backslash, .slash: out.append(e)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(.lf)
      case UInt8(ascii: "r"): out.append(.cr)
      case UInt8(ascii: "t"): out.append(.tab)
      case UInt8(ascii: "u"):
        guard let hi = hex4(s, i + 2) else {
          out.append(c)
          out.append(e)
          i += 2
          continue
        }
        var scalar = hi
        var used = 6
        if (0xD800...0xDBFF).contains(hi) {
          if i + 7 < n, s[i + 6] == .backslash, s[i + 7] == UInt8(ascii: "u"), let lo = hex4(s, i + 8), (0xDC00...0xDFFF).contains(lo) {
            scalar = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
            used = 12
          } else {
            scalar = 0xFFFF_FFFF  // lone high surrogate: keep as logged
          }
        } else if (0xDC00...0xDFFF).contains(hi) {
          scalar = 0xFFFF_FFFF  // lone low surrogate
        }
        if scalar == 0xFFFF_FFFF {
          out.append(contentsOf: UnsafeRawBufferPointer(rebasing: s[i..<(i + 6)]))
        } else {
          appendUTF8(scalar, to: &out)
        }
        i += used
        continue
      default:
        out.append(c)
        out.append(e)
      }
      i += 2
    }
  }

  private static func hex4(_ s: UnsafeRawBufferPointer, _ at: Int) -> UInt32? {
    guard at + 4 <= s.count else { return nil }
    var v: UInt32 = 0
    for k in at..<(at + 4) {
      guard let h = PercentDecoding.hexValue(s[k]) else { return nil }
      v = v << 4 | UInt32(h)
    }
    return v
  }

  private static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
    switch v {
    case 0..<0x80: out.append(UInt8(v))
    case 0x80..<0x800:
      out.append(UInt8(0xC0 | (v >> 6)))
      out.append(UInt8(0x80 | (v & 0x3F)))
    case 0x800..<0x10000:
      out.append(UInt8(0xE0 | (v >> 12)))
      out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (v & 0x3F)))
    default:
      out.append(UInt8(0xF0 | (v >> 18)))
      out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
      out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (v & 0x3F)))
    }
  }
}
