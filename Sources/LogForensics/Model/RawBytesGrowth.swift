// Model/RawBytesGrowth.swift - growing a raw byte buffer that a reused scratch object owns.

extension UnsafeMutableRawPointer {
  /// A new buffer of `capacity` bytes that starts with the first `count` bytes of this one,
  /// which is freed (the reused byte buffers of parsing and templating grow this way).
  func movedToNewBuffer(keeping count: Int, capacity: Int, alignment: Int) -> UnsafeMutableRawPointer {
    let p = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: alignment)
    p.copyMemory(from: self, byteCount: count)
    deallocate()
    return p
  }
}
