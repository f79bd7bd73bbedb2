// Evidence/CaseFileTests.swift - case.yaml parsing, line-numbered errors, completeness, template, schema.

import Foundation
import Testing

@testable import LogForensics

@Suite struct CaseFileTests {
  @Test func completeCaseFileHasNoMissingField() throws {
    let c = try EvidenceFixtures.sampleCase()
    #expect(c.missingRequired == [])
    #expect(c.isComplete)
    #expect(c.string("controller.siren") == "123456789")
    #expect(c.string("processors") == nil)
    #expect(c.list("custody").count == 2)
    #expect(CaseFile.field(c.list("processors")[0], "hdsHost") == "true")
  }

  @Test func unknownKeyIsAnErrorNamingTheLine() {
    let yaml = "reference: X\ncontroller:\n  name: A\n  sirne: \"123\"\n"
    #expect(
      throws: CaseFileError(
        file: "case.yaml", line: 4,
        message: "unknown key 'controller.sirne'; known keys here: name, siren, address, sector")
    ) {
      try CaseFileParser.parse(yaml)
    }
  }

  @Test func invalidYAMLNamesTheLine() throws {
    let yaml = "reference: X\ncontroller:\n  name: [unclosed\n  siren: 1\n"
    do {
      _ = try CaseFileParser.parse(yaml, file: "c.yaml")
      Issue.record("expected an error")
    } catch let e as CaseFileError {
      #expect(e.file == "c.yaml")
      #expect(e.line == 4)
      #expect(e.message.hasPrefix("invalid YAML: "))
      #expect(e.description.hasPrefix("c.yaml:4: invalid YAML"))
    }
  }

  @Test func wrongValuesNameTheLineAndTheAllowedValues() {
    #expect(
      throws: CaseFileError(
        file: "case.yaml", line: 2, message: "'reportType' must be one of initial, complementary, final (got 'first')")
    ) {
      try CaseFileParser.parse("reference: X\nreportType: first\n")
    }
    #expect(
      throws: CaseFileError(
        file: "case.yaml", line: 2,
        message:
          "'awareness.time' must be an ISO-8601 date-time with a zone, such as 2026-03-04T09:30:00+01:00 (got 'yesterday')"
      )
    ) {
      try CaseFileParser.parse("awareness:\n  time: yesterday\n")
    }
    #expect(throws: CaseFileError(file: "case.yaml", line: 1, message: "'custody' must be a list (use [] for none)")) {
      try CaseFileParser.parse("custody: x\n")
    }
    #expect(throws: CaseFileError(file: "case.yaml", line: 2, message: "duplicate key 'reference'")) {
      try CaseFileParser.parse("reference: X\nreference: Y\n")
    }
  }

  @Test func missingFieldsAreListedAsLeafPaths() throws {
    let c = try CaseFileParser.parse("reference: X\nprocessors: []\ncustody:\n  - input: a.log\n    exportedBy: me\n")
    let missing = c.missingRequired
    #expect(missing.contains("controller.name"))
    #expect(missing.contains("controller.siren"))
    #expect(!missing.contains("reference"))
    #expect(!missing.contains("processors"))  // [] means "none"
    #expect(missing.contains("custody[0].exportedAt"))
    #expect(missing.contains("custody[0].sha256"))
    #expect(!missing.contains("custody[0].exportedBy"))
    #expect(missing.contains("endpointCategories"))
    #expect(CaseFile.empty.missingRequired.first == "reference")
  }

  @Test func templateParsesAndIsADraft() throws {
    let c = try CaseFileParser.parse(CaseTemplate.text)
    #expect(!c.isComplete)
    #expect(CaseTemplate.text.contains("# Internal case reference. (required)\nreference:\n"))
    for f in CaseSchema.root { #expect(CaseTemplate.text.contains("\n\(f.key):"), "template lacks \(f.key)") }
  }

  @Test func publishedCaseSchemaIsTheGeneratedOne() throws {
    let published = try String(
      contentsOf: Golden.repoRoot.appendingPathComponent("docs/case-schema.json"), encoding: .utf8)
    if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
      try CaseJSONSchema.text.write(
        to: Golden.repoRoot.appendingPathComponent("docs/case-schema.json"), atomically: true, encoding: .utf8)
    }
    #expect(published == CaseJSONSchema.text, "docs/case-schema.json is stale: run the tests with RECORD_GOLDENS=1")
    let object = try JSONSerialization.jsonObject(with: Data(published.utf8)) as? [String: Any]
    #expect(object?["additionalProperties"] as? Bool == false)
  }

  @Test func sampleCaseValidatesAgainstThePublishedSchema() throws {
    // The case file converted to JSON must satisfy docs/case-schema.json (the same validator as the report schema).
    let schema = try Data(contentsOf: Golden.repoRoot.appendingPathComponent("docs/case-schema.json"))
    let c = try EvidenceFixtures.sampleCase()
    let json = try JSONSerialization.data(withJSONObject: Self.plain(.object(c.root, line: 0)), options: [.sortedKeys])
    let errors = try JSONSchemaValidator(schemaData: schema).validate(json)
    #expect(errors.isEmpty, "\(errors)")
  }

  static func plain(_ v: CaseValue) -> Any {
    switch v {
    case .text(let s, _): return s
    case .flag(let b, _): return b
    case .list(let items, _): return items.map(plain)
    case .object(let o, _): return o.mapValues(plain)
    }
  }
}
