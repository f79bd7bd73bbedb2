// forensics-cli/Options/OutputOptions.swift - what is written where.

import ArgumentParser

struct OutputOptions: ParsableArguments {
  @Option(name: .customLong("json"), help: "Write the JSON report (schemaVersion 1) to this file (- for standard output).")
  var json: String?

  @Flag(name: .shortAndLong, help: "Print nothing on standard output or standard error except errors.")
  var quiet = false

  @Flag(name: .customLong("no-progress"), help: "Do not show progress on standard error.")
  var noProgress = false

  @Option(name: .customLong("run-timestamp"), help: "Record this run time in the report ('now' or ISO-8601); omitted by default for reproducible reports.")
  var runTimestamp: String?
}
