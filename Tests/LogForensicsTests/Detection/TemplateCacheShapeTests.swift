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

  /// Random paths and queries of every length up to 40 (shorter and longer than a word, so
  /// the last bytes are read byte by byte or as one shifted word), over the bytes that matter:
  /// both separators, `=`, digits and others.
  @Test func randomShapesMatchTheReference() {
    var rng = SystemRandomNumberGenerator()
    let alphabet = Array("//&&==0123456789999abz%~".utf8)
    for _ in 0..<20_000 {
      let n = Int.random(in: 0...40, using: &rng)
      let bytes = (0..<n).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }
      for separator in [UInt8.slash, UInt8.ampersand] {
        let out = ShapeBuffer()
        out.reset(capacity: 1)
        var digits = DigitSegments()
        bytes.withUnsafeBytes { TemplateCache.appendShape(of: $0, separator: separator, to: out, digits: &digits) }
        let ref = referenceShape(bytes, separator: separator)
        #expect(Array(out.bytes) == ref.shape, "\(String(decoding: bytes, as: UTF8.self)) separator \(separator)")
        if separator == .slash {
          for s in 0..<DigitSegments.capacity { #expect(digits.range(of: s) == ref.digits[s]) }
        }
      }
    }
  }
}
