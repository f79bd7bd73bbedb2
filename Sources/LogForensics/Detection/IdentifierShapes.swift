// Detection/IdentifierShapes.swift - recognises identifier-like path segments and query values.

/// What an identifier looks like.
public enum IdentifierShape: String, Sendable, Codable {
  case decimal, nir, uuid, hex, token, fhirReference

  /// `true` for shapes that name one person (NIR / INS).
  public var isPersonNumber: Bool { self == .nir }
}

/// Byte-level tests for identifier shapes (no regex, no Foundation).
public enum IdentifierShapes {
  @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
  @inline(__always) static func isHex(_ b: UInt8) -> Bool {
    b &- 0x30 < 10 || (b | 0x20) &- 0x61 < 6
  }
  @inline(__always) static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }

  /// Classifies one segment or value; `nil` when it does not look like an identifier.
  public static func shape(_ s: some Collection<UInt8>) -> IdentifierShape? {
    shape(Array(s))
  }

  /// Classifies one segment or value given as bytes.
  public static func shape(_ a: [UInt8]) -> IdentifierShape? {
    a.withUnsafeBufferPointer { shape($0) }
  }

  /// Classifies one segment or value (the hot path: no copy).
  public static func shape(_ a: UnsafeBufferPointer<UInt8>) -> IdentifierShape? {
    let n = a.count
    if n == 0 || n > 200 { return nil }
    var digits = 0
    var hex = 0
    var alpha = 0
    var tokenChars = 0
    for b in a {
      if isDigit(b) { digits += 1 }
      if isHex(b) { hex += 1 }
      if isAlpha(b) { alpha += 1 }
      if isDigit(b) || isAlpha(b) || b == .minus || b == UInt8(ascii: "_") || b == .equals
        || b == .plus || b == .dot
      {
        tokenChars += 1
      }
    }
    if isNIR(a) { return .nir }
    if digits == n { return .decimal }
    if n == 36 && a[8] == .minus && a[13] == .minus && a[18] == .minus && a[23] == .minus
      && hex == 32
    {
      return .uuid
    }
    if n >= 16 && hex == n { return .hex }
    // Opaque tokens (base64 / base64url / random ids): long, mixed letters and digits.
    if n >= 20 && tokenChars == n && digits >= 2 && alpha >= 2 && !a.contains(.dot) { return .token }
    return nil
  }

  /// `true` for a French NIR shape: 13 digits, or 15 digits with the key; the département
  /// may be `2A`/`2B` (Corsica). The first digit is 1–4, 7 or 8.
  public static func isNIR(_ a: [UInt8]) -> Bool {
    a.withUnsafeBufferPointer { isNIR($0) }
  }

  /// ``isNIR(_:)-([UInt8])`` on a buffer.
  public static func isNIR(_ a: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = a.count
    guard n == 13 || n == 15 else { return false }
    guard let first = a.first, [UInt8(ascii: "1"), UInt8(ascii: "2"), UInt8(ascii: "3"),
      UInt8(ascii: "4"), UInt8(ascii: "7"), UInt8(ascii: "8")].contains(first) else { return false }
    for (i, b) in a.enumerated() {
      if isDigit(b) { continue }
      // Corsica: position 6 (0-based) may be A or B after a 2 at position 5.
      if i == 6 && (b == UInt8(ascii: "A") || b == UInt8(ascii: "B") || b == UInt8(ascii: "a")
        || b == UInt8(ascii: "b")) && a[5] == UInt8(ascii: "2")
      {
        continue
      }
      return false
    }
    return true
  }

  /// `true` when a 15-character NIR's key (97 − number mod 97) is valid; Corsica `2A` and
  /// `2B` are replaced by 19 and 18 before computing.
  public static func nirKeyIsValid(_ text: String) -> Bool {
    let a = Array(text.utf8)
    guard a.count == 15, isNIR(a) else { return false }
    var number: Int64 = 0
    for i in 0..<13 {
      let b = a[i]
      if isDigit(b) {
        number = number * 10 + Int64(b - 0x30)
      } else {
        number = number * 10  // the letter position; fixed below
      }
    }
    if !isDigit(a[6]) {
      // 2A -> 19, 2B -> 18: replace the two digits "2X" at positions 5-6.
      let head = number / 100_000_000  // first 5 digits
      let tail = number % 1_000_000  // last 6 digits
      let dept: Int64 = (a[6] | 0x20) == UInt8(ascii: "a") ? 19 : 18
      number = (head * 100 + dept) * 1_000_000 + tail
    }
    guard let key = Int64(String(decoding: a[13..<15], as: UTF8.self)) else { return false }
    return key == 97 - number % 97
  }
}
