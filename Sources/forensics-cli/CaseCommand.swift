// forensics-cli/CaseCommand.swift - `forensics case init|check`: the case-file template and its validation.

import ArgumentParser
import Foundation
import LogForensics

struct CaseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "case",
    abstract: "Write or check the case file (case.yaml) used by the evidence report.",
    subcommands: [CaseInit.self, CaseCheck.self])
}

struct CaseInit: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init", abstract: "Write a commented case.yaml template (schema: docs/case-schema.json).")

  @Option(name: [.short, .customLong("output")], help: "Where to write the template (- for standard output).")
  var output: String = "case.yaml"

  @Flag(name: .customLong("force"), help: "Overwrite an existing file.")
  var force = false

  func run() throws {
    if output != "-" && FileManager.default.fileExists(atPath: output) && !force {
      throw ValidationError("\(output) exists; use --force to overwrite it.")
    }
    try OutputFile.write(Data(CaseTemplate.text.utf8), to: output)
  }
}

struct CaseCheck: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check", abstract: "Validate a case file and list the required fields still missing.",
    discussion: "Exit status: 0 valid and complete; 1 invalid (the error names the line) or incomplete.")

  @Argument(help: "The case file.")
  var path: String

  func run() throws {
    let c = try CaseFileParser.load(path: path)
    let missing = c.missingRequired
    if missing.isEmpty {
      print("\(path): valid and complete")
      return
    }
    print("\(path): valid; \(missing.count) required field(s) still missing (the report stays a draft):")
    for m in missing { print("  \(m)") }
    throw ExitCode(1)
  }
}
