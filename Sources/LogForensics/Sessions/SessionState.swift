// Sessions/SessionState.swift - features of a live session, folded into a summary when it closes.

import CPrefetch

/// A session being built. Only counters and small sets are kept, never events.
///
/// A class: an actor holds one only while a session is open, so the hundreds of bytes of
/// counters are not carried by every actor whose sessions are all closed.
final class SessionState {
  /// The object's size in bytes: what the lookahead asks for (``AnalysisEngine/prefetchAhead(_:at:)``;
  /// `StateLookaheadTests` checks it against the object's heap block).
  static let lookaheadBytes = 184
  // Every request updates most of these: 32-bit counters (saturating, see ``Int32/bump()``)
  // keep them on fewer cache lines, and hundreds of thousands of live sessions smaller.
  var start: Timestamp
  var end: Timestamp
  private var requestCount: Int32 = 0
  private var patientRequestCount: Int32 = 0
  private var recordRequests: Int32 = 0
  private var recordMisses: Int32 = 0
  /// Requests per status class: 2xx, 3xx, 4xx, 5xx, other (inline: no array per session).
  private var statusClassCounts: (Int32, Int32, Int32, Int32, Int32) = (0, 0, 0, 0, 0)
  private var night: Int32 = 0
  private var assets: Int32 = 0
  private var withReferer: Int32 = 0
  private var steps: Int32 = 0
  private var constantSteps: Int32 = 0
  /// Distinct IPs and user agents, first seen first (at most ``listLimit`` each).
  var ips = SymbolList()
  var userAgents = SymbolList()
  var gaps = RunningStats()
  // The fields below are sized and ordered so the object takes 184 bytes (a 192-byte heap
  // block, where 216 took 224): hundreds of thousands of sessions are live at once in a
  // distributed campaign.
  /// The id of the last record request with a numeric id (when ``hasPreviousRecord``).
  private var previousRecord: Int64 = 0
  /// The step between the last two numeric ids, clamped to 32 bits: only steps of at most
  /// 16 are ever compared equal, so a clamped large step behaves as the step itself.
  private var previousDelta: Int32 = 0
  private var hasPreviousRecord = false
  /// More distinct IPs / user agents were seen than ``listLimit`` (the lists are cut).
  var ipsTruncated = false
  var userAgentsTruncated = false
  /// Distinct records of the session (namespace-mixed hashes) once ``soleTrack`` no longer
  /// stands for them (allocated then).
  private var recordHashes: SessionRecordHashes?
  /// While every record request of the session went to one track that began in this session,
  /// the session's distinct records are exactly that track's ids: `records` stays empty (a
  /// swarm member or a one-endpoint client keeps one set, not two). Built into `records`
  /// when a second track appears.
  var soleTrack: RecordTrack?
  /// The namespace hash of ``soleTrack``'s template.
  var soleNamespace: UInt64 = 0
  /// Distinct records read in the session.
  var distinctRecords: Int { soleTrack?.distinctCount ?? recordHashes?.count ?? 0 }
  /// Requests in the session.
  var requests: Int { Int(requestCount) }
  /// Requests on patient endpoints (records and lists).
  var patientRequests: Int { Int(patientRequestCount) }
  /// Requests per status class: 2xx, 3xx, 4xx, 5xx, other.
  var statusClasses: (Int, Int, Int, Int, Int) {
    let c = statusClassCounts
    return (Int(c.0), Int(c.1), Int(c.2), Int(c.3), Int(c.4))
  }
  /// Most IPs and user agents listed per session.
  static let listLimit = 16

  init(start: Timestamp) {
    self.start = start
    end = start
  }

  /// Notes the record (already added to `track`, whose template has namespace hash `namespace`)
  /// of a record request. `trackIsNew`: the track had no request before this one.
  func noteRecord(_ key: RecordKey, track: RecordTrack, trackIsNew: Bool, namespace: UInt64) {
    // The sole track and the hashes are compared and reached without a retain (the session
    // keeps both while this runs; see ``AnalysisEngine/consume(_:_:)``).
    if let sole = soleTrack.map(Unmanaged.passUnretained) {
      if sole.toOpaque() == Unmanaged.passUnretained(track).toOpaque() { return }
      let hashes = recordHashesState()
      sole.takeUnretainedValue().distinctIds().forEachKey { hashes.insert(SessionState.recordHash(namespace: soleNamespace, $0)) }
      soleTrack = nil
    } else if (recordHashes?.count ?? 0) == 0 && trackIsNew {
      soleTrack = track
      soleNamespace = namespace
      return
    }
    let hash = SessionState.recordHash(namespace: namespace, key)
    if let x = recordHashes.map(Unmanaged.passUnretained) {
      x._withUnsafeGuaranteedRef { $0.insert(hash) }
    } else {
      recordHashesState().insert(hash)
    }
  }

  /// Lookahead: the session's table object.
  @inline(__always)
  func prefetchRecordTable() {
    if let x = recordHashes.map(Unmanaged.passUnretained) { lf_prefetch_range(UnsafeRawPointer(x.toOpaque()), SessionRecordHashes.lookaheadBytes) }
  }

  /// Lookahead: the slot of `hash` in the session's table.
  @inline(__always)
  func prefetchRecordSlot(_ hash: UInt64) {
    recordHashes.map(Unmanaged.passUnretained)?._withUnsafeGuaranteedRef { $0.prefetchSlot(hash) }
  }

  private func recordHashesState() -> SessionRecordHashes {
    if let x = recordHashes { return x }
    let x = SessionRecordHashes()
    recordHashes = x
    return x
  }

  /// The session-wide identity of a record: its key mixed with its namespace's hash.
  static func recordHash(namespace ns: UInt64, _ key: RecordKey) -> UInt64 {
    switch key {
    case .numeric(let v): return AnalysisEngine.mix(ns ^ (UInt64(v) &* 0x9E37_79B9_7F4A_7C15))
    case .hashed(let h): return AnalysisEngine.mix(ns ^ h)
    }
  }

  func add(_ e: RequestFacts, kind: EndpointKind, recordValue: Int64?, isAsset: Bool) {
    if requestCount > 0 {
      gaps.add(Double(max(0, e.timestamp.microseconds - end.microseconds)) / 1_000_000)  // late events: gap 0
    }
    requestCount.bump()
    end = max(end, e.timestamp)
    let s = Int(e.status)
    let cls = s >= 200 && s < 600 ? s / 100 - 2 : 4
    switch cls {
    case 0: statusClassCounts.0.bump()
    case 1: statusClassCounts.1.bump()
    case 2: statusClassCounts.2.bump()
    case 3: statusClassCounts.3.bump()
    default: statusClassCounts.4.bump()
    }
    if !ips.contains(e.clientIP) {
      if ips.count < SessionState.listLimit { ips.append(e.clientIP) } else { ipsTruncated = true }
    }
    if !userAgents.contains(e.userAgent) {
      if userAgents.count < SessionState.listLimit { userAgents.append(e.userAgent) } else { userAgentsTruncated = true }
    }
    let hour = (e.timestamp.seconds % 86_400 + 86_400) % 86_400 / 3600
    if hour >= 22 || hour < 6 { night.bump() }
    if isAsset { assets.bump() }
    if !e.referer.isNone { withReferer.bump() }
    if kind == .record || kind == .list { patientRequestCount.bump() }
    if kind == .record {
      recordRequests.bump()
      if s >= 400 && s < 500 { recordMisses.bump() }
      if let v = recordValue {
        if hasPreviousRecord && v != previousRecord {
          let d = v &- previousRecord
          steps.bump()
          if d.magnitude <= 16 && Int32(truncatingIfNeeded: d) == previousDelta { constantSteps.bump() }
          previousDelta = Int32(clamping: d)
        }
        previousRecord = v
        hasPreviousRecord = true
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

/// The distinct records of a session that reads several tracks (namespace-mixed hashes).
///
/// An open-addressing table of its own, at most half full, rather than a ``HashedIdSet``:
/// its size and count sit in this object, which the session reaches anyway, so an insert
/// touches the slot only. A ``HashedIdSet`` keeps its size in its array's header, one more
/// cache line to fetch on every record request of every such session (about a third of
/// the time its inserts took on the 1 GB benchmark stream).
final class SessionRecordHashes {
  /// The object's size in bytes: what the lookahead asks for (``AnalysisEngine/prefetchAhead(_:at:)``;
  /// `StateLookaheadTests` checks it against the object's heap block).
  static let lookaheadBytes = 48
  /// Slots (a power of two of them); 0 marks an empty slot (the value 0 is ``hasZero``).
  private var slots: UnsafeMutablePointer<UInt64>
  private var mask: Int
  /// Number of distinct values.
  private(set) var count = 0
  private var hasZero = false

  init() {
    slots = .allocate(capacity: 8)
    slots.initialize(repeating: 0, count: 8)
    mask = 7
  }

  deinit { slots.deallocate() }

  /// Lookahead: the home slot of `hash`.
  @inline(__always)
  func prefetchSlot(_ hash: UInt64) { lf_prefetch(UnsafeRawPointer(slots + (Int(truncatingIfNeeded: hash) & mask))) }

  /// Adds `hash` (already mixed: ``SessionState/recordHash(namespace:_:)``, so its low bits
  /// pick the slot as they are).
  @inline(__always)
  func insert(_ hash: UInt64) {
    if hash == 0 {
      if !hasZero {
        hasZero = true
        count += 1
      }
      return
    }
    var i = Int(truncatingIfNeeded: hash) & mask
    while true {
      let x = slots[i]
      if x == hash { return }
      if x == 0 { break }
      i = (i + 1) & mask
    }
    slots[i] = hash
    count += 1
    if count * 2 > mask + 1 { grow() }
  }

  private func grow() {
    let oldSlots = slots
    let oldCapacity = mask + 1
    let capacity = oldCapacity * 2
    slots = .allocate(capacity: capacity)
    slots.initialize(repeating: 0, count: capacity)
    mask = capacity - 1
    for k in 0..<oldCapacity {
      let v = oldSlots[k]
      if v == 0 { continue }
      var i = Int(truncatingIfNeeded: v) & mask
      while slots[i] != 0 { i = (i + 1) & mask }
      slots[i] = v
    }
    oldSlots.deallocate()
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
  private var stored: Int32 = 0
  private var rest: [Symbol] = []
  /// Number of symbols (at most a few dozen: lists are cut at ``SessionState/listLimit``).
  var count: Int { Int(stored) }

  func contains(_ s: Symbol) -> Bool { stored > 0 && (head == s || rest.contains(s)) }

  mutating func append(_ s: Symbol) {
    if stored == 0 { head = s } else { rest.append(s) }
    stored.bump()
  }

  /// The symbols, first seen first.
  var all: [Symbol] { stored == 0 ? [] : [head] + rest }

  func map<T>(_ body: (Symbol) -> T) -> [T] { all.map(body) }
}
