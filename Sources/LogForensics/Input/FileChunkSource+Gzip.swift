// Input/FileChunkSource+Gzip.swift - gzip members: header, deflate, trailer, next member, ceilings.

import CZlib

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What ``FileChunkSource`` knows about the gzip member being read.
struct GzipReadState {
  var decoder: (any DeflateDecoder)?
  var header = GzipHeaderParser()
  /// Compressed offset of the current member's first byte.
  var memberStart: UInt64 = 0
  /// Bytes decoded from the current member (compared with its ISIZE trailer field).
  var memberOutput: UInt64 = 0
  /// Trailer bytes collected so far, little-endian (CRC-32 then ISIZE).
  var trailer: UInt64 = 0
  var trailerCount = 0
  /// Members whose CRC-32 or length did not match their trailer.
  var badMembers = 0
  /// Decoded byte count at which the compression ratio is checked next.
  var nextRatioCheck: UInt64 = 0
}

/// At most this many bad-member errors are listed per input; ``InputReadResult/gzipBadMembers``
/// counts them all.
let maxListedBadMembers = 20

extension FileChunkSource {
  /// Compressed offset of the next unconsumed stored byte.
  var consumedOffset: UInt64 { storedBytesRead - UInt64(end - start) }

  func nextGzipChunk() -> [UInt8]? {
    let capacity = options.decodedChunkSize
    let chunk = [UInt8](unsafeUninitializedCapacity: capacity) { out, initialized in
      var produced = 0
      loop: while produced < capacity {
        switch phase {
        case .gzipHeader: readHeader()
        case .gzipMember:
          inflateStep(into: out.baseAddress! + produced, count: capacity - produced, produced: &produced)
        case .gzipTrailer: readTrailer()
        case .gzipBetweenMembers: afterMember()
        case .sniffing, .plain, .finished: break loop
        }
      }
      initialized = produced
    }
    decodedBytes += UInt64(chunk.count)
    if chunk.isEmpty {
      finish()
      return nil
    }
    return chunk
  }

  /// Makes sure at least one unconsumed stored byte is there; at end of file inside a member
  /// reports the truncation. - Returns: `false` when nothing more can be read.
  private func needInput() -> Bool {
    if start == end && !atEOF { readBlock() }
    guard phase != .finished else { return false }
    if start == end {
      errors.append(.gzipTruncated(path: path, compressedOffset: storedBytesRead))
      complete = false
      finish()
      return false
    }
    return true
  }

  private func readHeader() {
    guard needInput() else { return }
    let (consumed, outcome) = gzip.header.feed(UnsafeRawBufferPointer(buffer).slice(start, end))
    start += consumed
    switch outcome {
    case .needMore: break
    case .done: phase = .gzipMember
    case .invalid(let message, let at):
      recordCorrupt(code: Z_DATA_ERROR, message: message, offset: gzip.memberStart + UInt64(at))
    }
  }

  /// One decoder call inside a member, reading more input first when none is left, within
  /// the ceilings: the output is cut exactly at ``InputReadOptions/maxInflatedBytes`` and at
  /// each ratio checkpoint, so where an input is stopped does not depend on chunk sizes.
  ///
  /// At end of file the decoder is still called with no input, so output it holds back
  /// (when the previous chunk filled up) is flushed before the stream is declared truncated.
  private func inflateStep(into out: UnsafeMutablePointer<UInt8>, count: Int, produced: inout Int) {
    guard let decoder = gzip.decoder else { return finish() }
    let soFar = decodedBytes + UInt64(produced)
    var room = UInt64(count)
    let limit = options.maxInflatedBytes
    let atSizeLimit = limit > 0 && soFar >= limit
    if limit > 0 { room = min(room, limit - min(limit, soFar)) }
    if options.maxRatio > 0 { room = min(room, gzip.nextRatioCheck - min(gzip.nextRatioCheck, soFar)) }
    if room == 0 && !atSizeLimit { return }  // unreachable: a checkpoint is always ahead
    if start == end && !atEOF {
      readBlock()
      guard phase != .finished else { return }
    }
    var probe: UInt8 = 0
    let step = withUnsafeMutablePointer(to: &probe) { probePointer in
      // At the size limit, a 1-byte probe tells whether the input has more to give.
      decoder.inflate(
        input: UnsafeRawPointer(buffer.baseAddress! + start), inputCount: end - start,
        output: atSizeLimit ? UnsafeMutableRawPointer(probePointer) : UnsafeMutableRawPointer(out),
        outputCount: atSizeLimit ? 1 : Int(room))
    }
    start += step.consumed
    if atSizeLimit && step.produced > 0 {
      return stopAtCeiling(.inflatedSizeLimit(path: path, limit: limit))
    }
    produced += step.produced
    gzip.memberOutput += UInt64(step.produced)
    if options.maxRatio > 0 && soFar + UInt64(step.produced) == gzip.nextRatioCheck {
      let decoded = gzip.nextRatioCheck
      if Double(decoded) > options.maxRatio * Double(max(1, consumedOffset)) {
        return stopAtCeiling(.compressionRatioLimit(path: path, limit: options.maxRatio, decodedBytes: decoded))
      }
      gzip.nextRatioCheck += max(1, options.ratioCheckInterval)
    }
    switch step.status {
    case .streamEnd:
      unread(step.readAhead)
      gzip.trailer = 0
      gzip.trailerCount = 0
      phase = .gzipTrailer
    case .ok:
      guard step.consumed == 0 && step.produced == 0 else { return }
      if start == end && atEOF {
        // No input left and the decoder cannot go on: the file ends inside a member.
        errors.append(.gzipTruncated(path: path, compressedOffset: storedBytesRead))
        complete = false
        finish()
      } else if start < end {
        // Input and output space available but no progress: treat as corrupt, never spin.
        recordCorrupt(code: Z_DATA_ERROR, message: "no progress", offset: consumedOffset)
      }
    case .error(let code, let message):
      recordCorrupt(code: code, message: message, offset: consumedOffset - min(consumedOffset, UInt64(step.readAhead.count)))
    }
  }

  /// Reads the 8-byte trailer and checks the member's CRC-32 and length against it. A
  /// mismatch keeps the member's content (it is evidence) and is reported; reading goes on.
  private func readTrailer() {
    while gzip.trailerCount < 8 {
      guard needInput() else { return }
      gzip.trailer |= UInt64(buffer[start]) << (8 * UInt64(gzip.trailerCount))
      start += 1
      gzip.trailerCount += 1
    }
    gzipMembers += 1
    let offset = consumedOffset - 8
    let storedCRC = UInt32(truncatingIfNeeded: gzip.trailer)
    let storedLength = UInt32(truncatingIfNeeded: gzip.trailer >> 32)
    let computedCRC = gzip.decoder?.crc32 ?? 0
    var bad: [InputError] = []
    if storedCRC != computedCRC {
      bad.append(.gzipBadCRC(path: path, member: gzipMembers, compressedOffset: offset, stored: storedCRC, computed: computedCRC))
    }
    if storedLength != UInt32(truncatingIfNeeded: gzip.memberOutput) {
      bad.append(
        .gzipBadLength(path: path, member: gzipMembers, compressedOffset: offset + 4, stored: storedLength, decoded: gzip.memberOutput))
    }
    if !bad.isEmpty {
      gzip.badMembers += 1
      if gzip.badMembers <= maxListedBadMembers { errors += bad }
    }
    phase = .gzipBetweenMembers
  }

  /// After a complete member: start the next member, accept zero padding, or report garbage.
  private func afterMember() {
    if end - start < 2 {
      readBlock()
      guard phase != .finished else { return }
      if start == end {
        finish()  // clean end after the last member
        return
      }
    }
    let bytes = UnsafeRawBufferPointer(buffer)
    if end - start >= 2 && bytes[start] == 0x1F && bytes[start + 1] == 0x8B {
      gzip.decoder?.reset()
      gzip.header = GzipHeaderParser()
      gzip.memberStart = consumedOffset
      gzip.memberOutput = 0
      phase = .gzipHeader
      return
    }
    if end - start < 2 && !atEOF { return }  // wait for the second header byte
    let trailingOffset = consumedOffset
    var allZero = true
    while true {
      for i in start..<end where bytes[i] != 0 {
        allZero = false
        break
      }
      start = end
      guard allZero, readBlock() else { break }
    }
    if !allZero { drain() }
    if phase != .finished && !allZero {
      errors.append(
        .gzipTrailingGarbage(
          path: path, compressedOffset: trailingOffset, count: storedBytesRead - trailingOffset))
    }
    finish()
  }

  /// Puts bytes a decoder read ahead back before the unconsumed input (they are the same
  /// stored bytes, already hashed). The buffer has 16 spare bytes for this.
  private func unread(_ bytes: [UInt8]) {
    guard !bytes.isEmpty else { return }
    let n = bytes.count
    if start < n {
      let shift = n - start
      precondition(end + shift <= buffer.count, "read-ahead larger than the buffer's spare room")
      // safe: end + shift <= buffer.count; memmove handles the overlap.
      memmove(buffer.baseAddress! + start + shift, buffer.baseAddress! + start, end - start)
      start += shift
      end += shift
    }
    start -= n
    for (i, b) in bytes.enumerated() { buffer[start + i] = b }
  }

  private func recordCorrupt(code: Int32, message: String, offset: UInt64) {
    errors.append(.gzipCorrupt(path: path, zlibCode: code, compressedOffset: offset, message: message))
    complete = false
    drain()
    finish()
  }

  /// A decompression-bomb ceiling was reached: keep what was decoded, hash the rest.
  private func stopAtCeiling(_ error: InputError) {
    errors.append(error)
    complete = false
    drain()
    finish()
  }
}
