// forensics-cli/Options/InputOptions.swift - how inputs are read and parsed.

import ArgumentParser
import LogForensics

struct InputOptions: ParsableArguments {
  @Option(
    name: .customLong("log-format"),
    help: "Format of every input: auto, a preset (see 'forensics formats'), nginx:'<log_format>' or apache:'<LogFormat>'.")
  var logFormat: LogFormat = .auto

  @Option(name: .customLong("max-line-length"), help: "Reject and count lines longer than this many bytes.")
  var maxLineLength: Int = 64 * 1024

  @Option(name: .customLong("reorder-window"), help: "Seconds within which out-of-order lines of one stream are put back in order.")
  var reorderWindow: Double = 10

  @Flag(name: .customLong("use-forwarded-for"), help: "Use the left-most X-Forwarded-For address as the client IP when present.")
  var useForwardedFor = false

  @Option(name: .customLong("user-field"), help: "Name of an extra field that carries the user id (e.g. uid for nginx 'uid=$uid').")
  var userField: String?

  @Option(name: .customLong("threads"), help: "Threads: 1 = everything on one thread; 2 or more = inflate ahead, parse and template on a second thread while analysing, and count per-endpoint ids beside detection (output is identical).")
  var threads: Int = 2

  @Option(
    name: .customLong("inflate"),
    help: "gzip inflate library: auto (ISA-L when this build has it, else zlib), zlib, or isal (builds with --traits ISAL). Output is identical.")
  var inflate: InflateBackend = .auto

  @Option(
    name: .customLong("max-inflated-bytes"),
    help: "Stop an input after this many decompressed bytes, keeping what was read (0: no limit; default 1 TiB).")
  var maxInflatedBytes: UInt64 = 1 << 40

  @Option(
    name: .customLong("max-ratio"),
    help: "Stop an input that decompresses to more than this many times its compressed size, checked after 8 MiB (0: no limit; real logs: 5-30, deflate's maximum: ~1032).")
  var maxRatio: Double = 1000
}

extension InflateBackend: ExpressibleByArgument {}

extension LogFormat: ExpressibleByArgument {
  public init?(argument: String) {
    self.init(formatArgument: argument)
  }

  public static var allValueStrings: [String] {
    ["auto"] + FormatCatalog.all.map(\.name) + ["nginx:'…'", "apache:'…'"]
  }
}
