import Testing

@testable import LogForensics

/// The shape as first written (segment by segment, appends through the buffer): the one-pass
/// ``TemplateCache/appendShape(of:separator:to:digits:)`` must write the same bytes.
private func referenceShape(_ bytes: [UInt8], separator: UInt8) -> (shape: [UInt8], digits: [Range<Int>?]) {
  var out: [UInt8] = []
  var digits = [Range<Int>?](repeating: nil, count: DigitSegments.capacity)
  let n = bytes.count
  var start = 0
  var segment = 0
  while start <= n {
    var end = start
    while end < n && bytes[end] != separator { end += 1 }
    var valueStart = start
    if separator == .ampersand {
      var i = start
      while i < end && bytes[i] != .equals { i += 1 }
      valueStart = i < end ? i + 1 : end
      out += bytes[start..<valueStart]
    }
    let len = end - valueStart
    if len > 0 && len < 200 && bytes[valueStart..<end].allSatisfy({ $0 &- 0x30 < 10 }) {
      if segment < DigitSegments.capacity { digits[segment] = valueStart..<end }
      out += [TemplateCache.digitsMarker, UInt8(len)]
      if len == 13 || len == 15 { out.append(bytes[valueStart]) }
    } else {
      out += bytes[valueStart..<end]
    }
    if end < n { out.append(separator) }
    start = end + 1
    segment += 1
  }
  return (out, digits)
}

@Suite struct TemplateCacheShapeTests {
  @Test(arguments: [
    "", "/", "//", "/api/v1/patients/1504671/observations", "/a/1/2/3/4/5/6/7/8/9/10", "/1234567890123/x",
    "/123456789012345", "/x/" + String(repeating: "9", count: 199), "/x/" + String(repeating: "9", count: 200),
    "/caf\u{e9}/12", "/trailing/", "12", "/0/", "/12345678a/123456789", "/abcdefgh/12345678/", "/1234567/12345678",
    "/123456789012345678901234567890/a", "/9/99/999/9999/99999/999999/9999999/99999999/999999999", "/1/2/3/4/5/6/7/8",
    "/x/12\u{0}34/5678:9/0/`/~/9x9x9x9x9x", "/\u{7f}12345678/%3A1234/ 1234567",
  ])
  func pathShapesMatchTheReference(path: String) {
    let bytes = Array(path.utf8)
    let out = ShapeBuffer()
    out.reset(capacity: 1)
    var digits = DigitSegments()
    bytes.withUnsafeBytes { TemplateCache.appendShape(of: $0, separator: .slash, to: out, digits: &digits) }
    let ref = referenceShape(bytes, separator: .slash)
    #expect(Array(out.bytes) == ref.shape, "\(path)")
    for s in 0..<DigitSegments.capacity { #expect(digits.range(of: s) == ref.digits[s], "\(path) segment \(s)") }
  }

  @Test(arguments: [
    "", "a", "a=1", "a=1&b=22&c=x", "_count=20&page=3", "a==1", "=5&&x=", "id=1234567890123&t=123456789012345",
    "k&k=&k=0", "x=1;y=2", "&", "a=1&", "page=12345678901&size=100000000&q=1234567x", "a=12345678&b=1",
  ])
  func queryShapesMatchTheReference(query: String) {
    let bytes = Array(query.utf8)
    let out = ShapeBuffer()
    var digits = DigitSegments()
    bytes.withUnsafeBytes { TemplateCache.appendShape(of: $0, separator: .ampersand, to: out, digits: &digits) }
    #expect(Array(out.bytes) == referenceShape(bytes, separator: .ampersand).shape, "\(query)")
  }

  /// Random paths and queries of every length up to 80 (shorter and longer than a vector
  /// block, so segments end in a whole block or in the last, overlapping one), over the bytes
  /// that matter: both separators, `=`, digits and others; then longer ones, up to 700 bytes
  /// of mostly digits, so that segments span several blocks and digit runs reach 200.
  @Test func randomShapesMatchTheReference() {
    var rng = SystemRandomNumberGenerator()
    let alphabet = Array("//&&==0123456789999abz%~".utf8)
    let digitHeavy = Array("0123456789012345678901234567890123456789/&=x".utf8)
    var mismatches: [String] = []
    for round in 0..<22_000 {
      let long = round >= 20_000
      let n = long ? Int.random(in: 60...700, using: &rng) : Int.random(in: 0...80, using: &rng)
      let letters = long ? digitHeavy : alphabet
      let bytes = (0..<n).map { _ in letters[Int.random(in: 0..<letters.count, using: &rng)] }
      for separator in [UInt8.slash, UInt8.ampersand] {
        let out = ShapeBuffer()
        out.reset(capacity: 1)
        var digits = DigitSegments()
        bytes.withUnsafeBytes { TemplateCache.appendShape(of: $0, separator: separator, to: out, digits: &digits) }
        let ref = referenceShape(bytes, separator: separator)
        var same = Array(out.bytes) == ref.shape
        if separator == .slash {
          for s in 0..<DigitSegments.capacity where digits.range(of: s) != ref.digits[s] { same = false }
        }
        if !same && mismatches.count < 5 { mismatches.append("\(String(decoding: bytes, as: UTF8.self)) separator \(separator)") }
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches)")
  }

  /// Long digit runs with one other byte at the start, middle or end (or none), behind
  /// prefixes of several lengths: the run and the stray byte fall at every place of a block,
  /// in whole blocks and in the last, overlapping one.
  @Test func longDigitRunsWithOneStrayByte() {
    var mismatches: [String] = []
    for prefix in [0, 1, 15, 16, 17, 63, 64] {
      for length in [1, 13, 15, 63, 64, 65, 127, 128, 129, 199, 200, 257] {
        for stray in [-1, 0, length / 2, length - 1] {
          var digits: [UInt8] = (0..<length).map { UInt8(48 + $0 % 10) }
          if stray >= 0 { digits[stray] = UInt8(ascii: "a") }
          var bytes: [UInt8] = [UInt8.slash] + [UInt8](repeating: UInt8(ascii: "p"), count: prefix) + [UInt8.slash]
          bytes += digits
          bytes += Array("/tail".utf8)
          let out = ShapeBuffer()
          var found = DigitSegments()
          bytes.withUnsafeBytes { TemplateCache.appendShape(of: $0, separator: .slash, to: out, digits: &found) }
          let ref = referenceShape(bytes, separator: .slash)
          var same = Array(out.bytes) == ref.shape
          for s in 0..<DigitSegments.capacity where found.range(of: s) != ref.digits[s] { same = false }
          if !same && mismatches.count < 5 { mismatches.append("prefix \(prefix) length \(length) stray \(stray)") }
        }
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches)")
  }

  /// Shaping reads no byte past the end of its input: the bytes end where an unreadable page
  /// starts, so a read beyond them would stop the test process.
  @Test func shapingNeverReadsPastTheEnd() {
    withBytesBeforeUnreadablePage { end in
      let pattern = Array("/api/v1/patients/1234567/doc".utf8)
      var wrong: [Int] = []
      for length in 1...300 {
        let start = end - length
        for k in 0..<length { start[k] = pattern[k % pattern.count] }
        let bytes = Array(UnsafeBufferPointer(start: start, count: length))
        let out = ShapeBuffer()
        var digits = DigitSegments()
        TemplateCache.appendShape(of: UnsafeRawBufferPointer(start: start, count: length), separator: .slash, to: out, digits: &digits)
        if Array(out.bytes) != referenceShape(bytes, separator: .slash).shape { wrong.append(length) }
      }
      #expect(wrong.isEmpty, "\(wrong)")
    }
  }
}
