// Evidence/EvidenceGoldenTests.swift - golden Markdown and HTML structure of the SampleLogs incident, FR and EN.

import Foundation
import Testing

@testable import LogForensics

@Suite struct EvidenceGoldenTests {
  static func document(_ language: ReportLanguage) throws -> EvidenceDocument {
    EvidenceBuilder(try EvidenceFixtures.sampleInputs(withCase: true), language: language).build()
  }

  @Test(arguments: ReportLanguage.allCases)
  func markdownGolden(language: ReportLanguage) throws {
    let md = MarkdownRenderer.render(try Self.document(language))
    try Golden.assertMatches(md, named: "evidence-sample-\(language.rawValue).md")
  }

  @Test(arguments: ReportLanguage.allCases)
  func htmlStructureGolden(language: ReportLanguage) throws {
    let html = HTMLRenderer.render(try Self.document(language))
    try Golden.assertMatches(Self.outline(html), named: "evidence-sample-\(language.rawValue).html-outline.txt")
  }

  @Test func htmlIsSelfContainedAndScriptFree() throws {
    let html = HTMLRenderer.render(try Self.document(.fr))
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">"))
    #expect(!html.lowercased().contains("<script"))
    #expect(
      !html.contains("http://")
        || html.components(separatedBy: "http://").count - 1 == html.components(
          separatedBy: "xmlns=\"http://www.w3.org/2000/svg\""
        ).count - 1)
    #expect(!html.contains("https://"))
    #expect(!html.contains(" on") || !html.contains("onerror=") && !html.contains("onload="))
    #expect(html.contains("@page { size: A4;"))
    #expect(html.components(separatedBy: "<svg ").count - 1 == 3)
  }

  /// The tag skeleton: title, status, then per section its id, heading and counts of blocks,
  /// plus every chart's title and axis labels (figures live in the Markdown golden).
  static func outline(_ html: String) -> String {
    var out = ""
    out += "title: " + between(html, "<title>", "</title>") + "\n"
    out += "status: " + between(between(html, "<p class=\"status", "</p>") + "</p>", "\">", "</p>") + "\n"
    out += "toc entries: \(count(between(html, "<nav>", "</nav>"), "<li>"))\n"
    for part in html.components(separatedBy: "<section id=\"").dropFirst() {
      let id = String(part.prefix { $0 != "\"" })
      let body = part.components(separatedBy: "</section>").first ?? ""
      out += "section \(id): \(between(body, "<h2>", "</h2>"))\n"
      out +=
        "  tables \(count(body, "<table")), rows \(count(body, "<tr>")), facts \(count(body, "<table class=\"facts\">")), lists \(count(body, "<ul>")), items \(count(body, "<li>")), notes \(count(body, "class=\"note\"")), missing \(count(body, "class=\"missing\"")), hashes \(count(body, "<code class=\"hash\">"))\n"
      for fig in body.components(separatedBy: "<figure>").dropFirst() {
        out += "  figure: \(between(fig, "<strong>", "</strong>"))\n"
        let texts = fig.components(separatedBy: "text-anchor=\"middle\"").count - 1
        out += "    svg paths \(count(fig, "<path ")), rects \(count(fig, "<rect ")), centred labels \(texts)\n"
      }
    }
    return out
  }

  static func between(_ s: String, _ a: String, _ b: String) -> String {
    guard let r = s.range(of: a) else { return "" }
    let rest = s[r.upperBound...]
    guard let e = rest.range(of: b) else { return "" }
    return String(rest[..<e.lowerBound])
  }

  static func count(_ s: String, _ needle: String) -> Int { s.components(separatedBy: needle).count - 1 }
}
