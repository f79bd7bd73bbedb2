// forensics-cli/Options/AnalysisOptionGroup.swift - sessions and patient endpoints.

import ArgumentParser
import LogForensics

struct AnalysisOptionGroup: ParsableArguments {
  @Option(name: .customLong("session-gap"), help: "Seconds of inactivity that end an actor's session.")
  var sessionGap: Int64 = 30 * 60

  @Option(
    name: .customLong("patient-endpoint"),
    help: "Endpoint template to treat as a patient-record endpoint (repeatable), e.g. /fhir/Patient/{id} or /ws/GetPatient?nir={id}.")
  var patientEndpoints: [String] = []

  @Flag(name: .customLong("all-sessions"), help: "List every session in the report, not only flagged ones.")
  var allSessions = false

  func validate() throws {
    if sessionGap < 1 { throw ValidationError("--session-gap must be at least 1 second.") }
    for t in patientEndpoints where !t.hasPrefix("/") {
      throw ValidationError("--patient-endpoint '\(t)' must start with '/', e.g. /fhir/Patient/{id}.")
    }
  }

  var options: AnalysisOptions {
    var o = AnalysisOptions()
    o.sessionGap = sessionGap
    o.patientEndpoints = patientEndpoints
    o.allSessions = allSessions
    return o
  }
}
