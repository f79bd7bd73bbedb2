// Evidence/EvidenceWriter.swift - one call that writes the evidence outputs of a run and their manifest.

import Foundation

/// Output format of the evidence report.
public enum EvidenceFormat: String, Sendable, CaseIterable {
  case html, md
}

/// What to write besides (or instead of) the JSON report.
public struct EvidenceOptions: Sendable {
  /// Where to write the JSON report in this run (`analyze --json`), if anywhere.
  public var jsonPath: String?
  /// Where to write the evidence report.
  public var reportPath: String?
  public var format: EvidenceFormat = .html
  public var language: ReportLanguage = .fr
  public var casePath: String?
  public var previousPath: String?
  public var timesketchPath: String?
  /// Restricted annex of affected record ids (needs the engine: `analyze` only).
  public var annexPath: String?
  /// Write raw ids in the annex instead of keyed pseudonyms.
  public var annexRaw = false
  /// HMAC key for the annex pseudonyms; generated (and returned once) when nil.
  public var annexKey: String?
  /// Manifest path; defaults to `<report>.sha256` when an evidence report is written.
  public var manifestPath: String?
  public var commandLine: String?
  /// Threads that encode the JSON report (``JSONReportWriter/encode(_:threads:to:)``).
  public var threads = 1
  /// Other outputs of the run to write and list in the manifest (e.g. the text timeline).
  public var extraOutputs: [(path: String, data: Data)] = []

  public init() {}

  /// The manifest path actually used, if any: `--manifest`, else `<report>.sha256`, else
  /// `<json>.sha256` when the run writes an annex or a Timesketch export beside the JSON.
  public var effectiveManifestPath: String? {
    if let m = manifestPath { return m }
    if let r = reportPath, r != "-" { return r + ".sha256" }
    if let j = jsonPath, j != "-", annexPath != nil || timesketchPath != nil { return j + ".sha256" }
    return nil
  }
}

/// Errors of the evidence stage.
public enum EvidenceError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The previous report could not be read or decoded.
  case previousUnreadable(path: String, reason: String)
  /// The annex needs the engine's record sets, which a JSON report does not carry.
  case annexNeedsAnalysis

  public var description: String {
    switch self {
    case .previousUnreadable(let path, let reason): return "cannot read previous report \(path): \(reason)"
    case .annexNeedsAnalysis:
      return
        "the restricted annex lists record ids the JSON report does not carry; produce it with 'forensics analyze … --annex FILE'"
    }
  }
}

/// What a run wrote.
public struct EvidenceRunResult: Sendable {
  public var manifest: OutputManifest
  /// The annex key generated in this run (print it once; it is stored nowhere).
  public var generatedKey: String?
  public var document: EvidenceDocument?
}

/// Writes the JSON report (optional), annex, Timesketch export, evidence report and manifest.
public enum EvidenceWriter {
  /// - Parameters:
  ///   - report: the analysis report.
  ///   - sourceJSON: the bytes of the JSON report the run read (`forensics report`), for its hash.
  ///   - exposed: the exposed record ids from the engine (`analyze` only), for the annex.
  /// - Throws: ``CaseFileError``, ``EvidenceError``, ``LogForensicsError/outputFailed(path:reason:)``.
  public static func run(report: Report, sourceJSON: Data?, exposed: ExposedRecords?, options o: EvidenceOptions) throws
    -> EvidenceRunResult
  {
    var manifest = OutputManifest()
    for extra in o.extraOutputs { try manifest.write(extra.data, to: extra.path) }
    var inputs = EvidenceInputs(report: report)
    inputs.commandLine = o.commandLine
    inputs.buildInfo = EvidenceInputs.currentBuild
    if let path = o.jsonPath {
      let data = try JSONReportWriter.encode(report, threads: o.threads)
      try manifest.write(data, to: path)
      inputs.reportSHA256 = OutputManifest.sha256(data)
    } else if let data = sourceJSON {
      inputs.reportSHA256 = OutputManifest.sha256(data)
    }
    if let path = o.casePath {
      inputs.caseFile = try CaseFileParser.load(path: path)
      inputs.caseSHA256 = FileManager.default.contents(atPath: path).map(OutputManifest.sha256)
    }
    if let path = o.previousPath {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw EvidenceError.previousUnreadable(path: path, reason: "cannot open")
      }
      do {
        inputs.previous = try JSONReportWriter.decode(data)
      } catch {
        throw EvidenceError.previousUnreadable(path: path, reason: "not a LogForensics JSON report (\(error))")
      }
      inputs.previousSHA256 = OutputManifest.sha256(data)
    }
    var generatedKey: String?
    if let path = o.annexPath {
      guard let exposed else { throw EvidenceError.annexNeedsAnalysis }
      var key: String? = nil
      if !o.annexRaw {
        if let k = o.annexKey {
          key = k
        } else {
          generatedKey = RecordAnnex.generateKey()
          key = generatedKey
        }
      }
      let (text, summary) = RecordAnnex.render(
        exposed, key: key, fileName: URL(fileURLWithPath: path).lastPathComponent)
      try manifest.write(Data(text.utf8), to: path)
      inputs.annex = summary
    }
    if let path = o.timesketchPath {
      try manifest.write(Data(TimesketchExport.render(report).utf8), to: path)
    }
    let manifestPath = o.effectiveManifestPath
    inputs.manifestName = manifestPath.map { URL(fileURLWithPath: $0).lastPathComponent }
    var document: EvidenceDocument?
    if let path = o.reportPath {
      let doc = EvidenceBuilder(inputs, language: o.language).build()
      document = doc
      let text = o.format == .html ? HTMLRenderer.render(doc) : MarkdownRenderer.render(doc)
      try manifest.write(Data(text.utf8), to: path)
    }
    if let m = manifestPath {
      try OutputFile.write(Data(manifest.text.utf8), to: m)
    }
    return EvidenceRunResult(manifest: manifest, generatedKey: generatedKey, document: document)
  }
}
