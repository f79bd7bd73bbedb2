// Parsing/LineParser.swift - the contract every format parser implements.

/// What a parser made of one line.
public enum LineOutcome: Equatable, Sendable {
  /// The builder holds a complete event.
  case event
  /// The builder holds an event, read with a warning (e.g. the request field is not a valid
  /// HTTP request line). Counted as parsed.
  case eventWithWarning(String)
  /// Not a request and not an error: a blank line, a `#` directive or comment, a HAProxy
  /// handshake error, syslog noise. Counted as skipped.
  case skipped(String)
  /// A line that should have been a request but could not be read. Counted as rejected and
  /// sampled with this reason.
  case rejected(String)
}

/// Parses lines of one log format into ``LogEvent``s.
///
/// A parser instance belongs to one input and may keep state between lines (W3C `#Fields:`
/// directives, Zeek headers). `line` excludes the line terminator (`\n` or `\r\n`) and is
/// only valid during the call: anything kept must be copied (the builder does this).
public protocol LineParser {
  /// Reads one line; on `.event`/`.eventWithWarning` the builder's event is filled.
  mutating func parse(_ line: UnsafeRawBufferPointer, into builder: inout EventBuilder) -> LineOutcome
}
