// Parsing/CLF/CLFClientField.swift - the fields before ident in a CLF line: vhost, XFF list, client.

/// The part of a CLF line before `%l %u`: a client address or hostname, optionally preceded by
/// a virtual host (`www.example.com` or `www.example.com:443`) and/or an `X-Forwarded-For` list
/// (`10.0.0.2, 10.0.0.1, 127.0.0.1`, or quoted `"a, b" 10.2.1.185`).
///
/// Ranges are indices into the client slice given to ``init(_:)``.
struct CLFClientField {
  var vhost: Range<Int>?
  var list: Range<Int>?
  var address: Range<Int>?

  /// The address, or the list when there is no separate address.
  var addressOrList: Range<Int> { address ?? list ?? 0..<0 }

  /// Splits `client`; `nil` when it has more space-separated groups than `vhost list/address`.
  init?(_ c: UnsafeRawBufferPointer) {
    let n = c.count
    guard n > 0 else { return nil }
    if c[0] == .quote {
      guard let close = CLFScanning.closingQuote(c, from: 1) else { return nil }
      list = 1..<close
      let s = CLFScanning.skipSpaces(c, from: close + 1)
      if s < n {
        guard CLFScanning.tokenEnd(c, from: s) == n else { return nil }
        address = s..<n
      }
      return
    }
    let g1 = CLFClientField.group(c, from: 0)
    if g1.upperBound == n {
      if c.firstIndex(of: .comma, from: 0) != nil { list = g1 } else { address = g1 }
      return
    }
    let g2 = CLFClientField.group(c, from: CLFScanning.skipSpaces(c, from: g1.upperBound))
    guard g2.upperBound == n, !g2.isEmpty else { return nil }
    let g1HasComma = c.slice(g1.lowerBound, g1.upperBound).firstIndex(of: .comma, from: 0) != nil
    let g2HasComma = c.slice(g2.lowerBound, g2.upperBound).firstIndex(of: .comma, from: 0) != nil
    if g1HasComma {
      guard !g2HasComma else { return nil }
      list = g1
      address = g2
    } else {
      vhost = g1
      if g2HasComma { list = g2 } else { address = g2 }
    }
  }

  /// Sets forwarded-for and client IP: the address when present, else the left-most list item.
  /// The address is looked up when the parser calls ``EventBuilder/resolveClientIP()``.
  func apply(_ c: UnsafeRawBufferPointer, into builder: inout EventBuilder) {
    if let l = list { builder.setForwardedFor(c.slice(l.lowerBound, l.upperBound)) }
    if let a = address {
      builder.setClientIPLater(c.slice(a.lowerBound, a.upperBound))
    } else if let l = list {
      builder.setClientIPLater(CLFScanning.firstListItem(c.slice(l.lowerBound, l.upperBound)))
    }
  }

  /// Sets the host from `%v` or `%v:%p`; a port is kept as the extra `port`.
  static func setHost(_ v: UnsafeRawBufferPointer, into builder: inout EventBuilder) {
    if let colon = v.firstIndex(of: .colon, from: 0), v.firstIndex(of: .colon, from: colon + 1) == nil,
      colon + 1 < v.count, v.slice(colon + 1, v.count).parseDecimal() != nil
    {
      builder.setHost(v.slice(0, colon))
      builder.addExtra(name: ExtraNames.port, value: v.slice(colon + 1, v.count))
    } else {
      builder.setHost(v)
    }
  }

  /// A token, continued through following tokens while it ends with a comma (`a, b, c`).
  private static func group(_ c: UnsafeRawBufferPointer, from: Int) -> Range<Int> {
    var e = CLFScanning.tokenEnd(c, from: from)
    while e < c.count && e > from && c[e - 1] == .comma {
      e = CLFScanning.tokenEnd(c, from: CLFScanning.skipSpaces(c, from: e))
    }
    return from..<e
  }
}

/// Names of extras written by the CLF parsers.
enum ExtraNames {
  static let ident: StaticString = "ident"
  static let port: StaticString = "port"
  /// `extra1` … `extra16` for positional trailing fields.
  static let positional: [StaticString] = [
    "extra1", "extra2", "extra3", "extra4", "extra5", "extra6", "extra7", "extra8", "extra9", "extra10",
    "extra11", "extra12", "extra13", "extra14", "extra15", "extra16",
  ]
}

extension EventBuilder {
  /// Keeps a field under a static name (no `String` for the name).
  @inline(__always)
  mutating func addExtra(name: StaticString, value: UnsafeRawBufferPointer) {
    name.withUTF8Buffer { addExtra(name: UnsafeRawBufferPointer($0), value: value) }
  }
}
