// Parsing/FormatCatalog+CLF.swift - presets of the Common Log Format family (placeholder, filled by the CLF parsers).

extension FormatCatalog {
  static let clfFamilyFormats: [FormatDescriptor] = []

  /// Compiles an nginx `log_format` string into a parser.
  public static func compileNginx(_ format: String) throws -> any LineParser {
    throw LogForensicsError.invalidFormatString(format: "nginx:'\(format)'", reason: "not implemented yet")
  }

  /// Compiles an Apache `LogFormat` string into a parser.
  public static func compileApache(_ format: String) throws -> any LineParser {
    throw LogForensicsError.invalidFormatString(format: "apache:'\(format)'", reason: "not implemented yet")
  }
}
