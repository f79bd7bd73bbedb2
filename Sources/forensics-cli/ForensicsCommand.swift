import ArgumentParser
import LogForensics

@main
struct Forensics: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "forensics", abstract: "Forensic analysis of web/API access logs.")
}
