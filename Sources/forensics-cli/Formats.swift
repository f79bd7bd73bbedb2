// forensics-cli/Formats.swift - `forensics formats`: the presets with an example line each.

import ArgumentParser
import LogForensics

struct Formats: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the log formats this build reads, with an example line each.")

  func run() throws {
    for d in FormatCatalog.all {
      print("\(d.name)\(d.detectable ? "" : " (not auto-detected)")")
      print("  \(d.summary)")
      for line in d.example.split(separator: "\n", omittingEmptySubsequences: false) {
        print("    \(line)")
      }
      print("")
    }
    print("nginx:'<log_format>'")
    print("  Any nginx log_format string, e.g. --log-format nginx:'$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent'")
    print("")
    print("apache:'<LogFormat>'")
    print("  Any Apache LogFormat string, e.g. --log-format apache:'%h %l %u %t \"%r\" %>s %b'")
  }
}
