// HostileWorld.swift - a small incident whose attacker strings carry injection markers, for end-to-end tests.

import Foundation

/// Writes a realistic incident (20 practice users reading records, three enumerations)
/// whose attacker-controlled fields carry terminal escapes, HTML/JS injection, quotes,
/// backslashes, NUL bytes, invalid UTF-8 and secrets, so that findings, sessions, the
/// timeline and the evidence report all contain attacker strings.
///
/// - `hostile.log` (combined): attacker A (`203.0.113.66`, user `<script>x</script>`, an
///   ANSI-coloured user agent with `"><img onerror>` and `<script>`, a `javascript:` referer,
///   a stolen `access_token`); attacker B (`198.51.100.7`, invalid UTF-8 and a NUL in its
///   user agent, an injected query parameter name, an `apikey`); a garbage line with a
///   screen-clearing escape, a password and a bearer token.
/// - `hostile.json` (JSON lines): attacker C (`192.0.2.9`, user with a quote, a backslash
///   and a NUL, user agent with `\u0000`, ESC and `<script>`, a `token`); a rejected line
///   holding a JSON-style secret.
struct HostileWorld {
  /// Secret values that must never appear in clear in any output.
  static let secrets = [
    "SUPERSECRET-A1", "KEYSECRET-B2", "HUNTER2-SECRET-C3", "BEARERSECRETD4xyz", "JSONSECRET-E5", "JSONREJECTSECRET-F6",
  ]
  /// The attackers' user names as the report shows them (control bytes as `\xNN` text).
  static let userA = "<script>x</script>"
  static let userC = "q\"uo\\te\\x00nul"
  static let start: Int = 1_772_500_000  // 2026-03-03T01:06:40Z

  let directory: URL
  var logPath: String { directory.appendingPathComponent("hostile.log").path }
  var jsonPath: String { directory.appendingPathComponent("hostile.json").path }

  /// Writes both files into a new temporary directory.
  static func make() throws -> HostileWorld {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let w = HostileWorld(directory: dir)
    try w.combinedLog().write(to: URL(fileURLWithPath: w.logPath))
    try w.jsonLog().write(to: URL(fileURLWithPath: w.jsonPath))
    return w
  }

  func remove() { try? FileManager.default.removeItem(at: directory) }

  static func clf(_ t: Int) -> String {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(identifier: "UTC")
    f.dateFormat = "dd/MMM/yyyy:HH:mm:ss"
    return f.string(from: Date(timeIntervalSince1970: TimeInterval(t))) + " +0000"
  }

  static func iso(_ t: Int) -> String {
    let f = ISO8601DateFormatter()
    f.timeZone = TimeZone(identifier: "UTC")
    return f.string(from: Date(timeIntervalSince1970: TimeInterval(t)))
  }

  func combinedLog() -> Data {
    let esc = "\u{1B}"
    let uaA = "Mozilla/5.0 \(esc)[31mRED\(esc)[0m \\\"><img src=x onerror=alert(1)><script>alert(\\\"ua\\\")</script>\r"
    var lines: [(Int, [UInt8])] = []
    var seed: UInt64 = 42
    func next() -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(seed >> 33)
    }
    let agents = ["Mozilla/5.0 (Windows NT 10.0) Chrome/120", "Mozilla/5.0 (Macintosh) Safari/17"]
    for i in 0..<2000 {
      let t = HostileWorld.start + i * 20
      let line = "10.0.0.\(i % 20 + 1) - dr\(i % 20) [\(HostileWorld.clf(t))] \"GET /api/v1/patients/\(next() % 5000 + 1) HTTP/1.1\" 200 \(900 + next() % 300) \"https://app.example/\" \"\(agents[i % 2])\""
      lines.append((t, Array(line.utf8)))
    }
    for i in 0..<600 {
      let t = HostileWorld.start + 3600 + i
      let line = "203.0.113.66 - \(HostileWorld.userA) [\(HostileWorld.clf(t))] \"GET /api/v1/patients/\(1000 + i)?access_token=SUPERSECRET-A1&x=1 HTTP/1.1\" 200 1100 \"javascript:alert(document.cookie)\" \"\(uaA)\""
      lines.append((t, Array(line.utf8)))
    }
    for i in 0..<400 {
      let t = HostileWorld.start + 7200 + i
      var line = Array("198.51.100.7 - - [\(HostileWorld.clf(t))] \"GET /api/v1/patients/\(3000 + i)?%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E=1&apikey=KEYSECRET-B2 HTTP/1.1\" 200 900 \"-\" \"curl/8.0 ".utf8)
      line += [0xFF, 0xFE] + Array(" bad utf8 ".utf8) + [0x00] + Array("nul\"".utf8)
      lines.append((t, line))
    }
    lines.sort { $0.0 < $1.0 }
    var out = Data()
    for (_, l) in lines {
      out.append(contentsOf: l)
      out.append(0x0A)
    }
    out.append(contentsOf: Array("garbage line with \(esc)[2J escape and <script>alert(2)</script> password=HUNTER2-SECRET-C3 Authorization: Bearer BEARERSECRETD4xyz\n".utf8))
    return out
  }

  func jsonLog() -> Data {
    var out = ""
    for i in 0..<300 {
      let t = HostileWorld.start + 9000 + i
      out += #"{"time":"\#(HostileWorld.iso(t))","remote_addr":"192.0.2.9","remote_user":"q\"uo\\te\u0000nul","request_method":"GET","request_uri":"/api/v1/patients/\#(6000 + i)?token=JSONSECRET-E5","status":200,"body_bytes_sent":1000,"http_user_agent":"json\"ua\\\u0000\u001b[1m<script>alert(3)</script>","http_referer":"javascript:alert(4)"}"#
      out += "\n"
    }
    out += #"{"remote_addr":"192.0.2.10","request_uri":"/login","status":"oops","token":"JSONREJECTSECRET-F6","note":"\u001b]0;owned\u0007"}"#
    out += "\n"
    return Data(out.utf8)
  }
}
