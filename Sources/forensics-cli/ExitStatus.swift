// forensics-cli/ExitStatus.swift - the exit statuses, in one place.

import ArgumentParser

/// Exit statuses of `forensics` (a public contract for scripts).
enum ExitStatus: Int32 {
  /// Analysed; no finding of severity medium or higher.
  case clean = 0
  /// Usage error (bad option, bad format string) or an output that could not be written.
  case usageError = 1
  /// No input could be read at all.
  case noReadableInput = 2
  /// Analysed; at least one finding of severity medium or higher.
  case findings = 3
  /// Stopped by SIGINT (128 + 2): nothing written, what had been read is printed on stderr.
  case interrupted = 130
  /// Stopped by SIGTERM (128 + 15): as for SIGINT.
  case terminated = 143

  var exitCode: ExitCode { ExitCode(rawValue) }

  static let documentation =
    "0 analysed, no finding of severity medium or higher; 1 usage error or an output that could not be written; 2 no input could be read; 3 analysed with findings of severity medium or higher; 130/143 stopped by SIGINT/SIGTERM (no report written)."
}
