// Pipeline/StreamReader.swift - reads one stream (a rotated set of files) into ordered events.

/// Reads the files of one stream in order (oldest first), detects each file's format,
/// splits and parses its lines, and releases events in timestamp order through a
/// ``ReorderBuffer``. Statistics of each finished file are handed to `onInputFinished`.
///
/// - Complexity: memory is bounded by one decoded chunk, the reorder window and the
///   detection sample (``FormatDetector/sampleLines`` lines) — never by the input size.
final class StreamReader {
  struct PlannedInput {
    var index: Int32
    var path: String
  }

  let streamIndex: Int
  private let inputs: [PlannedInput]
  private let options: PipelineOptions
  private let onInputFinished: (InputStatistics) -> Void
  private let progress: ProgressMeter?

  private var cursor = 0
  private var source: (any ChunkSource)? = nil
  private var splitter: LineSplitter
  private var parser: (any LineParser)? = nil
  private var builder: EventBuilder
  private var reorder: ReorderBuffer
  private var stats: InputStatistics
  private var lastStoredRead: UInt64 = 0
  private var lastLines: Int64 = 0
  private var unknownFormat = false
  /// Set while the last (unterminated) line of an input that stopped early is handled.
  private var cutOffLine = false

  init(
    streamIndex: Int, inputs: [PlannedInput], options: PipelineOptions, symbols: SymbolTable,
    redactor: CredentialRedactor, progress: ProgressMeter?, onInputFinished: @escaping (InputStatistics) -> Void
  ) {
    self.streamIndex = streamIndex
    self.inputs = inputs
    self.options = options
    self.progress = progress
    self.onInputFinished = onInputFinished
    splitter = LineSplitter(maxLineLength: options.maxLineLength)
    builder = EventBuilder(symbols: symbols, redactor: redactor, options: options.eventOptions)
    reorder = ReorderBuffer(windowSeconds: options.reorderWindowSeconds)
    stats = InputStatistics(path: "", index: 0, stream: streamIndex)
  }

  /// The next event of this stream in timestamp order, or `nil` when the stream is done.
  func next() -> LogEvent? {
    while true {
      if let e = reorder.popReady() { return e }
      if !readMore() { return reorder.popAny() }
    }
  }

  // MARK: - Reading

  /// Processes one more chunk, opening the next input when needed. `false` at the end.
  private func readMore() -> Bool {
    while source == nil {
      guard cursor < inputs.count else { return false }
      open(inputs[cursor])
      cursor += 1
    }
    guard let src = source else { return false }
    if let chunk = src.nextChunk() {
      noteProgress(src)
      chunk.withUnsafeBytes { raw in
        splitter.feed(raw) { line in handle(line) }
      }
      return true
    }
    closeCurrent(src)
    return true
  }

  private func open(_ input: PlannedInput) {
    stats = InputStatistics(path: input.path, index: input.index, stream: streamIndex)
    splitter = LineSplitter(maxLineLength: options.maxLineLength)
    lastStoredRead = 0
    lastLines = 0
    unknownFormat = false
    parser = nil
    let base: any ChunkSource
    do {
      base = try FileChunkSource(path: input.path, options: options.readOptions)
    } catch let e as InputError {
      stats.openError = e
      onInputFinished(stats)
      return
    } catch {
      stats.openError = .cannotOpen(path: input.path, reason: "\(error)")
      onInputFinished(stats)
      return
    }
    let src: any ChunkSource = options.threads > 1 ? PrefetchingChunkSource(base) : base
    source = src
    // Choose the parser: forced format, or detection over the first lines.
    if options.format != .auto {
      do {
        parser = try options.format.makeParser()
        stats.format = options.format.description
        stats.detection = FormatDetection(
          format: stats.format, method: "forced", sampledLines: 0, matchedLines: 0, skippedLines: 0,
          prefix: nil, runnerUp: nil, runnerUpMatched: nil)
      } catch {
        unknownFormat = true
      }
      return
    }
    var sampleChunks: [[UInt8]] = []
    var sampleLines: [[UInt8]] = []
    var probe = LineSplitter(maxLineLength: options.maxLineLength)
    var ended = false
    while sampleLines.count < FormatDetector.sampleLines {
      guard let chunk = src.nextChunk() else {
        ended = true
        break
      }
      sampleChunks.append(chunk)
      chunk.withUnsafeBytes { raw in
        probe.feed(raw) { line in
          if sampleLines.count < FormatDetector.sampleLines && !line.overlong { sampleLines.append(Array(line.bytes)) }
        }
      }
    }
    if ended {
      probe.finish { line in
        if sampleLines.count < FormatDetector.sampleLines && !line.overlong { sampleLines.append(Array(line.bytes)) }
      }
    }
    let (descriptor, prefixed, detection) = FormatDetector.detect(sampleLines)
    stats.detection = detection
    stats.format = detection.format
    if let d = descriptor, var p = try? d.makeParser() {
      if prefixed { p = ContainerPrefixSupport.wrap(p) }
      parser = p
    } else {
      unknownFormat = true
    }
    noteProgress(src)
    for chunk in sampleChunks {
      chunk.withUnsafeBytes { raw in splitter.feed(raw) { line in handle(line) } }
    }
    if ended { closeCurrent(src) }
  }

  private func closeCurrent(_ src: any ChunkSource) {
    let result = src.result
    // A final line without newline in an input that stopped early was cut by the fault:
    // keep it (it is evidence) but say its values may be incomplete.
    cutOffLine = !result.complete
    splitter.finish { line in handle(line) }
    cutOffLine = false
    stats.read = result
    noteProgress(src)
    source = nil
    parser = nil
    onInputFinished(stats)
  }

  private func noteProgress(_ src: any ChunkSource) {
    guard let progress else { return }
    let now = src.storedBytesRead
    let newLines = stats.lines - lastLines
    if now > lastStoredRead || newLines > 0 {
      progress.add(bytes: now > lastStoredRead ? now - lastStoredRead : 0, lines: UInt64(max(newLines, 0)))
      lastStoredRead = max(now, lastStoredRead)
      lastLines = stats.lines
    }
  }

  // MARK: - Lines

  private func handle(_ line: SplitLine) {
    stats.lines += 1
    if line.overlong {
      stats.rejected += 1
      stats.overlong += 1
      stats.sampleRejected(line, reason: "line of \(line.length) bytes exceeds the \(options.maxLineLength)-byte limit (--max-line-length)")
      return
    }
    if isBlank(line.bytes) {
      stats.skipped += 1
      stats.skippedReasons["blank line", default: 0] += 1
      return
    }
    guard !unknownFormat, parser != nil else {
      stats.rejected += 1
      stats.sampleRejected(line, reason: "no known log format matched the first lines of this input (use --log-format)")
      return
    }
    builder.reset(inputIndex: stats.index, lineNumber: line.number)
    let outcome = parser!.parse(line.bytes, into: &builder)
    switch outcome {
    case .event where cutOffLine:
      stats.warnings += 1
      stats.sampleWarning(line, reason: "last line before the input's fault, without line end: values may be cut off")
      accept()
    case .event:
      accept()
    case .eventWithWarning(let why):
      stats.warnings += 1
      stats.sampleWarning(line, reason: why)
      accept()
    case .skipped(let why):
      stats.skipped += 1
      if stats.skippedReasons.count < 64 || stats.skippedReasons[why] != nil {
        stats.skippedReasons[why, default: 0] += 1
      }
    case .rejected(let why):
      stats.rejected += 1
      stats.sampleRejected(line, reason: why)
    }
  }

  @inline(__always)
  private func accept() {
    builder.finish()
    stats.parsed += 1
    stats.noteEvent(builder.event)
    if reorder.insert(builder.event) { stats.outOfOrder += 1 }
  }

  @inline(__always)
  private func isBlank(_ b: UnsafeRawBufferPointer) -> Bool {
    if b.isEmpty { return true }
    let f = b[0]
    guard f == .space || f == .tab || f == .cr else { return false }
    for c in b where c != .space && c != .tab && c != .cr { return false }
    return true
  }
}
