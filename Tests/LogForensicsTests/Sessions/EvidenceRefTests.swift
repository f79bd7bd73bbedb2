// Sessions/EvidenceRefTests.swift - an input index and a line number packed in one word.

import Testing

@testable import LogForensics

@Suite struct EvidenceRefTests {
  @Test func keepsInputAndLine() {
    for (input, line) in [(0, 1), (1, 42), (7, 3), (-1, 3), (12_345, 9_876_543_210), (0, 0), (-5, -7)] as [(Int32, Int64)] {
      let e = EvidenceRef(input: input, line: line)
      #expect(e.input == input && e.line == line)
    }
    #expect(MemoryLayout<EvidenceRef>.size == 8)
  }

  @Test func distinctPlacesStayDistinct() {
    #expect(EvidenceRef(input: 1, line: 2) != EvidenceRef(input: 2, line: 1))
    #expect(EvidenceRef(input: 0, line: 1 << 32) != EvidenceRef(input: 0, line: 0))
    #expect(EvidenceRef(input: 3, line: 10) == EvidenceRef(input: 3, line: 10))
    #expect(EvidenceRef.unset.line == -1 && EvidenceRef.unset.input == -1)
    #expect(EvidenceRef(input: 0, line: 1) != .unset)
  }

  /// Values past the packed range are kept as the largest (or smallest) one, never wrapped
  /// into another place.
  @Test func outOfRangeValuesAreClamped() {
    let e = EvidenceRef(input: Int32.max, line: Int64.max)
    #expect(e.input == EvidenceRef.maximumInput && e.line == EvidenceRef.maximumLine)
    let n = EvidenceRef(input: Int32.min, line: Int64.min)
    #expect(n.input == -EvidenceRef.maximumInput - 1 && n.line == -EvidenceRef.maximumLine - 1)
  }
}
