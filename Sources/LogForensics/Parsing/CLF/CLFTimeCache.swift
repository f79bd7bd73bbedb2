// Parsing/CLF/CLFTimeCache.swift - CLF times of consecutive lines share all but the seconds.

/// Remembers the last `dd/Mon/yyyy:HH:MM:SS zone` time that ``TimeParsing/clf(_:)`` read, so a
/// line whose time differs from it only in the two seconds digits costs two byte compares and
/// one addition instead of a full parse (access logs repeat the same day, hour and minute).
///
/// The result is always the one ``TimeParsing/clf(_:)`` would give: the time is a function of
/// everything but the seconds (the *key*: bytes 0..<18 and 20..<end) plus `seconds × 10⁶`, valid
/// for seconds 0…60; any other case is parsed in full. Times with more than
/// ``maximumTailLength`` bytes after the seconds are never cached.
struct CLFTimeCache {
  /// Longest tail (fraction and zone after the seconds) kept in the key.
  static let maximumTailLength = 16
  private var prefixA: UInt64 = 0
  private var prefixB: UInt64 = 0
  private var prefixC: UInt16 = 0
  private var tailA: UInt64 = 0
  private var tailB: UInt64 = 0
  /// Length of the cached text, or 0 when nothing is cached.
  private var length = 0
  /// The cached time minus its seconds.
  private var base: Int64 = 0
  private var hadZone = false

  /// The time of `b` as ``TimeParsing/clf(_:)`` reads it (`nil` when it does not).
  @inline(__always)
  mutating func clf(_ b: UnsafeRawBufferPointer) -> ParsedTime? {
    let n = b.count
    if n == length && n >= 20, let p = b.baseAddress {  // length is 0 when nothing is cached
      let s1 = b[18] &- 0x30, s2 = b[19] &- 0x30
      if s1 < 10 && s2 < 10 && p.loadUnaligned(as: UInt64.self) == prefixA
        && p.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == prefixB
        && p.loadUnaligned(fromByteOffset: 16, as: UInt16.self) == prefixC
      {
        let (a, t) = CLFTimeCache.tail(b)
        let seconds = Int64(s1) * 10 + Int64(s2)
        if a == tailA && t == tailB && seconds <= 60 {
          return ParsedTime(timestamp: Timestamp(microseconds: base + seconds * 1_000_000), hadZone: hadZone)
        }
      }
    }
    guard let parsed = TimeParsing.clf(b) else { return nil }
    remember(b, parsed)
    return parsed
  }

  /// Keeps `b` (which ``TimeParsing/clf(_:)`` read as `t`) as the cached time.
  private mutating func remember(_ b: UnsafeRawBufferPointer, _ t: ParsedTime) {
    let n = b.count
    // clf accepted `b`: at least 20 bytes, bytes 18 and 19 are the seconds digits.
    guard n >= 20, n - 20 <= CLFTimeCache.maximumTailLength, let p = b.baseAddress else {
      length = 0
      return
    }
    prefixA = p.loadUnaligned(as: UInt64.self)
    prefixB = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
    prefixC = p.loadUnaligned(fromByteOffset: 16, as: UInt16.self)
    (tailA, tailB) = CLFTimeCache.tail(b)
    let seconds = Int64(b[18] &- 0x30) * 10 + Int64(b[19] &- 0x30)
    base = t.timestamp.microseconds - seconds * 1_000_000
    hadZone = t.hadZone
    length = n
  }

  /// Bytes 20..<end of `b` (at most ``maximumTailLength``), zero-padded into two words.
  @inline(__always)
  private static func tail(_ b: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
    var words: (UInt64, UInt64) = (0, 0)
    let count = min(b.count - 20, maximumTailLength)
    if count > 0 {
      withUnsafeMutableBytes(of: &words) { w in
        w.baseAddress!.copyMemory(from: b.baseAddress! + 20, byteCount: count)
      }
    }
    return words
  }
}
