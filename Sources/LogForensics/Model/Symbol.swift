// Model/Symbol.swift - interned strings (IPs, user agents, users, methods, hosts).

/// A handle to a string interned in a ``SymbolTable``.
///
/// Repeated, low-cardinality values (client IPs, user agents, users, methods, referers,
/// virtual hosts) are stored once in the table and referenced by a 32-bit id in every
/// event. `Symbol.none` (id 0) means "absent" (the log had `-`, an empty field, or no such
/// field at all).
public struct Symbol: Hashable, Comparable, Sendable {
  /// Index into the owning table; 0 is reserved for "absent".
  public let rawValue: UInt32

  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// The absent value.
  public static let none = Symbol(rawValue: 0)

  /// `true` when the field was absent.
  public var isNone: Bool { rawValue == 0 }

  public static func < (lhs: Symbol, rhs: Symbol) -> Bool { lhs.rawValue < rhs.rawValue }
}
