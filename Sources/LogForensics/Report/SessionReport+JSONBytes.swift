// Report/SessionReport+JSONBytes.swift - sessions write their own JSON (the bulk of a breach-scale report).

extension SessionReport: JSONBytesEncodable {
  /// Keys in sorted order, as `JSONEncoder` writes them.
  func writeJSON(to out: inout JSONBytes, depth: Int) throws {
    let d = depth + 1
    out.openObject()
    out.key("actor", depth: d, first: true)
    out.string(actor)
    out.key("distinctRecords", depth: d)
    out.int(distinctRecords)
    out.key("end", depth: d)
    end.writeJSON(to: &out)
    out.key("features", depth: d)
    try features.writeJSON(to: &out, depth: d)
    out.key("id", depth: d)
    out.string(id)
    out.key("patientRequests", depth: d)
    out.int(patientRequests)
    out.key("rate", depth: d)
    try out.double(rate)
    out.key("requests", depth: d)
    out.int(requests)
    out.key("start", depth: d)
    start.writeJSON(to: &out)
    out.key("statusMix", depth: d)
    try out.array(statusMix, depth: d) { out, s in try s.writeJSON(to: &out, depth: d + 1) }
    out.close(0x7D, depth: depth)
  }
}

extension SessionFeatures: JSONBytesEncodable {
  func writeJSON(to out: inout JSONBytes, depth: Int) throws {
    let d = depth + 1
    out.openObject()
    out.key("gapCV", depth: d, first: true)
    try out.double(gapCV)
    out.cappedList("ips", ips, "ipsTruncated", ipsTruncated, depth: d)
    out.key("meanGapSeconds", depth: d)
    try out.double(meanGapSeconds)
    out.key("missRatio", depth: d)
    try out.double(missRatio)
    out.key("nightShare", depth: d)
    try out.double(nightShare)
    out.key("scriptClient", depth: d)
    out.bool(scriptClient)
    out.key("sequentialShare", depth: d)
    try out.double(sequentialShare)
    out.cappedList("userAgents", userAgents, "userAgentsTruncated", userAgentsTruncated, depth: d)
    out.close(0x7D, depth: depth)
  }
}

extension JSONBytes {
  /// A list of strings under `key` and, when set, its truncation flag under `flagKey` (the
  /// key that sorts right after it), both keys at `depth`.
  fileprivate mutating func cappedList(
    _ key: StaticString, _ list: [String], _ flagKey: StaticString, _ truncated: Bool?, depth: Int
  ) {
    self.key(key, depth: depth)
    array(list, depth: depth) { out, s in out.string(s) }
    if let truncated {
      self.key(flagKey, depth: depth)
      bool(truncated)
    }
  }
}

extension StatusCount: JSONBytesEncodable {
  func writeJSON(to out: inout JSONBytes, depth: Int) throws {
    out.openObject()
    out.key("count", depth: depth + 1, first: true)
    out.int(count)
    out.key("status", depth: depth + 1)
    out.string(status)
    out.close(0x7D, depth: depth)
  }
}

extension Timestamp {
  /// Widths of ``utcFields``' digits in ``iso8601``, and the byte after each (`-`, `-`, `T`,
  /// `:`, `:`, `.`, `Z`).
  private static let isoLayout: [(width: Int, after: UInt8)] = [
    (4, 0x2D), (2, 0x2D), (2, 0x54), (2, 0x3A), (2, 0x3A), (2, 0x2E), (3, 0x5A),
  ]

  /// ``iso8601`` as a JSON string, written without building the `String` for years 0–9999.
  func writeJSON(to out: inout JSONBytes) {
    let f = utcFields
    guard (0...9999).contains(f.year) else { return out.string(iso8601) }
    let values = [f.year, f.month, f.day, f.hour, f.minute, f.second, f.millisecond]
    out.byte(0x22)
    for (v, layout) in zip(values, Timestamp.isoLayout) {
      var p = 1
      for _ in 1..<layout.width { p *= 10 }
      while p > 0 {
        out.byte(UInt8(truncatingIfNeeded: v / p % 10) &+ 0x30)
        p /= 10
      }
      out.byte(layout.after)
    }
    out.byte(0x22)
  }
}
