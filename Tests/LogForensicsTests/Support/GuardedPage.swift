import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs `body` with `end`, the first byte of an unreadable page that follows a writable one:
/// bytes a test places just before `end` are the last readable ones, so a scan that reads past
/// them stops the test process. Records an issue and skips `body` when the pages cannot be
/// mapped.
func withBytesBeforeUnreadablePage(_ body: (_ end: UnsafeMutablePointer<UInt8>) throws -> Void) rethrows {
  let page = Int(sysconf(Int32(_SC_PAGESIZE)))
  guard let raw = mmap(nil, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), raw != MAP_FAILED else {
    Issue.record("mmap failed")
    return
  }
  defer { munmap(raw, 2 * page) }
  guard mprotect(raw + page, page, PROT_NONE) == 0 else {
    Issue.record("mprotect failed")
    return
  }
  try body(raw.assumingMemoryBound(to: UInt8.self) + page)
}
