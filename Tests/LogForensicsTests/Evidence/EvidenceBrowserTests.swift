// Evidence/EvidenceBrowserTests.swift - the HTML rendered by headless Chromium to PDF, read back with pdftotext.

import Foundation
import Testing

@testable import LogForensics

/// Runs external programs with a hard timeout (a hung browser must not hang the test run).
enum ExternalTool {
  static func find(_ names: [String]) -> String? {
    let dirs =
      (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init) + [
        "/usr/bin", "/usr/local/bin",
      ]
    for n in names {
      for d in dirs where FileManager.default.isExecutableFile(atPath: d + "/" + n) { return d + "/" + n }
    }
    return nil
  }

  static var chromium: String? { find(["chromium", "chromium-browser", "google-chrome"]) }

  /// Runs `path args` with stdout to `stdoutFile`; returns the exit status, or nil after `timeout` s (process killed).
  static func run(_ path: String, _ args: [String], stdoutFile: URL, timeout: TimeInterval = 90) throws -> Int32? {
    try #require(FileManager.default.createFile(atPath: stdoutFile.path, contents: nil), "cannot create \(stdoutFile.path)")
    let out = try FileHandle(forWritingTo: stdoutFile)
    defer { try? out.close() }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = args
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    p.standardInput = FileHandle.nullDevice
    let done = DispatchSemaphore(value: 0)
    p.terminationHandler = { _ in done.signal() }
    try p.run()
    if done.wait(timeout: .now() + timeout) == .timedOut {
      kill(p.processIdentifier, SIGKILL)
      _ = done.wait(timeout: .now() + 5)
      return nil
    }
    return p.terminationStatus
  }

  static func chromiumArgs(_ profile: URL) -> [String] {
    [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
      "--disable-extensions",
      "--user-data-dir=\(profile.path)", "--virtual-time-budget=2000",
    ]
  }
}

@Suite(.serialized) struct EvidenceBrowserTests {
  static let title = "Rapport de preuves — violation de données personnelles (API de données patients)"

  func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-browser-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  @Test(.enabled(if: ExternalTool.chromium != nil, "chromium is not installed (Debian package 'chromium')"))
  func pdfCarriesKeyFiguresAndInjectedScriptsStayText() throws {
    let chromium = try #require(ExternalTool.chromium)
    let pdftotext = try #require(
      ExternalTool.find(["pdftotext"]), "pdftotext (poppler-utils) is needed next to chromium")
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let report = try EvidenceFixtures.injectedReport()
    var inputs = EvidenceInputs(report: report)
    inputs.caseFile = try EvidenceFixtures.sampleCase()
    let html = HTMLRenderer.render(EvidenceBuilder(inputs, language: .fr).build())
    let htmlURL = dir.appendingPathComponent("evidence.html")
    try html.write(to: htmlURL, atomically: true, encoding: .utf8)

    // The DOM after loading: the title is unchanged and the script is text, not an element.
    let dom = dir.appendingPathComponent("dom.html")
    let s1 = try ExternalTool.run(
      chromium, ExternalTool.chromiumArgs(dir.appendingPathComponent("p1")) + ["--dump-dom", htmlURL.absoluteString],
      stdoutFile: dom)
    #expect(s1 == 0, "chromium --dump-dom timed out or failed")
    let dumped = try String(contentsOf: dom, encoding: .utf8)
    #expect(dumped.contains("<title>\(Self.title)</title>"))
    #expect(!dumped.contains("PWNED</title>"))
    #expect(dumped.contains("&lt;script&gt;document.title='PWNED'&lt;/script&gt;"))
    #expect(!dumped.contains("<script"))
    #expect(!dumped.contains("<img"))

    // The PDF: key figures are there as text.
    let pdf = dir.appendingPathComponent("evidence.pdf")
    let s2 = try ExternalTool.run(
      chromium,
      ExternalTool.chromiumArgs(dir.appendingPathComponent("p2")) + [
        "--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", htmlURL.absoluteString,
      ],
      stdoutFile: dir.appendingPathComponent("print.log"))
    #expect(s2 == 0, "chromium --print-to-pdf timed out or failed")
    let txt = dir.appendingPathComponent("evidence.txt")
    let s3 = try ExternalTool.run(
      pdftotext, [pdf.path, txt.path], stdoutFile: dir.appendingPathComponent("pdftotext.log"), timeout: 30)
    #expect(s3 == 0)
    let text = try String(contentsOf: txt, encoding: .utf8)
    let squeezed = text.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(String.init)
      .joined()
    #expect(text.contains("2026-03-03 01:12:04 UTC"), "first malicious event")
    #expect(text.contains("2026-03-04 11:17:38 UTC"), "last malicious event")
    #expect(text.contains("3479"), "exposure bounds")
    #expect(squeezed.contains("Bornebasse") && squeezed.contains("Bornehaute"))
    for input in report.inputs {
      let hash = try #require(input.sha256)
      #expect(squeezed.contains(hash), "input hash of \(input.path)")
    }
    #expect(squeezed.contains("<script>document.title='PWNED'</script>"), "the injected user agent is printed as text")
    #expect(text.contains("VERSION DÉFINITIVE"))
  }

  @Test(.enabled(if: ExternalTool.chromium != nil, "chromium is not installed (Debian package 'chromium')"))
  func harnessDetectsAScriptThatDoesRun() throws {
    // Control: an unescaped script without CSP does change the title, so the check above can fail.
    let chromium = try #require(ExternalTool.chromium)
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let page = dir.appendingPathComponent("unsafe.html")
    try "<!DOCTYPE html><html><head><title>T</title></head><body><script>document.title='PWNED'</script></body></html>"
      .write(to: page, atomically: true, encoding: .utf8)
    let dom = dir.appendingPathComponent("dom.html")
    let s = try ExternalTool.run(
      chromium, ExternalTool.chromiumArgs(dir.appendingPathComponent("p")) + ["--dump-dom", page.absoluteString],
      stdoutFile: dom)
    #expect(s == 0)
    #expect(try String(contentsOf: dom, encoding: .utf8).contains("<title>PWNED</title>"))
  }
}
