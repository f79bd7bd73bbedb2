import Testing

@testable import LogForensics

@Suite struct LEB128Tests {
  /// Numbers of every length read back in sequence; small ones take one byte.
  @Test func roundTripsAndSizes() {
    let values: [UInt64] = [0, 1, 127, 128, 300, 16_383, 16_384, UInt64(UInt32.max), UInt64.max]
    var bytes: [UInt8] = []
    for v in values { LEB128.append(v, to: &bytes) }
    #expect(bytes.count == 1 + 1 + 1 + 2 + 2 + 2 + 3 + 5 + 10)
    var p = 0
    let read = bytes.withUnsafeBufferPointer { b in values.map { _ in LEB128.read(b, &p) } }
    #expect(read == values && p == bytes.count)
  }

  /// A number cut short by the end of the buffer is read as far as it goes, never past it.
  @Test func truncatedNumberStopsAtTheEnd() {
    let bytes: [UInt8] = [0x80 | 5, 0x80 | 1]
    var p = 0
    let v = bytes.withUnsafeBufferPointer { LEB128.read($0, &p) }
    #expect(v == 5 + (1 << 7) && p == 2)
  }

  @Test func zigzagKeepsSmallDifferencesSmall() {
    #expect([0, -1, 1, -2, 2].map(LEB128.zigzag) == [0, 1, 2, 3, 4])
    for x: Int64 in [0, 1, -1, 63, -64, 1 << 40, -(1 << 40), .max, .min] { #expect(LEB128.unzigzag(LEB128.zigzag(x)) == x) }
  }
}
