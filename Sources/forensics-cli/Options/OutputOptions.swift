// forensics-cli/Options/OutputOptions.swift - what is written where.

import ArgumentParser

struct OutputOptions: ParsableArguments {
  @Option(name: .customLong("json"), help: "Write the JSON report (schemaVersion 1) to this file (- for standard output).")
  var json: String?

  @Option(name: .customLong("timeline"), help: "Write the text timeline of notable events to this file (- for standard output).")
  var timeline: String?

  @Option(name: .customLong("timeline-zone"), help: "Zone of the timeline's times: UTC (default) or a fixed offset such as +01:00.")
  var timelineZone: String = "UTC"

  @Flag(name: .shortAndLong, help: "Print nothing on standard output or standard error except errors.")
  var quiet = false

  @Flag(name: .customLong("no-progress"), help: "Do not show progress on standard error.")
  var noProgress = false

  @Option(name: .customLong("run-timestamp"), help: "Record this run time in the report ('now' or ISO-8601); omitted by default for reproducible reports.")
  var runTimestamp: String?
}
