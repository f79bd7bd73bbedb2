// Evidence/EvidenceRenderingTests.swift - escaping, draft status, sections, figures, changes table.

import Foundation
import Testing

@testable import LogForensics

@Suite struct EvidenceRenderingTests {
  @Test func attackerStringsAreTextInHTMLAndMarkdown() throws {
    var inputs = EvidenceInputs(report: try EvidenceFixtures.injectedReport())
    inputs.caseFile = try EvidenceFixtures.sampleCase()
    let doc = EvidenceBuilder(inputs, language: .fr).build()
    let html = HTMLRenderer.render(doc)
    #expect(!html.contains("<script"))
    #expect(!html.contains("<img"))
    #expect(!html.contains("<b>evil"))
    #expect(html.contains("&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;"))
    #expect(html.contains("&quot;&gt;&lt;img src=x onerror=&quot;document.title=&#39;PWNED&#39;&quot;&gt;"))
    #expect(html.contains("SampleLogs/&lt;b&gt;evil&lt;/b&gt;.log"))
    #expect(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\""))
    let md = MarkdownRenderer.render(doc)
    #expect(md.contains(#"\<script\>document.title='PWNED'\</script\>"#))
    #expect(md.contains(#""\>\<img src=x onerror="document.title='PWNED'"\>"#))
    // Every '<' of the Markdown is backslash-escaped.
    let chars = Array(md.unicodeScalars)
    for (i, c) in chars.enumerated() where c == "<" { #expect(i > 0 && chars[i - 1] == "\\") }
  }

  @Test func htmlEscapesEveryMetacharacter() {
    #expect(HTMLText.escape(#"a<b>&"c"'d"#) == "a&lt;b&gt;&amp;&quot;c&quot;&#39;d")
    #expect(HTMLText.escape("x\u{1B}[2Jy") == "x\u{FFFD}[2Jy")
    #expect(HTMLText.escape("evil\u{202E}gpj.exe") == "evil[U+202E]gpj.exe")
    #expect(MarkdownRenderer.escape("evil\u{202E}gpj") == "evil[U+202E]gpj")
    #expect(MarkdownRenderer.escape("a|b*c_[d](e)\nf") == #"a\|b\*c\_\[d\](e) f"#)
  }

  @Test func withoutCaseFileTheReportIsADraftWithMarkers() throws {
    let doc = EvidenceBuilder(try EvidenceFixtures.sampleInputs(withCase: false), language: .fr).build()
    #expect(doc.isDraft)
    #expect(doc.status == "PROJET — champs à compléter")
    let html = HTMLRenderer.render(doc)
    #expect(html.contains("<p class=\"status draft\">PROJET — champs à compléter</p>"))
    #expect(html.contains("<span class=\"missing\">À COMPLÉTER</span>"))
    let en = MarkdownRenderer.render(
      EvidenceBuilder(try EvidenceFixtures.sampleInputs(withCase: false), language: .en).build())
    #expect(en.hasPrefix("**DRAFT — fields to be completed**"))
    #expect(en.contains("| Controller (legal name) | TO BE COMPLETED |"))
    #expect(en.contains("- controller.siren\n"))
  }

  @Test func completeCaseFileMakesTheReportFinal() throws {
    let doc = EvidenceBuilder(try EvidenceFixtures.sampleInputs(withCase: true), language: .en).build()
    #expect(!doc.isDraft)
    #expect(doc.status == "FINAL — every required field filled")
    let md = MarkdownRenderer.render(doc)
    #expect(!md.contains("TO BE COMPLETED"))
    #expect(
      md.contains("| 72-hour deadline | 2026-03-07 14:30:00 UTC — 2026-03-07 15:30:00 (UTC+01:00) Paris time |")
        || md.contains("| 72-hour deadline | 2026-03-07 14:30:00 UTC — 2026-03-07 15:30:00 (UTC+01:00) Paris time |"))
  }

  @Test func sectionsFollowTheNotificationOrder() throws {
    let doc = EvidenceBuilder(try EvidenceFixtures.sampleInputs(withCase: true), language: .fr).build()
    #expect(
      doc.sections.map(\.id) == [
        "control", "controller", "timeline", "nature", "records", "actors", "consequences", "integrity", "time",
        "coverage",
        "methodology", "annex-timeline", "annex-records",
      ])
    #expect(doc.sections[2].title == "3. Chronologie et délais")
    #expect(doc.sections[12].title == "Annexe B (diffusion restreinte) — Enregistrements concernés")
  }

  @Test func keyFiguresOfTheSampleIncident() throws {
    let md = MarkdownRenderer.render(
      EvidenceBuilder(try EvidenceFixtures.sampleInputs(withCase: true), language: .en).build())
    // First and last malicious events (F001 start, F002 end), UTC and Paris.
    #expect(
      md.contains(
        "| Breach start (first malicious event) | 2026-03-03 01:12:04 UTC — 2026-03-03 02:12:04 (UTC+01:00) Paris time \\[F001, SampleLogs/api-1/patient-api.log.1.gz:18\\] |"
      ))
    #expect(
      md.contains(
        "| Breach end (last malicious event) | 2026-03-04 11:17:38 UTC — 2026-03-04 12:17:38 (UTC+01:00) Paris time"))
    // Exposure funnel row: low / central / high / qualifier.
    #expect(md.contains("| 3479 | 3479 | 3479 | exact |"))
    // Custody check against the analysed hash.
    #expect(md.contains("| patient-api.log.2.gz | api-1 | Paul Durand |"))
    #expect(md.contains("| match |"))
    #expect(md.contains("MISMATCH (analysed: 8fb824848d21"))
    // Category mapping from the case file.
    #expect(md.contains("Records containing: NIR / INS"))
    #expect(md.contains("health data (GDPR Art. 9; recital 35); NIR / INS (Art. 30 French Data Protection Act)"))
  }

  @Test func changesSincePreviousReport() throws {
    var inputs = try EvidenceFixtures.sampleInputs(withCase: true)
    var previous = inputs.report
    previous.findings.removeLast()
    previous.summary.findings -= 1
    previous.summary.exposure.records = RecordBounds(estimate: 3417, low: 3417, high: 3417)
    previous.inputs.removeLast()
    inputs.previous = previous
    inputs.previousSHA256 = "ab" + String(repeating: "0", count: 62)
    let md = MarkdownRenderer.render(EvidenceBuilder(inputs, language: .en).build())
    #expect(md.contains("| SHA-256 of the previous report | ab000000"))
    #expect(md.contains("| Findings | 2 | 3 | +1 |"))
    #expect(md.contains("| Records exposed — low | 3417 | 3479 | +62 |"))
    #expect(md.contains("| New findings | F003 identifier probing (2026-03-03 02:40:02 UTC) |"))
    #expect(md.contains("new: SampleLogs/misc/zeek-http.log"))
  }
}

@Suite struct EvidencePipelineInjectionTests {
  /// A user agent logged by the server goes through parsing, sessions and the evidence report
  /// and comes out as text.
  @Test func loggedScriptUserAgentIsEscapedEndToEnd() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-inject-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let ua = "<script>document.title='PWNED'</script><img src=x onerror=alert(1)>"
    var log = ""
    for i in 0..<3 {
      log +=
        "10.0.0.9 - - [04/Mar/2026:10:00:0\(i) +0000] \"GET /api/v1/patients/10\(i) HTTP/1.1\" 200 512 \"-\" \"\(ua)\"\n"
    }
    let file = dir.appendingPathComponent("access.log")
    try log.write(to: file, atomically: true, encoding: .utf8)
    var config = AnalysisConfiguration(paths: [file.path])
    config.analysis.allSessions = true
    let report = Analyzer.run(config).report
    #expect(report.inputs.first?.parsed == 3)
    let actor = try #require(report.sessions.first?.actor)
    #expect(actor.contains(ua))
    let html = HTMLRenderer.render(EvidenceBuilder(EvidenceInputs(report: report), language: .en).build())
    #expect(!html.contains("<script"))
    #expect(!html.contains("<img"))
    #expect(html.contains(HTMLText.escape(actor)))
    #expect(
      HTMLText.escape(actor).contains(
        "&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"))
  }
}
