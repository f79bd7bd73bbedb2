// Diagnostics/LogForensicsError.swift - errors thrown by the library (usage-level and input-level).

/// Errors with what was wrong, where, and what to do.
public enum LogForensicsError: Error, Equatable, Sendable, CustomStringConvertible {
  /// `--log-format` named no known preset.
  case unknownFormat(String)
  /// A custom nginx/apache format string could not be compiled.
  case invalidFormatString(format: String, reason: String)
  /// An output could not be written.
  case outputFailed(path: String, reason: String)

  public var description: String {
    switch self {
    case .unknownFormat(let name):
      return "unknown log format '\(name)'; run 'forensics formats' for the list, or give nginx:'…' / apache:'…'"
    case .invalidFormatString(let format, let reason):
      return "cannot compile log format \(format): \(reason)"
    case .outputFailed(let path, let reason):
      return "cannot write \(path): \(reason)"
    }
  }
}
