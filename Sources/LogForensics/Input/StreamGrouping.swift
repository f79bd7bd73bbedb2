// Input/StreamGrouping.swift - rotated log files → one stream per log, oldest file first.

/// Groups files into streams, one per rotated log, and orders each stream oldest first.
///
/// Files belong to the same stream when they are in the same directory and have the same
/// *base name* once the rotation part is removed. Names are only used for grouping and
/// ordering, never to decide the compression (that is sniffed from the content); for grouping,
/// a final `.gz`, `.bz2`, `.xz`, `.zst`, `.zip` or `.Z` is ignored. Rotation parts recognised:
///
/// 1. **Numeric index** (logrotate, newsyslog): `access.log.1`, `access.log.2.gz`: a final
///    `.N` with 1 to 7 digits. A higher index is older.
/// 2. **Date suffix** (logrotate `dateext`): `access.log-20240101`, `access.log-20240101.gz`,
///    `access.log.2024-01-01`, `access.log-2024010112`: a final `-` or `.` or `_` followed by
///    digits (at least 8) possibly separated by `-`; ordered by those digits, ascending.
/// 3. **Date stamp inside the name** (IIS and similar): `u_ex260217.log`, `u_ex26021710.log`,
///    `ex960101.log`, `access-2024-01-01.log`: the last run of at least 6 digits (separators
///    `-` and `_` allowed) before the extension; files with the same text around the digits
///    form one stream, ordered by the digits. For names whose prefix ends in `ex` (IIS) and
///    whose stamp starts with a two-digit year, years 70–99 count as 19xx, the rest as 20xx.
/// 4. Anything else is a **current** file (`access.log`, `access.log.gz`); it is the newest of
///    its stream and comes last.
///
/// Inside a stream: date-stamped files (rules 2 and 3) by date ascending, then numbered files
/// by index descending, then the current file; ties are broken by path. Streams are sorted by
/// their first path (byte order). Standard input `-` is always a stream of its own.
///
/// A given list of paths always gives the same grouping and order.
public enum StreamGrouping {
  /// Where a file sits in its stream.
  enum Rank: Equatable {
    /// A date stamp, normalised to its digits (century added for two-digit IIS years).
    case dated(String)
    /// A numeric rotation index (higher = older).
    case numbered(Int)
    case current
  }

  /// - Parameter files: paths as returned by ``InputDiscovery/expand(_:)``.
  /// - Returns: the streams, each a non-empty list of paths, oldest first.
  public static func group(_ files: [String]) -> [[String]] {
    var groups: [String: [(path: String, rank: Rank)]] = [:]
    var streams: [[String]] = []
    for path in files {
      if path == "-" {
        streams.append(["-"])
        continue
      }
      let (key, rank) = classify(path)
      groups[key, default: []].append((path, rank))
    }
    for (_, members) in groups {
      streams.append(members.sorted(by: isOlder).map(\.path))
    }
    streams.sort { a, b in
      let (x, y) = (a[0], b[0])
      return x == y ? a.count < b.count : x.utf8.lexicographicallyPrecedes(y.utf8)
    }
    return streams
  }

  /// The stream key (directory + base name) and the file's rank in that stream.
  static func classify(_ path: String) -> (key: String, rank: Rank) {
    let bytes = Array(path.utf8)
    let slash = bytes.lastIndex(of: UInt8(ascii: "/"))
    let directory = slash.map { String(decoding: bytes[...$0], as: UTF8.self) } ?? ""
    var name = Array(bytes[(slash.map { $0 + 1 } ?? 0)...])
    name = strippingCompressionExtension(name)

    if let (base, index) = numericIndex(name) {
      return (directory + "\u{0}" + base, .numbered(index))
    }
    if let (base, digits) = dateSuffix(name) {
      return (directory + "\u{0}" + base, .dated(digits))
    }
    if let (base, digits) = embeddedDate(name) {
      return (directory + "\u{0}" + base, .dated(digits))
    }
    return (directory + "\u{0}" + String(decoding: name, as: UTF8.self), .current)
  }

  /// `true` when `a` comes before `b` in a stream (is older).
  private static func isOlder(_ a: (path: String, rank: Rank), _ b: (path: String, rank: Rank)) -> Bool {
    func order(_ r: Rank) -> Int {
      switch r {
      case .dated: return 0
      case .numbered: return 1
      case .current: return 2
      }
    }
    switch (a.rank, b.rank) {
    case (.dated(let x), .dated(let y)) where x != y:
      return x.utf8.lexicographicallyPrecedes(y.utf8)
    case (.numbered(let x), .numbered(let y)) where x != y:
      return x > y
    default:
      let (oa, ob) = (order(a.rank), order(b.rank))
      return oa != ob ? oa < ob : a.path.utf8.lexicographicallyPrecedes(b.path.utf8)
    }
  }

  private static let compressionExtensions: [[UInt8]] = [".gz", ".bz2", ".xz", ".zst", ".zip", ".Z"].map {
    Array($0.utf8)
  }

  private static func strippingCompressionExtension(_ name: [UInt8]) -> [UInt8] {
    for ext in compressionExtensions where name.count > ext.count && name.suffix(ext.count).elementsEqual(ext) {
      return Array(name.dropLast(ext.count))
    }
    return name
  }

  private static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

  /// `access.log.12` → ("access.log", 12).
  private static func numericIndex(_ name: [UInt8]) -> (String, Int)? {
    var i = name.count
    while i > 0 && isDigit(name[i - 1]) { i -= 1 }
    let digits = name.count - i
    guard digits >= 1 && digits <= 7, i >= 2, name[i - 1] == UInt8(ascii: ".") else { return nil }
    var value = 0
    for b in name[i...] { value = value * 10 + Int(b - 0x30) }
    return (String(decoding: name[..<(i - 1)], as: UTF8.self), value)
  }

  /// `access.log-20240101` / `access.log.2024-01-01` → ("access.log", "20240101").
  private static func dateSuffix(_ name: [UInt8]) -> (String, String)? {
    var i = name.count
    while i > 0 && (isDigit(name[i - 1]) || name[i - 1] == UInt8(ascii: "-")) { i -= 1 }
    // The run must start with a digit; the byte before it is the separator.
    while i < name.count && !isDigit(name[i]) { i += 1 }
    guard i >= 2, i < name.count else { return nil }
    let separator = name[i - 1]
    guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: ".") || separator == UInt8(ascii: "_")
    else { return nil }
    let digits = Array(name[i...].filter(isDigit))
    guard digits.count >= 8 else { return nil }
    return (String(decoding: name[..<(i - 1)], as: UTF8.self), String(decoding: digits, as: UTF8.self))
  }

  /// `u_ex260217.log` → ("u_ex*.log", "20260217"): the last run of ≥ 6 digits before the
  /// extension (the part after the last `.`), `-`/`_` allowed between digits.
  private static func embeddedDate(_ name: [UInt8]) -> (String, String)? {
    let stemEnd = name.lastIndex(of: UInt8(ascii: ".")) ?? name.count
    var end = stemEnd
    while end > 0 && !isDigit(name[end - 1]) { end -= 1 }
    guard end > 0 else { return nil }
    var start = end
    while start > 0
      && (isDigit(name[start - 1]) || name[start - 1] == UInt8(ascii: "-") || name[start - 1] == UInt8(ascii: "_"))
    {
      start -= 1
    }
    while start < end && !isDigit(name[start]) { start += 1 }
    var digits = Array(name[start..<end].filter(isDigit))
    guard digits.count >= 6 else { return nil }
    let prefix = name[..<start]
    let isIIS = prefix.count >= 2 && prefix.suffix(2).map { $0 | 0x20 } == Array("ex".utf8)
    if isIIS && (digits.count == 6 || digits.count == 8) {
      let yy = Int(digits[0] - 0x30) * 10 + Int(digits[1] - 0x30)
      digits = Array((yy >= 70 ? "19" : "20").utf8) + digits
    }
    let base = String(decoding: prefix, as: UTF8.self) + "*" + String(decoding: name[end...], as: UTF8.self)
    return (base, String(decoding: digits, as: UTF8.self))
  }
}
