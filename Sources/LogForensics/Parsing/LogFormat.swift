// Parsing/LogFormat.swift - the formats the tool reads, as chosen by the user or detected.

/// A log format: a named preset, or a custom nginx/apache format string.
public enum LogFormat: Hashable, Sendable, CustomStringConvertible {
  /// Detect per input from its first lines.
  case auto
  /// A named preset from ``FormatCatalog`` (`combined`, `common`, `json`, `w3c`, …).
  case preset(String)
  /// An nginx `log_format` string, e.g. `$remote_addr - $remote_user [$time_local] "$request" …`.
  case nginx(String)
  /// An Apache `LogFormat` string, e.g. `%h %l %u %t "%r" %>s %b`.
  case apache(String)

  /// Parses the `--log-format` syntax: `auto`, a preset name, `nginx:'<log_format>'` or
  /// `apache:'<LogFormat>'` (surrounding single or double quotes are optional).
  public init?(formatArgument argument: String) {
    if argument == "auto" {
      self = .auto
      return
    }
    for (prefix, make) in [("nginx:", LogFormat.nginx), ("apache:", LogFormat.apache)] as [(String, (String) -> LogFormat)]
    where argument.hasPrefix(prefix) {
      var body = String(argument.dropFirst(prefix.count))
      if body.count >= 2, let f = body.first, let l = body.last, f == l, f == "'" || f == "\"" {
        body = String(body.dropFirst().dropLast())
      }
      guard !body.isEmpty else { return nil }
      self = make(body)
      return
    }
    guard FormatCatalog.descriptor(named: argument) != nil else { return nil }
    self = .preset(argument)
  }

  public var description: String {
    switch self {
    case .auto: return "auto"
    case .preset(let name): return name
    case .nginx(let s): return "nginx:'\(s)'"
    case .apache(let s): return "apache:'\(s)'"
    }
  }

  /// Makes a fresh parser for one input. `.auto` has no parser (see ``FormatDetector``).
  public func makeParser() throws -> any LineParser {
    switch self {
    case .auto:
      throw LogForensicsError.invalidFormatString(format: "auto", reason: "auto is resolved by detection, not a parser")
    case .preset(let name):
      guard let d = FormatCatalog.descriptor(named: name) else {
        throw LogForensicsError.unknownFormat(name)
      }
      return try d.makeParser()
    case .nginx(let s):
      return try FormatCatalog.compileNginx(s)
    case .apache(let s):
      return try FormatCatalog.compileApache(s)
    }
  }
}

/// A named preset: how to make its parser, and what it looks like.
public struct FormatDescriptor: Sendable {
  /// Name used by `--log-format` and in reports (`combined`).
  public let name: String
  /// One sentence for `forensics formats`.
  public let summary: String
  /// One example line (for `forensics formats` and tests).
  public let example: String
  /// Whether auto-detection considers it. Detection tries presets in catalog order and
  /// prefers the earlier one on a tie, so more specific formats come first.
  public let detectable: Bool
  /// Makes a fresh parser (parsers may hold per-input state).
  public let makeParser: @Sendable () throws -> any LineParser

  public init(name: String, summary: String, example: String, detectable: Bool = true, makeParser: @escaping @Sendable () throws -> any LineParser) {
    self.name = name
    self.summary = summary
    self.example = example
    self.detectable = detectable
    self.makeParser = makeParser
  }
}
