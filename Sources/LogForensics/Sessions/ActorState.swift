// Sessions/ActorState.swift - everything kept about one actor across its sessions.

/// Per-actor aggregates: identities seen, live session, per-template tracks, pace.
final class ActorState {
  /// The object's size in bytes: what the lookahead asks for (``AnalysisEngine/prefetchAhead(_:at:)``;
  /// `StateLookaheadTests` checks it against the object's heap block).
  static let lookaheadBytes = 200
  // Stored properties are declared in the order each request reads them: the fields every
  // request touches come first, so they share one or two cache lines (an actor is touched
  // once every few hundred requests, so each line it spans is a cache miss).
  let key: ActorKey
  /// `true` once a patient request was seen (``lastPatient`` is set); in the key's padding.
  private var hasLastPatient = false
  // 32-bit request counters (saturating, ``Int32/bump()``), read as `Int`: they fill the
  // padding after the key and pack in pairs.
  var requestCount: Int32 = 0
  var live: SessionState?
  var last: Timestamp
  /// The track last returned by ``track(_:)`` (most requests repeat the actor's template).
  /// Not retained: ``tracks`` keeps every track for good, and a store here writes no
  /// reference count (an actor alternates between a patient's sub-resources).
  private var lastTrack: Unmanaged<RecordTrack>?
  private var lastTrackTemplate: TemplateID = -1
  var assetsCount: Int32 = 0
  /// What only an identity (user or credential) keeps: token-reuse state and its IP +
  /// user agent contexts (`nil` for a client actor, which saves their hundred-odd bytes on
  /// each of the hundreds of thousands of anonymous actors of a distributed campaign).
  private(set) var identity: IdentityState?
  /// Requests per client IP and per user agent, from the first request that did not come
  /// with the key's IP and user agent (any request of an identity; the rotating-agent client
  /// of an IP). `nil` while every request matched the key, as for every plain client actor:
  /// 48 bytes less on each of the hundreds of thousands of members of a swarm.
  private var mix: RequestMix?
  /// Requests per hour since the epoch.
  var hourCounts = HourlyCounts()
  var withRefererCount: Int32 = 0
  var patientRequestCount: Int32 = 0
  var nightPatientCount: Int32 = 0
  var otherRequestCount: Int32 = 0
  /// Time of the latest patient request (`nil` before the first).
  var lastPatient: Timestamp? {
    get { hasLastPatient ? storedLastPatient : nil }
    set {
      hasLastPatient = newValue != nil
      storedLastPatient = newValue ?? Timestamp(microseconds: 0)
    }
  }
  private var storedLastPatient = Timestamp(microseconds: 0)
  // Two 32-bit fields in the 8 bytes an `Int` took: the actor's object is 200 bytes (a
  // 208-byte heap block, where 216 took 224).
  private var storedSessionsOmitted: Int32 = 0
  private var storedIndex: Int32
  var patientGaps = RunningStats()
  var requests: Int { Int(requestCount) }
  var assets: Int { Int(assetsCount) }
  var withReferer: Int { Int(withRefererCount) }
  var patientRequests: Int { Int(patientRequestCount) }
  var nightPatient: Int { Int(nightPatientCount) }
  var otherRequests: Int { Int(otherRequestCount) }
  /// Record tracks by template (see ``TrackMap``).
  var tracks = TrackMap()
  /// Position in ``AnalysisEngine/actors`` (renumbered when the engine drops retired places,
  /// in the same order).
  var index: Int {
    get { Int(storedIndex) }
    set { storedIndex = Int32(clamping: newValue) }
  }
  var first: Timestamp
  /// Closed sessions kept for reporting while events are consumed (bounded, see
  /// ``AnalysisOptions/sessionsKeptPerActor``).
  var keptSessions: [ClosedSession] = []
  /// Closed sessions of this actor dropped from ``keptSessions`` (the lightest ones).
  var sessionsOmitted: Int {
    get { Int(storedSessionsOmitted) }
    set { storedSessionsOmitted = Int32(clamping: newValue) }
  }
  /// Requests per IP (builds a dictionary: for reports).
  var ips: [Symbol: Int] {
    if let m = mix { return m.ips.counts }
    return requestCount == 0 ? [:] : [key.clientIP: requests]
  }
  /// Calls `body` with each IP the actor used, in no particular order (builds nothing).
  func forEachIP(_ body: (Symbol) -> Void) {
    if let m = mix {
      m.ips.forEach { ip, _ in body(ip) }
    } else if requestCount > 0 {
      body(key.clientIP)
    }
  }

  /// Calls `body` with each user agent the actor used, in no particular order (builds
  /// nothing).
  func forEachUserAgent(_ body: (Symbol) -> Void) {
    if let m = mix {
      m.userAgents.forEach { ua, _ in body(ua) }
    } else if requestCount > 0 {
      body(key.clientUserAgent)
    }
  }

  /// Requests per user agent (builds a dictionary: for reports).
  var userAgents: [Symbol: Int] {
    if let m = mix { return m.userAgents.counts }
    return requestCount == 0 ? [:] : [key.clientUserAgent: requests]
  }
  /// `true` when some request of the actor came from `ip`.
  func usedIP(_ ip: Symbol) -> Bool {
    if let m = mix { return m.ips.contains(ip) }
    return requestCount > 0 && key.clientIP == ip
  }
  /// Notes the client IP and user agent of a request (after ``requestCount`` counted it).
  @inline(__always)
  func noteClient(ip: Symbol, userAgent: Symbol) {
    if let m = mix.map(Unmanaged.passUnretained) {
      // Borrowed, not retained: the actor keeps its mix for good.
      m._withUnsafeGuaranteedRef {
        $0.ips.add(ip)
        $0.userAgents.add(userAgent)
      }
    } else if case .client(let keyIP, let keyAgent) = key, ip == keyIP, userAgent == keyAgent {
      // Implied by the key and the request count.
    } else {
      let m = RequestMix()
      let earlier = requests - 1  // all with the key's IP and user agent
      if earlier > 0 {
        m.ips.add(key.clientIP, count: earlier)
        m.userAgents.add(key.clientUserAgent, count: earlier)
      }
      m.ips.add(ip)
      m.userAgents.add(userAgent)
      mix = m
    }
  }
  /// Requests per hour since the epoch.
  var hourly: [Int64: Int] { hourCounts.dictionary }

  /// The identity state, created on first use.
  func identityState() -> IdentityState {
    if let x = identity { return x }
    let x = IdentityState()
    identity = x
    return x
  }

  /// Requests that came less than 60 s after a request of the same identity from another IP.
  var ipSwitches: Int { identity?.ipSwitches ?? 0 }
  /// The first such request: time, place, the previous IP and the new one.
  var firstSwitch: (Timestamp, EvidenceRef, Symbol, Symbol)? { identity?.firstSwitch }
  /// An identity's IP + user agent contexts (empty for a client actor).
  var contexts: [ActorContext] { identity?.contexts ?? [] }
  /// An identity's per-context record tracks, once it has two contexts.
  var slices: [SliceKey: RecordTrack] { identity?.slices ?? [:] }
  /// An identity keeps its first this many IP + user agent pairs apart as contexts; later
  /// pairs go to an overflow context per user agent (an owner who appears after a swarm's
  /// first IPs stays apart from the swarm's other IPs), up to ``maximumOverflowContexts`` of
  /// them, then to one last overflow context for all other user agents (bounded memory: a key
  /// shared by a swarm of addresses, or a user behind rotating addresses, keeps at most
  /// 8 + 8 + 1 contexts).
  static let maximumContexts = 8
  /// Overflow contexts of one user agent each, at most.
  static let maximumOverflowContexts = 8

  init(key: ActorKey, index: Int, time: Timestamp) {
    self.key = key
    storedIndex = Int32(clamping: index)
    first = time
    last = time
  }

  /// `user:alice`, `ip:10.0.0.1 ua:curl/8.0`, terminal-safe (built when asked: an actor keeps
  /// no string of its own).
  func label(_ symbols: SymbolTable) -> String { TerminalSanitizer.clean(key.label(symbols)) }

  /// The track of template `t`, created on first use.
  func track(_ t: TemplateID) -> RecordTrack { trackUnretained(t).takeUnretainedValue() }

  // The `…Unretained` accessors below hand out objects this actor keeps for good (its
  // tracks, its identity state, its live session until the engine closes it) without a
  // retain: ``AnalysisEngine`` reads them for one event, borrowing each through
  // `Unmanaged._withUnsafeGuaranteedRef`, so no reference count is written per request.

  /// ``live`` without a retain.
  @inline(__always)
  var liveUnretained: Unmanaged<SessionState>? {
    if let s = live { return Unmanaged.passUnretained(s) }
    return nil
  }

  /// ``identityState()`` without a retain.
  @inline(__always)
  func identityUnretained() -> Unmanaged<IdentityState> {
    if let x = identity { return Unmanaged.passUnretained(x) }
    let x = IdentityState()
    identity = x
    return Unmanaged.passUnretained(x)
  }

  /// The track of `t` if the actor has one, without a retain; none is created (a lookahead
  /// hint reads it: ``AnalysisEngine/prefetchAhead(_:at:)``).
  @inline(__always)
  func existingTrackUnretained(_ t: TemplateID) -> Unmanaged<RecordTrack>? {
    if t == lastTrackTemplate, let x = lastTrack { return x }
    return tracks.unretained(t)
  }

  /// The identity state if the actor has one (none is created), without a retain.
  @inline(__always)
  var existingIdentityUnretained: Unmanaged<IdentityState>? { identity.map(Unmanaged.passUnretained) }

  /// ``track(_:)`` without a retain.
  @inline(__always)
  func trackUnretained(_ t: TemplateID) -> Unmanaged<RecordTrack> {
    if t == lastTrackTemplate, let x = lastTrack { return x }
    return newLastTrack(t)
  }

  private func newLastTrack(_ t: TemplateID) -> Unmanaged<RecordTrack> {
    let x: Unmanaged<RecordTrack>
    if let found = tracks.unretained(t) {
      x = found
    } else {
      let track = RecordTrack(template: t)
      tracks.insert(track, for: t)
      x = Unmanaged.passUnretained(track)
    }
    lastTrackTemplate = t
    lastTrack = x
    return x
  }

  /// The per-context track of template `t`, or `nil` while the identity has one context.
  func slice(_ t: TemplateID, context c: Int32) -> RecordTrack? {
    guard let id = identity else { return nil }
    return sliceUnretained(t, context: c, identity: id)?.takeUnretainedValue()
  }

  /// ``slice(_:context:)`` without a retain, for the actor's identity state `id`.
  @inline(__always)
  func sliceUnretained(_ t: TemplateID, context c: Int32, identity id: IdentityState) -> Unmanaged<RecordTrack>? {
    guard id.contexts.count > 1 else { return nil }
    // Most record requests repeat the identity's last template in its last context.
    let packed = UInt64(UInt32(bitPattern: t)) << 32 | UInt64(UInt32(bitPattern: c))
    if packed == id.lastSliceKey, let x = id.lastSlice { return x }
    return newLastSlice(t, context: c, packed: packed, identity: id)
  }

  private func newLastSlice(_ t: TemplateID, context c: Int32, packed: UInt64, identity id: IdentityState) -> Unmanaged<RecordTrack> {
    let k = SliceKey(template: t, context: c)
    let x: Unmanaged<RecordTrack>
    if let found = id.slices[k] {
      x = Unmanaged.passUnretained(found)
    } else {
      let track = RecordTrack(template: t)
      id.slices[k] = track
      x = Unmanaged.passUnretained(track)
    }
    id.lastSliceKey = packed
    id.lastSlice = x
    return x
  }

  /// The context index of (`ip`, `userAgent`), created on first sight; past
  /// ``maximumContexts`` pairs, the index of the user agent's overflow context. When the
  /// second context appears, context 0 takes a copy of everything recorded so far.
  func context(ip: Symbol, userAgent: Symbol, time: Timestamp) -> Int32 {
    identityUnretained()._withUnsafeGuaranteedRef { context(ip: ip, userAgent: userAgent, time: time, identity: $0) }
  }

  /// ``context(ip:userAgent:time:)`` for the actor's identity state `id`.
  @inline(__always)
  func context(ip: Symbol, userAgent: Symbol, time: Timestamp, identity id: IdentityState) -> Int32 {
    let k = UInt64(ip.rawValue) << 32 | UInt64(userAgent.rawValue)
    if k == id.lastContextKey { return id.lastContext }
    return newContext(k, ip: ip, userAgent: userAgent, time: time, identity: id)
  }

  /// The context of the pair packed as `k` when it is not the identity's last one.
  private func newContext(_ k: UInt64, ip: Symbol, userAgent: Symbol, time: Timestamp, identity id: IdentityState) -> Int32 {
    let c: Int32
    if let x = id.contextIndex[k] {
      c = x
    } else if id.contexts.count >= ActorState.maximumContexts {
      if let x = id.overflowIndex[userAgent] {
        c = x
      } else if id.overflowIndex.count < ActorState.maximumOverflowContexts {
        c = Int32(id.contexts.count)
        id.contexts.append(.overflow(time: time))
        id.overflowIndex[userAgent] = c
      } else {
        if id.lastOverflow < 0 {
          id.lastOverflow = Int32(id.contexts.count)
          id.contexts.append(.overflow(time: time))
        }
        c = id.lastOverflow
      }
      id.contexts[Int(c)].members?.ips.insert(ip)
    } else {
      c = Int32(id.contexts.count)
      id.contextIndex[k] = c
      id.contexts.append(ActorContext(ip: ip, userAgent: userAgent, time: time))
      if id.contexts.count == 2 {
        id.contexts[0].hourCounts = hourCounts
        for (t, tr) in tracks { id.slices[SliceKey(template: t, context: 0)] = tr.copy() }
      }
    }
    id.lastContextKey = k
    id.lastContext = c
    return c
  }

  var distinctIPCount: Int {
    if let m = mix { return m.ips.distinctCount }
    return requestCount == 0 ? 0 : 1
  }

  /// The user agent of most requests (the smallest symbol among equals).
  var dominantUserAgent: Symbol? {
    if let m = mix { return m.userAgents.dominant }
    return requestCount == 0 ? nil : key.clientUserAgent
  }

  /// The whole actor's behaviour aggregates.
  var features: ActivityFeatures {
    ActivityFeatures(
      isIdentity: key.isIdentity, requests: requests, patientRequests: patientRequests, nightPatient: nightPatient,
      assets: assets, withReferer: withReferer, patientGaps: patientGaps, dominantUserAgent: dominantUserAgent,
      distinctIPCount: distinctIPCount)
  }

  /// The behaviour aggregates of some of the actor's contexts taken together.
  func features(contexts cs: [Int]) -> ActivityFeatures {
    var f = ActivityFeatures(
      isIdentity: key.isIdentity, requests: 0, patientRequests: 0, nightPatient: 0, assets: 0, withReferer: 0,
      patientGaps: RunningStats(), dominantUserAgent: nil, distinctIPCount: 0)
    var byUA: [Symbol: Int] = [:]
    var ipSet = Set<Symbol>()
    for i in cs {
      let c = contexts[i]
      f.requests += c.requests
      f.patientRequests += c.patientRequests
      f.nightPatient += c.nightPatient
      f.assets += c.assets
      f.withReferer += c.withReferer
      f.patientGaps.merge(c.patientGaps)
      byUA.merge(c.requestsByUserAgent, uniquingKeysWith: +)
      ipSet.formUnion(c.ips)
    }
    f.dominantUserAgent = byUA.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key
    f.distinctIPCount = ipSet.count
    return f
  }

  /// `true` when the dominant user agent is a scripting library and the actor never loaded
  /// an asset nor sent a referer (the user agent alone is never enough).
  func looksScripted(_ isScriptAgent: (Symbol) -> Bool) -> Bool {
    features.looksScripted(isScriptAgent)
  }
}

/// Requests per client IP and per user agent (runs of the same value cost no hash lookup).
final class RequestMix {
  var ips = RunCounter<Symbol>()
  var userAgents = RunCounter<Symbol>()
}
