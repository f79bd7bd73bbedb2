// Report/Evidence.swift - a pointer to one log line (file and 1-based line number).

/// One log line that supports a finding.
public struct Evidence: Codable, Sendable, Equatable, Hashable, Comparable {
  /// The input file as given on the command line.
  public var file: String
  /// 1-based line number in the decompressed input.
  public var line: Int64

  public init(file: String, line: Int64) {
    self.file = file
    self.line = line
  }

  public static func < (a: Evidence, b: Evidence) -> Bool {
    (a.file, a.line) < (b.file, b.line)
  }

  /// `file:line`.
  public var text: String { "\(file):\(line)" }
}
