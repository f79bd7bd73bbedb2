// Input/ZlibInflater.swift - the portable raw-deflate decoder (zlib), the default backend.

import CZlib

/// One zlib raw-deflate stream (`windowBits` -15); the gzip wrapper is read by
/// ``GzipHeaderParser`` and ``FileChunkSource`` so both backends share its semantics.
///
/// The `z_stream` lives on the heap so its address stays stable for zlib, which keeps
/// internal pointers back to it. Input and output pointers are set on every call, so no
/// pointer into a Swift array outlives the call that provided it.
final class ZlibInflater: DeflateDecoder {
  private let stream: UnsafeMutablePointer<z_stream>
  /// `Z_OK` when the stream was initialised; other values mean inflate cannot be used.
  let initStatus: Int32
  private(set) var crc32: UInt32 = 0

  init() {
    stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    initStatus = czlib_inflateInit2(stream, -15)
  }

  deinit {
    if initStatus == Z_OK { inflateEnd(stream) }
    stream.deinitialize(count: 1)
    stream.deallocate()
  }

  var initError: String? { initStatus == Z_OK ? nil : "inflateInit2 failed (zlib \(initStatus))" }

  func inflate(
    input: UnsafeRawPointer, inputCount: Int, output: UnsafeMutableRawPointer, outputCount: Int
  ) -> DeflateStep {
    // zlib's avail_in/avail_out are 32-bit; callers use blocks far below 4 GiB but clamp anyway.
    let inCount = min(inputCount, Int(UInt32.max))
    let outCount = min(outputCount, Int(UInt32.max))
    stream.pointee.next_in = UnsafeMutablePointer(mutating: input.assumingMemoryBound(to: Bytef.self))
    stream.pointee.avail_in = uInt(inCount)
    stream.pointee.next_out = output.assumingMemoryBound(to: Bytef.self)
    stream.pointee.avail_out = uInt(outCount)
    let code = CZlib.inflate(stream, Z_NO_FLUSH)
    let consumed = inCount - Int(stream.pointee.avail_in)
    let produced = outCount - Int(stream.pointee.avail_out)
    stream.pointee.next_in = nil
    stream.pointee.next_out = nil
    if produced > 0 {
      crc32 = UInt32(truncatingIfNeeded: CZlib.crc32(uLong(crc32), output.assumingMemoryBound(to: Bytef.self), uInt(produced)))
    }
    let status: DeflateStatus
    switch code {
    case Z_STREAM_END: status = .streamEnd
    case Z_OK, Z_BUF_ERROR: status = .ok
    default: status = .error(code: code, message: message)
    }
    return DeflateStep(consumed: consumed, produced: produced, status: status)
  }

  func reset() {
    inflateReset(stream)
    crc32 = 0
  }

  /// zlib's message for the last error, or a generic text.
  private var message: String {
    guard let m = stream.pointee.msg else { return "no message" }
    return String(cString: m)
  }
}
