// forensics-cli/Timeline.swift - `forensics timeline PATH...`: analyse and print the timeline.

import ArgumentParser
import Foundation
import LogForensics

struct Timeline: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Analyse logs and print the chronological timeline of notable events.",
    discussion: "Same inputs and options as 'analyze'; the timeline goes to standard output (or --timeline FILE).\n\nExit status: \(ExitStatus.documentation)")

  @Argument(help: "Log files, directories, or - for standard input.")
  var paths: [String] = []
  @OptionGroup var input: InputOptions
  @OptionGroup var analysis: AnalysisOptionGroup
  @OptionGroup var output: OutputOptions

  func run() throws {
    var analyze = Analyze()
    analyze.paths = paths
    analyze.input = input
    analyze.analysis = analysis
    analyze.output = output
    analyze.evidenceReport = try AnalyzeEvidenceOptions.parse([])
    analyze.evidence = try EvidenceOutputOptions.parse([])
    if analyze.output.timeline == nil { analyze.output.timeline = "-" }
    analyze.output.quiet = true
    try analyze.validate()
    try analyze.run()
  }
}
