// Parsing/Cloud/CloudFrontParser.swift - Amazon CloudFront standard (web) log lines, no header needed.

/// Parses CloudFront standard log lines in the fixed tab-separated layout:
/// `date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status
/// cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id
/// x-host-header cs-protocol cs-bytes time-taken [x-forwarded-for …]`.
///
/// At least the first 19 fields are required; later ones (up to 33 and beyond) are optional.
/// The user agent and query stay percent-encoded as logged (CloudFront often encodes the UA
/// twice, `%2520`). `#Version`/`#Fields` lines are skipped; lines of another tab or W3C
/// layout are rejected because their date, method or status columns do not fit.
public struct CloudFrontParser: LineParser {
  /// Minimum number of fields (through `time-taken`).
  static let minimumFields = 19

  private var ranges: [Range<Int>] = []

  public init() { ranges.reserveCapacity(24) }

  public mutating func parse(_ line: UnsafeRawBufferPointer, into builder: inout EventBuilder) -> LineOutcome {
    if line.isEmpty { return .skipped("blank line") }
    if line[0] == .hash { return .skipped("directive line \(CloudFields.show(line))") }
    // Field bounds are kept in a reused buffer (no allocation per line).
    ranges.removeAll(keepingCapacity: true)
    var c = FieldCursor(line, separator: .tab)
    while ranges.count < 24 {
      let start = c.pos
      guard let tok = c.token() else { break }
      ranges.append(start..<(start + tok.count))
    }
    if line[line.count - 1] == .tab && ranges.count < 24 { ranges.append(line.count..<line.count) }
    let f = FieldList(line: line, ranges: ranges)
    guard f.count >= Self.minimumFields else {
      if line.firstIndex(of: .tab, from: 0) == nil { return .rejected("not tab-separated: \(CloudFields.show(line))") }
      return .rejected(
        "only \(f.count) tab-separated fields, CloudFront standard logs have at least \(Self.minimumFields)")
    }
    let date = f[0]
    let time = f[1]
    guard date.count == 10, time.count == 8, let y = TimeParsing.digits(date, 0, 4), date[4] == .minus,
      let mo = TimeParsing.digits(date, 5, 2), date[7] == .minus, let d = TimeParsing.digits(date, 8, 2),
      let hh = TimeParsing.digits(time, 0, 2), time[2] == .colon, let mm = TimeParsing.digits(time, 3, 2),
      time[5] == .colon, let ss = TimeParsing.digits(time, 6, 2),
      let ts = Timestamp(year: y, month: mo, day: d, hour: hh, minute: mm, second: ss, microsecond: 0)
    else {
      return .rejected("date/time \(CloudFields.show(date)) \(CloudFields.show(time)) is not YYYY-MM-DD HH:MM:SS")
    }
    builder.setTimestamp(ts)
    guard let scBytes = f[3].parseDecimal() else {
      return .rejected("sc-bytes \(CloudFields.show(f[3])) is not a number")
    }
    builder.setResponseBytes(scBytes)
    guard !f[4].isDashOrEmpty else { return .rejected("c-ip is empty") }
    builder.setClientIP(f[4])
    let method = f[5]
    guard !method.isEmpty, method.count <= 24, Self.isUpperToken(method) else {
      return .rejected("cs-method \(CloudFields.show(method)) is not an HTTP method")
    }
    builder.setMethod(method)
    let stem = f[7]
    guard !stem.isEmpty, stem[0] == .slash else {
      return .rejected("cs-uri-stem \(CloudFields.show(stem)) does not start with '/'")
    }
    builder.setPath(stem)
    builder.setQuery(f[11])
    guard CloudFields.isStatus(f[8]) else { return .rejected("sc-status \(CloudFields.show(f[8])) is not a status") }
    builder.setStatus(f[8])
    builder.setReferer(f[9])
    builder.setUserAgent(f[10])
    builder.setHost(f[15].isDashOrEmpty ? f[6] : f[15])
    builder.addExtra(name: CloudFields.name("edge_location", builder.symbols), value: f[2])
    builder.addExtra(name: CloudFields.name("distribution_host", builder.symbols), value: f[6])
    builder.addExtra(name: CloudFields.name("edge_result_type", builder.symbols), value: f[13])
    builder.addExtra(name: CloudFields.name("edge_request_id", builder.symbols), value: f[14])
    guard let taken = f[18].parseScaledDecimal(scale: 1_000_000) else {
      return .rejected("time-taken \(CloudFields.show(f[18])) is not seconds")
    }
    builder.setDuration(micros: taken)
    if f.count > 19 { builder.setForwardedFor(f[19]) }
    if f.count > 23 && f[23].hasPrefix("HTTP/") { builder.setHTTPVersion(f[23]) }
    return .event
  }

  /// `GET`, `POST`, … (upper-case letters, `-`, `_`).
  static func isUpperToken(_ b: UnsafeRawBufferPointer) -> Bool {
    for x in b where !(x &- 0x41 < 26 || x == .minus || x == UInt8(ascii: "_")) { return false }
    return true
  }
}

/// Fields of one line given by their byte ranges.
struct FieldList {
  let line: UnsafeRawBufferPointer
  let ranges: [Range<Int>]
  var count: Int { ranges.count }
  subscript(i: Int) -> UnsafeRawBufferPointer { line.slice(ranges[i].lowerBound, ranges[i].upperBound) }
}
