// Parsing/FormatCatalog.swift - the list of presets, in detection-priority order.

/// All named formats. Order matters for detection ties: specific formats first.
public enum FormatCatalog {
  /// Every preset, most specific first.
  public static let all: [FormatDescriptor] = structuredFormats + cloudFormats + clfFamilyFormats

  /// The preset called `name`, if any.
  public static func descriptor(named name: String) -> FormatDescriptor? {
    all.first { $0.name == name }
  }
}
