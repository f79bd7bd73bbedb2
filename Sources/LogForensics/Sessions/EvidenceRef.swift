// Sessions/EvidenceRef.swift - where a request is in the inputs, as kept while events stream.

/// A request's input index and line number: what the analysis state keeps for evidence.
///
/// An ``Evidence`` carries the input's path as a `String`; keeping one per track, sample and
/// burst would hold a reference-counted string per entry (16 bytes plus a retain and a
/// release on every request that updates it). This is two integers; the detectors turn it
/// into an ``Evidence`` (``AnalysisEngine/evidence(_:)``) only for the findings they report.
struct EvidenceRef: Hashable {
  /// 1-based line number in the decompressed input.
  var line: Int64
  /// Index of the input in ``AnalysisEngine/inputPaths``.
  var input: Int32

  init(input: Int32, line: Int64) {
    self.input = input
    self.line = line
  }

  /// The place of `e`.
  @inline(__always)
  init(_ e: LogEvent) {
    input = e.inputIndex
    line = e.lineNumber
  }
}
