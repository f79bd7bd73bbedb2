// Sessions/EvidenceRef.swift - where a request is in the inputs, as kept while events stream.

/// A request's input index and line number: what the analysis state keeps for evidence.
///
/// An ``Evidence`` carries the input's path as a `String`; keeping one per track, sample and
/// burst would hold a reference-counted string per entry (16 bytes plus a retain and a
/// release on every request that updates it). This is two integers in one 64-bit word (the
/// line in the low 40 bits, the input index in the high 24, both signed): 8 bytes where an
/// `Int64` and an `Int32` took 16 with padding, and the few of them in each of hundreds of
/// thousands of record tracks count. The detectors turn it into an ``Evidence``
/// (``AnalysisEngine/evidence(_:)``) only for the findings they report.
struct EvidenceRef: Hashable {
  private var bits: UInt64

  /// Largest line number kept exactly (about 550 billion: no log file comes near); larger
  /// ones are kept as this one.
  static let maximumLine: Int64 = (1 << 39) - 1
  /// Largest input index kept exactly (about 8 million inputs); larger ones are kept as this.
  static let maximumInput: Int32 = (1 << 23) - 1

  /// No place (line -1 of input -1: lines are 1-based), for slots that must not pay for an
  /// optional's extra byte.
  static let unset = EvidenceRef(bits: UInt64.max)

  private init(bits: UInt64) { self.bits = bits }

  /// 1-based line number in the decompressed input.
  var line: Int64 { Int64(bitPattern: bits << 24) >> 24 }
  /// Index of the input in ``AnalysisEngine/inputPaths``.
  var input: Int32 { Int32(truncatingIfNeeded: Int64(bitPattern: bits) >> 40) }

  init(input: Int32, line: Int64) {
    let l = min(max(line, -EvidenceRef.maximumLine - 1), EvidenceRef.maximumLine)
    let i = min(max(input, -EvidenceRef.maximumInput - 1), EvidenceRef.maximumInput)
    bits = UInt64(bitPattern: Int64(i)) << 40 | (UInt64(bitPattern: l) & ((1 << 40) - 1))
  }

  /// The place of `e`.
  @inline(__always)
  init(_ e: LogEvent) {
    self.init(input: e.inputIndex, line: e.lineNumber)
  }
}
