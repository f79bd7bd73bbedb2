// Sessions/ActorContext.swift - one IP + user agent pair under which an identity was used.

/// The activity of an identity (user or credential) from one client IP with one user agent.
///
/// A stolen account is used from the attacker's machines while its owner keeps working from
/// theirs: detection looks at each context on its own so a finding covers the contexts that
/// carry the signals, not the owner's legitimate sessions.
struct ActorContext {
  /// The IP of a single context (`.none` for an overflow context).
  let ip: Symbol
  /// The user agent of a single context (`.none` for an overflow context).
  let userAgent: Symbol
  /// Set only on an overflow context: the pairs it gathers.
  var members: ContextMembers?
  var requests = 0
  var patientRequests = 0
  var nightPatient = 0
  var assets = 0
  var withReferer = 0
  var patientGaps = RunningStats()
  var lastPatient: Timestamp?
  var first: Timestamp
  var last: Timestamp
  /// Requests per UTC hour (hour index since the epoch).
  var hourCounts = HourlyCounts()
  /// Requests per hour since the epoch.
  var hourly: [Int64: Int] { hourCounts.dictionary }

  init(ip: Symbol, userAgent: Symbol, time: Timestamp) {
    self.ip = ip
    self.userAgent = userAgent
    first = time
    last = time
  }

  /// An overflow context of an identity: IP + user agent pairs seen after the identity's
  /// first ``ActorState/maximumContexts`` pairs, taken together (those of one user agent, or
  /// the last one: those of every user agent past ``ActorState/maximumOverflowContexts``).
  static func overflow(time: Timestamp) -> ActorContext {
    var c = ActorContext(ip: .none, userAgent: .none, time: time)
    c.members = ContextMembers()
    return c
  }

  /// Counts one request of the context (one access to the context's storage).
  /// `countHour`: the identity has several contexts (a sole context's hours are the actor's).
  mutating func noteRequest(userAgent: Symbol, time: Timestamp, hour: Int64, isAsset: Bool, hasReferer: Bool, countHour: Bool) {
    requests += 1
    if let m = members { m.userAgentRequests[userAgent, default: 0] += 1 }
    last = max(last, time)
    if isAsset { assets += 1 }
    if hasReferer { withReferer += 1 }
    if countHour { hourCounts.add(hour) }
  }

  /// Counts one patient request: pace (gaps up to `gapMicros`) and night activity.
  mutating func notePatient(time: Timestamp, night: Bool, gapMicros: Int64) {
    patientRequests += 1
    if night { nightPatient += 1 }
    if let p = lastPatient {
      let gap = max(0, time.microseconds - p.microseconds)  // slightly late events count as 0
      if gap <= gapMicros { patientGaps.add(Double(gap) / 1_000_000) }
    }
    lastPatient = max(lastPatient ?? time, time)
  }

  /// `true` for a context that gathers pairs past the limit.
  var isOverflow: Bool { members != nil }

  /// The context's IPs (one, or the overflow's, sorted by symbol).
  var ips: [Symbol] { members.map { $0.ips.sorted() } ?? [ip] }

  /// The context's user agents (one, or the overflow's, sorted by symbol).
  var userAgents: [Symbol] { members.map { $0.userAgentRequests.keys.sorted() } ?? [userAgent] }

  /// Requests per user agent (one entry, or the overflow's).
  var requestsByUserAgent: [Symbol: Int] { members?.userAgentRequests ?? [userAgent: requests] }
}

/// The IPs and user agents gathered by an overflow context of an identity (a swarm of
/// addresses sharing one key, or a user behind rotating addresses), with the requests of
/// each user agent. Grows with the distinct IPs and user agents of that identity.
final class ContextMembers {
  var ips: Set<Symbol> = []
  var userAgentRequests: [Symbol: Int] = [:]
}

/// Key of a per-context record track: template and context index within the actor.
struct SliceKey: Hashable {
  var template: TemplateID
  var context: Int32
}

/// Behaviour aggregates detection reads, for a whole actor or for some of its contexts.
struct ActivityFeatures {
  var isIdentity: Bool
  var requests: Int
  var patientRequests: Int
  var nightPatient: Int
  var assets: Int
  var withReferer: Int
  var patientGaps: RunningStats
  /// The user agent with the most requests.
  var dominantUserAgent: Symbol?
  var distinctIPCount: Int

  /// `true` when the dominant user agent is a scripting library and the client never loaded
  /// an asset nor sent a referer (the user agent alone is never enough).
  func looksScripted(_ isScriptAgent: (Symbol) -> Bool) -> Bool {
    guard let ua = dominantUserAgent else { return true }
    return isScriptAgent(ua) && assets == 0 && withReferer * 10 < max(1, requests)
  }
}
