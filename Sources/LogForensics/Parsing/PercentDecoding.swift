// Parsing/PercentDecoding.swift - on-demand %XX decoding of paths and queries.

/// Percent-decoding for display and templating; events keep the logged form.
public enum PercentDecoding {
  /// Decodes `%XX` sequences (and `+` as space when `plusAsSpace`). Malformed escapes are
  /// kept literally. Invalid UTF-8 in the result is shown as `\xNN`.
  public static func decode(_ s: String, plusAsSpace: Bool = false) -> String {
    guard s.utf8.contains(.percent) || (plusAsSpace && s.utf8.contains(.plus)) else { return s }
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count)
    let u = Array(s.utf8)
    var i = 0
    while i < u.count {
      let c = u[i]
      if c == .percent, i + 2 < u.count, let h = hexValue(u[i + 1]), let l = hexValue(u[i + 2]) {
        out.append(h << 4 | l)
        i += 3
      } else if c == .plus && plusAsSpace {
        out.append(.space)
        i += 1
      } else {
        out.append(c)
        i += 1
      }
    }
    return TextDecoding.string(out)
  }

  @inline(__always)
  static func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case 0x30...0x39: return c - 0x30
    case 0x41...0x46: return c - 0x41 + 10
    case 0x61...0x66: return c - 0x61 + 10
    default: return nil
    }
  }
}
