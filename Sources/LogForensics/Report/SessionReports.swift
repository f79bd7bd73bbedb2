// Report/SessionReports.swift - the sessions a report lists, built one at a time when read.

import Foundation

/// The sessions a report lists, in order (start, then id).
///
/// A breach-scale report lists hundreds of thousands of sessions. Building every
/// ``SessionReport`` at the end of the run (strings for the actor, IPs, user agents and status
/// mix: about 400 bytes a session) would add them on top of the analysis state, when memory
/// is at its highest. A list made by the analysis therefore keeps each session as figures and
/// interned symbols (``ClosedSession``, about 200 bytes) and builds its report when it is read:
/// the JSON writer reads each once, one at a time. A list made from reports (a decoded JSON
/// report, tests) holds them as they are. Either way it is a random-access collection of
/// ``SessionReport`` that encodes as a JSON array, so the report's bytes do not depend on it.
public struct SessionReports: RandomAccessCollection, MutableCollection, RangeReplaceableCollection, Sendable, Equatable, Codable, ExpressibleByArrayLiteral {
  private enum Storage: Sendable {
    case reports([SessionReport])
    case deferred(DeferredSessionReports)
  }
  private var storage: Storage

  /// A list holding `reports`.
  public init(_ reports: [SessionReport]) { storage = .reports(reports) }

  /// An empty list.
  public init() { storage = .reports([]) }

  public init(arrayLiteral reports: SessionReport...) { storage = .reports(reports) }

  /// A list whose reports are built from `sessions` when read.
  init(deferred sessions: DeferredSessionReports) { storage = .deferred(sessions) }

  public var startIndex: Int { 0 }
  public var endIndex: Int {
    switch storage {
    case .reports(let r): return r.count
    case .deferred(let d): return d.count
    }
  }

  /// Setting an element turns a deferred list into a list of reports (every report built).
  public subscript(position: Int) -> SessionReport {
    get {
      switch storage {
      case .reports(let r): return r[position]
      case .deferred(let d): return d.report(position)
      }
    }
    set { change { $0[position] = newValue } }
  }

  /// Replacing elements turns a deferred list into a list of reports (every report built).
  public mutating func replaceSubrange<C: Collection>(_ range: Range<Int>, with reports: C)
  where C.Element == SessionReport {
    change { $0.replaceSubrange(range, with: reports) }
  }

  /// Runs `body` on the reports as an array, built first when the list is deferred.
  private mutating func change(_ body: (inout [SessionReport]) -> Void) {
    var reports: [SessionReport]
    switch storage {
    case .reports(let r): reports = r
    case .deferred: reports = Array(self)
    }
    storage = .reports([])  // `reports` is then the only reference: changed in place
    body(&reports)
    storage = .reports(reports)
  }

  public static func == (a: SessionReports, b: SessionReports) -> Bool { a.elementsEqual(b) }

  public init(from decoder: Decoder) throws { storage = .reports(try [SessionReport](from: decoder)) }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.unkeyedContainer()
    for report in self { try container.encode(report) }
  }
}

/// Kept sessions whose reports are built when read (see ``SessionReports``): the lists of
/// kept sessions they are in (shared with the analysis engine's actors, not copied, so the
/// engine can be freed), where each listed session is in them, and the symbol table that
/// names their actors, IPs and user agents.
final class DeferredSessionReports: @unchecked Sendable {
  /// Where a listed session is: `lists[list][index]`.
  struct Place {
    var list: Int32
    var index: Int32
  }
  private let lists: [[ClosedSession]]
  private let places: [Place]
  private let symbols: SymbolTable
  /// Digits of the session ids (`S` + the closing number, zero-padded to this width).
  private let idWidth: Int
  /// Symbol names are cached by the table as they are read: one report is built at a time.
  private let lock = NSLock()

  init(lists: [[ClosedSession]], places: [Place], symbols: SymbolTable, idWidth: Int) {
    self.lists = lists
    self.places = places
    self.symbols = symbols
    self.idWidth = idWidth
  }

  var count: Int { places.count }

  func report(_ i: Int) -> SessionReport {
    let p = places[i]
    let s = lists[Int(p.list)][Int(p.index)]
    return lock.withLock { s.report(id: ClosedSession.id(number: s.number, width: idWidth), symbols: symbols) }
  }
}
