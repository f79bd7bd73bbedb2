// Detection/CappedStrings.swift - the first sorted sanitised strings of a symbol set and their count, in bounded memory.

/// The `limit` smallest distinct sanitised strings of a set of symbols, increasing, and how
/// many distinct sanitised strings the set has: the ``ActorSet`` lists of a finding.
///
/// The same values and total as sorting `Set(symbols.map { TerminalSanitizer.clean(table.string($0)) })`
/// and cutting it (``ActorSet/capped(ips:users:userAgents:)`` over ``Detector/strings(_:)``),
/// without building every string: a campaign of 200 000 IPs used to build 200 000 strings, a
/// set and a sorted array of them (about 17 MiB at the end of the run), and to leave the
/// strings in the symbol table's cache (about 6 MiB more), to keep 100 of them and a count.
///
/// Two passes over the symbols, without ``Symbol/none``:
/// 1. Symbols with a byte outside printable ASCII (control characters, other scalars, invalid
///    UTF-8): their sanitised strings go into a set, since two of them can be equal strings
///    (`clean` writes ESC as the four characters `\x1B`, decoding writes the invalid byte 0xFF
///    as `\xFF`, and Swift compares strings by canonical equivalence: `"e\u{301}" == "é"`).
///    Usually there are few or none.
/// 2. Printable-ASCII symbols: each one is its own sanitised string, different from every
///    other such symbol's (symbols are distinct bytes), so each counts once, unless the set
///    of the first pass holds an equal string (the literal text `a\x1B`, or `K` next to
///    `"\u{212A}"`: `Set<String>` looks up by the same equality). Its string is built without
///    the table's cache and dropped unless it is among the smallest.
///
/// Equal strings are one value, as in a `Set`; of those, the one with the smallest UTF-8 bytes
/// is listed (the set kept whichever came first in hash order).
///
/// - Complexity: O(n log `limit`) string comparisons; memory O(`limit`) plus the strings of
///   the first pass.
struct CappedStrings: Equatable {
  /// The smallest distinct strings, increasing: all of them when ``total`` ≤ the limit.
  var values: [String]
  /// Distinct strings in all, including those cut from ``values``.
  var total: Int

  /// ``total`` when ``values`` was cut, `nil` when it is complete (the `…Total` fields of
  /// ``ActorSet``).
  var cutTotal: Int? { total > values.count ? total : nil }

  init(values: [String], total: Int) {
    self.values = values
    self.total = total
  }

  /// The values and total of `symbols` (strings of `table`), keeping at most `limit` values.
  /// `symbols` are distinct (a `Set` or a ``SymbolSet``) and read twice.
  init<S: Sequence<Symbol>>(_ symbols: S, in table: SymbolTable, limit: Int = ActorSet.limit) {
    var smallest = SmallestStrings(limit: limit)
    // Pass 1: symbols that are not printable ASCII, sanitised; equal strings are one.
    var others = Set<String>()
    for s in symbols where !s.isNone {
      guard !table.withBytes(s, PrintableASCII.contains) else { continue }
      let clean = TerminalSanitizer.clean(table.uncachedString(s))
      let (inserted, member) = others.insert(clean)
      if !inserted && clean.utf8.lexicographicallyPrecedes(member.utf8) { others.update(with: clean) }
    }
    for c in others { smallest.offer(c) }
    // Pass 2: printable-ASCII symbols, each its own string.
    var total = others.count
    for s in symbols where !s.isNone {
      guard let text = table.withBytes(s, { PrintableASCII.contains($0) ? String(decoding: $0, as: UTF8.self) : nil })
      else { continue }
      if others.isEmpty || !others.contains(text) { total += 1 }
      smallest.offer(text)
    }
    self.init(values: smallest.values, total: total)
  }
}

extension ActorSet {
  /// The lists of a finding from values already sorted and cut, with their totals: the same
  /// set as ``capped(ips:users:userAgents:)`` on the full lists.
  init(ips: CappedStrings, users: CappedStrings, userAgents: CappedStrings) {
    self.init(ips: ips.values, users: users.values, userAgents: userAgents.values)
    ipsTotal = ips.cutTotal
    usersTotal = users.cutTotal
    userAgentsTotal = userAgents.cutTotal
  }
}
