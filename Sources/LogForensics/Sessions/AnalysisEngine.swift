// Sessions/AnalysisEngine.swift - the streaming analysis core: templates, sessions, detection.

/// Consumes time-ordered events and produces findings, sessions, exposure and a timeline.
///
/// ```swift
/// let engine = AnalysisEngine(options: AnalysisOptions(), symbols: symbols, inputPaths: paths)
/// for event in mergedEvents { engine.consume(event) }
/// let outcome = engine.finish()
/// ```
///
/// - Complexity: O(1) amortised per event plus the templating of its path. Memory grows
///   with the number of actors, templates and distinct record ids (compressed), not with
///   events: sessions idle for longer than the session gap are closed and summarised.
public final class AnalysisEngine {
  let options: AnalysisOptions
  let symbols: SymbolTable
  let inputPaths: [String]
  /// Templates requests: on the parsing thread during a threaded pipeline run, so the
  /// engine reads only what each event's ``Templated`` carries until the run is over.
  let templating: RequestTemplating
  var templater: EndpointTemplater { templating.templater }
  var templates: TemplateTable { templating.templates }
  var actors: [ActorState] = []
  private var actorIndex = ActorIndex()

  /// Asks the CPU for the index slot of `e`'s actor (for ``prefetchAhead(_:at:)``).
  @inline(__always)
  func prefetchActorSlot(_ e: RequestFacts) { actorIndex.prefetchSlot(ActorKey(e)) }

  /// The address of the object of `e`'s actor, if it has one yet (read from the actor list
  /// without a retain; for ``prefetchAhead(_:at:)``).
  @inline(__always)
  func actorAddress(_ e: RequestFacts) -> UnsafeRawPointer? {
    guard let i = actorIndex[ActorKey(e)] else { return nil }
    return actors.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress.unsafelyUnwrapped + i).load(as: UnsafeRawPointer.self) }
  }
  private var liveActors = PositionSet()
  private var lastSweep: Int64 = Int64.min
  /// Where each closed session kept for reporting is, in closing order: every session with
  /// ``AnalysisOptions/allSessions``, otherwise only those of actors that could be flagged
  /// (patient activity or a shared identity). Set by ``finish()``; the sessions stay in their
  /// actor's ``ActorState/keptSessions`` (or, for actors dropped by a sweep, in
  /// `retiredSessions`), so collecting them copies none. Figures and symbols only: see
  /// ``sessionReport(_:)``.
  private var sessionSlots: [SessionSlot] = []
  /// Sessions closed so far (kept or not); ids are `S` + the closing sequence number.
  private(set) var sessionCount = 0

  /// Number of closed sessions kept for reporting (after ``finish()``).
  var closedSessionCount: Int { sessionSlots.count }

  /// Kept session `i`, in closing order.
  func closedSession(_ i: Int) -> ClosedSession {
    let s = sessionSlots[i]
    return s.actor < 0 ? retiredSessions[Int(s.slot)] : actors[Int(s.actor)].keptSessions[Int(s.slot)]
  }

  /// The id of kept session `i`: `S` + its closing number, padded to the width of the count.
  func sessionID(_ i: Int) -> String { ClosedSession.id(number: closedSession(i).number, width: sessionIDWidth) }

  /// Digits of session ids: the width of the number of sessions, at least 4.
  var sessionIDWidth: Int { max(4, String(sessionCount).count) }

  /// Kept session `i` as reported.
  func sessionReport(_ i: Int) -> SessionReport { closedSession(i).report(id: sessionID(i), symbols: symbols) }

  /// Every kept session as reported (built on each call).
  var sessions: [SessionReport] { (0..<closedSessionCount).map(sessionReport) }
  /// Client actors without patient activity are dropped when their session closes in a sweep.
  private let retired = ActorState(key: .client(ip: .none, userAgent: .none), index: -1, time: Timestamp(microseconds: 0))
  // Per template.
  var templateRequests: [Int] = []
  /// The response-size model of a patient template, if it saw a success with a size
  /// (counted where events are templated: ``RequestTemplating/prepared(_:)``).
  func sizeModel(_ t: TemplateID) -> ResponseSizeModel? { templating.sizeModel(t) }
  var logins = LoginTracker()
  private var gapMicros: Int64
  /// New (IP, user agent) actors created per client IP, to spot user-agent rotation.
  private var agentsPerIP: [Symbol: Int32] = [:]
  /// The user agent of an IP's rotating-agent actor. Interned when the engine is made, before
  /// any event: during a threaded run the parsing thread is the symbol table's only writer,
  /// and interning it on the analysis thread (as a lazy property did, at the first IP past
  /// ``maximumAgentsPerIP``) raced with it: the two could take the same symbol number, so
  /// that the rotating actor was reported under a client address, or an address split in two.
  private let rotatingAgent: Symbol
  /// An anonymous client IP seen with more user agents than this is one actor from then on:
  /// a scraper that changes its user agent on every request would otherwise be split into
  /// one actor per request (each too small to flag) and cost one actor state per request.
  static let maximumAgentsPerIP: Int32 = 64

  /// - Parameters:
  ///   - options: session gap, forced patient endpoints, session reporting.
  ///   - symbols: the table the events' symbols were interned in.
  ///   - inputPaths: `inputPaths[event.inputIndex]` names the file of an event (evidence).
  public init(options: AnalysisOptions, symbols: SymbolTable, inputPaths: [String]) {
    self.options = options
    self.symbols = symbols
    self.inputPaths = inputPaths
    templating = RequestTemplating(templater: EndpointTemplater(patientEndpoints: options.patientEndpoints))
    gapMicros = max(1, options.sessionGap) * 1_000_000
    rotatingAgent = symbols.intern("(rotating: more than \(AnalysisEngine.maximumAgentsPerIP) user agents from this IP)")
  }

  /// The evidence of the request at `r` (the input's path and the line).
  func evidence(_ r: EvidenceRef) -> Evidence {
    let i = Int(r.input)
    let file = i >= 0 && i < inputPaths.count ? inputPaths[i] : "input#\(i)"
    return Evidence(file: file, line: r.line)
  }

  /// Adds one event. Events must come in non-decreasing time order (a few seconds of
  /// disorder are tolerated: they only shorten a gap).
  public func consume(_ e: LogEvent) {
    var event = e
    consume(RequestFacts(e), templating.prepared(&event))
  }

  /// Adds one event prepared by ``templating`` (``RequestTemplating/prepared(_:)``, in the
  /// order of events).
  func consume(_ e: RequestFacts, _ r: Templated) {
    let now = e.timestamp.microseconds
    if lastSweep == Int64.min { lastSweep = now }
    if now - lastSweep > gapMicros {
      sweep(now: now)
      lastSweep = now
    }
    let tid = r.template
    if Int(tid) >= templateRequests.count {
      // Templates are numbered in order of first sight, so a new one is the next number.
      templateRequests.append(contentsOf: repeatElement(0, count: Int(tid) + 1 - templateRequests.count))
    }
    templateRequests[Int(tid)] += 1
    var key = ActorKey(e)
    // The actor, its live session, its identity state and its tracks are reached without
    // retaining them (``Unmanaged``): each is held by the engine for the whole call, and a
    // retain is an atomic write to an object that is often not in the cache yet (about a
    // fifth of this thread's time went to retains and releases).
    let actorRef: Unmanaged<ActorState>
    if let i = actorIndex[key] {
      actorRef = Unmanaged.passUnretained(actors[i])
    } else {
      key = rotationKey(key)
      if let i = actorIndex[key] {
        actorRef = Unmanaged.passUnretained(actors[i])
      } else {
        let actor = ActorState(key: key, index: actors.count, time: e.timestamp)
        actorIndex.set(key, actors.count)
        actors.append(actor)
        actorRef = Unmanaged.passUnretained(actor)
      }
    }
    actorRef._withUnsafeGuaranteedRef { actor in
      // The live session is closed and replaced here only: it stays held by the actor below.
      let idle = actor.liveUnretained.map { now - $0._withUnsafeGuaranteedRef { $0.end.microseconds } > gapMicros } ?? true
      if idle {
        if actor.live != nil { close(actor) }  // idle past the gap: no copy of the session
        actor.live = SessionState(start: e.timestamp)
        liveActors.insert(actor.index)
      }
      actor.liveUnretained.unsafelyUnwrapped._withUnsafeGuaranteedRef { live in
        consume(e, r, actor: actor, live: live, identity: actor.key.isIdentity ? actor.identityUnretained() : nil)
      }
    }
  }

  /// The rest of ``consume(_:_:)-(RequestFacts,Templated)`` once the actor, its live session
  /// and its identity state (identities only) are known; all three are borrowed (+0), the
  /// identity state through `_withUnsafeGuaranteedRef` at each use (an optional reference
  /// bound with `if let` is retained).
  @inline(__always)
  private func consume(
    _ e: RequestFacts, _ r: Templated, actor: ActorState, live: SessionState, identity: Unmanaged<IdentityState>?
  ) {
    let now = e.timestamp.microseconds
    let tid = r.template
    let kind = r.kind
    let ev = EvidenceRef(e)
    // Identity and token reuse.
    actor.requestCount.bump()
    actor.last = max(actor.last, e.timestamp)
    actor.noteClient(ip: e.clientIP, userAgent: e.userAgent)
    identity?._withUnsafeGuaranteedRef { id in
      if !id.lastIP.isNone && id.lastIP != e.clientIP && now - id.lastIPTime.microseconds <= 60_000_000 {
        id.ipSwitches += 1
        if id.firstSwitch == nil { id.firstSwitch = (e.timestamp, ev, id.lastIP, e.clientIP) }
      }
      id.lastIP = e.clientIP
      id.lastIPTime = e.timestamp
    }
    let hour = e.timestamp.seconds / 3600
    actor.hourCounts.add(hour)
    let isAsset = r.isAsset
    if isAsset { actor.assetsCount.bump() }
    if !e.referer.isNone { actor.withRefererCount.bump() }
    // Identities: the IP + user agent context of the request.
    let context: Int32 =
      identity?._withUnsafeGuaranteedRef { id in
        let c = actor.context(ip: e.clientIP, userAgent: e.userAgent, time: e.timestamp, identity: id)
        if c >= 0 {
          let countHour = id.contexts.count > 1
          id.contexts[Int(c)].noteRequest(
            userAgent: e.userAgent, time: e.timestamp, hour: hour, isAsset: isAsset, hasReferer: !e.referer.isNone,
            countHour: countHour)
        }
        return c
      } ?? -1
    // Patient endpoints.
    var recordValue: Int64?
    switch kind {
    case .record:
      if let rk = r.key {
        recordValue = r.value
        let invalidNIR = r.nirKeyValid.map { !$0 }
        actor.trackUnretained(tid)._withUnsafeGuaranteedRef { track in
          let trackIsNew = track.requests == 0
          track.noteRecordRequest(
            value: r.value, key: rk, ip: e.clientIP, status: e.status, bytes: e.responseBytes, time: e.timestamp, evidence: ev,
            invalidNIR: invalidNIR)
          if context >= 0, let slice = identity?._withUnsafeGuaranteedRef({ actor.sliceUnretained(tid, context: context, identity: $0) }) {
            slice._withUnsafeGuaranteedRef {
              $0.noteRecordRequest(
                value: r.value, key: rk, ip: e.clientIP, status: e.status, bytes: e.responseBytes, time: e.timestamp,
                evidence: ev, invalidNIR: invalidNIR)
            }
          }
          live.noteRecord(rk, track: track, trackIsNew: trackIsNew, namespace: r.namespaceHash)
        }
      }
      notePatient(actor, e, context: context, identity: identity)
    case .list:
      actor.trackUnretained(tid)._withUnsafeGuaranteedRef { track in
        track.note(time: e.timestamp, evidence: ev)
        if let p = r.page { track.addPage(p, status: e.status, bytes: e.responseBytes) } else {
          track.addPage(PageRequest(pageSize: nil, offset: 0), status: e.status, bytes: e.responseBytes)
        }
      }
      notePatient(actor, e, context: context, identity: identity)
    case .auth:
      actor.otherRequestCount.bump()
      logins.add(e, template: tid, evidence: ev)
    case .other:
      actor.otherRequestCount.bump()
    }
    live.add(e, kind: kind, recordValue: recordValue, isAsset: isAsset)
  }

  private func notePatient(_ actor: ActorState, _ e: RequestFacts, context: Int32, identity: Unmanaged<IdentityState>?) {
    actor.patientRequestCount.bump()
    if let p = actor.lastPatient {
      let gap = max(0, e.timestamp.microseconds - p.microseconds)  // slightly late events count as 0
      if gap <= gapMicros { actor.patientGaps.add(Double(gap) / 1_000_000) }
    }
    actor.lastPatient = max(actor.lastPatient ?? e.timestamp, e.timestamp)
    let hour = (e.timestamp.seconds % 86_400 + 86_400) % 86_400 / 3600
    let night = hour >= 22 || hour < 6
    if night { actor.nightPatientCount.bump() }
    guard context >= 0 else { return }
    identity?._withUnsafeGuaranteedRef {  // borrowed: no retain for the access
      $0.contexts[Int(context)].notePatient(time: e.timestamp, night: night, gapMicros: gapMicros)
    }
  }

  /// Script-agent verdict per user-agent symbol id (0 unknown, 1 no, 2 yes).
  private var scriptAgents: [UInt8] = []

  /// `true` when the user agent names an HTTP library or tool (classified once per symbol).
  func isScriptAgent(_ ua: Symbol) -> Bool {
    let i = Int(ua.rawValue)
    if i < scriptAgents.count, scriptAgents[i] != 0 { return scriptAgents[i] == 2 }
    if i >= scriptAgents.count { scriptAgents.append(contentsOf: repeatElement(0, count: i + 1 - scriptAgents.count)) }
    let v = ua.isNone || ClientClassifier.isScript(symbols.string(ua))
    scriptAgents[i] = v ? 2 : 1
    return v
  }

  /// `true` for static assets (`.js`, `.css`, images, fonts), judged by the extension.
  static func isAsset(_ path: String) -> Bool {
    var p = path
    return p.withUTF8 { isAsset(UnsafeRawBufferPointer($0)) }
  }

  /// ``isAsset(_:)-(String)`` on the path's bytes.
  static func isAsset(_ u: UnsafeRawBufferPointer) -> Bool {
    var dot = u.count - 1
    while dot >= 0 && u[dot] != .dot {
      if u[dot] == .slash || u.count - dot > 6 { return false }
      dot -= 1
    }
    guard dot >= 0 else { return false }
    var ext: UInt64 = 0  // up to 5 lower-cased letters packed
    for i in (dot + 1)..<u.count { ext = ext << 8 | UInt64(u[i] | 0x20) }
    switch ext {
    case 0x6a73, 0x637373, 0x706e67, 0x6a7067, 0x6a706567, 0x676966, 0x737667, 0x69636f, 0x776f6666, 0x776f666632, 0x6d6170:
      return true  // js css png jpg jpeg gif svg ico woff woff2 map
    default:
      return false
    }
  }

  /// Templates `e` (see ``RequestTemplating/templated(_:)``).
  func templateOf(_ e: LogEvent) -> Templated { templating.templated(e) }

  /// The record key and value of the all-digit path segment number `index`.
  static func decimalKey(segment index: Int, of p: UnsafeRawBufferPointer) -> (RecordKey?, Int64?) {
    var seg = 0
    var start = 0
    while start <= p.count {
      var end = start
      while end < p.count && p[end] != .slash { end += 1 }
      if seg == index { return decimalKey(digits: UnsafeRawBufferPointer(rebasing: p[start..<end])) }
      seg += 1
      start = end + 1
    }
    return (nil, nil)
  }

  /// The record key and value of an all-digit id.
  @inline(__always)
  static func decimalKey(digits bytes: UnsafeRawBufferPointer) -> (RecordKey?, Int64?) {
    var v: UInt64 = 0
    var overflow = false
    for b in bytes {
      let (m, o1) = v.multipliedReportingOverflow(by: 10)
      let (a, o2) = m.addingReportingOverflow(UInt64(b &- 0x30))
      v = a
      overflow = overflow || o1 || o2
    }
    let value: Int64? = !overflow && v <= UInt64(Int64.max) ? Int64(v) : nil
    if let x = value, x <= Int64(UInt32.max) { return (.numeric(UInt32(x)), x) }
    return (.hashed(SymbolTable.hash(bytes)), value)
  }

  @inline(__always)
  static func mix(_ x: UInt64) -> UInt64 {
    var h = x
    h ^= h >> 33
    h = h &* 0xff51_afd7_ed55_8ccd
    h ^= h >> 33
    return h
  }

  /// The key of a new anonymous actor, or the IP's rotating-agent actor once the IP has had
  /// more than ``maximumAgentsPerIP`` user agents. Runs only when an actor is created.
  private func rotationKey(_ key: ActorKey) -> ActorKey {
    guard case .client(let ip, _) = key, !ip.isNone else { return key }
    let n = agentsPerIP[ip, default: 0] + 1
    agentsPerIP[ip] = n
    return n > AnalysisEngine.maximumAgentsPerIP ? .client(ip: ip, userAgent: rotatingAgent) : key
  }

  private func sweep(now: Int64) {
    for i in liveActors.sorted() {
      let a = actors[i]
      if let end = a.live?.end.microseconds, now - end > gapMicros {
        close(a)
        // Nothing of a client actor without patient requests is needed any more: free it.
        if !a.key.isIdentity && a.tracks.isEmpty {
          retiredSessions.append(contentsOf: a.keptSessions)
          actorIndex.remove(a.key)
          actors[i] = retired
          retiredPlaces += 1
        }
      }
    }
    if retiredPlaces >= compactionMinimum && retiredPlaces * 2 > actors.count { compactActors() }
    logins.expire(now: now)
  }

  /// Places of ``actors`` holding `retired`.
  private var retiredPlaces = 0
  /// Fewest retired places worth a compaction (lowered by tests).
  var compactionMinimum = 4_096
  /// Compactions so far (for tests and sizing).
  private(set) var compactions = 0

  /// Drops the retired places from ``actors``: the others move down in the same order (each
  /// keeps its rank, so every order by index, and so the report, is unchanged), with their
  /// index, their entry in the index table and their bit in the live set renumbered. A sweep
  /// calls it once retired places are the majority: the array then grows with the actors
  /// still held, not with every client ever seen (500 000 visitors, crawlers and scanners in
  /// 50 M benign lines: 4 MiB of places, most of them retired).
  private func compactActors() {
    var live = PositionSet()
    var n = 0
    for i in actors.indices where actors[i] !== retired {
      let a = actors[i]
      if n != i {
        a.index = n
        actorIndex.set(a.key, n)
        actors[n] = a
      }
      if liveActors.contains(i) { live.insert(n) }
      n += 1
    }
    actors.removeLast(actors.count - n)
    if actors.capacity > 2 * n + 64 { actors = actors.withUnsafeBufferPointer { Array($0) } }  // not `Array(actors)`: it shares the storage
    liveActors = live
    retiredPlaces = 0
    compactions += 1
  }

  func close(_ actor: ActorState) {
    guard let live = actor.live else { return }
    actor.live = nil
    liveActors.remove(actor.index)
    sessionCount += 1
    // Idle until its next session: the day's ids of its tracks wait in 4 bytes each.
    for (_, track) in actor.tracks { track.settleDay() }
    for track in actor.slices.values { track.settleDay() }
    guard options.allSessions || !actor.tracks.isEmpty || actor.key.isIdentity else { return }
    let keep = max(1, options.sessionsKeptPerActor)
    let closed = live.closed(actor: actor.key, scriptClient: actor.looksScripted(isScriptAgent), number: sessionCount)
    let n = actor.keptSessions.count
    if options.allSessions || n < keep {
      // Storage doubles up to `keep` sessions, not past it (32 by default).
      if !options.allSessions && n > 0 && n == actor.keptSessions.capacity { actor.keptSessions.reserveCapacity(min(keep, 2 * n)) }
      actor.keptSessions.append(closed)
      return
    }
    // Full: the new session takes the place of the lightest when it is heavier, so the list
    // always holds the `keep` heaviest sessions so far (``ClosedSession/heavier`` is a total
    // order) in `keep` places: an account active for months keeps 32 sessions, where cutting
    // back from 49 to 32 held up to 49 (2 KB more each; 7.8 MiB of kept sessions on 50 M
    // benign lines). Where they sit in the list does not matter: sessions are listed by number.
    actor.sessionsOmitted += 1
    var lightest = 0
    for i in 1..<n where ClosedSession.heavier(actor.keptSessions[lightest], actor.keptSessions[i]) { lightest = i }
    if ClosedSession.heavier(closed, actor.keptSessions[lightest]) { actor.keptSessions[lightest] = closed }
  }

  /// Sessions of actors dropped by a sweep (only with ``AnalysisOptions/allSessions``).
  private var retiredSessions: [ClosedSession] = []

  /// Kept sessions `indices` (in that order) as reports built when read: the source shares
  /// the actors' lists of kept sessions (no session is copied), so the engine itself can be
  /// freed while the reports are written.
  func deferredSessionReports(_ indices: [Int]) -> DeferredSessionReports {
    var lists: [[ClosedSession]] = [retiredSessions]
    var listOfActor = [Int32](repeating: -1, count: actors.count)
    var places: [DeferredSessionReports.Place] = []
    places.reserveCapacity(indices.count)
    for i in indices {
      let s = sessionSlots[i]
      var list: Int32 = 0
      if s.actor >= 0 {
        let a = Int(s.actor)
        if listOfActor[a] < 0 {
          listOfActor[a] = Int32(lists.count)
          lists.append(actors[a].keptSessions)
        }
        list = listOfActor[a]
      }
      places.append(DeferredSessionReports.Place(list: list, index: s.slot))
    }
    return DeferredSessionReports(lists: lists, places: places, symbols: symbols, idWidth: sessionIDWidth)
  }

  /// A kept session's place: slot `slot` of actor `actor`'s kept sessions, or of
  /// `retiredSessions` when `actor` is -1.
  struct SessionSlot {
    var actor: Int32
    var slot: Int32
  }

  /// Puts every kept session in closing order (``sessionSlots``) and points each actor at its
  /// own, trimming actors over ``AnalysisOptions/sessionsKeptPerActor``. No session is copied.
  private func collectSessions() {
    // Idempotent: a second `finish()` lists the same sessions again.
    sessionSlots = []
    var order: [(number: Int, slot: SessionSlot)] = []
    for (k, r) in retiredSessions.enumerated() { order.append((r.number, SessionSlot(actor: -1, slot: Int32(k)))) }
    for (i, a) in actors.enumerated() where a !== retired {
      if !options.allSessions && a.keptSessions.count > options.sessionsKeptPerActor {
        a.keptSessions.sort(by: ClosedSession.heavier)
        a.sessionsOmitted += a.keptSessions.count - options.sessionsKeptPerActor
        a.keptSessions.removeLast(a.keptSessions.count - options.sessionsKeptPerActor)
      }
      for (k, r) in a.keptSessions.enumerated() { order.append((r.number, SessionSlot(actor: Int32(i), slot: Int32(k)))) }
    }
    order.sort { $0.number < $1.number }
    sessionSlots.reserveCapacity(order.count)
    // Each actor's indices, in closing order, as one list: actor `a`'s are
    // `actorSessions[actorSessionStart[a] ..< actorSessionStart[a + 1]]` (two arrays for all
    // actors, not one array per actor).
    var perActor = [Int32](repeating: 0, count: actors.count + 1)
    for (_, slot) in order where slot.actor >= 0 { perActor[Int(slot.actor) + 1] += 1 }
    for a in 0..<actors.count { perActor[a + 1] += perActor[a] }
    actorSessionStart = perActor
    actorSessions = [Int32](repeating: 0, count: Int(perActor[actors.count]))
    var next = perActor
    for (_, slot) in order {
      if slot.actor >= 0 {
        let a = Int(slot.actor)
        actorSessions[Int(next[a])] = Int32(sessionSlots.count)
        next[a] += 1
      }
      sessionSlots.append(slot)
    }
  }

  /// Where each actor's kept sessions start in ``actorSessions`` (one more entry than actors).
  private var actorSessionStart: [Int32] = []
  /// Every actor's kept sessions (indices into ``sessionSlots``), actor after actor.
  private var actorSessions: [Int32] = []

  /// Indices (as for ``closedSession(_:)``) of actor `a`'s kept sessions, in closing order
  /// (after ``finish()``; none before).
  func sessionIndices(ofActor a: Int) -> [Int] {
    guard a + 1 < actorSessionStart.count else { return [] }
    return actorSessions[Int(actorSessionStart[a])..<Int(actorSessionStart[a + 1])].map { Int($0) }
  }

  /// Sessions dropped to bound memory (the lightest of actors with many sessions).
  var sessionsOmitted: Int { actors.reduce(0) { $0 + ($1 === retired ? 0 : $1.sessionsOmitted) } }

  /// Distinct ids requested on each template, by every actor: the union of the actors'
  /// record tracks (every record request goes to its actor's track, and tracks are never
  /// dropped), built once at the end instead of one more set insert per event.
  func templateDistinctIds() -> [Int] { templateUnions().distinctIds }

  /// The per-template unions of the record tracks (``TemplateUnions``): awaited from the
  /// other core when it builds them, else built here on first use.
  func templateUnions() -> TemplateUnions {
    if let u = unions { return u }
    let u = unionsJob?.result() ?? TemplateUnions.build(actors: actors, templates: templateRequests.count, keepNumeric: recordTemplates())
    unions = u
    unionsJob = nil
    return u
  }

  /// Fewest actors for which a second thread joins the union of the tracks once they are
  /// settled (below, one thread is quicker than starting another).
  static let unionHelperFrom = 128

  /// ``templateUnions()`` being computed on another core while detection runs.
  private var unionsJob: BackgroundJob<TemplateUnions>?
  private var unions: TemplateUnions?

  /// For each template, `true` when it is a record template (the campaign rule's).
  private func recordTemplates() -> [Bool] {
    (0..<templateRequests.count).map { $0 < templates.count && templates[TemplateID($0)].kind == .record }
  }

  /// Closes every session, runs detection and exposure estimation, and returns the outcome.
  public func finish() -> AnalysisOutcome {
    if templateRequests.count < templates.count {  // templates interned for events never consumed
      templateRequests.append(contentsOf: repeatElement(0, count: templates.count - templateRequests.count))
    }
    for i in liveActors.sorted() { close(actors[i]) }
    collectSessions()
    // Tracks are complete: their waiting success ids are merged once, so that detection's many
    // reads decode settled ids only. Record tracks are only read from then on: their union
    // per template is built on the other core (idle now that parsing is over), actor by
    // actor as soon as this thread has settled it, and further while detection runs. Both
    // passes cost about the same (130–175 ms each at the end of the 1 GB benchmark stream),
    // so the union keeps pace with the settling and detection no longer waits for it.
    //
    // The settling stays on this thread: it replaces every track's encoding, and encodings
    // made on another thread would live in that thread's malloc arena while the old ones left
    // holes in this one (settled on two threads, the 50 M benign lines peaked at 108 MiB
    // instead of 93).
    //
    // Once the settling is done, a second thread helps with what is left of the union (from
    // ``unionHelperFrom`` actors): on the mass dump the union had only begun, and detection
    // had waited for it with one core idle.
    let ready = options.threads > 1 ? IndexCursor(end: actors.count, step: 16, available: 0) : nil
    let helper = UnionHelper()
    let snapshot = actors
    let templateCount = templateRequests.count
    if let ready {
      let keepNumeric = recordTemplates()
      unionsJob = BackgroundJob {
        TemplateUnions.build(actors: snapshot, templates: templateCount, keepNumeric: keepNumeric, ready: ready, helper: helper)
      }
    }
    for (i, actor) in actors.enumerated() {
      if actor !== retired {
        for (_, track) in actor.tracks { track.settle() }
        for track in actor.slices.values { track.settle() }
      }
      if i & 15 == 15 { ready?.makeAvailable(upTo: i + 1) }
    }
    if let ready {
      if actors.count >= AnalysisEngine.unionHelperFrom { helper.start(actors: snapshot, templates: templateCount, cursor: ready) }
      ready.makeAvailable(upTo: actors.count)
    }
    var detector = Detector(engine: self)
    return detector.run()
  }
}
