// Model/LEB128.swift - variable-length unsigned numbers, seven bits a byte.

/// LEB128 varints: seven bits a byte, least significant group first, the high bit set on
/// every byte but the last. The compact lists of the analysis state (settled ids' headers,
/// hours and days of activity) store small numbers in one or two bytes this way.
enum LEB128 {
  /// Appends `x`.
  @inline(__always)
  static func append(_ x: UInt64, to bytes: inout [UInt8]) {
    var v = x
    while v >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }

  /// Reads the number at `p` and moves `p` past it (a number cut short by the end of `b` is
  /// read as far as it goes; never past the end).
  @inline(__always)
  static func read(_ b: UnsafeBufferPointer<UInt8>, _ p: inout Int) -> UInt64 {
    var v: UInt64 = 0
    var shift: UInt64 = 0
    while p < b.count {
      let byte = b[p]
      p += 1
      v |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { break }
      shift += 7
    }
    return v
  }

  /// `x` with its sign in the lowest bit (0, -1, 1, -2 … become 0, 1, 2, 3 …), so that small
  /// differences of either sign take one byte.
  @inline(__always)
  static func zigzag(_ x: Int64) -> UInt64 { UInt64(bitPattern: (x << 1) ^ (x >> 63)) }

  /// The inverse of ``zigzag(_:)``.
  @inline(__always)
  static func unzigzag(_ z: UInt64) -> Int64 { Int64(bitPattern: z >> 1) ^ -Int64(bitPattern: z & 1) }
}
