// Evidence/EvidenceTestSupport.swift - the SampleLogs incident report and case file for evidence tests.

import Foundation

@testable import LogForensics

enum EvidenceFixtures {
  /// The recorded SampleLogs report (repository-relative paths) and its bytes.
  static func sampleReport() throws -> (Report, Data) {
    let data = try Data(contentsOf: Golden.goldenDirectory.appendingPathComponent("sample-logs-report.json"))
    return (try JSONReportWriter.decode(data), data)
  }

  /// The complete case file of the SampleLogs incident.
  static func sampleCase() throws -> CaseFile {
    try CaseFileParser.load(path: Golden.goldenDirectory.appendingPathComponent("evidence-case.yaml").path)
  }

  /// Evidence inputs for the SampleLogs incident (`withCase` adds the complete case file).
  static func sampleInputs(withCase: Bool) throws -> EvidenceInputs {
    let (report, data) = try sampleReport()
    var inputs = EvidenceInputs(report: report)
    // A fixed stand-in: the real hash changes with every re-recording of the JSON golden, which
    // would churn the evidence goldens for no visible change (the writer test checks real hashes).
    _ = data
    inputs.reportSHA256 = String(repeating: "ab", count: 32)
    inputs.manifestName = "evidence.html.sha256"
    if withCase { inputs.caseFile = try sampleCase() }
    return inputs
  }

  /// Malicious strings an attacker can put in a user agent.
  static let scriptAgent = "<script>document.title='PWNED'</script>"
  static let imgAgent = "\"><img src=x onerror=\"document.title='PWNED'\">"

  /// The SampleLogs report with attacker-controlled user agents and a path injected into F001.
  static func injectedReport() throws -> Report {
    var (report, _) = try sampleReport()
    report.findings[0].actors.userAgents += [scriptAgent, imgAgent]
    report.inputs[0].path = "SampleLogs/<b>evil</b>.log"
    return report
  }
}
