// Parsing/Cloud/FieldCursor.swift - a cursor over the separated and quoted fields of one line.

/// Reads the fields of one line left to right: bare tokens ended by a separator byte and
/// double-quoted fields (with `\"` escapes) that must be followed by the separator or the end.
///
/// Used by the load-balancer, CDN and proxy parsers; every read is bounds-checked and reports
/// failures as values, never by trapping.
struct FieldCursor {
  /// Why a quoted field could not be read.
  enum QuotedFailure: Error, Equatable {
    /// The field does not start with `"`; carries the token found instead.
    case notQuoted
    /// No closing quote before the end of the line.
    case unterminated
    /// The closing quote is followed by another byte instead of the separator (`"-"1`).
    case missingSeparator
  }

  let line: UnsafeRawBufferPointer
  let separator: UInt8
  var pos: Int

  init(_ line: UnsafeRawBufferPointer, separator: UInt8 = .space, at pos: Int = 0) {
    self.line = line
    self.separator = separator
    self.pos = pos
  }

  /// `true` when every byte has been consumed.
  var atEnd: Bool { pos >= line.count }

  /// The rest of the line, not consumed.
  var rest: UnsafeRawBufferPointer { line.slice(min(pos, line.count), line.count) }

  /// The next byte, if any.
  var peek: UInt8? { pos < line.count ? line[pos] : nil }

  /// Reads a token up to the next separator (consumed) or the end; `nil` at the end.
  mutating func token() -> UnsafeRawBufferPointer? {
    guard pos < line.count else { return nil }
    let start = pos
    let end = line.firstIndex(of: separator, from: pos) ?? line.count
    pos = end < line.count ? end + 1 : end
    return line.slice(start, end)
  }

  /// Reads a `"…"` field (without the quotes) and the separator after it.
  mutating func quoted() -> Result<UnsafeRawBufferPointer, QuotedFailure> {
    guard pos < line.count, line[pos] == .quote else { return .failure(.notQuoted) }
    let start = pos + 1
    var i = start
    while true {
      guard let q = line.firstIndex(of: .quote, from: i) else { return .failure(.unterminated) }
      if q > start && line[q - 1] == .backslash && !isEscapedBackslash(before: q - 1, start: start) {
        i = q + 1
        continue
      }
      if q + 1 < line.count && line[q + 1] != separator { return .failure(.missingSeparator) }
      pos = q + 1 < line.count ? q + 2 : q + 1
      return .success(line.slice(start, q))
    }
  }

  /// Reads a `[…]` field (without the brackets) and the separator after it; `nil` when the
  /// next byte is not `[` or there is no `]`.
  mutating func bracketed(open: UInt8 = .leftBracket, close: UInt8 = .rightBracket) -> UnsafeRawBufferPointer? {
    guard pos < line.count, line[pos] == open, let c = line.firstIndex(of: close, from: pos + 1) else { return nil }
    let value = line.slice(pos + 1, c)
    pos = c + 1
    if pos < line.count && line[pos] == separator { pos += 1 }
    return value
  }

  /// `true` when the backslash at `i` is itself escaped by an odd run of backslashes before it.
  private func isEscapedBackslash(before i: Int, start: Int) -> Bool {
    var n = 0
    var k = i - 1
    while k >= start && line[k] == .backslash {
      n += 1
      k -= 1
    }
    return n % 2 == 1
  }
}
