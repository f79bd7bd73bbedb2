// Input/IsalInflater.swift - the fast raw-deflate decoder (Intel ISA-L igzip), ISAL trait only.

#if ISAL
  import CISAL

  /// One ISA-L raw-deflate stream (`crc_flag` `ISAL_GZIP_NO_HDR`: no header is read, the
  /// CRC-32 of the output is kept in `state.crc`, the trailer is left unread for
  /// ``FileChunkSource``).
  ///
  /// `inflate_state` is large (about 70 KiB: history window and buffers) and ISA-L keeps no
  /// pointer to it between calls; it lives on the heap for the decoder's lifetime.
  final class IsalInflater: DeflateDecoder {
    private let state: UnsafeMutablePointer<inflate_state>

    init() {
      state = UnsafeMutablePointer<inflate_state>.allocate(capacity: 1)
      state.initialize(to: inflate_state())
      isal_inflate_init(state)
      state.pointee.crc_flag = UInt32(ISAL_GZIP_NO_HDR)
    }

    deinit {
      state.deinitialize(count: 1)
      state.deallocate()
    }

    var initError: String? { nil }

    var crc32: UInt32 { state.pointee.crc }

    func inflate(
      input: UnsafeRawPointer, inputCount: Int, output: UnsafeMutableRawPointer, outputCount: Int
    ) -> DeflateStep {
      let inCount = min(inputCount, Int(UInt32.max))
      let outCount = min(outputCount, Int(UInt32.max))
      state.pointee.next_in = UnsafeMutablePointer(mutating: input.assumingMemoryBound(to: UInt8.self))
      state.pointee.avail_in = UInt32(inCount)
      state.pointee.next_out = output.assumingMemoryBound(to: UInt8.self)
      state.pointee.avail_out = UInt32(outCount)
      let code = isal_inflate(state)
      let consumed = inCount - Int(state.pointee.avail_in)
      let produced = outCount - Int(state.pointee.avail_out)
      state.pointee.next_in = nil
      state.pointee.next_out = nil
      if code < 0 {
        // Z_DATA_ERROR, as zlib. The bytes still in the bit buffer were not decoded: they are
        // given back so the offset is, like zlib's, just after the offending code.
        return DeflateStep(
          consumed: consumed, produced: produced, status: .error(code: -3, message: Self.describe(code)),
          readAhead: takeReadAhead())
      }
      guard state.pointee.block_state == ISAL_BLOCK_FINISH else {
        return DeflateStep(consumed: consumed, produced: produced, status: .ok)
      }
      return DeflateStep(consumed: consumed, produced: produced, status: .streamEnd, readAhead: takeReadAhead())
    }

    /// The whole bytes left in ISA-L's bit buffer after the last block: the stream ended
    /// inside the first `read_in_length % 8` bits' byte, the rest are following bytes, low
    /// bits first.
    private func takeReadAhead() -> [UInt8] {
      let bits = Int(state.pointee.read_in_length)
      guard bits >= 8 else { return [] }
      let rest = state.pointee.read_in >> UInt64(bits % 8)
      let bytes = (0..<min(8, bits / 8)).map { UInt8(truncatingIfNeeded: rest >> UInt64(8 * $0)) }
      state.pointee.read_in = 0
      state.pointee.read_in_length = 0
      return bytes
    }

    func reset() {
      isal_inflate_reset(state)
      state.pointee.crc_flag = UInt32(ISAL_GZIP_NO_HDR)
    }

    /// Text for an ISA-L error code: zlib's wording where the condition is the same, else
    /// marked as ISA-L's (zlib distinguishes more cases).
    static func describe(_ code: Int32) -> String {
      switch code {
      case ISAL_INVALID_LOOKBACK: return "invalid distance too far back"
      case ISAL_INVALID_BLOCK: return "isa-l: invalid deflate block"
      case ISAL_INVALID_SYMBOL: return "isa-l: invalid deflate symbol"
      default: return "isa-l: error \(code)"
      }
    }
  }
#endif
