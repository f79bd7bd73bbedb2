// Parsing/Structured/ZeekHTTPLineParser.swift - Zeek (Bro) http.log in its TSV form.

/// Parses Zeek/Bro `http.log` files written in the default TSV format.
///
/// The header directives are honoured: `#separator` (escaped, `\x09`), `#fields`,
/// `#empty_field` (`(empty)`) and `#unset_field` (`-`); `#types`, `#set_separator`, `#path`,
/// `#open` and `#close` are skipped. Columns: `ts` (epoch seconds with fraction) → time,
/// `id.orig_h` → client, `method`, `host`, `uri`, `referrer`, `version` (`1.1` becomes
/// `HTTP/1.1`), `user_agent`, `status_code`, `response_body_len`, `username`. The
/// `password` column is never copied; other set columns are extras (at most ``maxExtras``).
/// Values are kept as logged (Zeek's `\xNN` escapes stay text).
///
/// Data before `#fields`, lines whose column count differs from `#fields`, and a `#fields`
/// layout with neither `method` nor `uri` (another Zeek log such as `conn.log`) are rejected.
public struct ZeekHTTPLineParser: LineParser {
  /// Most extra columns kept per event.
  public let maxExtras: Int

  private enum Role { case time, clientIP, method, host, uri, referer, version, userAgent, status, bytes, user, drop, extra }

  private var separator: UInt8 = .tab
  private var emptyField: [UInt8] = Array("(empty)".utf8)
  private var unsetField: [UInt8] = [.minus]
  private var roles: [Role] = []
  private var names: [Symbol] = []
  private var isHTTP = false
  private var versionScratch: [UInt8] = Array("HTTP/".utf8)

  /// - Parameter maxExtras: most extra columns kept per event.
  public init(maxExtras: Int = 16) { self.maxExtras = maxExtras }

  public mutating func parse(_ line0: UnsafeRawBufferPointer, into builder: inout EventBuilder) -> LineOutcome {
    var line = StructuredValues.droppingBOM(line0)
    if let last = line.last, last == .cr { line = line.slice(0, line.count - 1) }
    if line.isEmpty { return .skipped("blank line") }
    if line[0] == .hash { return directive(line, symbols: builder.symbols) }
    guard !roles.isEmpty else { return .rejected("no #fields directive before data") }
    guard isHTTP else { return .rejected("zeek #fields has no method or uri column (not an http.log)") }
    let n = line.count
    var i = 0
    var column = 0
    var hasTime = false
    var kept = 0
    while i <= n {
      let e = line.firstIndex(of: separator, from: i) ?? n
      let raw = line.slice(i, e)
      i = e + 1
      guard column < roles.count else {
        return .rejected("line has more columns than the \(roles.count) listed in #fields")
      }
      let role = roles[column]
      let name = names[column]
      column += 1
      if isAbsent(raw) { continue }
      switch role {
      case .time:
        guard let t = StructuredValues.time(raw) else { return .rejected("ts '\(TextDecoding.string(raw))' is not an epoch time") }
        builder.setTime(t)
        hasTime = true
      case .clientIP: builder.setClientIP(raw)
      case .method: builder.setMethod(raw)
      case .host: builder.setHost(raw)
      case .uri: builder.setTarget(raw)
      case .referer: builder.setReferer(raw)
      case .version:
        versionScratch.removeLast(versionScratch.count - 5)
        versionScratch.append(contentsOf: raw)
        let v = versionScratch
        v.withUnsafeBytes { builder.setHTTPVersion($0) }
      case .userAgent: builder.setUserAgent(raw)
      case .status:
        guard builder.setStatus(raw) else { return .rejected("status_code '\(TextDecoding.string(raw))' is not a number") }
      case .bytes:
        guard builder.setResponseBytes(raw) else { return .rejected("response_body_len '\(TextDecoding.string(raw))' is not a number") }
      case .user: builder.setUser(raw)
      case .drop: break
      case .extra:
        if kept < maxExtras {
          kept += 1
          builder.addExtra(name: name, value: raw)
        }
      }
    }
    guard column == roles.count else { return .rejected("line has \(column) columns but #fields lists \(roles.count)") }
    guard hasTime else { return .rejected("ts is unset") }
    return .event
  }

  @inline(__always)
  private func isAbsent(_ v: UnsafeRawBufferPointer) -> Bool {
    v.isEmpty || ZeekHTTPLineParser.same(v, unsetField) || ZeekHTTPLineParser.same(v, emptyField)
  }

  private static func same(_ v: UnsafeRawBufferPointer, _ a: [UInt8]) -> Bool {
    guard v.count == a.count else { return false }
    for k in 0..<a.count where v[k] != a[k] { return false }
    return true
  }

  // MARK: - Directives

  private mutating func directive(_ line: UnsafeRawBufferPointer, symbols: SymbolTable) -> LineOutcome {
    if line.hasPrefix("#separator ") {
      let v = ZeekHTTPLineParser.decodeEscapes(line.slice(11, line.count))
      guard v.count == 1 else { return .rejected("#separator '\(TextDecoding.string(line.slice(11, line.count)))' is not one byte") }
      separator = v[0]
      return .skipped("zeek #separator directive")
    }
    let nameEnd = line.firstIndex(of: separator, from: 0) ?? line.count
    let name = line.slice(1, nameEnd)
    let value = nameEnd < line.count ? line.slice(nameEnd + 1, line.count) : line.slice(line.count, line.count)
    if name.equals("fields") {
      roles.removeAll()
      names.removeAll()
      var i = 0
      while i <= value.count {
        let e = value.firstIndex(of: separator, from: i) ?? value.count
        let f = value.slice(i, e)
        roles.append(ZeekHTTPLineParser.role(f))
        names.append(symbols.intern(f))
        i = e + 1
      }
      isHTTP = roles.contains { $0 == .method || $0 == .uri }
      return .skipped("zeek #fields directive")
    } else if name.equals("empty_field") {
      emptyField = ZeekHTTPLineParser.decodeEscapes(value)
    } else if name.equals("unset_field") {
      unsetField = ZeekHTTPLineParser.decodeEscapes(value)
    }
    return .skipped("zeek directive")
  }

  private static func role(_ f: UnsafeRawBufferPointer) -> Role {
    if f.equals("ts") { return .time }
    if f.equals("id.orig_h") { return .clientIP }
    if f.equals("method") { return .method }
    if f.equals("host") { return .host }
    if f.equals("uri") { return .uri }
    if f.equals("referrer") { return .referer }
    if f.equals("version") { return .version }
    if f.equals("user_agent") { return .userAgent }
    if f.equals("status_code") { return .status }
    if f.equals("response_body_len") { return .bytes }
    if f.equals("username") { return .user }
    if StructuredValues.isSensitiveName(f) { return .drop }
    return .extra
  }

  /// Resolves `\xNN` escapes (header values only).
  static func decodeEscapes(_ v: UnsafeRawBufferPointer) -> [UInt8] {
    var out: [UInt8] = []
    var k = 0
    while k < v.count {
      if v[k] == .backslash, k + 3 < v.count, v[k + 1] == UInt8(ascii: "x"),
        let h = PercentDecoding.hexValue(v[k + 2]), let l = PercentDecoding.hexValue(v[k + 3])
      {
        out.append(h << 4 | l)
        k += 4
      } else {
        out.append(v[k])
        k += 1
      }
    }
    return out
  }
}
