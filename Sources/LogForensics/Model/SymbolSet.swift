// Model/SymbolSet.swift - a set of symbols of one table, one bit each.

/// Distinct symbols of one ``SymbolTable``, one bit per symbol of the table, walked in
/// increasing order of their ids.
///
/// The IPs, user agents and users of a finding: a distributed campaign has hundreds of
/// thousands of them, gathered at the end of the run when memory is at its fullest. A
/// `Set<Symbol>` of 200 000 symbols takes about 2 MiB, grown by doubling; this takes one bit
/// for every symbol of the table (about 60 KiB for 500 000 symbols).
struct SymbolSet: Sequence {
  private var bits = PositionSet()

  init() {}

  init(_ symbols: some Sequence<Symbol>) { formUnion(symbols) }

  /// Number of symbols in the set.
  var count: Int { bits.count }
  var isEmpty: Bool { bits.count == 0 }

  mutating func insert(_ s: Symbol) { bits.insert(Int(s.rawValue)) }

  /// Adds every symbol of `symbols`.
  mutating func formUnion(_ symbols: some Sequence<Symbol>) {
    for s in symbols { insert(s) }
  }

  func contains(_ s: Symbol) -> Bool { bits.contains(Int(s.rawValue)) }

  /// Walks the symbols in increasing order of ids.
  struct Iterator: IteratorProtocol {
    fileprivate var positions: PositionSet.Iterator
    mutating func next() -> Symbol? { positions.next().map { Symbol(rawValue: UInt32(truncatingIfNeeded: $0)) } }
  }

  func makeIterator() -> Iterator { Iterator(positions: bits.makeIterator()) }

  var underestimatedCount: Int { count }
}
