// Sessions/ActorKey.swift - who is behind a request: user, credential, or client IP + user agent.

/// The actor a request is attributed to.
///
/// An authenticated user wins, then a credential fingerprint from the query; without either
/// the actor is the client IP together with its user agent.
public enum ActorKey: Hashable, Sendable {
  case user(Symbol)
  case credential(Symbol)
  case client(ip: Symbol, userAgent: Symbol)

  /// The actor of `event`.
  public init(_ event: LogEvent) {
    self.init(user: event.user, credential: event.credential, ip: event.clientIP, userAgent: event.userAgent)
  }

  /// The actor of a request with these fields (``Symbol/none`` when absent).
  @inline(__always)
  init(user: Symbol, credential: Symbol, ip: Symbol, userAgent: Symbol) {
    if !user.isNone {
      self = .user(user)
    } else if !credential.isNone {
      self = .credential(credential)
    } else {
      self = .client(ip: ip, userAgent: userAgent)
    }
  }

  /// `user:alice`, `credential:apikey:[fp:1a2b3c4d]`, `ip:10.0.0.1 ua:curl/8.0`.
  public func label(_ symbols: SymbolTable) -> String {
    switch self {
    case .user(let u): return "user:" + symbols.string(u)
    case .credential(let c): return "credential:" + symbols.string(c)
    case .client(let ip, let ua):
      let agent = ua.isNone ? "-" : symbols.string(ua)
      return "ip:" + (ip.isNone ? "-" : symbols.string(ip)) + " ua:" + agent
    }
  }

  /// `true` when the actor is an identity that several machines could share.
  /// The client IP of a client key (`.none` for an identity).
  var clientIP: Symbol {
    if case .client(let ip, _) = self { return ip }
    return .none
  }

  /// The user agent of a client key (`.none` for an identity).
  var clientUserAgent: Symbol {
    if case .client(_, let ua) = self { return ua }
    return .none
  }

  public var isIdentity: Bool {
    if case .client = self { return false }
    return true
  }
}
