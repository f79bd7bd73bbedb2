import CByteScan
import Testing

/// The sixteen-byte scan of a shape segment (``lf_shape_segment``) agrees with its byte loop
/// on the segment's end, its digits verdict and the bytes it copies, for every start offset
/// and length across whole blocks and the last, overlapping one; and it reads nothing past
/// the end of its input.
@Suite struct ShapeSegmentScanTests {
  /// Bytes near the digit range and the separators (`/` is 0x2F, just below `0`; `:` 0x3A
  /// just above `9`), plus high bytes that a signed compare would take for small ones.
  private static let alphabet: [UInt8] = Array("0123456789//&&==:;.a".utf8) + [0x00, 0x2E, 0x3A, 0x80, 0xB0, 0xFF]

  @Test func agreesWithTheByteLoop() {
    var rng = SystemRandomNumberGenerator()
    var checked = 0
    var mismatches: [String] = []
    for length in 0..<72 {
      for _ in 0..<60 {
        // Mostly digits, so that long all-digit runs occur, with other bytes sprinkled in.
        var bytes = (0..<length).map { _ in UInt8(ascii: "0") + UInt8.random(in: 0...9, using: &rng) }
        for _ in 0..<Int.random(in: 0...4, using: &rng) where length > 0 {
          bytes[Int.random(in: 0..<length, using: &rng)] = Self.alphabet.randomElement(using: &rng)!
        }
        for separator in [UInt8(ascii: "/"), UInt8(ascii: "&")] {
          for from in 0...length {
            var vectorOut = [UInt8](repeating: 0xEE, count: length + 32)
            var loopOut = [UInt8](repeating: 0xEE, count: length + 32)
            var vectorDigits: Int32 = -1
            var loopDigits: Int32 = -1
            let (vectorEnd, loopEnd) = bytes.withUnsafeBufferPointer { b -> (Int, Int) in
              (
                lf_shape_segment(b.baseAddress, length, from, separator, &vectorOut, &vectorDigits),
                lf_shape_segment_bytes(b.baseAddress, length, from, separator, &loopOut, &loopDigits)
              )
            }
            var wantEnd = from
            while wantEnd < length && bytes[wantEnd] != separator { wantEnd += 1 }
            let wantDigits: Int32 = bytes[from..<wantEnd].allSatisfy { $0 &- 0x30 < 10 } ? 1 : 0
            let copied = wantEnd - from
            if vectorEnd != wantEnd || loopEnd != wantEnd || vectorDigits != wantDigits || loopDigits != wantDigits
              || Array(vectorOut[0..<copied]) != Array(bytes[from..<wantEnd]) || Array(loopOut[0..<copied]) != Array(bytes[from..<wantEnd]),
              mismatches.count < 5
            {
              mismatches.append(
                "bytes \(bytes) from \(from) separator \(separator): end \(vectorEnd)/\(loopEnd) want \(wantEnd), digits \(vectorDigits)/\(loopDigits) want \(wantDigits)"
              )
            }
            checked += 1
          }
        }
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches)")
    #expect(checked > 300_000)
  }

  /// The input ends where an unreadable page starts: a read past it would stop the process.
  @Test func neverReadsPastTheEnd() {
    withBytesBeforeUnreadablePage { end in
      var out = [UInt8](repeating: 0, count: 128)
      var wrong: [Int] = []
      for length in 1..<70 {
        let start = end - length
        for k in 0..<length { start[k] = UInt8(ascii: "7") }
        var digits: Int32 = -1
        let e = lf_shape_segment(start, length, 0, UInt8(ascii: "/"), &out, &digits)
        if e != length || digits != 1 || out[length - 1] != UInt8(ascii: "7") { wrong.append(length) }
        start[length - 1] = UInt8(ascii: "x")  // the only non-digit is the very last byte
        let e2 = lf_shape_segment(start, length, 0, UInt8(ascii: "/"), &out, &digits)
        if e2 != length || digits != 0 || out[length - 1] != UInt8(ascii: "x") { wrong.append(-length) }
      }
      #expect(wrong.isEmpty, "\(wrong)")
    }
  }
}
