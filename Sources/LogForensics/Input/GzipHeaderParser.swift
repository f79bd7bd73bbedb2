// Input/GzipHeaderParser.swift - reads one gzip member header (RFC 1952) in pieces of any size.

import CZlib

/// Streaming parser of a gzip member header: fixed 10 bytes, then the optional FEXTRA,
/// FNAME, FCOMMENT and FHCRC fields. Bytes may arrive one at a time.
///
/// Checks are zlib's, with zlib's messages, so both inflate backends report header damage
/// identically: magic (`incorrect header check`), method 8 (`unknown compression method`),
/// reserved flag bits (`unknown header flags set`) and the header CRC-16
/// (`header crc mismatch`).
struct GzipHeaderParser {
  enum Outcome: Equatable {
    /// The header is not complete yet: feed more bytes.
    case needMore
    /// The header ended; deflate data starts at the next byte.
    case done
    /// Damaged header; `at` is the offset, within the header, of the offending byte.
    case invalid(message: String, at: Int)
  }

  private enum Field { case fixed, extraLength, extra, name, comment, headerCRC, done }

  private var field = Field.fixed
  private var flags: UInt8 = 0
  /// Bytes of the header seen so far.
  private(set) var length = 0
  /// Bytes read into the current field (fixed part, FEXTRA length, CRC-16).
  private var fieldCount = 0
  private var remaining = 0
  private var value = 0
  private var crc: UInt32 = 0
  private var failure: Outcome?

  /// Consumes header bytes from `bytes` and stops at the end of the header.
  /// - Returns: bytes consumed, and whether the header is complete, needs more or is invalid.
  mutating func feed(_ bytes: UnsafeRawBufferPointer) -> (consumed: Int, outcome: Outcome) {
    if let failure { return (0, failure) }
    var i = 0
    while i < bytes.count && field != .done {
      let b = bytes[i]
      // The CRC-16 covers the header up to FHCRC; only computed when the header has one.
      if field == .fixed || (flags & 0x02 != 0 && field != .headerCRC) { crc = updateCRC(b) }
      if let error = accept(b) {
        let outcome = Outcome.invalid(message: error, at: length)
        failure = outcome
        return (i + 1, outcome)
      }
      i += 1
      length += 1
    }
    return (i, field == .done ? .done : .needMore)
  }

  /// Advances the field state machine by one byte; returns an error message on damage.
  private mutating func accept(_ b: UInt8) -> String? {
    switch field {
    case .fixed:
      switch fieldCount {
      case 0: if b != 0x1F { return "incorrect header check" }
      case 1: if b != 0x8B { return "incorrect header check" }
      case 2: if b != 8 { return "unknown compression method" }
      case 3:
        if b & 0xE0 != 0 { return "unknown header flags set" }
        flags = b
      default: break
      }
      fieldCount += 1
      if fieldCount == 10 { nextField(after: .fixed) }
    case .extraLength:
      value |= Int(b) << (8 * fieldCount)
      fieldCount += 1
      if fieldCount == 2 {
        remaining = value
        if remaining > 0 { field = .extra } else { nextField(after: .extra) }
      }
    case .extra:
      remaining -= 1
      if remaining == 0 { nextField(after: .extra) }
    case .name:
      if b == 0 { nextField(after: .name) }
    case .comment:
      if b == 0 { nextField(after: .comment) }
    case .headerCRC:
      value |= Int(b) << (8 * fieldCount)
      fieldCount += 1
      if fieldCount == 2 {
        if UInt32(value) != crc & 0xFFFF { return "header crc mismatch" }
        field = .done
      }
    case .done:
      break
    }
    return nil
  }

  /// Moves to the first optional field present after `previous`.
  private mutating func nextField(after previous: Field) {
    fieldCount = 0
    value = 0
    let order: [(Field, UInt8)] = [(.extraLength, 0x04), (.name, 0x08), (.comment, 0x10), (.headerCRC, 0x02)]
    let position: Int
    switch previous {
    case .fixed: position = 0
    case .extra, .extraLength: position = 1
    case .name: position = 2
    case .comment: position = 3
    case .headerCRC, .done: position = 4
    }
    for (f, bit) in order.dropFirst(position) where flags & bit != 0 {
      field = f
      return
    }
    field = .done
  }

  private func updateCRC(_ b: UInt8) -> UInt32 {
    var byte = b
    return UInt32(truncatingIfNeeded: CZlib.crc32(uLong(crc), &byte, 1))
  }
}
