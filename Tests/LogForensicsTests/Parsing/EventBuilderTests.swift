import Testing

@testable import LogForensics

private func build(_ body: (inout EventBuilder) -> Void) -> (LogEvent, SymbolTable) {
  let symbols = SymbolTable()
  var b = EventBuilder(symbols: symbols)
  b.reset(inputIndex: 3, lineNumber: 42)
  body(&b)
  b.finish()
  return (b.event, symbols)
}

private func with<R>(_ s: String, _ f: (UnsafeRawBufferPointer) -> R) -> R { Array(s.utf8).withUnsafeBytes(f) }

@Suite struct EventBuilderTests {
  @Test func requestLineSplitsMethodPathQueryVersion() {
    let (e, s) = build { b in with("GET /api/v1/patients/118000?fields=name HTTP/1.1") { _ = b.setRequestLine($0) } }
    #expect(s.string(e.method) == "GET")
    #expect(e.path == "/api/v1/patients/118000")
    #expect(e.query == "fields=name")
    #expect(s.string(e.httpVersion) == "HTTP/1.1")
    #expect(e.rawRequest == nil)
    #expect(!e.flags.contains(.invalidRequestLine))
    #expect(e.inputIndex == 3 && e.lineNumber == 42)
  }

  @Test(arguments: ["-", "", "\\x16\\x03\\x01\\x02\\x00\\x01\\x00\\x01\\xfc\\x03\\x03", "Gh0st\\xad\\x00", "get /lower HTTP/1.1"])
  func invalidRequestLinesAreKeptRaw(line: String) {
    var ok = true
    let (e, s) = build { b in ok = with(line) { b.setRequestLine($0) } }
    #expect(ok == false)
    #expect(e.flags.contains(.invalidRequestLine))
    #expect(e.rawRequest == line)
    #expect(e.method.isNone || s.string(e.method) != "")
  }

  @Test func unusualVersionIsAWarningButFieldsAreKept() {
    var ok = true
    let (e, s) = build { b in ok = with("GET /x HTTP/1.2") { b.setRequestLine($0) } }
    #expect(ok == false)
    #expect(s.string(e.method) == "GET")
    #expect(e.path == "/x")
    #expect(e.rawRequest == "GET /x HTTP/1.2")
  }

  @Test func absoluteTargetSetsHost() {
    let (e, s) = build { b in with("GET https://api.example:443/p?q=1 HTTP/1.1") { _ = b.setRequestLine($0) } }
    #expect(s.string(e.host) == "api.example:443")
    #expect(e.path == "/p")
    #expect(e.query == "q=1")
  }

  @Test func credentialsInQueryAreFingerprinted() {
    let (e, s) = build { b in with("GET /ws/GetPatient?nir=185037512345&apikey=SECRET-123&x=1 HTTP/1.1") { _ = b.setRequestLine($0) } }
    #expect(e.query?.contains("SECRET") == false)
    #expect(e.query?.hasPrefix("nir=185037512345&apikey=[fp:") == true)
    #expect(e.query?.hasSuffix("]&x=1") == true)
    #expect(s.string(e.credential).hasPrefix("apikey:"))
    #expect(e.flags.contains(.credentialInQuery))
  }

  @Test func sameSecretSameFingerprintDifferentSecretDifferent() {
    let r = CredentialRedactor()
    let a = with("token=abc") { r.redact($0) }
    let b = with("x=1&token=abc") { r.redact($0) }
    let c = with("token=abd") { r.redact($0) }
    #expect(a?.credential == b?.credential)
    #expect(a?.credential != c?.credential)
    #expect(with("page=2&size=100") { r.redact($0) } == nil)
  }

  @Test func refererQueryIsRedactedToo() {
    let (e, s) = build { b in with("https://app.example/cb?access_token=XYZ&state=1") { b.setReferer($0) } }
    #expect(!s.string(e.referer).contains("XYZ"))
    #expect(s.string(e.referer).hasPrefix("https://app.example/cb?access_token=[fp:"))
  }

  @Test func forwardedForOptionUsesLeftMostAddress() {
    let symbols = SymbolTable()
    var b = EventBuilder(symbols: symbols, options: .init(preferForwardedFor: true))
    b.reset(inputIndex: 0, lineNumber: 1)
    with("10.0.0.1") { b.setClientIP($0) }
    with(" 203.0.113.9, 10.0.0.2") { b.setForwardedFor($0) }
    b.finish()
    #expect(symbols.string(b.event.clientIP) == "203.0.113.9")
  }

  @Test func userFieldOptionTakesUserFromExtra() {
    let symbols = SymbolTable()
    var b = EventBuilder(symbols: symbols, options: .init(userField: "uid"))
    b.reset(inputIndex: 0, lineNumber: 1)
    with("uid") { n in with("u-77") { v in b.addExtra(name: n, value: v) } }
    b.finish()
    #expect(symbols.string(b.event.user) == "u-77")
  }

  @Test func dashesMeanAbsentAndNumbersParse() {
    var results: [Bool] = []
    let (e, _) = build { b in
      with("-") { b.setUser($0); b.setUserAgent($0); b.setClientIP($0) }
      results.append(with("-") { b.setResponseBytes($0) })
      results.append(with("404") { b.setStatus($0) })
      results.append(with("4O4") { b.setStatus($0) })
    }
    #expect(results == [true, true, false])
    #expect(e.user.isNone && e.userAgent.isNone && e.clientIP.isNone)
    #expect(e.responseBytes == -1)
    #expect(e.status == 404)
  }

  @Test func clfUnescapingOnlyTouchesQuoteAndBackslash() {
    let (e, s) = build { b in
      with(#"Mozilla \"quoted\" \\ \x41"#) { raw in b.withCLFUnescaped(raw) { b2, u in b2.setUserAgent(u) } }
    }
    #expect(s.string(e.userAgent) == #"Mozilla "quoted" \ \x41"#)
  }

  /// Methods, versions and user agents compared with the previous line's still give each value
  /// its own symbol, whatever the order of repeats and changes.
  @Test func repeatedFieldsKeepTheirSymbols() {
    let symbols = SymbolTable()
    var b = EventBuilder(symbols: symbols)
    let lines = [
      ("GET / HTTP/1.1", "curl/8.0"), ("GET /a HTTP/1.1", "curl/8.0"), ("POST /a HTTP/1.0", "curl/8.1"),
      ("GET /b HTTP/1.1", "curl/8.0"), ("PUT /c HTTP/2.0", "-"), ("PUT /c HTTP/2.0", "curl/8.0"),
    ]
    for (request, agent) in lines {
      b.reset(inputIndex: 0, lineNumber: 1)
      with(request) { _ = b.setRequestLine($0) }
      with(agent) { b.setUserAgent($0) }
      let parts = request.split(separator: " ")
      #expect(b.event.method == symbols.intern(String(parts[0])), "\(request)")
      #expect(b.event.httpVersion == symbols.intern(String(parts[2])), "\(request)")
      #expect(b.event.userAgent == (agent == "-" ? .none : symbols.intern(agent)), "\(agent)")
    }
  }

  /// An unknown version seen again is still flagged, and a known one after it is not.
  @Test func repeatedUnknownVersionStaysFlagged() {
    let symbols = SymbolTable()
    var b = EventBuilder(symbols: symbols)
    for (request, valid) in [("GET / HTTP/1.1", true), ("GET / HTTP/9.9", false), ("GET / HTTP/9.9", false), ("GET / HTTP/1.1", true), ("GET / HTTP/1.1", true)] {
      b.reset(inputIndex: 0, lineNumber: 1)
      let ok = with(request) { b.setRequestLine($0) }
      #expect(ok == valid, "\(request)")
      #expect(b.event.flags.contains(.invalidRequestLine) == !valid, "\(request)")
    }
  }

  /// Client addresses and users compared with the previous line's keep their own symbols.
  @Test func repeatedClientsAndUsersKeepTheirSymbols() {
    let symbols = SymbolTable()
    var b = EventBuilder(symbols: symbols)
    let values = [("10.0.0.1", "alice"), ("10.0.0.1", "alice"), ("10.0.0.2", "bob"), ("10.0.0.1", "-"), ("-", "alice"), ("10.0.0.2", "bob")]
    for (ip, user) in values {
      b.reset(inputIndex: 0, lineNumber: 1)
      with(ip) { b.setClientIP($0) }
      with(user) { b.setUser($0) }
      #expect(b.event.clientIP == (ip == "-" ? .none : symbols.intern(ip)), "\(ip)")
      #expect(b.event.user == (user == "-" ? .none : symbols.intern(user)), "\(user)")
    }
  }
}
