// Evidence/EvidenceLabelsTests.swift - every label exists in French and English; Paris time.

import Foundation
import Testing

@testable import LogForensics

@Suite struct EvidenceLabelsTests {
  @Test func everyKeyExistsInBothLanguagesOnce() {
    var seen = Set<String>()
    for e in EvidenceLabels.entries {
      #expect(seen.insert(e.key).inserted, "duplicate label key \(e.key)")
      #expect(!e.fr.trimmingCharacters(in: .whitespaces).isEmpty, "\(e.key) has no French text")
      #expect(!e.en.trimmingCharacters(in: .whitespaces).isEmpty, "\(e.key) has no English text")
      #expect(
        e.fr.components(separatedBy: "{").count == e.en.components(separatedBy: "{").count,
        "\(e.key): placeholders differ")
    }
  }

  @Test(arguments: ReportLanguage.allCases)
  func renderedReportsUseOnlyKnownLabels(language: ReportLanguage) throws {
    for withCase in [true, false] {
      let doc = EvidenceBuilder(try EvidenceFixtures.sampleInputs(withCase: withCase), language: language).build()
      let md = MarkdownRenderer.render(doc)
      #expect(
        !md.contains("⟦"),
        "a label key is missing from the table: \(md.components(separatedBy: "⟦").dropFirst().first?.prefix(40) ?? "")")
    }
  }

  @Test func dynamicKeysAreCovered() {
    for k in FindingKind.allCases {
      #expect(EvidenceLabels.table["kind.\(k.rawValue)"] != nil)
      #expect(EvidenceLabels.table["kinddef.\(k.rawValue)"] != nil)
    }
    for s in Severity.allCases { #expect(EvidenceLabels.table["sev.\(s.rawValue)"] != nil) }
    for v in CaseSchema.dataCategories + CaseSchema.subjectCategories { #expect(EvidenceLabels.table["v.\(v)"] != nil) }
    for f in CaseSchema.root {
      if case .choice(let values) = f.type {
        for v in values { #expect(EvidenceLabels.table["v.\(v)"] != nil, "v.\(v)") }
      }
    }
  }

  @Test func parisTimeFollowsTheEUSummerTimeRule() throws {
    // 2026: summer time from Sunday 29 March 01:00 UTC to Sunday 25 October 01:00 UTC.
    let before = try #require(Timestamp(iso8601: "2026-03-29T00:59:59Z"))
    let after = try #require(Timestamp(iso8601: "2026-03-29T01:00:00Z"))
    let endBefore = try #require(Timestamp(iso8601: "2026-10-25T00:59:59Z"))
    let endAfter = try #require(Timestamp(iso8601: "2026-10-25T01:00:00Z"))
    #expect(ParisTime.offsetMinutes(at: before) == 60)
    #expect(ParisTime.offsetMinutes(at: after) == 120)
    #expect(ParisTime.offsetMinutes(at: endBefore) == 120)
    #expect(ParisTime.offsetMinutes(at: endAfter) == 60)
    #expect(
      ParisTime.format(try #require(Timestamp(iso8601: "2026-03-03T01:12:08Z"))) == "2026-03-03 02:12:08 (UTC+01:00)")
    #expect(ParisTime.formatUTC(try #require(Timestamp(iso8601: "2026-07-01T10:00:00Z"))) == "2026-07-01 10:00:00 UTC")
    #expect(
      ParisTime.format(try #require(Timestamp(iso8601: "2026-07-01T10:00:00Z"))) == "2026-07-01 12:00:00 (UTC+02:00)")
  }
}
