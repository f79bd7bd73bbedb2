// Parsing/FormatDetector.swift - picks the format of an input from its first lines.

/// How an input's format was chosen, as shown in the report.
public struct FormatDetection: Codable, Sendable, Equatable {
  /// The chosen format (`unknown` when nothing matched).
  public var format: String
  /// `detected` or `forced` (by `--log-format`).
  public var method: String
  /// Non-blank lines looked at.
  public var sampledLines: Int
  /// Of those, lines the chosen parser read as requests.
  public var matchedLines: Int
  /// Of those, lines the chosen parser skipped as non-requests (directives, noise).
  public var skippedLines: Int
  /// A container-runtime prefix found on the lines and stripped (`cri`, `compose`), if any.
  public var prefix: String?
  /// Runner-up format and its matched count, to show how clear the choice was.
  public var runnerUp: String?
  public var runnerUpMatched: Int?
}

/// Samples the first lines of an input and tries every detectable preset on them.
///
/// Scoring: most lines read as requests wins; ties go to fewer rejections, then to the
/// earlier preset in ``FormatCatalog/all`` (more specific formats are listed first). When
/// no preset reads any request, the input is `unknown` — except when the `json` preset read
/// every line as a JSON object without request fields (status snapshots, application
/// messages): then it is JSON that is not an access log, and its lines count as skipped
/// rather than rejected. (Other presets skip lines of foreign kinds too, e.g. the CLF
/// parsers skip error-log lines, so "all skipped" alone says nothing about the format.) Detection uses a private symbol table, so
/// nothing it interns reaches the run.
public enum FormatDetector {
  /// Lines sampled per input.
  public static let sampleLines = 200

  struct Candidate {
    var descriptor: FormatDescriptor
    var prefixed: Bool
    var events = 0
    var rejected = 0
    var skipped = 0
  }

  /// Picks a format for `lines` (raw line bytes, terminators removed).
  /// - Returns: the descriptor (nil when nothing matched), whether a container prefix must
  ///   be stripped, and the detection record for the report.
  public static func detect(_ lines: [[UInt8]]) -> (FormatDescriptor?, prefixed: Bool, FormatDetection) {
    let sample = lines.filter { line in line.contains { $0 != .space && $0 != .tab && $0 != .cr } }
    var candidates: [Candidate] = []
    for d in FormatCatalog.all where d.detectable {
      candidates.append(Candidate(descriptor: d, prefixed: false))
      if ContainerPrefixSupport.available { candidates.append(Candidate(descriptor: d, prefixed: true)) }
    }
    let symbols = SymbolTable()
    for ci in candidates.indices {
      guard var parser = try? candidates[ci].descriptor.makeParser() else { continue }
      if candidates[ci].prefixed { parser = ContainerPrefixSupport.wrap(parser) }
      var builder = EventBuilder(symbols: symbols)
      var ev = 0, rej = 0, sk = 0
      for (n, line) in sample.enumerated() {
        builder.reset(inputIndex: 0, lineNumber: Int64(n + 1))
        let outcome = line.withUnsafeBytes { parser.parse($0, into: &builder) }
        switch outcome {
        case .event, .eventWithWarning: ev += 1
        case .rejected: rej += 1
        case .skipped: sk += 1
        }
      }
      candidates[ci].events = ev
      candidates[ci].rejected = rej
      candidates[ci].skipped = sk
    }
    // Stable pick: iterate in catalog order and replace only on a strictly better score.
    var best: Candidate? = nil
    var second: Candidate? = nil
    for c in candidates {
      guard let b = best else {
        best = c
        continue
      }
      if better(c, than: b) {
        if b.descriptor.name != c.descriptor.name { second = b }
        best = c
      } else if c.descriptor.name != b.descriptor.name, second == nil || better(c, than: second!) {
        second = c
      }
    }
    var detection = FormatDetection(
      format: "unknown", method: "detected", sampledLines: sample.count, matchedLines: 0, skippedLines: 0,
      prefix: nil, runnerUp: nil, runnerUpMatched: nil)
    if let b = best, b.events == 0 {
      best = candidates.first { $0.descriptor.name == "json" && !$0.prefixed && $0.skipped == sample.count && $0.skipped > 0 }
    }
    guard let b = best else {
      return (nil, false, detection)
    }
    detection.format = b.descriptor.name
    detection.matchedLines = b.events
    detection.skippedLines = b.skipped
    detection.prefix = b.prefixed ? ContainerPrefixSupport.prefixName(sample) : nil
    if let s = second, s.events > 0 {
      detection.runnerUp = s.descriptor.name
      detection.runnerUpMatched = s.events
    }
    return (b.descriptor, b.prefixed, detection)
  }

  private static func better(_ a: Candidate, than b: Candidate) -> Bool {
    if a.events != b.events { return a.events > b.events }
    if a.rejected != b.rejected { return a.rejected < b.rejected }
    if a.skipped != b.skipped { return a.skipped > b.skipped }
    // Prefer the unwrapped parser when the prefix made no difference.
    return !a.prefixed && b.prefixed && a.descriptor.name == b.descriptor.name
  }
}

/// Glue to the container-prefix stripper (docker-compose `name | `, CRI `… stdout F `).
enum ContainerPrefixSupport {
  static let available = true
  static func wrap(_ p: any LineParser) -> any LineParser { PrefixStrippingParser(p) }
  /// `cri` or `compose`, after the first line that carries such a prefix.
  static func prefixName(_ lines: [[UInt8]]) -> String? {
    for line in lines {
      let name: String? = line.withUnsafeBytes { raw in
        guard ContainerPrefix.strip(raw) != nil else { return nil }
        return raw.count > 0 && raw[0].isDigit ? "cri" : "compose"
      }
      if let name { return name }
    }
    return nil
  }
}
