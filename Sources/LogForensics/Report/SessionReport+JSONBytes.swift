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
    out.key("ips", depth: d)
    out.array(ips, depth: d) { out, s in out.string(s) }
    if let ipsTruncated {
      out.key("ipsTruncated", depth: d)
      out.bool(ipsTruncated)
    }
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
    out.key("userAgents", depth: d)
    out.array(userAgents, depth: d) { out, s in out.string(s) }
    if let userAgentsTruncated {
      out.key("userAgentsTruncated", depth: d)
      out.bool(userAgentsTruncated)
    }
    out.close(0x7D, depth: depth)
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
  /// ``iso8601`` as a JSON string, written without building the `String` for years 0–9999.
  func writeJSON(to out: inout JSONBytes) {
    var secs = seconds
    let millis = Int((microseconds - secs * 1_000_000) / 1000)
    var days = secs / 86_400
    secs -= days * 86_400
    if secs < 0 {
      secs += 86_400
      days -= 1
    }
    let (y, m, d) = Timestamp.civilFromDays(Int(days))
    guard (0...9999).contains(y) else { return out.string(iso8601) }
    let hh = Int(secs / 3600), mm = Int(secs % 3600 / 60), ss = Int(secs % 60)
    @inline(__always) func digits(_ v: Int, _ width: Int, _ out: inout JSONBytes) {
      var p = 1
      for _ in 1..<width { p *= 10 }
      while p > 0 {
        out.byte(UInt8(truncatingIfNeeded: v / p % 10) &+ 0x30)
        p /= 10
      }
    }
    out.byte(0x22)
    digits(y, 4, &out)
    out.byte(0x2D)
    digits(m, 2, &out)
    out.byte(0x2D)
    digits(d, 2, &out)
    out.byte(0x54)
    digits(hh, 2, &out)
    out.byte(0x3A)
    digits(mm, 2, &out)
    out.byte(0x3A)
    digits(ss, 2, &out)
    out.byte(0x2E)
    digits(millis, 3, &out)
    out.byte(0x5A)
    out.byte(0x22)
  }
}
