// Parsing/FormatCatalog+CLF.swift - presets of the Common Log Format family and the
// nginx/Apache format-string compilers.

extension FormatCatalog {
  /// `vhost-combined`, `common`, `combined`, in detection-priority order.
  static let clfFamilyFormats: [FormatDescriptor] = [
    FormatDescriptor(
      name: "vhost-combined",
      summary: "Apache vhost_combined: a leading virtual host (%v or %v:%p) before a common or combined line.",
      example: #"www.example.com:443 203.0.113.7 - - [10/Oct/2023:13:55:36 +0000] "GET /fhir/Patient/123 HTTP/1.1" 200 512 "-" "curl/8.4.0""#,
      makeParser: { CLFParser(.vhostCombined) }),
    FormatDescriptor(
      name: "common",
      summary: "NCSA common log format: %h %l %u %t \"%r\" %>s %b and nothing after.",
      example: #"203.0.113.7 - alice [10/Oct/2023:13:55:36 -0700] "GET /fhir/Patient/123 HTTP/1.1" 200 512"#,
      makeParser: { CLFParser(.common) }),
    FormatDescriptor(
      name: "combined",
      summary: "NCSA combined (Apache/nginx default): common plus \"referer\" \"user-agent\", tolerating trailing fields kept as extras.",
      example: #"203.0.113.7 - - [10/Oct/2023:13:55:36 +0000] "GET /api/patients?page=2 HTTP/1.1" 200 2326 "-" "python-requests/2.31" "-" rt=0.042"#,
      makeParser: { CLFParser(.combined) }),
  ]

  /// Compiles an nginx `log_format` string into a parser.
  ///
  /// - Throws: ``LogForensicsError/invalidFormatString(format:reason:)``.
  public static func compileNginx(_ format: String) throws -> any LineParser {
    try FormatProgram.nginx(format)
  }

  /// Compiles an Apache `LogFormat` string into a parser.
  ///
  /// - Throws: ``LogForensicsError/invalidFormatString(format:reason:)``.
  public static func compileApache(_ format: String) throws -> any LineParser {
    try FormatProgram.apache(format)
  }
}
