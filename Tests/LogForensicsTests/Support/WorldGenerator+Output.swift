// Support/WorldGenerator+Output.swift - the world as LogEvents or as combined-format log lines.

@testable import LogForensics

extension WorldGenerator {
  /// A benign world with the given attack cases mixed in.
  static func world(seed: UInt64, cases: [AttackCase], days: Int = 3, practices: Int = 8) -> WorldGenerator {
    var g = WorldGenerator(seed: seed, days: days, practices: practices)
    g.addBenign()
    for c in cases { g.addAttack(c) }
    return g
  }

  /// Requests in log order (time, then generation order).
  var ordered: [WorldRequest] {
    requests.sorted { ($0.time, $0.seq) < ($1.time, $1.seq) }
  }

  /// The requests as events, as the ingestion stage would produce them (credentials
  /// redacted through ``CredentialRedactor``), line numbers 1… in `ordered` order.
  func events(symbols: SymbolTable, inputIndex: Int32 = 0) -> [LogEvent] {
    var builder = EventBuilder(symbols: symbols)
    var out: [LogEvent] = []
    out.reserveCapacity(requests.count)
    for (i, r) in ordered.enumerated() {
      builder.reset(inputIndex: inputIndex, lineNumber: Int64(i + 1))
      builder.setTimestamp(Timestamp(microseconds: r.time))
      var ip = r.ip, ua = r.userAgent, method = r.method, path = r.path
      ip.withUTF8 { builder.setClientIP(UnsafeRawBufferPointer($0)) }
      ua.withUTF8 { builder.setUserAgent(UnsafeRawBufferPointer($0)) }
      method.withUTF8 { builder.setMethod(UnsafeRawBufferPointer($0)) }
      path.withUTF8 { builder.setPath(UnsafeRawBufferPointer($0)) }
      if var q = r.query { q.withUTF8 { builder.setQuery(UnsafeRawBufferPointer($0)) } }
      if var u = r.user { u.withUTF8 { builder.setUser(UnsafeRawBufferPointer($0)) } }
      if var ref = r.referer { ref.withUTF8 { builder.setReferer(UnsafeRawBufferPointer($0)) } }
      builder.setStatus(r.status)
      builder.setResponseBytes(r.bytes)
      builder.finish()
      out.append(builder.event)
    }
    return out
  }

  /// The requests as Apache/nginx combined-format lines (raw secrets in queries, as logged).
  func combinedLog() -> String {
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    func p2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    var out = ""
    for r in ordered {
      let secs = r.time / 1_000_000
      let (y, m, d) = Timestamp.civilFromDays(Int(secs / 86_400))
      let s = Int(secs % 86_400)
      let time = "\(p2(d))/\(months[m - 1])/\(y):\(p2(s / 3600)):\(p2(s % 3600 / 60)):\(p2(s % 60)) +0000"
      let target = r.path + (r.query.map { "?" + $0 } ?? "")
      out += "\(r.ip) - \(r.user ?? "-") [\(time)] \"\(r.method) \(target) HTTP/1.1\" \(r.status) \(r.bytes) \"\(r.referer ?? "-")\" \"\(r.userAgent)\"\n"
    }
    return out
  }

  /// Writes ``combinedLog()`` to `path`.
  func writeCombinedLog(to path: String) throws {
    let text = combinedLog()
    guard let f = fopen(path, "w") else { throw LogForensicsTestError.cannotWrite(path) }
    defer { fclose(f) }
    _ = text.utf8CString.withUnsafeBufferPointer { fputs($0.baseAddress!, f) }
  }

  /// Runs the engine over the world and returns the outcome.
  func analyse(options: AnalysisOptions = AnalysisOptions()) -> AnalysisOutcome {
    let symbols = SymbolTable()
    let engine = AnalysisEngine(options: options, symbols: symbols, inputPaths: ["world.log"])
    for e in events(symbols: symbols) { engine.consume(e) }
    return engine.finish()
  }
}

enum LogForensicsTestError: Error { case cannotWrite(String) }

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
