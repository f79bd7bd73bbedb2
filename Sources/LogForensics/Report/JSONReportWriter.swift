// Report/JSONReportWriter.swift - deterministic JSON encoding and atomic writing of reports.

import Foundation

/// Encodes reports deterministically (sorted keys, fixed formatting) and writes them
/// atomically (temporary file in the same directory, then rename), so an interrupted run
/// never leaves a half-written report behind.
public enum JSONReportWriter {
  /// The encoded report, ending with a newline.
  public static func encode(_ report: Report) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    var data = try encoder.encode(report)
    data.append(0x0A)
    return data
  }

  /// Decodes a report written by ``encode(_:)``.
  public static func decode(_ data: Data) throws -> Report {
    try JSONDecoder().decode(Report.self, from: data)
  }

  /// Writes `report` to `path` (`-` for standard output).
  public static func write(_ report: Report, to path: String) throws {
    try OutputFile.write(try encode(report), to: path)
  }
}
