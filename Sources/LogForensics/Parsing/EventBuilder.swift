// Parsing/EventBuilder.swift - fills a LogEvent from byte slices; the only place parsers
// turn bytes into Strings and Symbols.

/// Options that change how fields become an event.
public struct EventBuildingOptions: Sendable, Equatable {
  /// Use the left-most `X-Forwarded-For` address as the client IP when present.
  public var preferForwardedFor: Bool = false
  /// Name of an extra field that carries the user id (e.g. `uid` for nginx `uid=…`);
  /// when set and the event has no user, that field's value becomes the user.
  public var userField: String? = nil
  /// Keep extra fields on events (``LogEvent/extras``). Analysis reads none of them but the
  /// ``userField``, so ``Analyzer`` turns this off: one String and array less per line.
  public var keepExtras: Bool = true
  /// Keep the path and query as bytes in ``LogEvent/target`` (storage recycled through a
  /// ``RequestTargetPool``) instead of `String`s in ``LogEvent/path`` and ``LogEvent/query``.
  /// The analysis reads them only to template the request, so ``Analyzer`` turns this on.
  var targetAsBytes: Bool = false
  /// Fill only what the analysis reads, which ``Analyzer`` asks for: a referer is only noted
  /// as present (``EventBuilder/refererPresent``), not interned; the method and HTTP version
  /// of a request line are checked but not interned; the duration and forwarded-for fields
  /// after a combined line's user agent are not read, unless the forwarded-for address is to
  /// be the client's. Lines are accepted, warned about and rejected exactly as otherwise.
  var analysisFieldsOnly: Bool = false
  public init(preferForwardedFor: Bool = false, userField: String? = nil, keepExtras: Bool = true) {
    self.preferForwardedFor = preferForwardedFor
    self.userField = userField
    self.keepExtras = keepExtras
  }
}

/// Builds one ``LogEvent`` at a time from the byte slices a ``LineParser`` finds.
///
/// Setters take raw bytes valid only during the call; values are interned or copied. `-`
/// and empty values mean "absent" for every optional field.
public struct EventBuilder {
  public let symbols: SymbolTable
  public let redactor: CredentialRedactor
  public var options: EventBuildingOptions
  /// The event being built.
  public var event = LogEvent()
  private var userFieldSymbol: Symbol = .none
  /// The last user agent set: consecutive lines often share it, and comparing it costs less
  /// than hashing and probing (``SymbolTable/intern(_:previous:)``).
  private var lastUserAgent: Symbol = .none
  /// The last client IP and user set (a client's requests come in runs), compared like
  /// ``lastUserAgent``.
  private var lastClientIP: Symbol = .none
  /// An address left for ``resolveClientIP()`` (bytes of the line being parsed), and its hash.
  private var pendingClientIP: UnsafeRawBufferPointer? = nil
  private var pendingClientIPHash: UInt64 = 0
  private var lastUser: Symbol = .none
  /// The last method and HTTP version of a request line (nearly always `GET` and `HTTP/1.1`
  /// again), compared before interning like ``lastUserAgent``.
  private var lastMethod: Symbol = .none
  private var lastHTTPVersion: Symbol = .none
  /// Whether ``lastHTTPVersion`` is a known version (``isKnownVersion(_:)`` of its bytes).
  private var lastHTTPVersionKnown = false
  private var scratch: [UInt8] = []
  /// ``EventBuildingOptions/analysisFieldsOnly``, read on every line.
  private let analysisFieldsOnly: Bool
  /// The referer of every event that has one when ``analysisFieldsOnly`` (the analysis only
  /// asks whether there is one); ``Symbol/none`` otherwise.
  private(set) var refererPresent: Symbol = .none
  /// Where target storage comes from when ``EventBuildingOptions/targetAsBytes`` is set.
  var targetPool: RequestTargetPool? = nil

  public init(symbols: SymbolTable, redactor: CredentialRedactor = CredentialRedactor(), options: EventBuildingOptions = .init()) {
    self.symbols = symbols
    self.redactor = redactor
    self.options = options
    analysisFieldsOnly = options.analysisFieldsOnly
    if let f = options.userField { userFieldSymbol = symbols.intern(f) }
    if analysisFieldsOnly { refererPresent = symbols.intern("(referer)") }
  }

  /// A builder that keeps paths and queries as bytes from `pool` when `options` ask for it
  /// (``EventBuildingOptions/targetAsBytes``).
  init(symbols: SymbolTable, redactor: CredentialRedactor, options: EventBuildingOptions, targetPool: RequestTargetPool) {
    self.init(symbols: symbols, redactor: redactor, options: options)
    if options.targetAsBytes { self.targetPool = targetPool }
  }

  /// Starts a new event for the given provenance.
  @inline(__always)
  public mutating func reset(inputIndex: Int32, lineNumber: Int64) {
    pendingClientIP = nil
    event = LogEvent()
    event.inputIndex = inputIndex
    event.lineNumber = lineNumber
  }

  /// Starts a new event when the current one is the empty event ``takeEvent()`` left and was
  /// not touched since: the same as ``reset(inputIndex:lineNumber:)``, without building and
  /// destroying another empty event.
  @inline(__always)
  mutating func resetTaken(inputIndex: Int32, lineNumber: Int64) {
    pendingClientIP = nil
    event.inputIndex = inputIndex
    event.lineNumber = lineNumber
  }

  /// Moves the built event out (no copy, no reference counting), leaving an empty one.
  @inline(__always)
  mutating func takeEvent() -> LogEvent {
    var e = LogEvent()
    swap(&e, &event)
    return e
  }

  /// Applies the options that depend on several fields (forwarded-for, user field). The
  /// pipeline calls this once per parsed event.
  public mutating func finish() {
    if options.preferForwardedFor && !event.forwardedFor.isNone {
      let raw = symbols.bytes(event.forwardedFor)
      var end = 0
      while end < raw.count && raw[end] != .comma { end += 1 }
      var s = 0
      while s < end && raw[s] == .space { s += 1 }
      var e = end
      while e > s && raw[e - 1] == .space { e -= 1 }
      if e > s {
        let first = Array(raw[s..<e])
        event.clientIP = first.withUnsafeBytes { symbols.intern($0) }
      }
    }
    if !userFieldSymbol.isNone && event.user.isNone {
      for x in event.extras where x.name == userFieldSymbol && !x.value.isEmpty && x.value != "-" {
        event.user = symbols.intern(x.value)
        break
      }
    }
  }

  // MARK: - Time

  @inline(__always)
  public mutating func setTime(_ t: ParsedTime) {
    event.timestamp = t.timestamp
    if !t.hadZone { event.flags.insert(.zoneAssumed) }
  }

  @inline(__always)
  public mutating func setTimestamp(_ t: Timestamp, zoneAssumed: Bool = false) {
    event.timestamp = t
    if zoneAssumed { event.flags.insert(.zoneAssumed) }
  }

  // MARK: - Symbols

  /// Interns `b` (`-` or empty: none), comparing it first with `previous`, the symbol the
  /// same field had on the previous line, which it then becomes (most fields repeat the
  /// previous line's value: no hashing then).
  @inline(__always)
  private static func internRepeated(_ b: UnsafeRawBufferPointer, _ symbols: SymbolTable, previous: inout Symbol) -> Symbol {
    if b.isDashOrEmpty { return .none }
    let s = symbols.intern(b, previous: previous)
    previous = s
    return s
  }

  @inline(__always)
  public mutating func setClientIP(_ b: UnsafeRawBufferPointer) {
    event.clientIP = EventBuilder.internRepeated(b, symbols, previous: &lastClientIP)
  }

  /// ``setClientIP(_:)`` in two steps, for a parser that reads the address first and the rest
  /// of the line after: a value other than the previous line's is hashed and its table slot
  /// fetched now, and looked up by ``resolveClientIP()``, which the parser must call before
  /// `b`'s bytes go away (at the end of the line). The fetch runs while the line is parsed.
  @inline(__always)
  mutating func setClientIPLater(_ b: UnsafeRawBufferPointer) {
    if b.isDashOrEmpty {
      event.clientIP = .none
    } else if symbols.holds(b, as: lastClientIP) {
      event.clientIP = lastClientIP
    } else {
      pendingClientIP = b
      pendingClientIPHash = symbols.prefetch(b)
    }
  }

  /// Fetches the bytes of the value in the slot ``setClientIPLater(_:)`` fetched (call it
  /// half-way through the line).
  @inline(__always)
  func prefetchClientIPValue() {
    if pendingClientIP != nil { symbols.prefetchValue(hash: pendingClientIPHash) }
  }

  /// Looks up the address ``setClientIPLater(_:)`` left pending, if any.
  @inline(__always)
  mutating func resolveClientIP() {
    guard let b = pendingClientIP else { return }
    pendingClientIP = nil
    let s = symbols.intern(b, hash: pendingClientIPHash)
    lastClientIP = s
    event.clientIP = s
  }
  @inline(__always)
  public mutating func setForwardedFor(_ b: UnsafeRawBufferPointer) {
    event.forwardedFor = b.isDashOrEmpty ? .none : symbols.intern(b)
  }
  @inline(__always)
  public mutating func setMethod(_ b: UnsafeRawBufferPointer) {
    event.method = b.isDashOrEmpty ? .none : symbols.intern(b)
  }
  @inline(__always)
  public mutating func setHTTPVersion(_ b: UnsafeRawBufferPointer) {
    event.httpVersion = b.isDashOrEmpty ? .none : symbols.intern(b)
  }
  @inline(__always)
  public mutating func setUserAgent(_ b: UnsafeRawBufferPointer) {
    event.userAgent = EventBuilder.internRepeated(b, symbols, previous: &lastUserAgent)
  }
  @inline(__always)
  public mutating func setUser(_ b: UnsafeRawBufferPointer) {
    event.user = EventBuilder.internRepeated(b, symbols, previous: &lastUser)
  }
  @inline(__always)
  public mutating func setHost(_ b: UnsafeRawBufferPointer) {
    event.host = b.isDashOrEmpty ? .none : symbols.intern(b)
  }
  /// Sets the referer; credentials in its query are redacted.
  public mutating func setReferer(_ b: UnsafeRawBufferPointer) {
    if b.isDashOrEmpty {
      event.referer = .none
      return
    }
    if analysisFieldsOnly {
      event.referer = refererPresent
      return
    }
    if let q = b.firstIndex(of: .question, from: 0),
      let (redacted, _) = redactor.redact(b.slice(q + 1, b.count))
    {
      let s = TextDecoding.string(b.slice(0, q + 1)) + redacted
      event.referer = symbols.intern(s)
    } else {
      event.referer = symbols.intern(b)
    }
  }

  // MARK: - Numbers

  /// Sets the status from digits; `-` or empty leaves it unknown. Returns `false` when the
  /// field is neither digits nor `-`.
  @discardableResult @inline(__always)
  public mutating func setStatus(_ b: UnsafeRawBufferPointer) -> Bool {
    if b.isDashOrEmpty { return true }
    guard b.count <= 4, let v = b.parseDecimal() else { return false }
    event.status = Int32(v)
    return true
  }
  @inline(__always)
  public mutating func setStatus(_ v: Int) { event.status = Int32(clamping: v) }

  /// Sets the response size from digits; `-` means unknown. Returns `false` when malformed.
  @discardableResult @inline(__always)
  public mutating func setResponseBytes(_ b: UnsafeRawBufferPointer) -> Bool {
    if b.isDashOrEmpty { return true }
    guard let v = b.parseDecimal() else { return false }
    event.responseBytes = v
    return true
  }
  @inline(__always)
  public mutating func setResponseBytes(_ v: Int64) { event.responseBytes = v }

  @inline(__always)
  public mutating func setDuration(micros: Int64) { event.durationMicros = micros }

  /// Sets the duration from `amount` units of `microsPerUnit` µs each (1000 for ms). A
  /// product that does not fit in 64 bits (a forged or corrupt field) leaves the duration
  /// unknown instead of trapping.
  @inline(__always)
  public mutating func setDuration(_ amount: Int64, microsPerUnit: Int64) {
    let (us, overflow) = amount.multipliedReportingOverflow(by: microsPerUnit)
    event.durationMicros = overflow ? -1 : us
  }

  // MARK: - Request

  /// Splits `METHOD target HTTP/x.y` into method, path, query and version.
  ///
  /// A field that is not such a line (`-`, empty, binary junk, a TLS handshake in `\x16\x03`
  /// escapes) is kept in ``LogEvent/rawRequest`` and flagged; returns `false` then.
  @discardableResult
  public mutating func setRequestLine(_ b: UnsafeRawBufferPointer) -> Bool {
    let n = b.count
    var i = 0
    while i < n && (b[i].isLetter || b[i] == .minus || b[i] == UInt8(ascii: "_")) { i += 1 }
    let methodEnd = i
    guard methodEnd > 0, methodEnd <= 24, i < n, b[i] == .space else { return markRaw(b) }
    for k in 0..<methodEnd where !(b[k] &- 0x41 < 26 || b[k] == .minus || b[k] == UInt8(ascii: "_")) {
      return markRaw(b)  // methods are upper case
    }
    while i < n && b[i] == .space { i += 1 }
    let targetStart = i
    guard targetStart < n else { return markRaw(b) }
    // The target runs to the last space (targets may contain raw spaces in broken clients).
    var targetEnd = n
    var versionStart = n
    if let lastSpace = lastIndex(of: .space, in: b, after: targetStart) {
      let v = b.slice(lastSpace + 1, n)
      if v.hasPrefix("HTTP/") || v.hasPrefix("http/") {
        targetEnd = lastSpace
        versionStart = lastSpace + 1
        while targetEnd > targetStart && b[targetEnd - 1] == .space { targetEnd -= 1 }
      }
    }
    let target = b.slice(targetStart, targetEnd)
    guard target.count > 0, target[0] == .slash || target[0] == UInt8(ascii: "*") || target.hasPrefix("http") || b.slice(0, methodEnd).equals("CONNECT")
    else { return markRaw(b) }
    if !analysisFieldsOnly {
      let method = symbols.intern(b.slice(0, methodEnd), previous: lastMethod)
      lastMethod = method
      event.method = method
    }
    setTarget(target)
    if versionStart < n {
      let v = b.slice(versionStart, n)
      let known: Bool
      if analysisFieldsOnly {
        known = isKnownVersion(v)
      } else {
        let version = symbols.intern(v, previous: lastHTTPVersion)
        if version == lastHTTPVersion {
          known = lastHTTPVersionKnown  // same bytes as the previous version
        } else {
          known = isKnownVersion(v)
          lastHTTPVersion = version
          lastHTTPVersionKnown = known
        }
        event.httpVersion = version
      }
      if !known {
        event.flags.insert(.invalidRequestLine)
        event.rawRequest = TextDecoding.string(b)
      }
    } else if lastIndex(of: .space, in: b, after: targetStart) != nil {
      // Spaces in the target and no version: keep the raw line as well.
      event.flags.insert(.invalidRequestLine)
      event.rawRequest = TextDecoding.string(b)
    }
    return !event.flags.contains(.invalidRequestLine)
  }

  private func isKnownVersion(_ v: UnsafeRawBufferPointer) -> Bool {
    v.equals("HTTP/1.1") || v.equals("HTTP/1.0") || v.equals("HTTP/2.0") || v.equals("HTTP/2")
      || v.equals("HTTP/3") || v.equals("HTTP/3.0") || v.equals("HTTP/0.9")
  }

  private mutating func markRaw(_ b: UnsafeRawBufferPointer) -> Bool {
    event.flags.insert(.invalidRequestLine)
    event.rawRequest = b.isEmpty ? "" : TextDecoding.string(b)
    return false
  }

  private func lastIndex(of byte: UInt8, in b: UnsafeRawBufferPointer, after start: Int) -> Int? {
    var i = b.count - 1
    while i > start {
      if b[i] == byte { return i }
      i -= 1
    }
    return nil
  }

  /// Sets path and query from a request target (`/a/b?x=1`, or an absolute URL whose host
  /// becomes ``LogEvent/host`` when none is set).
  public mutating func setTarget(_ t0: UnsafeRawBufferPointer) {
    var t = t0
    if t.count > 8 && (t.hasPrefix("http://") || t.hasPrefix("https://")) {
      let afterScheme = t[4] == UInt8(ascii: "s") ? 8 : 7
      let slash = t.firstIndex(of: .slash, from: afterScheme) ?? t.count
      if event.host.isNone { event.host = symbols.intern(t.slice(afterScheme, slash)) }
      if slash == t.count {
        if targetPool != nil {
          targetBytes()._withUnsafeGuaranteedRef { target in withUnsafeBytes(of: UInt8.slash) { target.setPath($0) } }
        } else {
          event.path = "/"
        }
        return
      }
      t = t.slice(slash, t.count)
    }
    if let q = t.firstIndex(of: .question, from: 0) {
      setPath(t.slice(0, q))
      setQuery(t.slice(q + 1, t.count))
    } else {
      setPath(t)
    }
  }

  /// Sets the path (no query).
  @inline(__always)
  public mutating func setPath(_ b: UnsafeRawBufferPointer) {
    if targetPool != nil {
      targetBytes()._withUnsafeGuaranteedRef { target in EventBuilder.withDecodedBytes(b) { target.setPath($0) } }
    } else {
      event.path = TextDecoding.string(b)
    }
  }

  /// The event's target storage (taken from ``targetPool`` on first use), not retained: the
  /// event holds it while the caller writes to it through `_withUnsafeGuaranteedRef` (two
  /// retains and releases a line less on the parsing thread).
  @inline(__always)
  private mutating func targetBytes() -> Unmanaged<RequestTargetBytes> {
    if let t = event.target { return Unmanaged.passUnretained(t) }
    event.target = targetPool!.take()
    return Unmanaged.passUnretained(event.target.unsafelyUnwrapped)
  }

  /// Runs `body` with the UTF-8 of ``TextDecoding/string(_:)`` of `b`: `b` itself when it is
  /// ASCII (no `String` built), else the decoded string's bytes.
  @inline(__always)
  private static func withDecodedBytes(_ b: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void) {
    if b.isASCII { return body(b) }
    var s = TextDecoding.string(b)
    s.withUTF8 { body(UnsafeRawBufferPointer($0)) }
  }

  /// `true` when the event has a query (in ``LogEvent/query`` or its target bytes).
  var hasQuery: Bool { event.query != nil || event.target?.hasQuery == true }

  /// Sets the query (without `?`); credentials are replaced by fingerprints. `-` or empty
  /// means no query.
  public mutating func setQuery(_ b: UnsafeRawBufferPointer) {
    if b.isDashOrEmpty {
      event.query = nil
      event.target?.clearQuery()
      return
    }
    if let (redacted, credential) = redactor.redact(b) {
      if targetPool != nil {
        var r = redacted
        targetBytes()._withUnsafeGuaranteedRef { target in r.withUTF8 { target.setQuery(UnsafeRawBufferPointer($0)) } }
      } else {
        event.query = redacted
      }
      event.credential = symbols.intern(credential)
      event.flags.insert(.credentialInQuery)
    } else if targetPool != nil {
      targetBytes()._withUnsafeGuaranteedRef { target in EventBuilder.withDecodedBytes(b) { target.setQuery($0) } }
    } else {
      event.query = TextDecoding.string(b)
    }
  }

  // MARK: - Extras

  /// Keeps a field by name. `-` values are kept as `-` so the field's presence is visible.
  public mutating func addExtra(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
    guard wantsExtras else { return }
    let symbol = symbols.intern(name)
    guard options.keepExtras || symbol == userFieldSymbol else { return }
    reserveExtras()
    event.extras.append(ExtraField(name: symbol, value: TextDecoding.string(value)))
  }
  public mutating func addExtra(name: Symbol, value: UnsafeRawBufferPointer) {
    guard options.keepExtras || (name == userFieldSymbol && !name.isNone) else { return }
    reserveExtras()
    event.extras.append(ExtraField(name: name, value: TextDecoding.string(value)))
  }

  /// `false` when no extra field will be kept (parsers may then skip unescaping them).
  @inline(__always)
  public var wantsExtras: Bool { options.keepExtras || !userFieldSymbol.isNone }
  /// `false` when the duration is not kept (``EventBuildingOptions/analysisFieldsOnly``):
  /// a parser may then skip reading it.
  public var wantsDuration: Bool { !analysisFieldsOnly }
  /// `false` when the forwarded-for address is not kept (see ``wantsDuration``).
  public var wantsForwardedFor: Bool { !analysisFieldsOnly || options.preferForwardedFor }

  /// One allocation for the usual handful of extras (the default growth would allocate room
  /// for one, then reallocate on the second).
  @inline(__always)
  private mutating func reserveExtras() {
    if event.extras.capacity == 0 { event.extras.reserveCapacity(4) }
  }

  // MARK: - Escapes

  /// ``withCLFUnescaped(_:_:)`` for a field whose scan already told whether it holds a
  /// backslash (``CLFScanning/closingQuote(_:from:escaped:)``): when `escaped` is `false`,
  /// `b` is passed as is without looking for backslashes again.
  @inline(__always)
  mutating func withCLFUnescaped<R>(_ b: UnsafeRawBufferPointer, escaped: Bool, _ body: (inout EventBuilder, UnsafeRawBufferPointer) -> R) -> R {
    if !escaped { return body(&self, b) }
    return withCLFUnescaped(b, body)
  }

  /// Runs `body` with `b` after removing Apache/nginx backslash escapes `\"` and `\\`
  /// (other escapes such as `\xNN` are kept as text, as logged). No copy when `b` has no
  /// backslash.
  @inline(__always)
  public mutating func withCLFUnescaped<R>(_ b: UnsafeRawBufferPointer, _ body: (inout EventBuilder, UnsafeRawBufferPointer) -> R) -> R {
    guard b.firstIndex(of: .backslash, from: 0) != nil else { return body(&self, b) }
    var out: [UInt8] = []
    out.reserveCapacity(b.count)
    var i = 0
    while i < b.count {
      if b[i] == .backslash && i + 1 < b.count && (b[i + 1] == .quote || b[i + 1] == .backslash) {
        out.append(b[i + 1])
        i += 2
      } else {
        out.append(b[i])
        i += 1
      }
    }
    return out.withUnsafeBytes { body(&self, $0) }
  }
}
