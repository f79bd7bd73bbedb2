// Parsing/ASCII.swift - byte names used by every parser.

extension UInt8 {
  static let tab: UInt8 = 0x09
  static let lf: UInt8 = 0x0A
  static let cr: UInt8 = 0x0D
  static let space: UInt8 = 0x20
  static let quote: UInt8 = 0x22  // "
  static let hash: UInt8 = 0x23  // #
  static let percent: UInt8 = 0x25
  static let ampersand: UInt8 = 0x26
  static let apostrophe: UInt8 = 0x27
  static let plus: UInt8 = 0x2B
  static let comma: UInt8 = 0x2C
  static let minus: UInt8 = 0x2D
  static let dot: UInt8 = 0x2E
  static let slash: UInt8 = 0x2F
  static let colon: UInt8 = 0x3A
  static let equals: UInt8 = 0x3D
  static let question: UInt8 = 0x3F
  static let leftBracket: UInt8 = 0x5B
  static let backslash: UInt8 = 0x5C
  static let rightBracket: UInt8 = 0x5D
  static let leftBrace: UInt8 = 0x7B
  static let pipe: UInt8 = 0x7C
  static let rightBrace: UInt8 = 0x7D

  /// `0`…`9`.
  @inline(__always) var isDigit: Bool { self &- 0x30 < 10 }
  /// `a`…`z` or `A`…`Z`.
  @inline(__always) var isLetter: Bool { (self | 0x20) &- 0x61 < 26 }
  /// Lower-cases an ASCII letter, leaves other bytes alone.
  @inline(__always) var asciiLowercased: UInt8 { isLetter ? self | 0x20 : self }
}

extension UnsafeRawBufferPointer {
  /// A sub-buffer `[from, to)` without bounds re-checks beyond the rebasing precondition.
  @inline(__always)
  func slice(_ from: Int, _ to: Int) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: self[from..<to])
  }

  /// Index of the first `byte` at or after `from`, or `nil` (memchr).
  @inline(__always)
  func firstIndex(of byte: UInt8, from: Int) -> Int? {
    guard from < count, let base = baseAddress else { return nil }
    guard let p = memchr(base + from, Int32(byte), count - from) else { return nil }
    return UnsafeRawPointer(p) - base
  }

  /// `true` when the bytes equal the ASCII string `s` (case-sensitive).
  @inline(__always)
  func equals(_ s: StaticString) -> Bool {
    guard count == s.utf8CodeUnitCount else { return false }
    guard count > 0 else { return true }
    return memcmp(baseAddress!, s.utf8Start, count) == 0
  }

  /// `true` when the bytes equal the ASCII string `s` ignoring ASCII case.
  func equalsIgnoringCase(_ s: StaticString) -> Bool {
    guard count == s.utf8CodeUnitCount else { return false }
    let p = s.utf8Start
    for i in 0..<count where self[i].asciiLowercased != p[i].asciiLowercased { return false }
    return true
  }

  /// `true` when every byte is below 0x80 (eight bytes at a time).
  @inline(__always)
  var isASCII: Bool {
    guard let base = baseAddress else { return true }
    var i = 0
    var acc: UInt64 = 0
    while i + 8 <= count {
      acc |= base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      i += 8
    }
    while i < count {
      acc |= UInt64(base.load(fromByteOffset: i, as: UInt8.self))
      i += 1
    }
    return acc & 0x8080_8080_8080_8080 == 0
  }

  /// `true` when the bytes start with the ASCII string `s`.
  @inline(__always)
  func hasPrefix(_ s: StaticString) -> Bool {
    guard count >= s.utf8CodeUnitCount else { return false }
    guard s.utf8CodeUnitCount > 0 else { return true }
    return memcmp(baseAddress!, s.utf8Start, s.utf8CodeUnitCount) == 0
  }

  /// `true` for a single `-` (the "no value" marker of most formats) or an empty field.
  @inline(__always)
  var isDashOrEmpty: Bool { count == 0 || (count == 1 && self[0] == .minus) }

  /// Parses an unsigned decimal integer that fills the whole buffer; `nil` on any other byte
  /// or on overflow of `Int64`.
  @inline(__always)
  func parseDecimal() -> Int64? {
    guard count > 0, count <= 18 else {
      if count > 18 {
        // Up to 19 digits may still fit; do a checked parse.
        var v: Int64 = 0
        for b in self {
          let d = b &- 0x30
          guard d < 10 else { return nil }
          let (m, o1) = v.multipliedReportingOverflow(by: 10)
          let (a, o2) = m.addingReportingOverflow(Int64(d))
          guard !o1 && !o2 else { return nil }
          v = a
        }
        return v
      }
      return nil
    }
    var v: Int64 = 0
    for b in self {
      let d = b &- 0x30
      guard d < 10 else { return nil }
      v = v &* 10 &+ Int64(d)
    }
    return v
  }

  /// Parses a non-negative decimal number with an optional fraction (`0.123`, `12`) scaled by
  /// `scale` (e.g. 1_000_000 to turn seconds into microseconds). `nil` when malformed.
  func parseScaledDecimal(scale: Int64) -> Int64? {
    guard count > 0 else { return nil }
    var i = 0
    var intPart: Int64 = 0
    var sawDigit = false
    while i < count, self[i].isDigit {
      guard intPart < 100_000_000_000 else { return nil }
      intPart = intPart * 10 + Int64(self[i] &- 0x30)
      i += 1
      sawDigit = true
    }
    var frac: Int64 = 0
    var fracScale = scale
    if i < count && self[i] == .dot {
      i += 1
      while i < count, self[i].isDigit {
        if fracScale >= 10 {
          fracScale /= 10
          frac += Int64(self[i] &- 0x30) * fracScale
        }
        i += 1
        sawDigit = true
      }
    }
    guard sawDigit, i == count else { return nil }
    let (v, o) = intPart.multipliedReportingOverflow(by: scale)
    return o ? nil : v + frac
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
