// Input/LineSplitter.swift - decoded chunks → numbered lines, without copying complete lines.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One line produced by ``LineSplitter``.
///
/// `bytes` is only valid during the callback that received it (it points into the chunk being
/// fed or into the splitter's small carry buffer).
public struct SplitLine {
  /// The line's bytes without its terminator (`\n` or `\r\n`); at most `maxLineLength` bytes.
  public var bytes: UnsafeRawBufferPointer
  /// 1-based line number in the decoded stream.
  public var number: Int64
  /// Offset of the line's first byte in the decoded stream (0-based).
  public var byteOffset: Int64
  /// `true` when the line was longer than `maxLineLength`: `bytes` then holds only its first
  /// `maxLineLength` bytes.
  public var overlong: Bool
  /// The full length of the line without its terminator (larger than `bytes.count` when
  /// `overlong`).
  public var length: Int64
}

/// Splits a stream of decoded chunks into lines.
///
/// Accepted terminators: `\n`, and `\r\n` (the `\r` is removed). A `\r` that is not directly
/// followed by `\n` is ordinary line content. Lines that lie entirely inside one chunk are
/// passed to the callback without copying; only the unfinished tail of a chunk is carried
/// over (at most `maxLineLength` bytes of it). A line longer than `maxLineLength` is reported
/// once, at its end, with `overlong = true`, its first `maxLineLength` bytes and its full
/// `length`; the bytes beyond the limit are counted and discarded, never buffered.
///
/// ```swift
/// var splitter = LineSplitter()
/// while let chunk = source.nextChunk() {
///   chunk.withUnsafeBytes { splitter.feed($0) { line in handle(line) } }
/// }
/// splitter.finish { line in handle(line) }   // a last line without newline
/// ```
///
/// - Complexity: O(n) over the bytes fed; one `memchr` per line.
public struct LineSplitter {
  /// The longest line kept in full (bytes, without terminator).
  public let maxLineLength: Int

  /// The first `maxLineLength` raw bytes of the unfinished line (a trailing `\r` included).
  private var carry: [UInt8] = []
  /// Raw bytes of the unfinished line seen so far (kept or discarded); 0 = no unfinished line.
  private var carryTotal: Int64 = 0
  /// Whether the last raw byte of the unfinished line was `\r`.
  private var carryEndsWithCR = false
  /// Decoded offset where the unfinished line starts.
  private var carryStart: Int64 = 0
  /// Number the next emitted line gets.
  private var nextNumber: Int64 = 1
  /// Decoded offset of the next chunk's first byte.
  private var streamOffset: Int64 = 0

  /// - Parameter maxLineLength: lines longer than this are truncated and flagged `overlong`
  ///   (values below 1 are treated as 1).
  public init(maxLineLength: Int = 64 * 1024) {
    self.maxLineLength = max(1, maxLineLength)
  }

  /// Splits `chunk` and calls `body` for every line it completes, in order.
  ///
  /// - Parameters:
  ///   - chunk: the next decoded bytes of the stream (may be empty).
  ///   - body: called once per completed line; `line.bytes` is valid only during the call.
  /// - Throws: rethrows what `body` throws; the splitter state is then unspecified.
  public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (SplitLine) throws -> Void) rethrows {
    let count = chunk.count
    guard count > 0 else { return }
    let chunkStart = streamOffset
    streamOffset += Int64(count)
    var pos = 0

    if carryTotal > 0 {
      // Finish the line carried over from earlier chunks.
      guard let nl = chunk.firstIndex(of: .lf, from: 0) else {
        appendToCarry(chunk.slice(0, count))
        return
      }
      appendToCarry(chunk.slice(0, nl))
      try emitCarry(terminated: true, body)
      pos = nl + 1
    }

    while pos < count {
      guard let nl = chunk.firstIndex(of: .lf, from: pos) else {
        carryStart = chunkStart + Int64(pos)
        appendToCarry(chunk.slice(pos, count))
        return
      }
      // safe: pos <= nl < count, so nl - 1 >= pos - 1 and chunk[nl - 1] is only read when nl > pos.
      var end = nl
      if end > pos && chunk[end - 1] == .cr { end -= 1 }
      let length = end - pos
      let overlong = length > maxLineLength
      let kept = overlong ? maxLineLength : length
      try body(
        SplitLine(
          bytes: chunk.slice(pos, pos + kept), number: nextNumber,
          byteOffset: chunkStart + Int64(pos), overlong: overlong, length: Int64(length)))
      nextNumber += 1
      pos = nl + 1
    }
  }

  /// Emits the last line if the stream did not end with a newline (a trailing `\r` is kept,
  /// since no `\n` follows it), and resets the splitter's carry. Emits nothing for an empty
  /// stream or one that ended with a newline.
  ///
  /// - Parameter body: called at most once.
  public mutating func finish(_ body: (SplitLine) throws -> Void) rethrows {
    guard carryTotal > 0 else { return }
    try emitCarry(terminated: false, body)
  }

  /// Appends raw bytes of the unfinished line, keeping at most `maxLineLength` of them.
  private mutating func appendToCarry(_ bytes: UnsafeRawBufferPointer) {
    guard bytes.count > 0 else { return }
    carryTotal += Int64(bytes.count)
    carryEndsWithCR = bytes[bytes.count - 1] == .cr
    let room = maxLineLength - carry.count
    if room > 0 {
      carry.append(contentsOf: bytes.slice(0, min(room, bytes.count)))
    }
  }

  /// Emits the carried line and clears the carry. A `\r` at its end is dropped when the line
  /// was terminated by `\n`.
  private mutating func emitCarry(terminated: Bool, _ body: (SplitLine) throws -> Void) rethrows {
    var length = carryTotal
    if terminated && carryEndsWithCR { length -= 1 }
    let overlong = length > Int64(maxLineLength)
    // safe: carry holds min(carryTotal, maxLineLength) bytes >= kept.
    let kept = overlong ? maxLineLength : Int(length)
    let line = (number: nextNumber, offset: carryStart)
    try carry.withUnsafeBytes { raw in
      try body(
        SplitLine(
          bytes: raw.slice(0, kept), number: line.number, byteOffset: line.offset,
          overlong: overlong, length: length))
    }
    nextNumber += 1
    carry.removeAll(keepingCapacity: true)
    carryTotal = 0
    carryEndsWithCR = false
  }
}
