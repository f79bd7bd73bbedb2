// Model/SymbolSetTests.swift - sets of symbols and positions, one bit each.

import Testing

@testable import LogForensics

@Suite struct SymbolSetTests {
  @Test func positionsAreWalkedInIncreasingOrderOnce() {
    var p = PositionSet()
    for i in [130, 0, 63, 64, 5, 130, 1_000] { p.insert(i) }
    p.remove(5)
    #expect(p.count == 5)
    #expect(Array(p) == [0, 63, 64, 130, 1_000])
    #expect(Array(p) == p.sorted())
    var seen: [Int] = []
    p.forEach { seen.append($0) }
    #expect(seen == [0, 63, 64, 130, 1_000])
    #expect(Array(PositionSet()).isEmpty)
  }

  @Test func symbolSetMatchesASetOfSymbols() {
    var rng = SeededRNG(seed: 5)
    var reference = Set<Symbol>()
    var s = SymbolSet()
    for _ in 0..<5_000 {
      let x = Symbol(rawValue: UInt32(rng.next() % 20_000))
      reference.insert(x)
      s.insert(x)
    }
    #expect(s.count == reference.count)
    #expect(Array(s) == reference.sorted())
    #expect(reference.allSatisfy(s.contains))
    #expect(!s.contains(Symbol(rawValue: 20_001)))
    var t = SymbolSet([Symbol(rawValue: 3), Symbol(rawValue: 3), Symbol(rawValue: 1)])
    t.formUnion([Symbol(rawValue: 2)])
    #expect(Array(t).map(\.rawValue) == [1, 2, 3] && t.count == 3)
  }

  /// The lists of a finding are the same from a symbol set as from a `Set<Symbol>`.
  @Test func cappedStringsFromASymbolSet() {
    let table = SymbolTable()
    var symbols: [Symbol] = []
    for i in 0..<300 { symbols.append(table.intern("10.0.\(i % 7).\(i)")) }
    let fromSet = CappedStrings(Set(symbols), in: table, limit: 100)
    let fromBits = CappedStrings(SymbolSet(symbols), in: table, limit: 100)
    #expect(fromSet == fromBits)
    #expect(fromBits.total == 300 && fromBits.values.count == 100)
  }

  @Test func quantileOfSortedValuesMatchesQuantile() {
    let v: [Double] = [9, 1, 4, 4, 7, 100, 3, 2]
    let sorted = v.sorted()
    for p in [0, 0.1, 0.5, 0.9, 1] { #expect(RobustStats.quantile(sorted: sorted, p) == RobustStats.quantile(v, p)) }
    #expect(RobustStats.quantile(sorted: [], 0.5) == 0)
  }
}
