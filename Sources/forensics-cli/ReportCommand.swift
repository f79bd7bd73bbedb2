// forensics-cli/ReportCommand.swift - `forensics report REPORT.json -o FILE`: render the evidence report.

import ArgumentParser
import Foundation
import LogForensics

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Render the evidence report (HTML or Markdown, French or English) from a JSON report.",
    usage: "forensics report report.json --case case.yaml --lang fr -o evidence.html",
    discussion: """
      Re-renders without re-reading the logs. The case file supplies what logs cannot (controller, \
      awareness time, custody…); missing fields show as « À COMPLÉTER » / "TO BE COMPLETED" and the \
      report stays a draft. A manifest with the SHA-256 of every output is written beside the report \
      (<FILE>.sha256). The restricted annex of record ids needs 'forensics analyze … --annex'.

      Exit status: 0 written; 1 usage error, invalid case file or unwritable output.
      """
  )

  @Argument(help: "JSON report written by 'forensics analyze --json'.")
  var jsonReport: String

  @Option(name: [.short, .customLong("output")], help: "Where to write the evidence report.")
  var output: String?

  @Option(name: .customLong("format"), help: "html (default, self-contained, printable) or md.")
  var format: EvidenceFormat = .html

  @OptionGroup var evidence: EvidenceOutputOptions

  func validate() throws {
    if output == nil && evidence.timesketch == nil {
      throw ValidationError("Give -o FILE for the evidence report (or --timesketch FILE).")
    }
    var outputs = [("-o", output)] + evidence.outputs
    if evidence.manifest == nil, let o = output, o != "-" { outputs.append(("manifest", o + ".sha256")) }
    let inputs = [jsonReport] + [evidence.previous, evidence.casePath].compactMap { $0 }
    if let (name, path) = OutputGuard.conflict(outputs: outputs, inputs: inputs) {
      throw ValidationError("\(name) \(path) is also an input: refusing to overwrite it.")
    }
  }

  func run() throws {
    guard let data = FileManager.default.contents(atPath: jsonReport) else {
      throw ValidationError("Cannot read \(jsonReport).")
    }
    let report: Report
    do {
      report = try JSONReportWriter.decode(data)
    } catch {
      throw ValidationError("\(jsonReport) is not a LogForensics JSON report: \(error)")
    }
    var o = EvidenceOptions()
    evidence.apply(to: &o)
    o.reportPath = output
    o.format = format
    o.commandLine = CommandLineRecord.text(CommandLine.arguments)
    let interrupts = InterruptHandler.install()  // a signal while writing abandons the output before its rename
    let result: EvidenceRunResult
    do {
      result = try EvidenceWriter.run(report: report, sourceJSON: data, exposed: nil, options: o)
    } catch {
      if let status = interrupts.exitStatus { throw ExitCode(status) }
      throw error
    }
    if let status = interrupts.exitStatus { throw ExitCode(status) }
    if let doc = result.document, doc.isDraft {
      FileHandle.standardError.write(Data("note: \(doc.status)\n".utf8))
    }
  }
}
