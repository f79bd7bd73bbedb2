// Sessions/ActorState.swift - everything kept about one actor across its sessions.

/// Per-actor aggregates: identities seen, live session, per-template tracks, pace.
final class ActorState {
  let key: ActorKey
  let label: String
  let index: Int
  var ips: [Symbol: Int] = [:]
  var userAgents: [Symbol: Int] = [:]
  var requests = 0
  var first: Timestamp
  var last: Timestamp
  var live: SessionState?
  var sessionIndices: [Int] = []
  var tracks: [TemplateID: RecordTrack] = [:]
  /// Requests per UTC hour (hour index since the epoch).
  var hourly: [Int64: Int] = [:]
  var patientGaps = RunningStats()
  var lastPatient: Timestamp?
  var patientRequests = 0
  var otherRequests = 0
  var nightPatient = 0
  var assets = 0
  var withReferer = 0

  // Token reuse: the last time each IP was seen, and interleavings between IPs.
  var lastIP: Symbol = .none
  var lastIPTime: Timestamp = Timestamp(microseconds: 0)
  var ipSwitches = 0
  var firstSwitch: (Timestamp, Evidence, Symbol, Symbol)?

  init(key: ActorKey, label: String, index: Int, time: Timestamp) {
    self.key = key
    self.label = label
    self.index = index
    first = time
    last = time
  }

  func track(_ t: TemplateID) -> RecordTrack {
    if let x = tracks[t] { return x }
    let x = RecordTrack(template: t)
    tracks[t] = x
    return x
  }

  var distinctIPCount: Int { ips.count }

  /// `true` when the dominant user agent is a scripting library and the actor never loaded
  /// an asset nor sent a referer (the user agent alone is never enough).
  func looksScripted(_ isScriptAgent: (Symbol) -> Bool) -> Bool {
    guard let ua = userAgents.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key else { return true }
    let scriptUA = isScriptAgent(ua)
    return scriptUA && assets == 0 && withReferer * 10 < max(1, requests)
  }
}
