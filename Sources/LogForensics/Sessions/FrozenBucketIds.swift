// Sessions/FrozenBucketIds.swift - a track's settled success ids, by bucket, in about two bytes each.

/// Numeric ids of several response-size buckets, sorted and delta-encoded.
///
/// Per bucket, in increasing bucket order: the bucket (one byte), the number of ids, the
/// first id and the length in bytes of the gaps' bits (LEB128 varints, seven bits a byte: a
/// reader that wants only the buckets skips the bits), the Rice parameter `k` (one byte), then the
/// gaps between consecutive ids, less one, Rice-coded: the gap's high part `gap >> k` in
/// unary, its low `k` bits as they are; the bits are padded to a whole byte. `k` is the
/// bucket's mean gap rounded down to a power of two, so an id costs about `k + 2` bits.
/// The ids a staff member reads are a practice's patients, spread over millions of numbers:
/// gaps of ten thousand take about two bytes where a sorted `[UInt32]` per bucket took four,
/// plus its header and spare room. Read bucket by bucket (``forEachBucket(_:)``, or
/// ``bucketPlaces()`` and ``decodeBucket(at:into:)`` in any order); rebuilt whole when ids
/// are added (``SuccessSizeSets`` batches them so that each id is re-encoded a bounded number
/// of times), the buckets encoded largest first into a scratch encoding and copied back in
/// increasing order into storage of their exact size (``init(reversingBucketsOf:)``).
struct FrozenBucketIds {
  private(set) var bytes: [UInt8] = []
  /// Number of ids, all buckets together.
  private(set) var count = 0

  var isEmpty: Bool { count == 0 }

  init() {}

  /// Appends the ids of `bucket` after the buckets held; `ids` sorted, distinct and not empty.
  /// Readers expect increasing buckets: only a scratch encoding appends them decreasing
  /// (see ``init(reversingBucketsOf:)``).
  mutating func append(bucket: UInt8, ids: UnsafeBufferPointer<UInt32>) {
    precondition(!ids.isEmpty, "a frozen bucket holds ids")
    bytes.append(bucket)
    LEB128.append(UInt64(UInt32(ids.count)), to: &bytes)
    LEB128.append(UInt64(ids[0]), to: &bytes)
    let n = ids.count
    // Mean gap (less one) rounded down to a power of two: the Rice parameter.
    let meanGap = n > 1 ? (UInt64(ids[n - 1] - ids[0]) - UInt64(n - 1)) / UInt64(n - 1) : 0
    let k = meanGap == 0 ? 0 : 63 - meanGap.leadingZeroBitCount
    var gaps: [UInt8] = []
    var bits = BitWriter()
    for i in 1..<max(1, n) {
      let gap = UInt64(ids[i] - ids[i - 1] - 1)
      let q = Int(gap >> UInt64(k))
      let low = gap & ((1 << UInt64(k)) - 1)
      if q + 1 + k <= 56 {
        // One write: q ones, a zero, the low bits.
        bits.write((1 << UInt64(q)) - 1 | low << UInt64(q + 1), bits: q + 1 + k, to: &gaps)
      } else {
        bits.writeUnary(q, to: &gaps)
        bits.write(low, bits: k, to: &gaps)
      }
    }
    bits.flush(to: &gaps)
    LEB128.append(UInt64(UInt32(gaps.count)), to: &bytes)
    bytes.append(UInt8(k))
    bytes.append(contentsOf: gaps)
    count += n
  }

  /// A bucket's header: what precedes its gaps' bits.
  private struct Header {
    var bucket: UInt8
    var count: Int
    var first: UInt32
    /// Bytes of the gaps' bits.
    var length: Int
    /// Rice parameter.
    var k: Int

    /// Reads the header at `p` and moves `p` to the gaps' bits.
    init(_ b: UnsafeBufferPointer<UInt8>, _ p: inout Int) {
      bucket = b[p]
      p += 1
      count = Int(LEB128.read(b, &p))
      first = UInt32(truncatingIfNeeded: LEB128.read(b, &p))
      length = Int(LEB128.read(b, &p))
      k = Int(b[p])
      p += 1
    }
  }

  /// Calls `body` with each bucket, increasing, and its number of ids, without decoding them.
  func forEachBucketCount(_ body: (UInt8, Int) -> Void) {
    bytes.withUnsafeBufferPointer { b in
      var p = 0
      while p < b.count {
        let h = Header(b, &p)
        p += h.length
        body(h.bucket, h.count)
      }
    }
  }

  /// Room allocated for the encoding (for tests and sizing).
  var capacity: Int { bytes.capacity }

  /// Calls `body` with each bucket, in increasing order, and its ids (increasing; the buffer
  /// is valid during the call only).
  func forEachBucket(_ body: (UInt8, UnsafeBufferPointer<UInt32>) -> Void) {
    forEachBucketWhile { b, ids in
      body(b, ids)
      return true
    }
  }

  /// ``forEachBucket(_:)`` until `body` returns `false`.
  func forEachBucketWhile(_ body: (UInt8, UnsafeBufferPointer<UInt32>) -> Bool) {
    var ids: [UInt32] = []
    bytes.withUnsafeBufferPointer { b in
      var p = 0
      while p < b.count {
        let h = Header(b, &p)
        ids.removeAll(keepingCapacity: true)
        FrozenBucketIds.decode(h, b, from: p, into: &ids)
        p += h.length
        if !ids.withUnsafeBufferPointer({ body(h.bucket, $0) }) { return }
      }
    }
  }

  /// Each bucket and the offset of its header, increasing (headers only are read).
  func bucketPlaces() -> [(bucket: UInt8, offset: Int)] {
    var out: [(bucket: UInt8, offset: Int)] = []
    bytes.withUnsafeBufferPointer { b in
      var p = 0
      while p < b.count {
        let start = p
        let h = Header(b, &p)
        p += h.length
        out.append((h.bucket, start))
      }
    }
    return out
  }

  /// Replaces `ids` with the ids of the bucket whose header is at `offset` (from
  /// ``bucketPlaces()``).
  func decodeBucket(at offset: Int, into ids: inout [UInt32]) {
    ids.removeAll(keepingCapacity: true)
    bytes.withUnsafeBufferPointer { b in
      var p = offset
      let h = Header(b, &p)
      FrozenBucketIds.decode(h, b, from: p, into: &ids)
    }
  }

  /// An empty encoding with room for `reservingBytes` bytes (a scratch encoding).
  init(reservingBytes: Int) {
    bytes.reserveCapacity(reservingBytes)
  }

  /// The buckets of `other` in the reverse order (`other` appended them from the largest
  /// down), in storage of their exact size.
  init(reversingBucketsOf other: FrozenBucketIds) {
    let places = other.bucketPlaces()
    bytes = [UInt8](unsafeUninitializedCapacity: other.bytes.count) { out, written in
      other.bytes.withUnsafeBufferPointer { src in
        var w = 0
        for i in places.indices.reversed() {
          let start = places[i].offset, end = i + 1 < places.count ? places[i + 1].offset : src.count
          out.baseAddress.unsafelyUnwrapped.advanced(by: w).initialize(from: src.baseAddress.unsafelyUnwrapped.advanced(by: start), count: end - start)
          w += end - start
        }
        written = w
      }
    }
    count = other.count
  }

  /// Appends to `ids` the ids of the bucket of header `h`, whose gaps' bits start at `p`.
  private static func decode(_ h: Header, _ b: UnsafeBufferPointer<UInt8>, from p: Int, into ids: inout [UInt32]) {
    let n = h.count, k = h.k
    var v = h.first
    ids.reserveCapacity(ids.count + n)
    ids.append(v)
    var bits = BitReader(b, from: p)
    for _ in 1..<max(1, n) {
      let high = UInt64(bits.readUnary())
      let gap = high << UInt64(k) | bits.read(bits: k)
      v = v &+ UInt32(truncatingIfNeeded: gap) &+ 1
      ids.append(v)
    }
  }

  /// The buckets held, increasing.
  var buckets: [UInt8] {
    var out: [UInt8] = []
    forEachBucketCount { b, _ in out.append(b) }
    return out
  }
}

/// Appends bits to a byte array, least significant bit first.
private struct BitWriter {
  private var acc: UInt64 = 0
  private var pending = 0

  /// Appends the low `bits` bits of `value` (at most 56).
  @inline(__always)
  mutating func write(_ value: UInt64, bits: Int, to bytes: inout [UInt8]) {
    guard bits > 0 else { return }
    acc |= value << UInt64(pending)
    pending += bits
    while pending >= 8 {
      bytes.append(UInt8(truncatingIfNeeded: acc))
      acc >>= 8
      pending -= 8
    }
  }

  /// Appends `q` one bits and a zero.
  @inline(__always)
  mutating func writeUnary(_ q: Int, to bytes: inout [UInt8]) {
    var q = q
    while q >= 32 {
      write(0xFFFF_FFFF, bits: 32, to: &bytes)
      q -= 32
    }
    write((1 << UInt64(q)) - 1, bits: q + 1, to: &bytes)
  }

  /// Pads the last byte with zeros.
  mutating func flush(to bytes: inout [UInt8]) {
    if pending > 0 { bytes.append(UInt8(truncatingIfNeeded: acc)) }
    acc = 0
    pending = 0
  }
}

/// Reads what ``BitWriter`` wrote.
private struct BitReader {
  private let bytes: UnsafeBufferPointer<UInt8>
  private var p: Int
  private var acc: UInt64 = 0
  private var available = 0

  init(_ bytes: UnsafeBufferPointer<UInt8>, from p: Int) {
    self.bytes = bytes
    self.p = p
  }

  @inline(__always)
  private mutating func refill() {
    while available <= 56 && p < bytes.count {
      acc |= UInt64(bytes[p]) << UInt64(available)
      p += 1
      available += 8
    }
  }

  /// The next `k` bits (at most 32).
  @inline(__always)
  mutating func read(bits k: Int) -> UInt64 {
    guard k > 0 else { return 0 }
    if available < k { refill() }
    let v = acc & ((1 << UInt64(k)) - 1)
    acc >>= UInt64(k)
    available -= k
    return v
  }

  /// The number of one bits before the next zero (which is consumed).
  @inline(__always)
  mutating func readUnary() -> Int {
    var q = 0
    while true {
      if available == 0 {
        refill()
        if available == 0 { return q }  // corrupt: ran out of bits
      }
      let ones = (~acc).trailingZeroBitCount
      if ones < available {
        q += ones
        acc = acc >> UInt64(ones + 1)
        available -= ones + 1
        return q
      }
      q += available
      acc = 0
      available = 0
    }
  }
}
