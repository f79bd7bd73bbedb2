// Parsing/FormatCatalog+Structured.swift - presets for JSON, W3C, cloud and proxy formats (placeholder).

extension FormatCatalog {
  static let structuredFormats: [FormatDescriptor] = []
}
