// forensics-cli/ForensicsCommand.swift - the `forensics` root command and exit-status mapping.

import ArgumentParser
import Foundation
import LogForensics

@main
struct Forensics: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "forensics",
    abstract: "Forensic analysis of web/API access logs (streams gzip, detects formats, reports evidence).",
    discussion: """
      Exit status: \(ExitStatus.documentation)
      """,
    version: LogForensicsVersion.string,
    subcommands: [Analyze.self, ReportCommand.self, CaseCommand.self, Timeline.self, Formats.self],
    defaultSubcommand: Analyze.self
  )

  /// Maps errors to the documented exit statuses (usage errors are 1, not ArgumentParser's 64).
  static func main() {
    MemoryPolicy.apply()
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let code as ExitCode {
      Foundation.exit(code.rawValue)
    } catch {
      let code = exitCode(for: error)
      if code == .success { exit(withError: error) }
      FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
      Foundation.exit(ExitStatus.usageError.rawValue)
    }
  }
}
