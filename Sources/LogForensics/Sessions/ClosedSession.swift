// Sessions/ClosedSession.swift - a closed session as kept until the report: figures and symbols only.

/// The summary of a closed session, kept until the report is built.
///
/// It holds numbers and interned symbols only; the strings of a ``SessionReport`` (actor
/// label, IPs, user agents, status names) are built by ``report(id:symbols:)`` for the
/// sessions a report lists (the flagged ones, or all with `--all-sessions`). An actor's
/// kept sessions then cost about 200 bytes each instead of several string allocations,
/// which matters with hundreds of thousands of actors.
struct ClosedSession {
  var actor: ActorKey
  var start: Timestamp
  var end: Timestamp
  var requests: Int
  var patientRequests: Int
  var distinctRecords: Int
  /// Requests per status class: 2xx, 3xx, 4xx, 5xx, other.
  var statusClasses: (Int, Int, Int, Int, Int)
  var meanGapSeconds: Double
  var gapCV: Double
  var nightShare: Double
  var missRatio: Double
  var sequentialShare: Double
  var scriptClient: Bool
  var ipsTruncated: Bool
  var userAgentsTruncated: Bool
  /// Distinct IPs and user agents, first seen first (at most ``SessionState/listLimit`` each).
  var ips: SymbolList
  var userAgents: SymbolList
  /// Closing sequence number (the session id is `S` + this number, padded).
  var number: Int

  /// The id of session number `number`: `S` + the number, zero-padded to `width` digits.
  static func id(number: Int, width: Int) -> String {
    let digits = String(number)
    return "S" + String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  /// The session as reported, with id `id`.
  func report(id: String, symbols: SymbolTable) -> SessionReport {
    let seconds = Double(end.microseconds - start.microseconds) / 1_000_000
    let names = ["2xx", "3xx", "4xx", "5xx", "other"]
    var mix: [StatusCount] = []
    let counts = [statusClasses.0, statusClasses.1, statusClasses.2, statusClasses.3, statusClasses.4]
    for (i, c) in counts.enumerated() where c > 0 { mix.append(StatusCount(status: names[i], count: c)) }
    let features = SessionFeatures(
      ips: ips.map { symbols.string($0) }.sorted(),
      userAgents: userAgents.map { TerminalSanitizer.clean(symbols.string($0)) }.sorted(),
      meanGapSeconds: meanGapSeconds, gapCV: gapCV, nightShare: nightShare, missRatio: missRatio,
      scriptClient: scriptClient, sequentialShare: sequentialShare,
      ipsTruncated: ipsTruncated ? true : nil, userAgentsTruncated: userAgentsTruncated ? true : nil)
    return SessionReport(
      id: id, actor: TerminalSanitizer.clean(actor.label(symbols)), start: start, end: end, requests: requests,
      patientRequests: patientRequests, distinctRecords: distinctRecords, statusMix: mix,
      rate: round3(Double(requests) / max(1.0, seconds / 60)), features: features)
  }

  /// Heaviest first (distinct records, then requests), earliest closed first among equals.
  static func heavier(_ a: ClosedSession, _ b: ClosedSession) -> Bool {
    if a.distinctRecords != b.distinctRecords { return a.distinctRecords > b.distinctRecords }
    if a.requests != b.requests { return a.requests > b.requests }
    return a.number < b.number
  }
}
