// Detection/LoginTracker.swift - failed-login bursts per client IP and the success after them.

/// A burst of failed logins from one IP, possibly followed by a success.
struct LoginBurst {
  var ip: Symbol
  var userAgents: [Symbol] = []
  var failures = 0
  var start: Timestamp
  var startEvidence: EvidenceRef
  var lastFailure: Timestamp
  var lastFailureEvidence: EvidenceRef
  var endpoint: TemplateID
  var success: (time: Timestamp, evidence: EvidenceRef, user: Symbol)?
}

/// Counts 401/403 answers on login endpoints per IP. Failures more than ``window`` apart
/// start a new burst; a burst of at least ``minimumFailures`` is kept, with the first
/// success (2xx/3xx) from the same IP within ``window`` after it.
struct LoginTracker {
  static let window: Int64 = 15 * 60 * 1_000_000
  static let minimumFailures = 10
  private var open: [Symbol: LoginBurst] = [:]
  private(set) var bursts: [LoginBurst] = []

  mutating func add(_ e: RequestFacts, template: TemplateID, evidence: EvidenceRef) {
    let failed = e.status == 401 || e.status == 403
    let succeeded = e.status >= 200 && e.status < 400
    if failed {
      if var b = open[e.clientIP], e.timestamp.microseconds - b.lastFailure.microseconds <= LoginTracker.window,
        b.success == nil
      {
        b.failures += 1
        b.lastFailure = e.timestamp
        b.lastFailureEvidence = evidence
        if !b.userAgents.contains(e.userAgent) && b.userAgents.count < 8 { b.userAgents.append(e.userAgent) }
        open[e.clientIP] = b
      } else {
        flush(e.clientIP)
        open[e.clientIP] = LoginBurst(
          ip: e.clientIP, userAgents: [e.userAgent], failures: 1, start: e.timestamp, startEvidence: evidence,
          lastFailure: e.timestamp, lastFailureEvidence: evidence, endpoint: template)
      }
    } else if succeeded, var b = open[e.clientIP] {
      if b.failures >= LoginTracker.minimumFailures
        && e.timestamp.microseconds - b.lastFailure.microseconds <= LoginTracker.window
      {
        b.success = (e.timestamp, evidence, e.user)
        open[e.clientIP] = b
      }
      flush(e.clientIP)
    }
  }

  private mutating func flush(_ ip: Symbol) {
    if let b = open.removeValue(forKey: ip), b.failures >= LoginTracker.minimumFailures { bursts.append(b) }
  }

  /// Forgets or keeps bursts whose last failure is older than the window (bounded memory).
  mutating func expire(now: Int64) {
    for ip in open.keys.sorted() {
      guard let b = open[ip], now - b.lastFailure.microseconds > LoginTracker.window else { continue }
      flush(ip)
    }
  }

  /// Closes every open burst (end of input) and returns all bursts in start order.
  mutating func finish() -> [LoginBurst] {
    for ip in open.keys.sorted() { flush(ip) }
    return bursts.sorted { ($0.start, $0.ip) < ($1.start, $1.ip) }
  }
}
