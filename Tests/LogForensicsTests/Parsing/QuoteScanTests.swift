import CByteScan
import Testing

@testable import LogForensics

/// The vector (SSE2) and word-at-a-time scans for `"` or `\` agree with a byte-by-byte scan,
/// whatever the alignment, the length (across whole sixteen-byte blocks and the overlapping
/// last one), the bytes around the match (high bytes, near-misses such as
/// 0x21/0x23/0x5B/0x5D, which a borrow could confuse) and the starting offset; and they never
/// read past the end.
@Suite struct QuoteScanTests {
  private static func naive(_ b: [UInt8], from: Int) -> Int? {
    var i = from
    while i < b.count {
      if b[i] == 0x22 || b[i] == 0x5C { return i }
      i += 1
    }
    return nil
  }

  @Test func agreesWithAByteByByteScan() {
    var rng = SystemRandomNumberGenerator()
    let alphabet: [UInt8] = [0x00, 0x01, 0x20, 0x21, 0x22, 0x23, 0x41, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xFF]
    var checked = 0
    var mismatches: [String] = []
    for length in 0..<72 {
      for _ in 0..<120 {
        var bytes = (0..<length).map { _ in UInt8.random(in: 0x23...0x5B, using: &rng) }
        // Sprinkle tricky bytes, sometimes none at all.
        for _ in 0..<Int.random(in: 0...3, using: &rng) where length > 0 {
          bytes[Int.random(in: 0..<length, using: &rng)] = alphabet.randomElement(using: &rng)!
        }
        for from in 0...length {
          let want = Self.naive(bytes, from: from)
          let got = bytes.withUnsafeBytes { $0.firstIndexOfQuoteOrBackslash(from: from) }
          // Both C paths, whichever one this machine's build dispatches to.
          let (vector, swar) = bytes.withUnsafeBufferPointer { b -> (Int, Int) in
            let p = b.baseAddress.map { $0 + from }
            return (lf_first_quote_or_backslash(p, length - from), lf_first_quote_or_backslash_swar(p, length - from))
          }
          let wantOffset = want.map { $0 - from } ?? (length - from)
          if got != want || vector != wantOffset || swar != wantOffset, mismatches.count < 5 {
            mismatches.append("bytes \(bytes) from \(from): want \(String(describing: want)), got \(String(describing: got)), vector \(vector), swar \(swar)")
          }
          checked += 1
        }
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches)")
    #expect(checked > 200_000)
  }

  /// The scans read no byte past the end: the bytes end where an unreadable page starts, so
  /// a read beyond them would stop the test process.
  @Test func neverReadsPastTheEnd() throws {
    withBytesBeforeUnreadablePage { end in
      var results: [Int] = []
      for length in 0..<70 {
        let start = end - length
        for k in 0..<length { start[k] = UInt8(ascii: "a") }
        results.append(lf_first_quote_or_backslash(start, length) - length)
        results.append(lf_first_quote_or_backslash_swar(start, length) - length)
        if length > 0 {
          start[length - 1] = UInt8(ascii: "\"")  // the match is the very last byte
          results.append(lf_first_quote_or_backslash(start, length) - (length - 1))
          results.append(UnsafeRawBufferPointer(start: start, count: length).firstIndexOfQuoteOrBackslash(from: 0)! - (length - 1))
        }
      }
      #expect(results.allSatisfy { $0 == 0 }, "\(results)")
    }
  }

  @Test func escapedQuotesInAUserAgentAreSkipped() {
    let line = Array(#""Mozilla/5.0 (\"quoted\" \\ part) Firefox/121.0" tail"#.utf8)
    let end = line.withUnsafeBytes { CLFScanning.closingQuote($0, from: 1) }
    #expect(end == line.count - 6)
  }

  /// The scan that reports backslashes finds the same quote as ``CLFScanning/closingQuote(_:from:)``
  /// and says `escaped` exactly when the field before it holds a backslash.
  @Test func escapedFlagMatchesBackslashesInTheField() {
    let lines = [
      #""plain value" x"#, #""a\"b" x"#, #""a\\" x"#, #""ends with backslash\"#, #""\\\"" y"#,
      #""no close"#, #""""#, #""0123456789abcdef\"0123456789abcdef" z"#, #""0123456789abcdef0123" z"#,
    ]
    for line in lines {
      Array(line.utf8).withUnsafeBytes { b in
        var escaped = false
        let end = CLFScanning.closingQuote(b, from: 1, escaped: &escaped)
        #expect(end == CLFScanning.closingQuote(b, from: 1), "\(line)")
        if let end {
          #expect(escaped == (b.slice(1, end).firstIndex(of: .backslash, from: 0) != nil), "\(line)")
        }
      }
    }
  }
}
