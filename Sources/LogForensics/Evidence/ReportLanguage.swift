// Evidence/ReportLanguage.swift - the two languages of the evidence report and label lookup.

/// Language of the evidence report: French (the CNIL forms) by default, or English.
public enum ReportLanguage: String, Sendable, CaseIterable, Equatable {
  case fr, en

  /// The label for `key` in this language; `⟦key⟧` when the table lacks it (a test forbids that).
  public func label(_ key: String) -> String {
    guard let entry = EvidenceLabels.table[key] else { return "⟦\(key)⟧" }
    return self == .fr ? entry.fr : entry.en
  }

  /// The label for `key` with `{0}`, `{1}`… replaced by `args`.
  public func label(_ key: String, _ args: String...) -> String {
    var s = label(key)
    for (i, a) in args.enumerated() { s = s.replacingOccurrences(of: "{\(i)}", with: a) }
    return s
  }

  /// An integer as digits only (no grouping: figures must be searchable and copyable as is).
  public func number(_ n: Int) -> String { String(n) }
}
