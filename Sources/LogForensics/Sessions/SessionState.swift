// Sessions/SessionState.swift - features of a live session, folded into a summary when it closes.

/// A session being built. Only counters and small sets are kept, never events.
///
/// A class: an actor holds one only while a session is open, so the hundreds of bytes of
/// counters are not carried by every actor whose sessions are all closed.
final class SessionState {
  var start: Timestamp
  var end: Timestamp
  var requests = 0
  var patientRequests = 0
  var recordRequests = 0
  var recordMisses = 0
  /// Requests per status class: 2xx, 3xx, 4xx, 5xx, other (inline: no array per session).
  var statusClasses = (0, 0, 0, 0, 0)
  /// Distinct records of the session (namespace-mixed hashes), unless ``soleTrack`` stands for them.
  var records = HashedIdSet()
  /// While every record request of the session went to one track that began in this session,
  /// the session's distinct records are exactly that track's ids: `records` stays empty (a
  /// swarm member or a one-endpoint client keeps one set, not two). Built into `records`
  /// when a second track appears.
  var soleTrack: RecordTrack?
  /// The namespace hash of ``soleTrack``'s template.
  var soleNamespace: UInt64 = 0
  /// Distinct records read in the session.
  var distinctRecords: Int { soleTrack?.distinctCount ?? records.count }
  /// Distinct IPs and user agents, first seen first (at most ``listLimit`` each).
  var ips = SymbolList()
  var userAgents = SymbolList()
  /// More distinct IPs / user agents were seen than ``listLimit`` (the lists are cut).
  var ipsTruncated = false
  var userAgentsTruncated = false
  /// Most IPs and user agents listed per session.
  static let listLimit = 16
  var gaps = RunningStats()
  var night = 0
  var assets = 0
  var withReferer = 0
  var previousRecord: Int64?
  var previousDelta: Int64 = 0
  var steps = 0
  var constantSteps = 0

  init(start: Timestamp) {
    self.start = start
    end = start
  }

  /// Notes the record (already added to `track`, whose template has namespace hash `namespace`)
  /// of a record request. `trackIsNew`: the track had no request before this one.
  func noteRecord(_ key: RecordKey, track: RecordTrack, trackIsNew: Bool, namespace: UInt64) {
    if let sole = soleTrack {
      if sole === track { return }
      sole.distinctIds().forEachKey { records.insert(SessionState.recordHash(namespace: soleNamespace, $0)) }
      soleTrack = nil
    } else if records.isEmpty && trackIsNew {
      soleTrack = track
      soleNamespace = namespace
      return
    }
    records.insert(SessionState.recordHash(namespace: namespace, key))
  }

  /// The session-wide identity of a record: its key mixed with its namespace's hash.
  static func recordHash(namespace ns: UInt64, _ key: RecordKey) -> UInt64 {
    switch key {
    case .numeric(let v): return AnalysisEngine.mix(ns ^ (UInt64(v) &* 0x9E37_79B9_7F4A_7C15))
    case .hashed(let h): return AnalysisEngine.mix(ns ^ h)
    }
  }

  func add(_ e: RequestFacts, kind: EndpointKind, recordValue: Int64?, isAsset: Bool) {
    if requests > 0 {
      gaps.add(Double(max(0, e.timestamp.microseconds - end.microseconds)) / 1_000_000)  // late events: gap 0
    }
    requests += 1
    end = max(end, e.timestamp)
    let s = Int(e.status)
    let cls = s >= 200 && s < 600 ? s / 100 - 2 : 4
    switch cls {
    case 0: statusClasses.0 += 1
    case 1: statusClasses.1 += 1
    case 2: statusClasses.2 += 1
    case 3: statusClasses.3 += 1
    default: statusClasses.4 += 1
    }
    if !ips.contains(e.clientIP) {
      if ips.count < SessionState.listLimit { ips.append(e.clientIP) } else { ipsTruncated = true }
    }
    if !userAgents.contains(e.userAgent) {
      if userAgents.count < SessionState.listLimit { userAgents.append(e.userAgent) } else { userAgentsTruncated = true }
    }
    let hour = (e.timestamp.seconds % 86_400 + 86_400) % 86_400 / 3600
    if hour >= 22 || hour < 6 { night += 1 }
    if isAsset { assets += 1 }
    if !e.referer.isNone { withReferer += 1 }
    if kind == .record || kind == .list { patientRequests += 1 }
    if kind == .record {
      recordRequests += 1
      if s >= 400 && s < 500 { recordMisses += 1 }
      if let v = recordValue {
        if let p = previousRecord, v != p {
          let d = v - p
          steps += 1
          if d == previousDelta && abs(d) <= 16 { constantSteps += 1 }
          previousDelta = d
        }
        previousRecord = v
      }
    }
  }

  /// The session's summary once closed (`number`: its closing sequence number).
  func closed(actor: ActorKey, scriptClient: Bool, number: Int) -> ClosedSession {
    ClosedSession(
      actor: actor, start: start, end: end, requests: requests, patientRequests: patientRequests,
      distinctRecords: distinctRecords, statusClasses: statusClasses,
      meanGapSeconds: round3(gaps.mean), gapCV: round3(gaps.cv),
      nightShare: round3(Double(night) / Double(max(1, requests))),
      missRatio: round3(recordRequests > 0 ? Double(recordMisses) / Double(recordRequests) : 0),
      sequentialShare: round3(steps > 0 ? Double(constantSteps) / Double(steps) : 0),
      scriptClient: scriptClient, ipsTruncated: ipsTruncated, userAgentsTruncated: userAgentsTruncated,
      ips: ips, userAgents: userAgents, number: number)
  }
}

/// Rounds to three decimals so reports stay readable and stable.
func round3(_ x: Double) -> Double {
  guard x.isFinite else { return 0 }
  return (x * 1000).rounded() / 1000
}

/// A short list of distinct symbols in first-seen order: the first one inline (most sessions
/// come from one IP with one user agent), the others in an array.
struct SymbolList {
  private var head: Symbol = .none
  private var rest: [Symbol] = []
  private(set) var count = 0

  func contains(_ s: Symbol) -> Bool { count > 0 && (head == s || rest.contains(s)) }

  mutating func append(_ s: Symbol) {
    if count == 0 { head = s } else { rest.append(s) }
    count += 1
  }

  /// The symbols, first seen first.
  var all: [Symbol] { count == 0 ? [] : [head] + rest }

  func map<T>(_ body: (Symbol) -> T) -> [T] { all.map(body) }
}
