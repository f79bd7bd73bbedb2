// Input/GzipInflater.swift - owner of one zlib inflate stream (gzip wrapper only).

import CZlib

/// A zlib inflate stream configured for the gzip wrapper (`windowBits` 15 + 16).
///
/// The `z_stream` lives on the heap so its address stays stable for zlib, which keeps
/// internal pointers back to it. Input and output pointers are set on every call, so no
/// pointer into a Swift array outlives the call that provided it.
final class GzipInflater {
  private let stream: UnsafeMutablePointer<z_stream>
  /// `Z_OK` when the stream was initialised; other values mean inflate cannot be used.
  let initStatus: Int32

  init() {
    stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    initStatus = czlib_inflateInit2(stream, 15 + 16)
  }

  deinit {
    if initStatus == Z_OK { inflateEnd(stream) }
    stream.deinitialize(count: 1)
    stream.deallocate()
  }

  /// Inflates from `input` into `output` until one of them is exhausted or the member ends.
  ///
  /// - Returns: bytes consumed from `input`, bytes written to `output`, and the zlib code
  ///   (`Z_OK`, `Z_STREAM_END`, `Z_BUF_ERROR` when no progress was possible, or an error).
  func inflate(
    input: UnsafeRawPointer, inputCount: Int, output: UnsafeMutableRawPointer, outputCount: Int
  ) -> (consumed: Int, produced: Int, code: Int32) {
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
    return (consumed, produced, code)
  }

  /// Prepares the stream for the next gzip member.
  func reset() {
    inflateReset(stream)
  }

  /// zlib's message for the last error, or a generic text.
  var message: String {
    guard let m = stream.pointee.msg else { return "no message" }
    return String(cString: m)
  }
}
