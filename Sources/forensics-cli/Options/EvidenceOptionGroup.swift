// forensics-cli/Options/EvidenceOptionGroup.swift - evidence report, Timesketch export, annex, manifest.

import ArgumentParser
import LogForensics

extension ReportLanguage: ExpressibleByArgument {}
extension EvidenceFormat: ExpressibleByArgument {}

/// Options shared by `analyze` and `report` for the outputs built from a report.
struct EvidenceOutputOptions: ParsableArguments {
  @Option(
    name: .customLong("case"), help: "Case file (case.yaml) with the facts logs cannot give; see 'forensics case init'."
  )
  var casePath: String?

  @Option(name: .customLong("lang"), help: "Language of the evidence report: fr (default) or en.")
  var language: ReportLanguage = .fr

  @Option(name: .customLong("timesketch"), help: "Write the timeline as Timesketch JSON lines to this file.")
  var timesketch: String?

  @Option(
    name: .customLong("previous"),
    help: "Previous JSON report of a phased notification: adds a changes table and its SHA-256.")
  var previous: String?

  @Option(
    name: .customLong("manifest"),
    help: "Where to write the SHA-256 manifest of the outputs (default: <report>.sha256).")
  var manifest: String?

  /// Fills the library options shared by both commands.
  func apply(to o: inout EvidenceOptions) {
    o.casePath = casePath
    o.language = language
    o.timesketchPath = timesketch
    o.previousPath = previous
    o.manifestPath = manifest
  }

  /// Output paths, to refuse overwriting an input.
  var outputs: [(String, String?)] { [("--timesketch", timesketch), ("--manifest", manifest)] }
}

/// `analyze`-only evidence options (the annex needs the engine's record sets).
struct AnalyzeEvidenceOptions: ParsableArguments {
  @Option(name: .customLong("report"), help: "Also write the evidence report (HTML by default) to this file.")
  var report: String?

  @Option(name: .customLong("report-format"), help: "Format of --report: html (default) or md.")
  var reportFormat: EvidenceFormat = .html

  @Option(
    name: .customLong("annex"),
    help: "Write the restricted annex of affected record ids (pseudonymised with HMAC-SHA256) to this file.")
  var annex: String?

  @Option(
    name: .customLong("annex-key"),
    help: "HMAC key for the annex pseudonyms (default: a new random key, printed once on standard error).")
  var annexKey: String?

  @Flag(
    name: .customLong("annex-raw-ids"),
    help: "Write raw record ids in the annex instead of pseudonyms (handle the file as personal data).")
  var annexRaw = false
}
