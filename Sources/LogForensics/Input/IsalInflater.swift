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
      let status: DeflateStatus
      if code < 0 {
        status = .error(code: -3, message: Self.describe(code))  // Z_DATA_ERROR, as zlib
      } else if state.pointee.block_state == ISAL_BLOCK_FINISH {
        status = .streamEnd
      } else {
        status = .ok
      }
      return DeflateStep(consumed: consumed, produced: produced, status: status)
    }

    func reset() {
      isal_inflate_reset(state)
      state.pointee.crc_flag = UInt32(ISAL_GZIP_NO_HDR)
    }

    /// Text for an ISA-L error code, marked as ISA-L's (its wording differs from zlib's).
    static func describe(_ code: Int32) -> String {
      switch code {
      case ISAL_INVALID_BLOCK: return "isa-l: invalid deflate block"
      case ISAL_INVALID_SYMBOL: return "isa-l: invalid deflate symbol"
      case ISAL_INVALID_LOOKBACK: return "isa-l: invalid distance too far back"
      default: return "isa-l: error \(code)"
      }
    }
  }
#endif
