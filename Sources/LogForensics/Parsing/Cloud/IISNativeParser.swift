// Parsing/Cloud/IISNativeParser.swift - Microsoft IIS native log format (comma-separated, no header).

/// Parses IIS native ("IIS log file format") lines:
/// `client, user, MM/DD/YY, H:MM:SS, service, server, server_ip, time_taken, bytes_received,
/// bytes_sent, status, win32_status, method, target, params,`.
///
/// Times are server-local without zone (marked assumed). Two-digit years 70–99 are 19xx, others
/// 20xx. `time_taken` is milliseconds.
public struct IISNativeParser: LineParser {
  static let fieldCount = 15

  private var ranges: [Range<Int>] = []

  public init() { ranges.reserveCapacity(Self.fieldCount) }

  public mutating func parse(_ line: UnsafeRawBufferPointer, into builder: inout EventBuilder) -> LineOutcome {
    var end = line.count
    while end > 0 && (line[end - 1] == .space || line[end - 1] == .cr) { end -= 1 }
    if end == 0 { return .skipped("blank line") }
    if line[0] == .hash { return .skipped("comment line") }
    guard line[end - 1] == .comma else { return .rejected("line does not end with ',' as IIS native lines do") }
    ranges.removeAll(keepingCapacity: true)
    var start = 0
    while ranges.count < Self.fieldCount {
      guard let comma = line.firstIndex(of: .comma, from: start), comma < end else {
        return .rejected("expected \(Self.fieldCount) comma-separated fields, found \(ranges.count + 1)")
      }
      ranges.append(start..<comma)
      start = comma + 1
      if start < end && line[start] == .space { start += 1 }
    }
    let f = FieldList(line: line, ranges: ranges)
    guard start >= end else {
      return .rejected("unexpected text after params: \(CloudFields.show(line.slice(start, end)))")
    }
    guard f.count == Self.fieldCount else {
      return .rejected("expected \(Self.fieldCount) comma-separated fields, found \(f.count)")
    }
    guard let ts = Self.timestamp(date: f[2], time: f[3]) else {
      return .rejected("date/time \(CloudFields.show(f[2])) \(CloudFields.show(f[3])) is not MM/DD/YY H:MM:SS")
    }
    builder.setTimestamp(ts, zoneAssumed: true)
    guard !f[0].isEmpty else { return .rejected("client field is empty") }
    builder.setClientIP(f[0])
    builder.setUser(f[1])
    builder.addExtra(name: CloudFields.name("service", builder.symbols), value: f[4])
    builder.addExtra(name: CloudFields.name("server", builder.symbols), value: f[5])
    builder.addExtra(name: CloudFields.name("server_ip", builder.symbols), value: f[6])
    guard let taken = f[7].parseDecimal() else {
      return .rejected("time_taken \(CloudFields.show(f[7])) is not a number")
    }
    builder.setDuration(taken, microsPerUnit: 1000)
    guard f[8].isDashOrEmpty || f[8].parseDecimal() != nil else {
      return .rejected("bytes_received \(CloudFields.show(f[8])) is not a number")
    }
    guard builder.setResponseBytes(f[9]) else {
      return .rejected("bytes_sent \(CloudFields.show(f[9])) is not a number")
    }
    guard CloudFields.isStatus(f[10]) else { return .rejected("status \(CloudFields.show(f[10])) is not a status") }
    builder.setStatus(f[10])
    builder.addExtra(name: CloudFields.name("win32_status", builder.symbols), value: f[11])
    guard !f[12].isEmpty, CloudFrontParser.isUpperToken(f[12]) else {
      return .rejected("method \(CloudFields.show(f[12])) is not an HTTP method")
    }
    builder.setMethod(f[12])
    guard !f[13].isEmpty, f[13][0] == .slash else {
      return .rejected("target \(CloudFields.show(f[13])) does not start with '/'")
    }
    builder.setPath(f[13])
    builder.setQuery(f[14])
    return .event
  }

  /// `03/20/01` + `7:55:20` (also a four-digit year) → UTC-as-local timestamp.
  static func timestamp(date d: UnsafeRawBufferPointer, time t: UnsafeRawBufferPointer) -> Timestamp? {
    guard d.count == 8 || d.count == 10, let mo = TimeParsing.digits(d, 0, 2), d[2] == .slash,
      let day = TimeParsing.digits(d, 3, 2), d[5] == .slash, let y = TimeParsing.digits(d, 6, d.count - 6)
    else { return nil }
    let year = d.count == 10 ? y : (y >= 70 ? 1900 + y : 2000 + y)
    guard t.count == 7 || t.count == 8 else { return nil }
    let h = t.count - 6
    guard let hh = TimeParsing.digits(t, 0, h), t[h] == .colon, let mm = TimeParsing.digits(t, h + 1, 2),
      t[h + 3] == .colon,
      let ss = TimeParsing.digits(t, h + 4, 2)
    else { return nil }
    return Timestamp(year: year, month: mo, day: day, hour: hh, minute: mm, second: ss, microsecond: 0)
  }
}
