// Parsing/CLF/CLFScanning.swift - byte helpers shared by the CLF parsers and format programs.

import CByteScan

/// Small scanning helpers for Common Log Format lines (quoted fields, address shapes, excerpts).
enum CLFScanning {
  /// Index of the quote that closes a field whose content starts at `from` (just after the
  /// opening quote). A backslash escapes the next byte (`\"`, `\\`), as Apache and nginx write.
  @inline(__always)
  static func closingQuote(_ b: UnsafeRawBufferPointer, from: Int) -> Int? {
    var i = from
    let n = b.count
    while i < n {
      guard let q = b.firstIndexOfQuoteOrBackslash(from: i) else { return nil }
      if b[q] == .backslash {
        i = q + 2  // skip the escaped byte
        continue
      }
      return q
    }
    return nil
  }

  /// ``closingQuote(_:from:)`` that also tells whether the field holds a backslash: `escaped`
  /// is set to `true` when one was met before the closing quote. Every backslash of the field
  /// is met by the scan (or directly follows one that was), so `escaped == false` means the
  /// content has none and needs no unescaping (see ``EventBuilder/withCLFUnescaped(_:escaped:_:)``).
  @inline(__always)
  static func closingQuote(_ b: UnsafeRawBufferPointer, from: Int, escaped: inout Bool) -> Int? {
    var i = from
    let n = b.count
    while i < n {
      guard let q = b.firstIndexOfQuoteOrBackslash(from: i) else { return nil }
      if b[q] == .backslash {
        escaped = true
        i = q + 2  // skip the escaped byte
        continue
      }
      return q
    }
    return nil
  }

  /// Index of the next space at or after `from`, or `b.count`.
  @inline(__always)
  static func tokenEnd(_ b: UnsafeRawBufferPointer, from: Int) -> Int {
    b.firstIndex(of: .space, from: from) ?? b.count
  }

  /// Index of the first non-space at or after `from` (or `b.count`).
  @inline(__always)
  static func skipSpaces(_ b: UnsafeRawBufferPointer, from: Int) -> Int {
    var i = from
    while i < b.count && b[i] == .space { i += 1 }
    return i
  }

  /// `true` for something shaped like an IPv4 or IPv6 address (optionally with a zone id or
  /// brackets); hostnames are not addresses.
  static func isAddress(_ b: UnsafeRawBufferPointer) -> Bool {
    var s = 0
    var e = b.count
    while s < e && b[s] == .space { s += 1 }
    while e > s && b[e - 1] == .space { e -= 1 }
    if e - s >= 2 && b[s] == .leftBracket && b[e - 1] == .rightBracket {
      s += 1
      e -= 1
    }
    guard e > s else { return false }
    var dots = 0
    var colons = 0
    var digitsOnly = true
    var i = s
    while i < e {
      let c = b[i]
      if c == .dot {
        dots += 1
      } else if c == .colon {
        colons += 1
      } else if c == .percent {
        break  // IPv6 zone id (`::1%0`)
      } else if c.isDigit {
      } else if (c | 0x20) &- 0x61 < 6 {
        digitsOnly = false
      } else {
        return false
      }
      i += 1
    }
    if colons >= 2 { return true }
    return colons == 0 && dots == 3 && digitsOnly
  }

  /// `true` when `b` is a comma-separated list whose items are addresses (or `unknown`), as in
  /// an `X-Forwarded-For` value.
  static func looksLikeAddressList(_ b: UnsafeRawBufferPointer) -> Bool {
    guard !b.isDashOrEmpty else { return false }
    var start = 0
    var sawAddress = false
    while start <= b.count {
      let end = b.firstIndex(of: .comma, from: start) ?? b.count
      let item = b.slice(start, end)
      if isAddress(item) {
        sawAddress = true
      } else if !trimmed(item).equalsIgnoringCase("unknown") {
        return false
      }
      start = end + 1
    }
    return sawAddress
  }

  /// The first item of a comma-separated list, without surrounding spaces.
  static func firstListItem(_ b: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    trimmed(b.slice(0, b.firstIndex(of: .comma, from: 0) ?? b.count))
  }

  /// `b` without leading and trailing spaces.
  static func trimmed(_ b: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    var s = 0
    var e = b.count
    while s < e && b[s] == .space { s += 1 }
    while e > s && b[e - 1] == .space { e -= 1 }
    return b.slice(s, e)
  }

  /// `digits.digits` (one dot), the shape of nginx `$request_time`.
  static func isSecondsWithFraction(_ b: UnsafeRawBufferPointer) -> Bool {
    guard b.count >= 3 else { return false }
    var dots = 0
    for c in b {
      if c == .dot {
        dots += 1
      } else if !c.isDigit {
        return false
      }
    }
    return dots == 1 && b[0] != .dot && b[b.count - 1] != .dot
  }

  /// Quoted excerpt of `b[from..<to]` for rejection reasons (at most `limit` bytes).
  static func excerpt(_ b: UnsafeRawBufferPointer, _ from: Int, _ to: Int, limit: Int = 48) -> String {
    let s = max(0, min(from, b.count))
    let e = max(s, min(to, b.count))
    if e - s > limit { return "'" + TextDecoding.string(b.slice(s, s + limit)) + "…'" }
    return "'" + TextDecoding.string(b.slice(s, e)) + "'"
  }
}

extension UnsafeRawBufferPointer {
  /// Index of the first `"` or `\` at or after `from`: sixteen bytes a compare on x86-64
  /// (SSE2), eight elsewhere (``lf_first_quote_or_backslash``).
  @inline(__always)
  func firstIndexOfQuoteOrBackslash(from: Int) -> Int? {
    guard from < count, let base = baseAddress else { return nil }
    let n = count - from
    let k = lf_first_quote_or_backslash(base.assumingMemoryBound(to: UInt8.self) + from, n)
    return k < n ? from + k : nil
  }
}
