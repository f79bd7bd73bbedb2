// Sessions/FrozenBucketIds.swift - a track's settled success ids, by bucket, in about two bytes each.

/// Numeric ids of several response-size buckets, sorted and delta-encoded.
///
/// Per bucket, in increasing bucket order: the bucket (one byte), the number of ids, the
/// first id and the gap to each next one, each number as a LEB128 varint (seven bits a byte).
/// The ids a staff member reads are a practice's patients, spread over millions of numbers:
/// gaps of a few thousand take two bytes where a sorted `[UInt32]` per bucket took four, plus
/// its header and spare room. Read sequentially only (``forEachBucket(_:)``); rebuilt whole
/// when ids are added (``SuccessSizeSets`` batches them so that each id is re-encoded a
/// bounded number of times).
struct FrozenBucketIds {
  private(set) var bytes: [UInt8] = []
  /// Number of ids, all buckets together.
  private(set) var count = 0

  var isEmpty: Bool { count == 0 }

  /// Appends the ids of `bucket`, which must be greater than every bucket already held;
  /// `ids` sorted, distinct and not empty.
  mutating func append(bucket: UInt8, ids: UnsafeBufferPointer<UInt32>) {
    precondition(!ids.isEmpty, "a frozen bucket holds ids")
    bytes.append(bucket)
    FrozenBucketIds.appendVarint(UInt32(ids.count), to: &bytes)
    var previous: UInt32 = 0
    for (i, v) in ids.enumerated() {
      FrozenBucketIds.appendVarint(i == 0 ? v : v &- previous, to: &bytes)
      previous = v
    }
    count += ids.count
  }

  /// Gives back spare room (the encoding is rebuilt, never appended to, once complete).
  mutating func trim() {
    if bytes.capacity > bytes.count + bytes.count / 8 + 16 { bytes = Array(bytes) }
  }

  /// Calls `body` with each bucket, in increasing order, and its ids (increasing; the buffer
  /// is valid during the call only).
  func forEachBucket(_ body: (UInt8, UnsafeBufferPointer<UInt32>) -> Void) {
    var ids: [UInt32] = []
    bytes.withUnsafeBufferPointer { b in
      var p = 0
      while p < b.count {
        let bucket = b[p]
        p += 1
        let n = Int(FrozenBucketIds.readVarint(b, &p))
        ids.removeAll(keepingCapacity: true)
        ids.reserveCapacity(n)
        var v: UInt32 = 0
        for i in 0..<n {
          let x = FrozenBucketIds.readVarint(b, &p)
          v = i == 0 ? x : v &+ x
          ids.append(v)
        }
        ids.withUnsafeBufferPointer { body(bucket, $0) }
      }
    }
  }

  /// The buckets held, increasing (decodes every id).
  var buckets: [UInt8] {
    var out: [UInt8] = []
    forEachBucket { b, _ in out.append(b) }
    return out
  }

  @inline(__always)
  private static func appendVarint(_ x: UInt32, to bytes: inout [UInt8]) {
    var v = x
    while v >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }

  @inline(__always)
  private static func readVarint(_ b: UnsafeBufferPointer<UInt8>, _ p: inout Int) -> UInt32 {
    var v: UInt32 = 0
    var shift: UInt32 = 0
    while true {
      let byte = b[p]
      p += 1
      v |= UInt32(byte & 0x7F) << shift
      if byte < 0x80 { return v }
      shift += 7
    }
  }
}
