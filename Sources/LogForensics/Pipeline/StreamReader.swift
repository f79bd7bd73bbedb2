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
  /// Per-line state, kept in one struct so the per-line path works on it through a single
  /// access per chunk instead of one exclusivity check per class property per line.
  private var lines: LineHandler
  private var lastStoredRead: UInt64 = 0
  private var lastLines: Int64 = 0
  /// The decoded chunk being parsed, a piece at a time, and where its next piece starts.
  private var chunk: [UInt8] = []
  private var chunkOffset = 0
  /// Most bytes parsed before the events they gave are popped. A whole chunk (256 KiB, some
  /// 1 400 events of 176 bytes) had its bytes and its events leave a 1 MiB L2 cache before they
  /// were read again; pieces of 32 KiB (about 180 lines) keep them in. Callgrind with a 1 MiB
  /// last-level cache, 500 000 lines of the 1 GB benchmark stream: misses 16.2 M → 12.9 M.
  /// The inflater still fills 256 KiB a call (each call copies its 32 KiB history).
  static let pieceSize = 32 * 1024
  /// `true` once a stop request ended this stream early.
  private(set) var stopped = false

  init(
    streamIndex: Int, inputs: [PlannedInput], options: PipelineOptions, symbols: SymbolTable,
    redactor: CredentialRedactor, targetPool: RequestTargetPool = RequestTargetPool(), progress: ProgressMeter?,
    onInputFinished: @escaping (InputStatistics) -> Void
  ) {
    self.streamIndex = streamIndex
    self.inputs = inputs
    self.options = options
    self.progress = progress
    self.onInputFinished = onInputFinished
    splitter = LineSplitter(maxLineLength: options.maxLineLength)
    lines = LineHandler(
      builder: EventBuilder(symbols: symbols, redactor: redactor, options: options.eventOptions, targetPool: targetPool),
      reorder: ReorderBuffer(windowSeconds: options.reorderWindowSeconds),
      stats: InputStatistics(path: "", index: 0, stream: streamIndex), maxLineLength: options.maxLineLength)
  }

  /// The next event of this stream in timestamp order, or `nil` when the stream is done.
  @inline(__always)
  func next() -> LogEvent? {
    while true {
      if let e = lines.reorder.popReady() { return e }
      if !readMore() { return lines.reorder.popAny() }
    }
  }

  // MARK: - Reading

  /// Parses one more piece of a chunk, reading the next chunk or opening the next input when
  /// needed. `false` at the end. Kept out of line so that ``next()`` stays small enough to be
  /// inlined (an inlined `next()` moves each event once fewer).
  @inline(never)
  private func readMore() -> Bool {
    if let control = options.control, control.stopRequested {
      stop()
      return false
    }
    if chunkOffset < chunk.count {
      feedPiece()
      return true
    }
    while source == nil {
      guard cursor < inputs.count else { return false }
      options.control?.noteInputOpened()
      open(inputs[cursor])
      cursor += 1
    }
    guard let src = source else { return false }
    if let next = src.nextChunk() {
      noteProgress(src)
      chunk = next
      chunkOffset = 0
      feedPiece()
      return true
    }
    closeCurrent(src)
    return true
  }

  /// Parses the next piece of ``chunk``: up to ``pieceSize`` bytes, cut after a newline when
  /// one is among its last 8 KiB (a line cut in two is joined again by the splitter, at the
  /// cost of a copy; input without newlines is not searched backwards byte by byte).
  private func feedPiece() {
    let before = lines.stats.lines
    let start = chunkOffset
    let end = chunk.withUnsafeBytes { raw -> Int in
      var end = min(start + StreamReader.pieceSize, raw.count)
      if end < raw.count {
        let floor = max(start, end - 8 * 1024)
        if let newline = raw.slice(floor, end).lastIndex(of: .lf) { end = floor + newline + 1 }
      }
      lines.feed(raw.slice(start, end), &splitter)
      return end
    }
    chunkOffset = end
    if end == chunk.count {
      chunk = []
      chunkOffset = 0
    }
    options.control?.noteChunk(bytes: end - start, lines: lines.stats.lines - before)
  }

  private func open(_ input: PlannedInput) {
    lines.stats = InputStatistics(path: input.path, index: input.index, stream: streamIndex)
    splitter = LineSplitter(maxLineLength: options.maxLineLength)
    lastStoredRead = 0
    lastLines = 0
    lines.unknownFormat = false
    lines.parser = nil
    let base: any ChunkSource
    do {
      base = try FileChunkSource(path: input.path, options: options.readOptions)
    } catch let e as InputError {
      lines.stats.openError = e
      onInputFinished(lines.stats)
      return
    } catch {
      lines.stats.openError = .cannotOpen(path: input.path, reason: "\(error)")
      onInputFinished(lines.stats)
      return
    }
    let src: any ChunkSource = options.threads > 1 ? PrefetchingChunkSource(base) : base
    source = src
    // Choose the parser: forced format, or detection over the first lines.
    if options.format != .auto {
      do {
        lines.parser = try options.format.makeParser()
        lines.stats.format = options.format.description
        lines.stats.detection = FormatDetection(
          format: lines.stats.format, method: "forced", sampledLines: 0, matchedLines: 0, skippedLines: 0,
          prefix: nil, runnerUp: nil, runnerUpMatched: nil)
      } catch {
        lines.unknownFormat = true
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
    lines.stats.detection = detection
    lines.stats.format = detection.format
    if let d = descriptor, var p = try? d.makeParser() {
      if prefixed { p = ContainerPrefixSupport.wrap(p) }
      lines.parser = p
    } else {
      lines.unknownFormat = true
    }
    noteProgress(src)
    let before = lines.stats.lines
    for chunk in sampleChunks {
      chunk.withUnsafeBytes { raw in lines.feed(raw, &splitter) }
    }
    options.control?.noteChunk(bytes: sampleChunks.reduce(0) { $0 + $1.count }, lines: lines.stats.lines - before)
    if ended { closeCurrent(src) }
  }

  /// Ends the stream at a stop request: the input being read is reported with what was
  /// counted so far (no read result: it was not read to its end) and the rest are not opened.
  private func stop() {
    guard !stopped else { return }
    stopped = true
    chunk = []
    chunkOffset = 0
    if source != nil {
      source = nil
      lines.parser = nil
      onInputFinished(lines.stats)
    }
    cursor = inputs.count
  }

  private func closeCurrent(_ src: any ChunkSource) {
    var result = src.result
    // A regular file read to its end with another size than it had when opened changed
    // under us: say so (a shrunk file also lost bytes, so it is not complete).
    if result.complete, let size = src.expectedStoredBytes, result.compression == .none || result.compression == .gzip,
      result.storedBytes != size
    {
      result.errors.append(.changedWhileReading(path: lines.stats.path, sizeAtOpen: size, bytesRead: result.storedBytes))
      if result.storedBytes < size { result.complete = false }
    }
    // A final line without newline in an input that stopped early was cut by the fault:
    // keep it (it is evidence) but say its values may be incomplete.
    lines.cutOffLine = !result.complete
    lines.finish(&splitter)
    lines.cutOffLine = false
    lines.stats.read = result
    noteProgress(src)
    source = nil
    lines.parser = nil
    onInputFinished(lines.stats)
  }

  private func noteProgress(_ src: any ChunkSource) {
    guard let progress else { return }
    let now = src.storedBytesRead
    let newLines = lines.stats.lines - lastLines
    if now > lastStoredRead || newLines > 0 {
      progress.add(bytes: now > lastStoredRead ? now - lastStoredRead : 0, lines: UInt64(max(newLines, 0)))
      lastStoredRead = max(now, lastStoredRead)
      lastLines = lines.stats.lines
    }
  }

}

/// The per-line half of ``StreamReader``: counts, parses, builds and reorders one line.
private struct LineHandler {
  /// The input's parser: kept as ``clf`` when it is the CLF parser (most logs), called
  /// directly then, without copying an existential in and out per line; else as ``other``.
  var parser: (any LineParser)? {
    get {
      if let c = clf { return c }
      return other
    }
    set {
      clf = newValue as? CLFParser
      other = clf == nil ? newValue : nil
    }
  }
  private var clf: CLFParser? = nil
  private var other: (any LineParser)? = nil
  var builder: EventBuilder
  var reorder: ReorderBuffer
  var stats: InputStatistics
  let maxLineLength: Int
  var unknownFormat = false
  /// Set while the last (unterminated) line of an input that stopped early is handled.
  var cutOffLine = false
  /// `true` when the builder's event is the empty one ``EventBuilder/takeEvent()`` left (the
  /// last line was accepted): the next line then only sets its provenance.
  private var builderTaken = false

  init(builder: EventBuilder, reorder: ReorderBuffer, stats: InputStatistics, maxLineLength: Int) {
    self.builder = builder
    self.reorder = reorder
    self.stats = stats
    self.maxLineLength = maxLineLength
  }

  /// Splits `chunk` and handles each complete line.
  mutating func feed(_ chunk: UnsafeRawBufferPointer, _ splitter: inout LineSplitter) {
    splitter.feed(chunk) { line in handle(line) }
  }

  /// Handles the unterminated last line, if any.
  mutating func finish(_ splitter: inout LineSplitter) {
    splitter.finish { line in handle(line) }
  }


  mutating func handle(_ line: SplitLine) {
    stats.lines += 1
    if line.overlong {
      stats.rejected += 1
      stats.overlong += 1
      stats.sampleRejected(line, reason: "line of \(line.length) bytes exceeds the \(maxLineLength)-byte limit (--max-line-length)")
      return
    }
    if isBlank(line.bytes) {
      stats.skipped += 1
      stats.skippedReasons["blank line", default: 0] += 1
      return
    }
    guard !unknownFormat, clf != nil || other != nil else {
      stats.rejected += 1
      stats.sampleRejected(line, reason: "no known log format matched the first lines of this input (use --log-format)")
      return
    }
    if builderTaken {
      builder.resetTaken(inputIndex: stats.index, lineNumber: line.number)
      builderTaken = false
    } else {
      builder.reset(inputIndex: stats.index, lineNumber: line.number)
    }
    var outcome: LineOutcome
    if clf != nil {
      // Parsed in place (it keeps its time cache): a copy out of the optional and back
      // would move the parser's bytes twice a line.
      outcome = clf!.parse(line.bytes, into: &builder)
    } else {
      outcome = other!.parse(line.bytes, into: &builder)
    }
    switch outcome {
    case .event, .eventWithWarning:
      let t = builder.event.timestamp
      if t < PlausibleTime.earliest || t > PlausibleTime.latest {
        outcome = .rejected("time \(t.iso8601) is outside the plausible range \(PlausibleTime.description) (clock unset or value corrupted)")
      }
    default: break
    }
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
  private mutating func accept() {
    builder.finish()
    stats.parsed += 1
    stats.noteEvent(builder.event)
    if reorder.insert(builder.takeEvent()) { stats.outOfOrder += 1 }
    builderTaken = true
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

/// The times an access-log line may carry. Lines outside are rejected (and sampled) rather
/// than clamped: a year-9999 or pre-1970 line comes from a broken clock or a forged value,
/// and keeping it would stretch every time range, chart and silence of the report.
enum PlausibleTime {
  static let earliest = Timestamp(year: 1970, month: 1, day: 1)!
  static let latest = Timestamp(year: 2199, month: 12, day: 31, hour: 23, minute: 59, second: 59)!
  static let description = "1970-01-01 to 2199-12-31"
}
