// Model/TextDecoding.swift - turning log bytes into Swift strings without losing evidence.

/// Converts raw log bytes to `String` for values that survive into records and reports.
public enum TextDecoding {
  /// Decodes `bytes` as UTF-8. Bytes that are not valid UTF-8 are kept visible as `\xNN`
  /// (the convention Apache and nginx use in their own logs) instead of being replaced by
  /// U+FFFD, so that the original bytes can still be read from the report.
  public static func string(_ bytes: UnsafeRawBufferPointer) -> String {
    // Fast path: pure ASCII.
    var ascii = true
    for b in bytes where b >= 0x80 {
      ascii = false
      break
    }
    if ascii { return String(decoding: bytes, as: UTF8.self) }
    if let s = String(validating: bytes, as: UTF8.self) { return s }
    return escapeInvalidUTF8(bytes)
  }

  /// Decodes an array of bytes (see ``string(_:)-(UnsafeRawBufferPointer)``).
  public static func string(_ bytes: [UInt8]) -> String {
    bytes.withUnsafeBytes { string($0) }
  }

  private static func escapeInvalidUTF8(_ bytes: UnsafeRawBufferPointer) -> String {
    var out = String()
    out.reserveCapacity(bytes.count + 16)
    var i = 0
    let n = bytes.count
    let hex = Array("0123456789ABCDEF".utf8)
    while i < n {
      let b = bytes[i]
      let len: Int
      if b < 0x80 {
        len = 1
      } else if b & 0xE0 == 0xC0 {
        len = 2
      } else if b & 0xF0 == 0xE0 {
        len = 3
      } else if b & 0xF8 == 0xF0 {
        len = 4
      } else {
        len = 0
      }
      if len > 0 && i + len <= n,
        let s = String(validating: UnsafeRawBufferPointer(rebasing: bytes[i..<(i + len)]), as: UTF8.self)
      {
        out += s
        i += len
      } else {
        out.unicodeScalars.append("\\")
        out.unicodeScalars.append("x")
        out.unicodeScalars.append(Unicode.Scalar(hex[Int(b >> 4)]))
        out.unicodeScalars.append(Unicode.Scalar(hex[Int(b & 0xF)]))
        i += 1
      }
    }
    return out
  }
}
