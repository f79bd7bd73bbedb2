// Model/LogEvent.swift - one HTTP request as read from any log format.

/// One request, normalised across formats.
///
/// Low-cardinality strings are ``Symbol``s interned in the pipeline's ``SymbolTable``;
/// the path and query are kept as logged (percent-encoding preserved; see
/// ``PercentDecoding``), except that credential values in the query have already been
/// replaced by a fingerprint (see ``CredentialRedactor``).
public struct LogEvent: Sendable {
  /// When the request was logged, in UTC (offsets applied).
  public var timestamp: Timestamp = Timestamp(microseconds: 0)
  /// The client address as logged (or the left-most forwarded-for address when the
  /// pipeline was asked to prefer it).
  public var clientIP: Symbol = .none
  /// The raw `X-Forwarded-For` value, when the format carries one.
  public var forwardedFor: Symbol = .none
  /// HTTP method (`GET`), or ``Symbol/none`` when the request line was not a request.
  public var method: Symbol = .none
  /// Request path without the query, as logged. For an unparseable request line this is
  /// empty and ``rawRequest`` holds the text.
  public var path: String = ""
  /// Query string without the leading `?`, credentials redacted; `nil` when absent.
  public var query: String? = nil
  /// `HTTP/1.1`, `HTTP/2.0`, …
  public var httpVersion: Symbol = .none
  /// HTTP status; 0 when unknown.
  public var status: Int32 = 0
  /// Response size in bytes; -1 when unknown (`-`).
  public var responseBytes: Int64 = -1
  /// User agent.
  public var userAgent: Symbol = .none
  /// Authenticated user (`%u`, `$remote_user`, `cs-username`, `uid=` …).
  public var user: Symbol = .none
  /// Referer (query credentials redacted).
  public var referer: Symbol = .none
  /// Virtual host / server name, when logged.
  public var host: Symbol = .none
  /// A fingerprint of the first credential found in the query (`apikey:1a2b3c4d`), or none.
  public var credential: Symbol = .none
  /// Time taken to serve the request, in microseconds; -1 when unknown.
  public var durationMicros: Int64 = -1
  /// Fields the format carries that have no slot above (kept by name).
  public var extras: [ExtraField] = []
  /// The request line as logged when it was not a valid `METHOD target HTTP/x` line.
  public var rawRequest: String? = nil
  /// Flags about how the event was read (see ``EventFlags``).
  public var flags: EventFlags = []
  /// Provenance: index of the input in the run's input list.
  public var inputIndex: Int32 = 0
  /// Provenance: 1-based line number in the (decompressed) input.
  public var lineNumber: Int64 = 0
  /// The path and query as bytes, instead of ``path`` and ``query``, when the builder was
  /// asked for bytes (``EventBuildingOptions/targetAsBytes``: the analysis); `nil` otherwise.
  var target: RequestTargetBytes? = nil

  public init() {}
}

/// A named field kept from the log line that has no dedicated slot in ``LogEvent``.
public struct ExtraField: Sendable, Equatable {
  public var name: Symbol
  public var value: String
  public init(name: Symbol, value: String) {
    self.name = name
    self.value = value
  }
}

/// How an event was read.
public struct EventFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt16
  public init(rawValue: UInt16) { self.rawValue = rawValue }

  /// The request field was not a valid HTTP request line; kept in ``LogEvent/rawRequest``.
  public static let invalidRequestLine = EventFlags(rawValue: 1 << 0)
  /// The log gave no UTC offset; UTC was assumed.
  public static let zoneAssumed = EventFlags(rawValue: 1 << 1)
  /// The event arrived later than the stream's reorder window allowed.
  public static let outOfOrder = EventFlags(rawValue: 1 << 2)
  /// A credential was found in the query (and redacted).
  public static let credentialInQuery = EventFlags(rawValue: 1 << 3)
}
