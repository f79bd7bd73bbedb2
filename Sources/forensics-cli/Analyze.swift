// forensics-cli/Analyze.swift - `forensics analyze PATH...`.

import ArgumentParser
import Foundation
import LogForensics

struct Analyze: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Read access logs (files, directories, gzip, stdin) and report what they show.",
    usage: "forensics analyze SampleLogs/ --json report.json",
    discussion: """
      PATH is a file (gzip detected by its magic bytes), a directory (all regular files below it), \
      or - for standard input. Rotated sets (access.log.2.gz, access.log.1, access.log) are read \
      oldest first; several streams are merged by timestamp.

      Exit status: \(ExitStatus.documentation)
      """
  )

  @Argument(help: "Log files, directories, or - for standard input.")
  var paths: [String] = []

  @OptionGroup var input: InputOptions
  @OptionGroup var analysis: AnalysisOptionGroup
  @OptionGroup var output: OutputOptions
  @OptionGroup var evidenceReport: AnalyzeEvidenceOptions
  @OptionGroup var evidence: EvidenceOutputOptions

  @Flag(name: .customLong("skip-analysis"), help: .hidden)
  var skipAnalysis = false

  func validate() throws {
    if paths.isEmpty { throw ValidationError("Provide at least one PATH (use - for standard input).") }
    if input.threads < 1 { throw ValidationError("--threads must be at least 1.") }
    if input.maxLineLength < 256 { throw ValidationError("--max-line-length must be at least 256 bytes.") }
    if input.reorderWindow < 0 { throw ValidationError("--reorder-window cannot be negative.") }
    if input.inflate == .isal && !InflateBackend.isalAvailable {
      throw ValidationError("--inflate isal: this build has no ISA-L; rebuild with 'swift build -c release --traits ISAL' (needs libisal-dev).")
    }
    if !(input.maxRatio >= 0) || !input.maxRatio.isFinite { throw ValidationError("--max-ratio must be 0 (no limit) or positive.") }
    if TimelineZone(argument: output.timelineZone) == nil {
      throw ValidationError("--timeline-zone takes UTC or a fixed offset such as +01:00.")
    }
    if evidenceReport.report == nil {
      for (name, set) in [("--case", evidence.casePath != nil), ("--previous", evidence.previous != nil)] where set {
        throw ValidationError("\(name) is used by the evidence report: add --report FILE.")
      }
    }
    if evidenceReport.annexRaw && evidenceReport.annexKey != nil {
      throw ValidationError("--annex-raw-ids and --annex-key exclude each other.")
    }
    if (evidenceReport.annexRaw || evidenceReport.annexKey != nil) && evidenceReport.annex == nil {
      throw ValidationError("--annex-raw-ids and --annex-key need --annex FILE.")
    }
    var outputs = [("--json", output.json), ("--timeline", output.timeline), ("--report", evidenceReport.report), ("--annex", evidenceReport.annex)] + evidence.outputs
    if evidence.manifest == nil, let r = evidenceReport.report, r != "-" { outputs.append(("manifest", r + ".sha256")) }
    let inputs = paths + [evidence.casePath, evidence.previous].compactMap { $0 }
    if let (name, path) = OutputGuard.conflict(outputs: outputs, inputs: inputs) {
      throw ValidationError("\(name) \(path) is also an input: refusing to overwrite evidence.")
    }
  }

  func run() throws {
    var config = try makeConfiguration()
    let interrupts = InterruptHandler.install()
    config.pipeline.control = interrupts.control
    let start = Date()
    let showProgress = !output.quiet && !output.noProgress && isatty(STDERR_FILENO) == 1
    let result = Analyzer.run(config) { total in showProgress ? ProgressMeter(totalBytes: total) : nil }
    let elapsed = Date().timeIntervalSince(start)
    if let status = interrupts.exitStatus {
      FileHandle.standardError.write(Data(Analyze.interruptionReport(result, signal: status - 128, control: interrupts.control).utf8))
      throw ExitCode(status)
    }
    do {
      try writeOutputs(result, elapsed: elapsed)
    } catch {
      // A signal during writing: the output being written was abandoned before its rename.
      if let status = interrupts.exitStatus {
        FileHandle.standardError.write(Data(Analyze.interruptionReport(result, signal: status - 128, control: interrupts.control).utf8))
        throw ExitCode(status)
      }
      throw error
    }
    guard result.anyInputReadable else { throw ExitStatus.noReadableInput.exitCode }
    if let worst = result.report.highestSeverity, worst >= .medium { throw ExitStatus.findings.exitCode }
  }

  /// What an interrupted run had read, per input, for standard error.
  static func interruptionReport(_ result: AnalysisResult, signal: Int32, control: RunControl) -> String {
    let lines = result.inputs.reduce(Int64(0)) { $0 + $1.lines }
    let bytes = control.progress.decodedBytes
    var text = ""
    for s in result.inputs where s.lines > 0 || s.read != nil {
      let state = s.read == nil ? "stopped while reading" : "read to the end"
      text += "  \(TerminalSanitizer.clean(s.path)): \(s.lines) lines, \(state)\n"
    }
    let opened = result.inputs.filter { $0.lines > 0 || $0.read != nil }.count
    return InterruptHandler.message(signal: signal, lines: lines, bytes: bytes, inputs: opened, of: result.report.inputs.count)
      + text
  }

  /// Writes every output asked for and prints the summary.
  private func writeOutputs(_ result: AnalysisResult, elapsed: Double) throws {
    if wantsEvidence {
      var o = EvidenceOptions()
      evidence.apply(to: &o)
      o.jsonPath = output.json
      o.threads = input.threads
      o.reportPath = evidenceReport.report
      o.format = evidenceReport.reportFormat
      o.annexPath = evidenceReport.annex
      o.annexRaw = evidenceReport.annexRaw
      o.annexKey = evidenceReport.annexKey
      o.commandLine = CommandLineRecord.text(CommandLine.arguments)
      if let path = output.timeline, path != "-" {
        let zone = TimelineZone(argument: output.timelineZone) ?? .utc
        o.extraOutputs.append((path, Data(TimelineWriter.render(result.report.outcome, zone: zone).utf8)))
      }
      let written = try EvidenceWriter.run(report: result.report, sourceJSON: nil, exposed: result.exposedRecords, options: o)
      if let key = written.generatedKey {
        FileHandle.standardError.write(Data("annex key (HMAC-SHA256; printed once, stored nowhere — keep it to match pseudonyms): \(key)\n".utf8))
      }
    } else if let path = output.json {
      try JSONReportWriter.write(result.report, to: path, threads: input.threads)
    }
    if let path = output.timeline, !wantsEvidence || path == "-" {
      let zone = TimelineZone(argument: output.timelineZone) ?? .utc
      try OutputFile.write(Data(TimelineWriter.render(result.report.outcome, zone: zone).utf8), to: path)
    }
    if !output.quiet {
      let inflate = result.report.inputs.contains { $0.compression == "gzip" } ? input.inflate.resolved.rawValue : nil
      print(TextSummary.render(result.report, elapsedSeconds: elapsed, inflateBackend: inflate), terminator: "")
    }
  }

  /// Any output built by the evidence stage was asked for.
  var wantsEvidence: Bool { evidenceReport.report != nil || evidenceReport.annex != nil || evidence.timesketch != nil }

  /// Turns the command-line values into the library's configuration (validated).
  func makeConfiguration() throws -> AnalysisConfiguration {
    var config = AnalysisConfiguration(paths: paths)
    config.analysis = analysis.options
    config.runAnalysis = !skipAnalysis
    config.collectExposedRecords = evidenceReport.annex != nil
    config.pipeline.format = input.logFormat
    if case .preset = input.logFormat {
      _ = try? input.logFormat.makeParser()
    } else if input.logFormat != .auto {
      do { _ = try input.logFormat.makeParser() } catch { throw ValidationError("\(error)") }
    }
    config.pipeline.maxLineLength = input.maxLineLength
    config.pipeline.reorderWindowSeconds = input.reorderWindow
    config.pipeline.threads = input.threads
    config.pipeline.readOptions.inflateBackend = input.inflate
    config.pipeline.readOptions.maxInflatedBytes = input.maxInflatedBytes
    config.pipeline.readOptions.maxRatio = input.maxRatio
    config.pipeline.eventOptions = EventBuildingOptions(
      preferForwardedFor: input.useForwardedFor, userField: input.userField)
    if let ts = output.runTimestamp {
      if ts == "now" {
        config.runTimestamp = Timestamp(microseconds: Int64(Date().timeIntervalSince1970 * 1000) * 1000)
      } else if let t = Timestamp(iso8601: ts) {
        config.runTimestamp = t
      } else {
        throw ValidationError("--run-timestamp takes 'now' or an ISO-8601 time such as 2026-03-01T12:00:00Z.")
      }
    }
    return config
  }
}
