// LogForensics.swift - the façade: one call from paths and options to a report.

/// Everything one analysis run needs.
public struct AnalysisConfiguration: Sendable {
  /// Files, directories (read recursively) or `-` for standard input.
  public var paths: [String]
  public var pipeline = PipelineOptions()
  /// Sessions, patient endpoints, detection.
  public var analysis = AnalysisOptions()
  /// `false` reads and parses only (no sessions, findings or exposure): for measuring the
  /// ingestion stage alone (hidden `--skip-analysis` developer flag).
  public var runAnalysis = true
  /// Value of the report's `runTimestamp` (the only wall-clock value), or `nil` to omit it.
  public var runTimestamp: Timestamp? = nil
  /// Also list the exposed record ids (for the evidence report's restricted annex); runs the
  /// detectors a second time over the finished engine.
  public var collectExposedRecords = false

  public init(paths: [String]) { self.paths = paths }
}

/// What a run produced.
public struct AnalysisResult: Sendable {
  public var report: Report
  /// Statistics per input (same order as `report.inputs`).
  public var inputs: [InputStatistics]
  /// `true` when at least one input could be read.
  public var anyInputReadable: Bool
  /// Exposed record ids, when ``AnalysisConfiguration/collectExposedRecords`` was set.
  public var exposedRecords: ExposedRecords? = nil
  /// `true` when ``PipelineOptions/control`` stopped the run: ``inputs`` hold what was read
  /// until then, the report has no analysis and must not be written as a result.
  public var interrupted = false
}

/// Runs the pipeline and builds the report.
///
/// ```swift
/// var config = AnalysisConfiguration(paths: ["SampleLogs"])
/// let result = Analyzer.run(config)
/// try JSONReportWriter.write(result.report, to: "report.json")
/// ```
public enum Analyzer {
  /// Reads every input and analyses it.
  /// - Complexity: streams; memory grows with distinct actors and records, not with lines.
  public static func run(_ config: AnalysisConfiguration, progress: ((UInt64?) -> ProgressMeter?)? = nil) -> AnalysisResult {
    var pipelineOptions = config.pipeline
    pipelineOptions.eventOptions.keepExtras = false  // analysis reads no extra field but the user field
    if config.runAnalysis {
      pipelineOptions.eventOptions.targetAsBytes = true  // templating reads bytes only
      pipelineOptions.eventOptions.analysisFieldsOnly = true  // no referer text, method, version, duration
    }
    let pipeline = LogPipeline(paths: config.paths, options: pipelineOptions)
    let meter = progress?(pipeline.totalStoredBytes)
    pipeline.progress = meter
    var analysisOptions = config.analysis
    analysisOptions.threads = pipelineOptions.threads
    let engine = AnalysisEngine(options: analysisOptions, symbols: pipeline.symbols, inputPaths: pipeline.plannedPaths)
    let stats: [InputStatistics]
    var traffic = HourlyTraffic(inputs: pipeline.plannedPaths.count)
    if config.runAnalysis {
      // Templating depends only on the order of events: it runs on the parsing thread, which
      // then hands the engine only the facts it reads (``RequestFacts``): the event's strings
      // are freed by the thread that allocated them, not per event on the analysis thread.
      let templating = engine.templating
      let targets = pipeline.targetPool
      // The hourly traffic of each input is counted there too: it depends on nothing else.
      stats = pipeline.run(
        prepare: { (event: consuming LogEvent) in
          let templated = templating.prepared(&event)
          traffic.add(input: Int(event.inputIndex), time: event.timestamp)
          if let t = event.target.take() { targets.recycle(t) }
          return (facts: RequestFacts(event), templated: templated)
        },
        consume: { request in engine.consume(request.facts, request.templated) },
        // The state of the next requests is asked for while one is analysed (hints only).
        lookahead: { items, i in engine.prefetchAhead(items, at: i) })
    } else {
      stats = pipeline.run { event in traffic.add(input: Int(event.inputIndex), time: event.timestamp) }
    }
    let interrupted = pipeline.interrupted
    // A stopped run is not analysed: its figures would describe an arbitrary prefix of the logs.
    let outcome = interrupted ? AnalysisOutcome() : engine.finish()
    meter?.finish()
    var inputs = stats.map(InputReport.init(statistics:))
    for i in inputs.indices { inputs[i].hourlyRequests = traffic.hours(of: Int(stats[i].index)) }
    let summary = ReportSummary(
      inputs: inputs.count,
      incompleteInputs: inputs.filter { !$0.complete }.count,
      unreadableInputs: stats.filter { $0.isUnreadable }.count,
      bytes: inputs.reduce(0) { $0 + $1.bytes },
      decodedBytes: inputs.reduce(0) { $0 + $1.decodedBytes },
      lines: inputs.reduce(0) { $0 + $1.lines },
      parsed: inputs.reduce(0) { $0 + $1.parsed },
      warnings: inputs.reduce(0) { $0 + $1.warnings },
      rejected: inputs.reduce(0) { $0 + $1.rejected },
      skipped: inputs.reduce(0) { $0 + $1.skipped },
      firstEvent: inputs.compactMap(\.firstEvent).min(),
      lastEvent: inputs.compactMap(\.lastEvent).max(),
      sessions: outcome.sessionCount, flaggedSessions: outcome.flaggedSessionCount,
      findings: outcome.findings.count, exposure: outcome.exposure)
    let p = config.pipeline
    let a = config.analysis
    let parameters = ReportParameters(
      paths: config.paths, logFormat: p.format.description, maxLineLength: p.maxLineLength,
      reorderWindowSeconds: p.reorderWindowSeconds, preferForwardedFor: p.eventOptions.preferForwardedFor,
      userField: p.eventOptions.userField, sessionGapSeconds: a.sessionGap, patientEndpoints: a.patientEndpoints,
      allSessions: a.allSessions)
    let report = Report(
      tool: .current, runTimestamp: config.runTimestamp, parameters: parameters, inputs: inputs, summary: summary,
      findings: outcome.findings, sessions: outcome.sessions, patientEndpoints: outcome.patientEndpoints,
      timeline: outcome.timeline)
    var result = AnalysisResult(report: report, inputs: stats, anyInputReadable: stats.contains { !$0.isUnreadable })
    result.interrupted = interrupted
    if config.collectExposedRecords && !interrupted { result.exposedRecords = ExposedRecordCollector.collect(engine: engine) }
    return result
  }
}

extension InputStatistics {
  /// No byte of the input could be decoded (cannot open, unsupported compression, a
  /// stream that is corrupt from its first byte).
  public var isUnreadable: Bool {
    if openError != nil { return true }
    guard let r = read else { return true }
    return r.decodedBytes == 0 && !r.errors.isEmpty
  }
}

extension InputReport {
  init(statistics s: InputStatistics) {
    var errors: [InputErrorReport] = []
    if let e = s.openError { errors.append(.init(kind: e.kind, message: e.description, offset: e.offset)) }
    for e in s.read?.errors ?? [] { errors.append(.init(kind: e.kind, message: e.description, offset: e.offset)) }
    self.init(
      path: s.path, sha256: s.read?.sha256, bytes: s.read?.storedBytes ?? 0, decodedBytes: s.read?.decodedBytes ?? 0,
      compression: s.read?.compression.rawValue ?? "none", gzipMembers: s.read?.gzipMembers ?? 0, stream: s.stream,
      format: s.format, detection: s.detection, lines: s.lines, parsed: s.parsed, warnings: s.warnings,
      rejected: s.rejected, skipped: s.skipped, overlongLines: s.overlong, outOfOrder: s.outOfOrder,
      zoneAssumed: s.zoneAssumed, credentialsRedacted: s.credentialsRedacted,
      complete: s.openError == nil && (s.read?.complete ?? false), errors: errors,
      firstEvent: s.firstEvent, lastEvent: s.lastEvent, rejectedSamples: s.rejectedSamples,
      warningSamples: s.warningSamples,
      skippedReasons: s.skippedReasons.map {
        ReasonCount(reason: SecretScrubber.scrub($0.key, redactor: CredentialRedactor()), count: $0.value)
      }
        .sorted { $0.count != $1.count ? $0.count > $1.count : $0.reason < $1.reason })
    if let bad = s.read?.gzipBadMembers, bad > 0 { gzipBadMembers = bad }
  }
}
