// Pipeline/InputStatistics.swift - what the pipeline counts about one input while reading it.

/// A rejected (or over-long) line kept as an example in the report.
public struct RejectedLineSample: Codable, Sendable, Equatable {
  /// 1-based line number in the decoded input.
  public var line: Int64
  /// Byte offset of the line start in the decoded input.
  public var byteOffset: Int64
  /// Why the line was rejected.
  public var reason: String
  /// The first 200 bytes of the line, with control and non-UTF-8 bytes escaped.
  public var excerpt: String
}

/// Counters and samples for one input; becomes an ``InputReport``.
public struct InputStatistics: Sendable {
  public var path: String
  public var index: Int32
  public var stream: Int
  public var format: String = "unknown"
  public var detection: FormatDetection? = nil
  public var lines: Int64 = 0
  public var parsed: Int64 = 0
  public var warnings: Int64 = 0
  public var rejected: Int64 = 0
  public var skipped: Int64 = 0
  public var overlong: Int64 = 0
  public var outOfOrder: Int64 = 0
  public var zoneAssumed: Int64 = 0
  public var credentialsRedacted: Int64 = 0
  public var firstEvent: Timestamp? = nil
  public var lastEvent: Timestamp? = nil
  public var rejectedSamples: [RejectedLineSample] = []
  public var warningSamples: [RejectedLineSample] = []
  public var skippedReasons: [String: Int64] = [:]
  public var read: InputReadResult? = nil
  /// Errors found before reading (cannot open, not a file).
  public var openError: InputError? = nil

  /// How many samples are kept per input and kind (goaccess keeps 20).
  public static let maxSamples = 20
  /// How many bytes of a line a sample shows.
  public static let excerptBytes = 200

  public init(path: String, index: Int32, stream: Int) {
    self.path = path
    self.index = index
    self.stream = stream
  }

  mutating func noteEvent(_ e: LogEvent) {
    if firstEvent == nil || e.timestamp < firstEvent! { firstEvent = e.timestamp }
    if lastEvent == nil || e.timestamp > lastEvent! { lastEvent = e.timestamp }
    if e.flags.contains(.zoneAssumed) { zoneAssumed += 1 }
    if e.flags.contains(.credentialInQuery) { credentialsRedacted += 1 }
  }

  mutating func sampleRejected(_ line: SplitLine, reason: String) {
    guard rejectedSamples.count < InputStatistics.maxSamples else { return }
    rejectedSamples.append(InputStatistics.sample(line, reason: reason))
  }

  mutating func sampleWarning(_ line: SplitLine, reason: String) {
    guard warningSamples.count < InputStatistics.maxSamples else { return }
    warningSamples.append(InputStatistics.sample(line, reason: reason))
  }

  /// The sample of `line`: credential values in the excerpt and the reason are replaced
  /// by their fingerprints first (an unparsed line never went through the query redaction).
  static func sample(_ line: SplitLine, reason: String) -> RejectedLineSample {
    let redactor = CredentialRedactor()
    let reason = SecretScrubber.scrub(reason, redactor: redactor)
    guard let scrubbed = SecretScrubber.scrub(line.bytes, redactor: redactor) else {
      let n = min(line.bytes.count, excerptBytes)
      return RejectedLineSample(
        line: line.number, byteOffset: line.byteOffset, reason: reason,
        excerpt: ExcerptEscaping.escape(line.bytes.slice(0, n)) + (line.length > Int64(n) ? "…" : ""))
    }
    let n = min(scrubbed.count, excerptBytes)
    let excerpt = scrubbed.withUnsafeBytes { ExcerptEscaping.escape($0.slice(0, n)) }
    return RejectedLineSample(
      line: line.number, byteOffset: line.byteOffset, reason: reason,
      excerpt: excerpt + (scrubbed.count > n || line.length > Int64(line.bytes.count) ? "…" : ""))
  }
}

/// Escapes raw line bytes for display in reports: printable ASCII and valid UTF-8 are kept,
/// control bytes and invalid UTF-8 become `\xNN`.
public enum ExcerptEscaping {
  public static func escape(_ bytes: UnsafeRawBufferPointer) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    let hex = Array("0123456789ABCDEF".utf8)
    for b in bytes {
      if b < 0x20 || b == 0x7F {
        out.append(contentsOf: [.backslash, UInt8(ascii: "x"), hex[Int(b >> 4)], hex[Int(b & 0xF)]])
      } else {
        out.append(b)
      }
    }
    return TextDecoding.string(out)
  }
}
