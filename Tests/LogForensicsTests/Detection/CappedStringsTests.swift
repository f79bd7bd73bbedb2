// Detection/CappedStringsTests.swift - the bounded actor lists equal the sorted, cut lists built from every string.

import Testing

@testable import LogForensics

/// Interns `values` (strings or raw bytes) and returns their symbols as a set.
private func symbols(_ table: SymbolTable, _ values: [[UInt8]]) -> Set<Symbol> {
  Set(values.map { b in b.withUnsafeBytes { table.intern($0) } })
}

private func bytes(_ values: [String]) -> [[UInt8]] { values.map { Array($0.utf8) } }

/// The old way: every string, a set, sorted, cut by ``ActorSet/capped(ips:users:userAgents:)``.
private func reference(_ s: Set<Symbol>, _ table: SymbolTable) -> [String] {
  Array(Set(s.filter { !$0.isNone }.map { TerminalSanitizer.clean(table.string($0)) })).sorted()
}

@Suite struct CappedStringsTests {
  /// Checks the new lists against the old ones, used as IPs, users and user agents.
  private func expectSameAsOld(_ s: Set<Symbol>, _ table: SymbolTable, sourceLocation: SourceLocation = #_sourceLocation) {
    let capped = CappedStrings(s, in: table)
    let old = reference(s, table)
    #expect(capped.total == old.count, sourceLocation: sourceLocation)
    #expect(capped.values == Array(old.prefix(ActorSet.limit)), sourceLocation: sourceLocation)
    let a = ActorSet(ips: capped, users: CappedStrings(s, in: table), userAgents: capped)
    let b = ActorSet.capped(ips: old, users: old, userAgents: old)
    #expect(a == b, sourceLocation: sourceLocation)
    #expect(a.ipsTotal == b.ipsTotal && a.usersTotal == b.usersTotal && a.userAgentsTotal == b.userAgentsTotal)
  }

  @Test func manyIPsAreCutToTheSmallestWithTheirTotal() {
    let table = SymbolTable()
    var rng = SeededRNG(seed: 7)
    var ips = (0..<5000).map { "10.\($0 >> 16 & 255).\($0 >> 8 & 255).\($0 & 255)" }
    ips.append(contentsOf: (0..<300).map { "2001:db8::\(String($0, radix: 16))" })
    ips.shuffle(using: &rng)
    var s = symbols(table, bytes(ips))
    s.insert(.none)
    let capped = CappedStrings(s, in: table)
    #expect(capped.total == 5300 && capped.cutTotal == 5300 && capped.values.count == ActorSet.limit)
    #expect(capped.values.first == "10.0.0.0")
    expectSameAsOld(s, table)
  }

  @Test func smallSetsAreCompleteWithoutTotals() {
    let table = SymbolTable()
    for n in [1, 2, 99, 100, 101] {
      let s = symbols(table, bytes((0..<n).map { "ua/\($0 * 7919 % 1000)" }))
      let capped = CappedStrings(s, in: table)
      #expect(capped.total == n)
      #expect(capped.cutTotal == (n > ActorSet.limit ? n : nil))
      expectSameAsOld(s, table)
    }
  }

  @Test func emptyAndAbsentValuesGiveEmptyLists() {
    let table = SymbolTable()
    _ = table.intern("10.0.0.1")
    for s in [Set<Symbol>(), [.none]] {
      let capped = CappedStrings(s, in: table)
      #expect(capped == CappedStrings(values: [], total: 0) && capped.cutTotal == nil)
      expectSameAsOld(s, table)
      #expect(ActorSet(ips: capped, users: capped, userAgents: capped) == ActorSet.capped(ips: [], users: [], userAgents: []))
    }
  }

  /// Different symbols whose sanitised strings are equal count once: an escape and its
  /// literal text, an invalid byte and its `\xNN` text, canonically equivalent spellings.
  @Test(arguments: [0, 20, 150])
  func valuesEqualAfterCleaningCountOnce(fillers: Int) {
    let table = SymbolTable()
    var values: [[UInt8]] = bytes([
      "10.0.0.1\u{1b}[0m", "10.0.0.1\\x1B[0m",  // ESC and its escape written out
      "a\u{7f}", "a\\x7F", "a\u{9b}", "a\\x9B",  // DEL, a C1 control
      "\u{202e}rtl", "\\u{202E}rtl",  // a bidirectional override
      "K1", "\u{212a}1",  // KELVIN SIGN == K
      "x;", "x\u{37e}",  // GREEK QUESTION MARK == ;
      "caf\u{e9}", "cafe\u{301}",  // precomposed and decomposed é, neither printable ASCII
      "tab\there", "tab\\x09here", "10.0.0.1",
    ])
    values.append([0x61, 0xFF])  // invalid UTF-8: shown as a\xFF
    values.append(Array("a\\xFF".utf8))
    values.append([0x62, 0xC3])  // truncated é
    values.append(contentsOf: bytes((0..<fillers).map { "zz-\($0)" }))
    let s = symbols(table, values)
    let capped = CappedStrings(s, in: table)
    #expect(capped.total == 11 + fillers)
    expectSameAsOld(s, table)
    // The representative of equal strings is the one with the smallest bytes.
    #expect(capped.values.contains { $0.utf8.elementsEqual("K1".utf8) })
    #expect(capped.values.contains { $0.utf8.elementsEqual("cafe\u{301}".utf8) })
  }

  @Test func smallestStringsKeepsTheSortedPrefixOfDistinctValues() {
    var rng = SeededRNG(seed: 11)
    for limit in [0, 1, 3, 100] {
      let all = (0..<1000).map { _ in String(Int.random(in: 0..<400, using: &rng), radix: 36) }
      var smallest = SmallestStrings(limit: limit)
      for v in all { smallest.offer(v) }
      #expect(smallest.values == Array(Array(Set(all)).sorted().prefix(limit)))
    }
    var equal = SmallestStrings(limit: 2)
    for v in ["\u{212a}", "b", "K", "a"] { equal.offer(v) }
    #expect(equal.values.map { Array($0.utf8) } == [Array("K".utf8), Array("a".utf8)])
  }
}
