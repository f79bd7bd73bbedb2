// EvidenceCommandTests.swift - `forensics report`, `forensics case`, `analyze --report/--annex/--timesketch`.

import Foundation
import Testing

@Suite(.serialized) struct EvidenceCommandTests {
  func tmp() throws -> URL {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent("forensics-evidence-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
    return d
  }

  @Test func analyzeWritesEveryOutputAndTheManifest() throws {
    let d = try tmp()
    defer { try? FileManager.default.removeItem(at: d) }
    let p = { (n: String) in d.appendingPathComponent(n).path }
    let r = try CLI.run([
      "analyze", "SampleLogs/", "-q", "--json", p("r.json"), "--report", p("r.md"), "--report-format", "md", "--lang",
      "en",
      "--timesketch", p("ts.jsonl"), "--annex", p("annex.csv"),
    ])
    #expect(r.status == 3)
    #expect(r.stderr.contains("annex key (HMAC-SHA256; printed once"))
    let manifest = try String(contentsOfFile: p("r.md.sha256"), encoding: .utf8)
    for name in ["r.json", "annex.csv", "ts.jsonl", "r.md"] { #expect(manifest.contains("  " + p(name) + "\n")) }
    let md = try String(contentsOfFile: p("r.md"), encoding: .utf8)
    #expect(md.hasPrefix("**DRAFT — fields to be completed**"))
    #expect(md.contains("| Protection | pseudonymised: HMAC-SHA256 with a key not stored in any output |"))
    #expect(md.contains("Id space taken: /api/v1/patients/{id}"))
    let annex = try String(contentsOfFile: p("annex.csv"), encoding: .utf8)
    #expect(annex.contains("\n/api/v1/patients/{id},certain,"))
  }

  @Test func reportRerendersFromJSONAndRejectsBadCaseFilesWithTheLine() throws {
    let d = try tmp()
    defer { try? FileManager.default.removeItem(at: d) }
    let p = { (n: String) in d.appendingPathComponent(n).path }
    _ = try CLI.run(["analyze", "SampleLogs/", "-q", "--json", p("r.json")])
    let ok = try CLI.run(["report", p("r.json"), "-o", p("e.html")])
    #expect(ok.status == 0)
    let html = try String(contentsOfFile: p("e.html"), encoding: .utf8)
    #expect(html.contains("<html lang=\"fr\">"))
    #expect(html.contains("PROJET"))
    try "reference: X\ncontroller:\n  nom: Y\n".write(toFile: p("bad.yaml"), atomically: true, encoding: .utf8)
    let bad = try CLI.run(["report", p("r.json"), "--case", p("bad.yaml"), "-o", p("e2.html")])
    #expect(bad.status == 1)
    #expect(bad.stderr.contains("bad.yaml:3: unknown key 'controller.nom'"))
    #expect(!FileManager.default.fileExists(atPath: p("e2.html")))
    let annex = try CLI.run(["report", p("r.json"), "-o", p("e3.html"), "--annex", p("a.csv")])
    #expect(annex.status == 1)
  }

  @Test func caseInitWritesATemplateThatCaseCheckReadsAsIncomplete() throws {
    let d = try tmp()
    defer { try? FileManager.default.removeItem(at: d) }
    let path = d.appendingPathComponent("case.yaml").path
    #expect(try CLI.run(["case", "init", "-o", path]).status == 0)
    #expect(try String(contentsOfFile: path, encoding: .utf8).contains("reference:"))
    #expect(try CLI.run(["case", "init", "-o", path]).status == 1)  // no overwrite without --force
    let check = try CLI.run(["case", "check", path])
    #expect(check.status == 1)
    #expect(check.stdout.contains("required field(s) still missing"))
    #expect(check.stdout.contains("  controller.siren\n"))
  }
}
