// Sessions/ClosedSession.swift - a closed session as kept until the report: figures and symbols only.

/// The summary of a closed session, kept until the report is built.
///
/// It holds numbers and interned symbols only; the strings of a ``SessionReport`` (actor
/// label, IPs, user agents, status names) are built by ``report(id:symbols:)`` for the
/// sessions a report lists (the flagged ones, or all with `--all-sessions`). An actor's
/// kept sessions then cost about 200 bytes each instead of several string allocations,
/// which matters with hundreds of thousands of actors.
struct ClosedSession {
  // Laid out so a session takes 120 bytes (an actor's array of one kept session fits a
  // 160-byte heap block, where 136 bytes took 176): the flags and the 32-bit number fill the
  // padding after the 9-byte key.
  var actor: ActorKey
  var scriptClient: Bool
  var ipsTruncated: Bool
  var userAgentsTruncated: Bool
  private var storedNumber: Int32
  var start: Timestamp
  var end: Timestamp
  /// Closing sequence number (the session id is `S` + this number, padded).
  var number: Int { Int(storedNumber) }
  // Counts in 32 bits (clamped) and shares in thousandths: every actor of a distributed
  // campaign keeps one of these until the report (120 bytes, was about 230).
  private var storedRequests: Int32
  private var storedPatientRequests: Int32
  private var storedDistinctRecords: Int32
  private var storedStatusClasses: (Int32, Int32, Int32, Int32, Int32)
  var meanGapSeconds: Double
  var gapCV: Double
  /// ``nightShare``, ``missRatio`` and ``sequentialShare`` in thousandths: they are
  /// ``round3(_:)`` of a ratio in 0...1, so `Double(k) / 1000` gives them back exactly.
  private var storedShares: (UInt16, UInt16, UInt16)
  /// Distinct IPs and user agents, first seen first (at most ``SessionState/listLimit`` each).
  var ips: SymbolList
  var userAgents: SymbolList

  var requests: Int { Int(storedRequests) }
  var patientRequests: Int { Int(storedPatientRequests) }
  var distinctRecords: Int { Int(storedDistinctRecords) }
  /// Requests per status class: 2xx, 3xx, 4xx, 5xx, other.
  var statusClasses: (Int, Int, Int, Int, Int) {
    let c = storedStatusClasses
    return (Int(c.0), Int(c.1), Int(c.2), Int(c.3), Int(c.4))
  }
  var nightShare: Double { Double(storedShares.0) / 1000 }
  var missRatio: Double { Double(storedShares.1) / 1000 }
  var sequentialShare: Double { Double(storedShares.2) / 1000 }

  /// - Parameters: the session's figures; `nightShare`, `missRatio` and `sequentialShare`
  ///   are ratios in 0...1 already rounded to three decimals (``round3(_:)``).
  init(
    actor: ActorKey, start: Timestamp, end: Timestamp, requests: Int, patientRequests: Int, distinctRecords: Int,
    statusClasses: (Int, Int, Int, Int, Int), meanGapSeconds: Double, gapCV: Double, nightShare: Double,
    missRatio: Double, sequentialShare: Double, scriptClient: Bool, ipsTruncated: Bool, userAgentsTruncated: Bool,
    ips: SymbolList, userAgents: SymbolList, number: Int
  ) {
    self.actor = actor
    self.start = start
    self.end = end
    storedNumber = Int32(clamping: number)
    storedRequests = Int32(clamping: requests)
    storedPatientRequests = Int32(clamping: patientRequests)
    storedDistinctRecords = Int32(clamping: distinctRecords)
    storedStatusClasses = (
      Int32(clamping: statusClasses.0), Int32(clamping: statusClasses.1), Int32(clamping: statusClasses.2),
      Int32(clamping: statusClasses.3), Int32(clamping: statusClasses.4)
    )
    self.meanGapSeconds = meanGapSeconds
    self.gapCV = gapCV
    storedShares = (ClosedSession.thousandths(nightShare), ClosedSession.thousandths(missRatio), ClosedSession.thousandths(sequentialShare))
    self.scriptClient = scriptClient
    self.ipsTruncated = ipsTruncated
    self.userAgentsTruncated = userAgentsTruncated
    self.ips = ips
    self.userAgents = userAgents
  }

  /// A share in 0...1 rounded to three decimals, as thousandths (clamped to 0...1000).
  private static func thousandths(_ share: Double) -> UInt16 {
    guard share.isFinite else { return 0 }
    return UInt16(max(0, min(1000, (share * 1000).rounded())))
  }

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
