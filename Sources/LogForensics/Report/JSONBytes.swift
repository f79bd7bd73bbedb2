// Report/JSONBytes.swift - a byte buffer that writes JSON exactly as the report's JSONEncoder does.

/// JSON written straight into bytes, in the exact form of the report's `JSONEncoder`
/// (`[.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]`): two spaces per depth,
/// `"key" : value`, an empty array as `[`, an empty line, `]`, doubles as their shortest
/// round-trip `description` without a trailing `.0`, strings escaped like Foundation's writer
/// (`\"`, `\\`, `\b \t \n \f \r`, other control bytes as `\u00xx`; slashes and non-ASCII
/// as they are).
///
/// Types that write themselves this way (``JSONBytesEncodable``) skip Foundation's value tree
/// and the re-indentation pass: the mass benchmark's 200 000 sessions took 7 s of CPU through
/// `JSONEncoder`. Their keys are written in sorted (byte) order by hand; a test compares every
/// such type's bytes with `JSONEncoder`'s, with every optional key present and absent.
struct JSONBytes {
  /// The bytes written so far.
  var bytes: [UInt8] = []

  /// A non-finite double: `JSONEncoder` throws for it, so the caller encodes the value with
  /// `JSONEncoder` instead to get Foundation's error.
  struct NonFiniteNumber: Error {}

  init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

  @inline(__always)
  mutating func byte(_ b: UInt8) { bytes.append(b) }

  /// Two spaces per level.
  @inline(__always)
  mutating func indent(_ depth: Int) {
    for _ in 0..<depth { bytes.append(0x20); bytes.append(0x20) }
  }

  /// ASCII text written as it is (keys, literals).
  @inline(__always)
  mutating func raw(_ s: StaticString) {
    s.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  /// Opens an object: `{`. Follow with ``key(_:depth:first:)`` for each key in sorted order,
  /// then ``close(_:depth:)``.
  @inline(__always)
  mutating func openObject() { bytes.append(0x7B) }

  /// A key of an object whose keys are at `depth`: `"name" : `, on a new line, after a comma
  /// unless it is the `first`.
  @inline(__always)
  mutating func key(_ name: StaticString, depth: Int, first: Bool = false) {
    if !first { bytes.append(0x2C) }
    bytes.append(0x0A)
    indent(depth)
    bytes.append(0x22)
    raw(name)
    raw("\" : ")
  }

  /// Closes a non-empty object or array whose own line is at `depth`.
  @inline(__always)
  mutating func close(_ bracket: UInt8, depth: Int) {
    bytes.append(0x0A)
    indent(depth)
    bytes.append(bracket)
  }

  /// An array whose line is at `depth` (elements at `depth + 1`), each written by `element`
  /// after its indentation.
  mutating func array<C: Collection>(_ items: C, depth: Int, _ element: (inout JSONBytes, C.Element) throws -> Void) rethrows {
    bytes.append(0x5B)
    if items.isEmpty {
      bytes.append(0x0A)
      bytes.append(0x0A)
      indent(depth)
      bytes.append(0x5D)
      return
    }
    var first = true
    for item in items {
      if !first { bytes.append(0x2C) }
      first = false
      bytes.append(0x0A)
      indent(depth + 1)
      try element(&self, item)
    }
    close(0x5D, depth: depth)
  }

  @inline(__always)
  mutating func bool(_ b: Bool) { if b { raw("true") } else { raw("false") } }

  /// A decimal integer.
  mutating func int(_ v: Int) {
    if v == 0 {
      bytes.append(0x30)
      return
    }
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
    var n = v.magnitude
    var count = 0
    withUnsafeMutableBytes(of: &digits) { d in
      while n > 0 {
        d[23 - count] = UInt8(truncatingIfNeeded: n % 10) &+ 0x30
        n /= 10
        count += 1
      }
      if v < 0 { bytes.append(0x2D) }
      bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: d[(24 - count)...]))
    }
  }

  /// A double as `JSONEncoder` writes it: its `description` without a trailing `.0`.
  /// Throws ``NonFiniteNumber`` for NaN and infinities.
  mutating func double(_ d: Double) throws {
    guard d.isFinite else { throw NonFiniteNumber() }
    if d == d.rounded(.towardZero) && d.magnitude < 1e15 {
      int(Int(d))
      if d == 0 && d.sign == .minus { bytes.insert(0x2D, at: bytes.count - 1) }  // -0
      return
    }
    var s = d.description
    s.withUTF8 { u in
      let n = u.count >= 2 && u[u.count - 2] == 0x2E && u[u.count - 1] == 0x30 ? u.count - 2 : u.count
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[..<n]))
    }
  }

  /// A string, quoted and escaped.
  mutating func string(_ s: String) {
    var s = s
    s.withUTF8 { escaped(UnsafeRawBufferPointer($0)) }
  }

  /// UTF-8 bytes as a quoted, escaped JSON string.
  mutating func escaped(_ u: UnsafeRawBufferPointer) {
    bytes.append(0x22)
    var run = 0  // start of the bytes not yet written
    for i in 0..<u.count {
      let c = u[i]
      guard c < 0x20 || c == 0x22 || c == 0x5C else { continue }
      if run < i { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: u[run..<i])) }
      run = i + 1
      bytes.append(0x5C)
      switch c {
      case 0x22, 0x5C: bytes.append(c)
      case 0x08: bytes.append(0x62)  // b
      case 0x09: bytes.append(0x74)  // t
      case 0x0A: bytes.append(0x6E)  // n
      case 0x0C: bytes.append(0x66)  // f
      case 0x0D: bytes.append(0x72)  // r
      default:
        let hex: StaticString = "0123456789abcdef"
        raw("u00")
        hex.withUTF8Buffer { h in
          bytes.append(h[Int(c >> 4)])
          bytes.append(h[Int(c & 0xF)])
        }
      }
    }
    if run < u.count { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: u[run...])) }
    bytes.append(0x22)
  }
}

/// A report value that writes its own JSON (``JSONBytes``), byte for byte what `JSONEncoder`
/// writes for it.
protocol JSONBytesEncodable: Encodable {
  /// Writes the value whose line is at `depth` (nested lines deeper), starting at the current
  /// position (the caller wrote the indentation or key before it).
  func writeJSON(to out: inout JSONBytes, depth: Int) throws
}
