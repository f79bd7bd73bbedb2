// Support/EventFactory.swift - builds single LogEvents for small inline engine tests.

@testable import LogForensics

/// Makes events with readable arguments; line numbers increase by one per event.
final class EventFactory {
  let symbols = SymbolTable()
  private var line: Int64 = 0
  let day = Timestamp(year: 2026, month: 2, day: 17)!.microseconds

  /// An event at `seconds` after 2026-02-17T00:00:00Z.
  func make(
    _ seconds: Double, ip: String = "10.0.0.1", user: String? = nil, method: String = "GET", path: String,
    query: String? = nil, status: Int32 = 200, bytes: Int64 = 1500, ua: String = "Mozilla/5.0 Firefox/122.0",
    credential: String? = nil
  ) -> LogEvent {
    line += 1
    var e = LogEvent()
    e.timestamp = Timestamp(microseconds: day + Int64(seconds * 1_000_000))
    e.clientIP = symbols.intern(ip)
    e.method = symbols.intern(method)
    e.path = path
    e.query = query
    e.status = status
    e.responseBytes = bytes
    e.userAgent = symbols.intern(ua)
    if let u = user { e.user = symbols.intern(u) }
    if let c = credential { e.credential = symbols.intern(c) }
    e.lineNumber = line
    return e
  }

  func engine(_ options: AnalysisOptions = AnalysisOptions()) -> AnalysisEngine {
    AnalysisEngine(options: options, symbols: symbols, inputPaths: ["access.log"])
  }

  /// An engine that lists every session (`--all-sessions`) and splits them on a gap of
  /// `gap` seconds: the set-up of the session tests.
  func engineListingAllSessions(gap: Int64 = 600) -> AnalysisEngine {
    var o = AnalysisOptions()
    o.allSessions = true
    o.sessionGap = gap
    return engine(o)
  }
}
