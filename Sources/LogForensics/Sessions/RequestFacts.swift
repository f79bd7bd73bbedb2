// Sessions/RequestFacts.swift - the part of a request the streaming analysis reads.

/// What ``AnalysisEngine`` reads of one request: when, who, the answer and where it is logged.
///
/// A ``LogEvent`` also carries the path, query, request line and extra fields, as strings;
/// the analysis reads none of them once the request is templated (``Templated``). In a
/// threaded run the parsing thread hands these facts over instead of the event: 64 bytes
/// with no reference to count, so moving a request to the analysis thread copies a quarter
/// of the bytes and its strings are freed on the thread that made them.
struct RequestFacts {
  var timestamp: Timestamp
  var responseBytes: Int64
  var lineNumber: Int64
  var clientIP: Symbol
  var userAgent: Symbol
  var user: Symbol
  var credential: Symbol
  var referer: Symbol
  var status: Int32
  var inputIndex: Int32

  /// The facts of `e`.
  @inline(__always)
  init(_ e: borrowing LogEvent) {
    timestamp = e.timestamp
    responseBytes = e.responseBytes
    lineNumber = e.lineNumber
    clientIP = e.clientIP
    userAgent = e.userAgent
    user = e.user
    credential = e.credential
    referer = e.referer
    status = e.status
    inputIndex = e.inputIndex
  }
}

extension ActorKey {
  /// The actor of a request (see ``init(_:)-(LogEvent)``).
  @inline(__always)
  init(_ f: RequestFacts) {
    self.init(user: f.user, credential: f.credential, ip: f.clientIP, userAgent: f.userAgent)
  }
}

extension EvidenceRef {
  /// The place of a request.
  @inline(__always)
  init(_ f: RequestFacts) {
    self.init(input: f.inputIndex, line: f.lineNumber)
  }
}
