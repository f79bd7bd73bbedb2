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
  let templater: EndpointTemplater
  let templates = TemplateTable()
  var actors: [ActorState] = []
  private var actorIndex: [ActorKey: Int] = [:]
  private var liveActors: Set<Int> = []
  private var lastSweep: Int64 = Int64.min
  /// Closed sessions kept for reporting: every session with ``AnalysisOptions/allSessions``,
  /// otherwise only those of actors that could be flagged (patient activity or a shared identity).
  var sessions: [SessionReport] = []
  /// Sessions closed so far (kept or not); ids are `S` + the closing sequence number.
  private(set) var sessionCount = 0
  /// Closing sequence number of each kept session (ids are formatted once the width is known).
  var sessionNumbers: [Int] = []
  /// Client IPs of each kept session (up to 16), to tie sessions to a finding's contexts.
  var sessionIPs: [[Symbol]] = []
  /// Client actors without patient activity are dropped when their session closes in a sweep.
  private let retired = ActorState(key: .client(ip: .none, userAgent: .none), label: "", index: -1, time: Timestamp(microseconds: 0))
  // Per template.
  var templateRequests: [Int] = []
  var templateIds: [RecordSet] = []
  /// Response sizes of patient templates only (other templates never need them).
  var sizeModels: [TemplateID: ResponseSizeModel] = [:]
  var logins = LoginTracker()
  private var gapMicros: Int64

  /// - Parameters:
  ///   - options: session gap, forced patient endpoints, session reporting.
  ///   - symbols: the table the events' symbols were interned in.
  ///   - inputPaths: `inputPaths[event.inputIndex]` names the file of an event (evidence).
  public init(options: AnalysisOptions, symbols: SymbolTable, inputPaths: [String]) {
    self.options = options
    self.symbols = symbols
    self.inputPaths = inputPaths
    templater = EndpointTemplater(patientEndpoints: options.patientEndpoints)
    gapMicros = max(1, options.sessionGap) * 1_000_000
  }

  func evidence(_ e: LogEvent) -> Evidence {
    let i = Int(e.inputIndex)
    let file = i >= 0 && i < inputPaths.count ? inputPaths[i] : "input#\(i)"
    return Evidence(file: file, line: e.lineNumber)
  }

  /// Adds one event. Events must come in non-decreasing time order (a few seconds of
  /// disorder are tolerated: they only shorten a gap).
  public func consume(_ e: LogEvent) {
    let now = e.timestamp.microseconds
    if lastSweep == Int64.min { lastSweep = now }
    if now - lastSweep > gapMicros {
      sweep(now: now)
      lastSweep = now
    }
    let t = templater.template(path: e.path, query: e.query)
    let tid = templates.intern(t)
    let info = templates[tid]
    if Int(tid) == templateRequests.count {
      templateRequests.append(0)
      templateIds.append(RecordSet())
    }
    templateRequests[Int(tid)] += 1
    let ev = evidence(e)
    let key = ActorKey(e)
    let actor: ActorState
    if let i = actorIndex[key] {
      actor = actors[i]
    } else {
      actor = ActorState(key: key, label: TerminalSanitizer.clean(key.label(symbols)), index: actors.count, time: e.timestamp)
      actorIndex[key] = actors.count
      actors.append(actor)
    }
    if let live = actor.live, now - live.end.microseconds > gapMicros { close(actor) }
    if actor.live == nil {
      actor.live = SessionState(start: e.timestamp)
      liveActors.insert(actor.index)
    }
    // Identity and token reuse.
    actor.requests += 1
    actor.last = max(actor.last, e.timestamp)
    actor.ips[e.clientIP, default: 0] += 1
    actor.userAgents[e.userAgent, default: 0] += 1
    if actor.key.isIdentity {
      if !actor.lastIP.isNone && actor.lastIP != e.clientIP && now - actor.lastIPTime.microseconds <= 60_000_000 {
        actor.ipSwitches += 1
        if actor.firstSwitch == nil { actor.firstSwitch = (e.timestamp, ev, actor.lastIP, e.clientIP) }
      }
      actor.lastIP = e.clientIP
      actor.lastIPTime = e.timestamp
    }
    let hour = e.timestamp.seconds / 3600
    actor.hourly[hour, default: 0] += 1
    let isAsset = AnalysisEngine.isAsset(e.path)
    if isAsset { actor.assets += 1 }
    if !e.referer.isNone { actor.withReferer += 1 }
    // Identities: the IP + user agent context of the request.
    var context: Int32 = -1
    if actor.key.isIdentity {
      context = actor.context(ip: e.clientIP, userAgent: e.userAgent, time: e.timestamp)
      let c = Int(context)
      actor.contexts[c].requests += 1
      actor.contexts[c].last = max(actor.contexts[c].last, e.timestamp)
      if isAsset { actor.contexts[c].assets += 1 }
      if !e.referer.isNone { actor.contexts[c].withReferer += 1 }
      if actor.contexts.count > 1 { actor.contexts[c].hourly[hour, default: 0] += 1 }
    }
    // Patient endpoints.
    var recordHash: UInt64?
    var recordValue: Int64?
    switch info.kind {
    case .record:
      if let id = t.recordID {
        let rk = RecordKey(text: id)
        templateIds[Int(tid)].insert(rk)
        recordHash = HashedIdSet.hash(info.namespace + "\u{0}" + id)
        recordValue = Int64(id)
        let track = actor.track(tid)
        let slice = context >= 0 ? actor.slice(tid, context: context) : nil
        let invalidNIR = t.recordShape == .nir && id.utf8.count == 15 ? !IdentifierShapes.nirKeyIsValid(id) : nil
        func record(_ tr: RecordTrack) {
          tr.note(time: e.timestamp, evidence: ev)
          tr.addRecord(id: id, key: rk, status: e.status, bytes: e.responseBytes, time: e.timestamp, evidence: ev)
          if let invalid = invalidNIR {
            tr.nirChecked += 1
            if invalid { tr.nirInvalidKey += 1 }
          }
        }
        record(track)
        if let slice { record(slice) }
      }
      notePatient(actor, e, context: context)
    case .list:
      let track = actor.track(tid)
      track.note(time: e.timestamp, evidence: ev)
      if let p = t.page { track.addPage(p, status: e.status, bytes: e.responseBytes) } else {
        track.addPage(PageRequest(pageSize: nil, offset: 0), status: e.status, bytes: e.responseBytes)
      }
      notePatient(actor, e, context: context)
    case .auth:
      actor.otherRequests += 1
      logins.add(e, template: tid, evidence: ev)
    case .other:
      actor.otherRequests += 1
    }
    if (info.kind == .record || info.kind == .list) && e.status >= 200 && e.status < 300 && e.responseBytes >= 0 {
      sizeModels[tid, default: ResponseSizeModel()].add(size: e.responseBytes)
    }
    actor.live?.add(e, kind: info.kind, recordHash: recordHash, recordValue: recordValue, isAsset: isAsset)
  }

  private func notePatient(_ actor: ActorState, _ e: LogEvent, context: Int32) {
    actor.patientRequests += 1
    if let p = actor.lastPatient {
      let gap = max(0, e.timestamp.microseconds - p.microseconds)  // slightly late events count as 0
      if gap <= gapMicros { actor.patientGaps.add(Double(gap) / 1_000_000) }
    }
    actor.lastPatient = max(actor.lastPatient ?? e.timestamp, e.timestamp)
    let hour = (e.timestamp.seconds % 86_400 + 86_400) % 86_400 / 3600
    let night = hour >= 22 || hour < 6
    if night { actor.nightPatient += 1 }
    guard context >= 0 else { return }
    let c = Int(context)
    actor.contexts[c].patientRequests += 1
    if night { actor.contexts[c].nightPatient += 1 }
    if let p = actor.contexts[c].lastPatient {
      let gap = max(0, e.timestamp.microseconds - p.microseconds)
      if gap <= gapMicros { actor.contexts[c].patientGaps.add(Double(gap) / 1_000_000) }
    }
    actor.contexts[c].lastPatient = max(actor.contexts[c].lastPatient ?? e.timestamp, e.timestamp)
  }

  private var scriptAgents: [Symbol: Bool] = [:]

  /// `true` when the user agent names an HTTP library or tool (cached per symbol).
  func isScriptAgent(_ ua: Symbol) -> Bool {
    if let v = scriptAgents[ua] { return v }
    let v = ClientClassifier.isScript(symbols.string(ua))
    scriptAgents[ua] = v
    return v
  }

  static let assetExtensions: Set<String> = ["js", "css", "png", "jpg", "jpeg", "gif", "svg", "ico", "woff", "woff2", "map"]

  /// `true` for static assets (`.js`, `.css`, images, fonts), judged by the extension.
  static func isAsset(_ path: String) -> Bool {
    let u = path.utf8
    guard let dot = u.lastIndex(of: .dot), u.distance(from: dot, to: u.endIndex) <= 6 else { return false }
    let ext = u[u.index(after: dot)...]
    if ext.contains(.slash) { return false }
    return assetExtensions.contains(String(decoding: ext, as: UTF8.self).lowercased())
  }

  private func sweep(now: Int64) {
    for i in liveActors.sorted() {
      let a = actors[i]
      if let live = a.live, now - live.end.microseconds > gapMicros {
        close(a)
        // Nothing of a client actor without patient requests is needed any more: free it.
        if !a.key.isIdentity && a.tracks.isEmpty {
          actorIndex.removeValue(forKey: a.key)
          actors[i] = retired
        }
      }
    }
    logins.expire(now: now)
  }

  func close(_ actor: ActorState) {
    guard let live = actor.live else { return }
    actor.live = nil
    liveActors.remove(actor.index)
    sessionCount += 1
    guard options.allSessions || !actor.tracks.isEmpty || actor.key.isIdentity else { return }
    actor.sessionIndices.append(sessions.count)
    sessionIPs.append(live.ips)
    sessions.append(live.summary(actor: actor.label, scriptClient: actor.looksScripted(isScriptAgent), symbols: symbols))
    sessionNumbers.append(sessionCount)
  }

  /// Closes every session, runs detection and exposure estimation, and returns the outcome.
  public func finish() -> AnalysisOutcome {
    for i in liveActors.sorted() { close(actors[i]) }
    let width = max(4, String(sessionCount).count)
    for (i, n) in sessionNumbers.enumerated() {
      let digits = String(n)
      sessions[i].id = "S" + String(repeating: "0", count: width - digits.count) + digits
    }
    var detector = Detector(engine: self)
    return detector.run()
  }
}
