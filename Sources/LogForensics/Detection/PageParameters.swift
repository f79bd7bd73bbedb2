// Detection/PageParameters.swift - paging parameters (page size, offset, page number, cursor) read from query bytes.

/// Reads the paging parameters of a query string without building Strings.
///
/// Used by ``EndpointTemplater/template(path:query:)`` and by the template cache on a hit, so
/// both give the same ``PageRequest`` for the same query by construction.
///
/// Rules: pairs are split at `&` (empty pairs ignored); a pair's name is compared to the
/// parameter names ASCII-case-insensitively (names with other bytes never match); a value
/// counts when it is a whole non-negative decimal number (an optional `+`, no overflow), a
/// cursor when it is any non-empty value; redacted values (`[fp:…]`) are ignored.
enum PageParameters {
  /// The page request of `query`, or `nil` when it names no paging parameter.
  static func page(query q: UnsafeRawBufferPointer) -> PageRequest? {
    var pageSize: Int?
    var offset: Int?
    var pageIndex: Int?
    var hasCursor = false
    let n = q.count
    var start = 0
    while start < n {
      var end = start
      while end < n && q[end] != .ampersand { end += 1 }
      defer { start = end + 1 }
      if end == start { continue }
      var eq = start
      while eq < end && q[eq] != .equals { eq += 1 }
      if eq == start { continue }  // empty name
      let valueStart = eq < end ? eq + 1 : end
      if end - valueStart >= 4 && q[valueStart] == .leftBracket && q[valueStart + 1] == UInt8(ascii: "f")
        && q[valueStart + 2] == UInt8(ascii: "p") && q[valueStart + 3] == .colon
      {
        continue
      }
      let name = UnsafeRawBufferPointer(rebasing: q[start..<eq])
      let value = UnsafeRawBufferPointer(rebasing: q[valueStart..<end])
      let roles = PageParameters.roles(of: name)
      if roles.isEmpty { continue }
      if roles.contains(.cursor) && !value.isEmpty { hasCursor = true }
      if let v = PageParameters.nonNegativeInt(value) {
        if roles.contains(.size) { pageSize = v }
        if roles.contains(.offset) { offset = v }
        if roles.contains(.page) { pageIndex = v }
      }
    }
    guard pageSize != nil || offset != nil || pageIndex != nil || hasCursor else { return nil }
    var p = PageRequest(pageSize: pageSize, offset: offset)
    if offset == nil, let i = pageIndex, let s = pageSize { p.offset = EndpointTemplater.pageOffset(page: i, size: s) }
    if p.offset == nil && hasCursor { p.cursor = true }
    return p
  }

  /// `Int(text)` restricted to values ≥ 0: optional `+` or `-` sign, decimal digits only.
  static func nonNegativeInt(_ b: UnsafeRawBufferPointer) -> Int? {
    var i = 0
    var negative = false
    if b.count > 0 && (b[0] == .plus || b[0] == .minus) {
      negative = b[0] == .minus
      i = 1
    }
    guard i < b.count else { return nil }
    var v = 0
    while i < b.count {
      let d = b[i] &- 0x30
      guard d < 10 else { return nil }
      let (m, o1) = v.multipliedReportingOverflow(by: 10)
      let (a, o2) = m.addingReportingOverflow(Int(d))
      guard !o1 && !o2 else { return nil }
      v = a
      i += 1
    }
    if negative { return v == 0 ? 0 : nil }
    return v
  }

  private struct Roles: OptionSet {
    let rawValue: UInt8
    static let size = Roles(rawValue: 1)
    static let offset = Roles(rawValue: 2)
    static let page = Roles(rawValue: 4)
    static let cursor = Roles(rawValue: 8)
  }

  /// Which paging roles a parameter name has (see `EndpointTemplater`'s name sets).
  private static func roles(of name: UnsafeRawBufferPointer) -> Roles {
    guard name.count <= 24 else { return [] }
    var key: UInt64 = 0
    for b in name {
      guard b < 0x80 else { return [] }
      key = key &* 31 &+ UInt64(b.asciiLowercased)
    }
    return index.roles(key: key, name: name)
  }

  /// ``table`` as open addressing on its keys (no `Hasher` per query pair, unlike the
  /// dictionary): a slot holds `key | 1 << 63` (0: empty) and the entry's position.
  private struct NameIndex {
    private var slots: [UInt64]
    private var slotEntries: [Int]
    private var names: [[UInt8]] = []
    private var entryRoles: [Roles] = []
    private let shift: UInt64

    init(_ table: [UInt64: (name: [UInt8], roles: Roles)]) {
      let bits = 8  // 256 slots for a few dozen names: probes are short
      shift = UInt64(64 - bits)
      slots = Array(repeating: 0, count: 1 << bits)
      slotEntries = Array(repeating: -1, count: 1 << bits)
      for key in table.keys.sorted() {
        let e = table[key]!
        var i = NameIndex.slot(key, shift)
        while slots[i] != 0 { i = (i + 1) & (slots.count - 1) }
        slots[i] = key | 1 << 63
        slotEntries[i] = names.count
        names.append(e.name)
        entryRoles.append(e.roles)
      }
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ shift: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    @inline(__always)
    private func matches(_ stored: [UInt8], _ name: UnsafeRawBufferPointer) -> Bool {
      guard stored.count == name.count else { return false }
      for j in 0..<name.count where stored[j] != name[j].asciiLowercased { return false }
      return true
    }

    /// The roles of `name` (whose lower-cased key is `key`), compared byte for byte.
    @inline(__always)
    func roles(key: UInt64, name: UnsafeRawBufferPointer) -> Roles {
      let stored = key | 1 << 63
      var i = NameIndex.slot(key, shift)
      while true {
        let k = slots[i]
        if k == 0 { return [] }
        if k == stored && matches(names[slotEntries[i]], name) { return entryRoles[slotEntries[i]] }
        i = (i + 1) & (slots.count - 1)
      }
    }
  }

  private static let index = NameIndex(table)

  private static let table: [UInt64: (name: [UInt8], roles: Roles)] = {
    var t: [UInt64: (name: [UInt8], roles: Roles)] = [:]
    func add(_ names: Set<String>, _ role: Roles) {
      for n in names {
        let bytes = Array(n.utf8)
        var key: UInt64 = 0
        for b in bytes { key = key &* 31 &+ UInt64(b) }
        if var existing = t[key], existing.name == bytes {
          existing.roles.insert(role)
          t[key] = existing
        } else {
          precondition(t[key] == nil, "paging parameter names must not collide")
          t[key] = (bytes, role)
        }
      }
    }
    add(EndpointTemplater.pageSizeParams, .size)
    add(EndpointTemplater.offsetParams, .offset)
    add(EndpointTemplater.pageParams, .page)
    add(EndpointTemplater.cursorParams, .cursor)
    return t
  }()
}
