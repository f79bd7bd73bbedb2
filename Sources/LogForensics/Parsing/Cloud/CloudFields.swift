// Parsing/Cloud/CloudFields.swift - small field helpers and the reason type shared by the cloud parsers.

/// Helpers shared by the cloud parsers.
enum CloudFields {
  /// The symbol for an extra-field name given as a literal (no String built per line).
  @inline(__always)
  static func name(_ s: StaticString, _ table: SymbolTable) -> Symbol {
    table.intern(UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
  }

  /// Quotes a token for a rejection reason (at most 60 bytes, invalid UTF-8 escaped).
  static func show(_ b: UnsafeRawBufferPointer) -> String {
    let cut = b.count > 60 ? b.slice(0, 60) : b
    return "'" + TextDecoding.string(cut) + (b.count > 60 ? "…'" : "'")
  }

  /// The address part of `ip:port`, `[v6]:port` or `v6:port` (AWS, HAProxy); `nil` when there
  /// is no numeric port after the last colon.
  static func hostOfHostPort(_ b: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
    var colon = -1
    var i = b.count - 1
    while i >= 0 {
      if b[i] == .colon {
        colon = i
        break
      }
      i -= 1
    }
    guard colon > 0, colon + 1 < b.count, b.slice(colon + 1, b.count).parseDecimal() != nil else { return nil }
    if b[0] == .leftBracket && b[colon - 1] == .rightBracket { return b.slice(1, colon - 1) }
    return b.slice(0, colon)
  }

  /// Seconds with a fraction (`0.000086`) as microseconds; `-1` for AWS's "not available"
  /// marker; `nil` when malformed.
  static func awsSeconds(_ b: UnsafeRawBufferPointer) -> Int64? {
    if b.equals("-1") { return -1 }
    return b.parseScaledDecimal(scale: 1_000_000)
  }

  /// `true` when `b` is three ASCII digits (an HTTP status).
  static func isStatus(_ b: UnsafeRawBufferPointer) -> Bool {
    b.count == 3 && b[0].isDigit && b[1].isDigit && b[2].isDigit
  }

  /// Index of the last `byte` in `b`.
  static func lastIndex(of byte: UInt8, in b: UnsafeRawBufferPointer) -> Int? {
    var i = b.count - 1
    while i >= 0 {
      if b[i] == byte { return i }
      i -= 1
    }
    return nil
  }
}

/// A rejection reason, as a value that can travel in a `Result`.
struct RejectReason: Error, Equatable {
  let text: String
  init(_ text: String) { self.text = text }
}
