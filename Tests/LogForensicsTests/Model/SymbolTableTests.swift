import Testing

@testable import LogForensics

@Suite struct SymbolTableTests {
  @Test func internsEqualBytesOnceAndKeepsStrings() {
    let t = SymbolTable()
    var ids: [Symbol] = []
    for i in 0..<5000 { ids.append(t.intern("value-\(i % 1500)")) }
    #expect(t.count == 1500)
    #expect(ids[0] == ids[1500])
    #expect(t.string(ids[7]) == "value-7")
    #expect(t.intern("") == .none)
    #expect(t.lookup("value-3") == ids[3])
    #expect(t.lookup("absent") == nil)
  }

  @Test func invalidUTF8IsShownAsHexEscapes() {
    let t = SymbolTable()
    let s = [UInt8]([0x41, 0xB0, 0xA1, 0x42, 0xE2, 0x82, 0xAC]).withUnsafeBytes { t.intern($0) }
    #expect(t.string(s) == "A\\xB0\\xA1B€")
  }

  /// The tail word read with overlapping loads equals the bytes or-ed in one at a time, for
  /// every length and start (so the table hash is the one it always was).
  @Test func tailWordEqualsByteByByteTail() {
    let data: [UInt8] = (0..<40).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 200) }
    for n in 1...data.count {
      data.withUnsafeBytes { all in
        let p = all.baseAddress!
        let i = n / 8 * 8
        guard i < n else { return }
        var expected: UInt64 = 0
        for k in i..<n { expected |= UInt64(data[k]) << UInt64((k - i) * 8) }
        #expect(SymbolTable.tailWord(p, from: i, count: n) == expected, "count \(n)")
      }
    }
  }

  /// A previous symbol is returned only for the same bytes; anything else is interned as usual.
  @Test func internWithPreviousEqualsIntern() {
    let t = SymbolTable()
    let a = t.intern("Mozilla/5.0 (X11; Linux x86_64)")
    let b = t.intern("curl/8.0")
    func intern(_ s: String, _ previous: Symbol) -> Symbol { Array(s.utf8).withUnsafeBytes { t.intern($0, previous: previous) } }
    #expect(intern("Mozilla/5.0 (X11; Linux x86_64)", a) == a)
    #expect(intern("Mozilla/5.0 (X11; Linux x86_64)", b) == a)
    #expect(intern("curl/8.0", a) == b)
    #expect(intern("curl/8.1", b) != b)
    #expect(intern("curl/8.1", .none) == t.intern("curl/8.1"))
    #expect(intern("", a) == .none)
    #expect(t.count == 3)
  }

  /// A lookup split in two (hash and fetch first, intern later, other values interned in
  /// between and the table grown several times meanwhile) gives the symbols a plain
  /// ``SymbolTable/intern(_:)`` gives.
  @Test func splitLookupEqualsIntern() {
    let split = SymbolTable(), plain = SymbolTable()
    var rng = SeededRNG(seed: 5)
    for i in 0..<20_000 {
      let ip = "10.\(rng.next() % 4).\(rng.next() % 256).\(rng.next() % 256)"
      let other = "user\(i % 977)"
      let (s, p): (Symbol, Symbol) = Array(ip.utf8).withUnsafeBytes { b in
        let h = split.prefetch(b)
        _ = split.intern(other)  // a value interned between the two halves (may grow the table)
        split.prefetchValue(hash: h)
        let s = split.intern(b, hash: h)
        _ = plain.intern(other)
        return (s, plain.intern(b))
      }
      #expect(s == p, "\(ip)")
      #expect(split.string(s) == ip)
      if s != p { break }
    }
    #expect(split.count == plain.count && split.count > 15_000)
  }

  /// The builder's deferred client address gives the same symbols as setting it at once: a
  /// new address, the previous line's again, none for `-`.
  @Test func deferredClientAddressEqualsSetClientIP() {
    let t = SymbolTable()
    var later = EventBuilder(symbols: t), now = EventBuilder(symbols: t)
    for ip in ["192.0.2.1", "192.0.2.1", "-", "198.51.100.7", "192.0.2.1", "", "198.51.100.7"] {
      Array(ip.utf8).withUnsafeBytes { b in
        later.reset(inputIndex: 0, lineNumber: 1)
        later.setClientIPLater(b)
        later.prefetchClientIPValue()
        later.resolveClientIP()
        now.reset(inputIndex: 0, lineNumber: 1)
        now.setClientIP(b)
      }
      #expect(later.event.clientIP == now.event.clientIP, "\(ip)")
    }
    #expect(t.count == 2)
  }
}
