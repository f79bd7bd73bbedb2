// HostileContentTests.swift - attacker strings through `analyze` with every output: neutralised, escaped, redacted.

import Foundation
import LogForensics
import Testing

@testable import forensics_cli

@Suite(.serialized) struct HostileContentTests {
  /// Every output of two runs (HTML report in French, Markdown in English), plus stdout/stderr.
  struct Outputs {
    var files: [String: Data] = [:]
  }

  static func runAll(_ w: HostileWorld) throws -> (Outputs, RunResult, RunResult) {
    let d = w.directory.path
    let first = try CLI.run([
      "analyze", w.logPath, w.jsonPath, "--json", d + "/o.json", "--timeline", d + "/o.txt", "--report", d + "/o.html",
      "--timesketch", d + "/o.jsonl", "--annex", d + "/o.csv", "--manifest", d + "/o.sha256", "--all-sessions", "--no-progress",
    ])
    let second = try CLI.run([
      "analyze", w.logPath, w.jsonPath, "--report", d + "/o.md", "--report-format", "md", "--lang", "en", "--timeline", "-",
      "--all-sessions", "--quiet",
    ])
    var o = Outputs()
    for name in ["o.json", "o.txt", "o.html", "o.jsonl", "o.csv", "o.sha256", "o.md", "o.md.sha256"] {
      o.files[name] = try Data(contentsOf: URL(fileURLWithPath: d + "/" + name))
    }
    o.files["stdout"] = Data(first.stdout.utf8)
    o.files["stderr"] = Data(first.stderr.utf8)
    o.files["stdout-timeline"] = Data(second.stdout.utf8)
    return (o, first, second)
  }

  @Test func noRawMarkerReachesAnyOutput() throws {
    let w = try HostileWorld.make()
    defer { w.remove() }
    let (o, first, second) = try Self.runAll(w)
    #expect(first.status == 3)
    #expect(second.status == 3)
    #expect(o.files.count == 11)
    for (name, data) in o.files {
      #expect(!data.contains(0x1B), "raw ESC in \(name)")
      #expect(!data.contains(0x00), "raw NUL in \(name)")
      #expect(!data.contains(0x0D), "raw CR in \(name)")
      #expect(!data.contains(0x07), "raw BEL in \(name)")
      let text = String(decoding: data, as: UTF8.self)
      #expect(String(data: data, encoding: .utf8) != nil, "\(name) is not valid UTF-8")
      for secret in HostileWorld.secrets {
        #expect(!text.contains(secret), "secret \(secret) in clear in \(name)")
      }
    }
    // HTML: attacker strings are there, but only as text.
    let html = String(decoding: o.files["o.html"]!, as: UTF8.self)
    #expect(html.contains("&lt;script&gt;x&lt;/script&gt;"))
    #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
    #expect(html.range(of: "<script", options: .caseInsensitive) == nil)
    #expect(html.range(of: "<img", options: .caseInsensitive) == nil)
    #expect(!html.contains("=\"javascript:") && !html.contains("='javascript:"))
    #expect(html.contains("Content-Security-Policy"))
    // Markdown: every '<' that comes from a log is backslash-escaped, so no renderer makes it a tag.
    let md = String(decoding: o.files["o.md"]!, as: UTF8.self)
    #expect(md.contains("\\<script\\>x\\</script\\>"))
    for marker in ["<script", "<img", "</script"] {
      var from = md.startIndex
      while let r = md.range(of: marker, range: from..<md.endIndex) {
        #expect(r.lowerBound > md.startIndex && md[md.index(before: r.lowerBound)] == "\\", "unescaped \(marker) in Markdown")
        from = r.upperBound
      }
    }
    // Terminal summary and text timeline: escapes shown as text, attacker names visible.
    let stdout = String(decoding: o.files["stdout"]!, as: UTF8.self)
    #expect(stdout.contains("users \(HostileWorld.userA)"))
    #expect(stdout.contains(HostileWorld.userC))
    #expect(stdout.contains("\\x1B[2J"))
    let timeline = String(decoding: o.files["o.txt"]!, as: UTF8.self)
    #expect(timeline.contains(HostileWorld.userA))
    #expect(o.files["stdout-timeline"] == o.files["o.txt"])
  }

  @Test func jsonOutputsStayValidAndRoundTrip() throws {
    let w = try HostileWorld.make()
    defer { w.remove() }
    let (o, _, _) = try Self.runAll(w)
    let data = o.files["o.json"]!
    #expect(try JSONSerialization.jsonObject(with: data) is [String: Any])
    let report = try JSONReportWriter.decode(data)
    #expect(try JSONReportWriter.encode(report) == data)
    #expect(report.findings.count == 3)
    let users = Set(report.findings.flatMap(\.actors.users))
    #expect(users == [HostileWorld.userA, HostileWorld.userC])
    let agents = report.findings.flatMap(\.actors.userAgents)
    #expect(agents.contains("curl/8.0 \\xFF\\xFE bad utf8 \\x00nul"))
    #expect(agents.contains("json\"ua\\\\x00\\x1B[1m<script>alert(3)</script>"))
    #expect(agents.contains { $0.hasPrefix("Mozilla/5.0 \\x1B[31mRED\\x1B[0m \"><img src=x onerror=alert(1)>") })
    // Secrets appear only as fingerprints, in the parsed requests and in the rejected lines.
    let samples = report.inputs.flatMap(\.rejectedSamples)
    #expect(samples.contains { $0.excerpt.contains("password=[fp:") && $0.excerpt.contains("Bearer [fp:") })
    #expect(samples.contains { $0.excerpt.contains("\"token\":\"[fp:") })
    #expect(report.inputs.map(\.credentialsRedacted).sorted() == [300, 1000])
    // Timesketch: one valid JSON object per line, with the attacker strings intact.
    let lines = String(decoding: o.files["o.jsonl"]!, as: UTF8.self).split(separator: "\n")
    #expect(!lines.isEmpty)
    for l in lines {
      let obj = try JSONSerialization.jsonObject(with: Data(l.utf8)) as? [String: Any]
      #expect(obj?["datetime"] is String)
    }
    // The manifest lists the hash of each file written.
    let manifest = String(decoding: o.files["o.sha256"]!, as: UTF8.self)
    for name in ["o.json", "o.txt", "o.html", "o.jsonl", "o.csv"] {
      #expect(manifest.contains("  \(w.directory.path)/\(name)\n"), "manifest misses \(name)")
    }
  }

  @Test func theAnnexKeyIsNotRecordedWithTheCommandLine() throws {
    let w = try HostileWorld.make()
    defer { w.remove() }
    let d = w.directory.path
    let r = try CLI.run([
      "analyze", w.logPath, "--report", d + "/k.html", "--annex", d + "/k.csv", "--annex-key", "TOPSECRET-HMAC-KEY", "--quiet",
    ])
    #expect(r.status == 3)
    let html = try String(contentsOfFile: d + "/k.html", encoding: .utf8)
    #expect(html.contains("--annex-key [redacted]"))
    for name in ["k.html", "k.csv", "k.html.sha256"] {
      #expect(!(try String(contentsOfFile: d + "/" + name, encoding: .utf8)).contains("TOPSECRET-HMAC-KEY"), "\(name)")
    }
    #expect(CommandLineRecord.text(["forensics", "--annex-key=abc", "x"]) == "forensics --annex-key=[redacted] x")
  }
}
