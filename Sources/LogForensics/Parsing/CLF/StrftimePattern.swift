// Parsing/CLF/StrftimePattern.swift - the strftime subset used by Apache `%{format}t`.

/// A compiled strftime pattern that reads a time back from bytes.
///
/// Supported: `%Y %y %m %d %e %H %M %S`, `%b`/`%h` (month abbreviation), `%a` (skipped day
/// name), `%z` (`+0100`), `%Z` (`UTC`/`GMT`, skipped), `%T` (`%H:%M:%S`), `%F` (`%Y-%m-%d`),
/// `%s` (epoch seconds) and `%%`. Without `%z` the time is taken as UTC (zone assumed).
struct StrftimePattern: Sendable, Equatable {
  enum Op: Sendable, Equatable {
    case literal(UInt8)
    case year, year2, month, day, dayPadded, hour, minute, second, monthName, dayName, zone, zoneName, epoch
  }

  let ops: [Op]
  /// Number of literal spaces the formatted time contains (for space-terminated fields).
  let spaces: Int

  /// Compiles `format`; throws a reason string for unsupported conversions.
  init(_ format: String) throws(StrftimeError) {
    var ops: [Op] = []
    let bytes = Array(format.utf8)
    var i = 0
    while i < bytes.count {
      let c = bytes[i]
      guard c == .percent else {
        ops.append(.literal(c))
        i += 1
        continue
      }
      guard i + 1 < bytes.count else { throw StrftimeError(conversion: "%") }
      switch bytes[i + 1] {
      case UInt8(ascii: "Y"): ops.append(.year)
      case UInt8(ascii: "y"): ops.append(.year2)
      case UInt8(ascii: "m"): ops.append(.month)
      case UInt8(ascii: "d"): ops.append(.day)
      case UInt8(ascii: "e"): ops.append(.dayPadded)
      case UInt8(ascii: "H"): ops.append(.hour)
      case UInt8(ascii: "M"): ops.append(.minute)
      case UInt8(ascii: "S"): ops.append(.second)
      case UInt8(ascii: "b"), UInt8(ascii: "h"): ops.append(.monthName)
      case UInt8(ascii: "a"): ops.append(.dayName)
      case UInt8(ascii: "z"): ops.append(.zone)
      case UInt8(ascii: "Z"): ops.append(.zoneName)
      case UInt8(ascii: "s"): ops.append(.epoch)
      case UInt8(ascii: "T"): ops += [.hour, .literal(.colon), .minute, .literal(.colon), .second]
      case UInt8(ascii: "F"): ops += [.year, .literal(.minus), .month, .literal(.minus), .day]
      case .percent: ops.append(.literal(.percent))
      default: throw StrftimeError(conversion: "%" + String(decoding: [bytes[i + 1]], as: UTF8.self))
      }
      i += 2
    }
    self.ops = ops
    self.spaces = ops.reduce(0) { $0 + ($1 == .literal(.space) || $1 == .dayPadded ? 1 : 0) }
  }

  /// Reads a time that fills `b` exactly; `nil` when it does not match.
  func parse(_ b: UnsafeRawBufferPointer) -> ParsedTime? {
    var year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0
    var offset: Int? = nil
    var i = 0
    for op in ops {
      switch op {
      case .literal(let c):
        guard i < b.count, b[i] == c else { return nil }
        i += 1
      case .year:
        guard let v = TimeParsing.digits(b, i, 4) else { return nil }
        year = v
        i += 4
      case .year2:
        guard let v = TimeParsing.digits(b, i, 2) else { return nil }
        year = 2000 + v
        i += 2
      case .month, .day, .hour, .minute, .second, .dayPadded:
        var at = i
        if op == .dayPadded && at < b.count && b[at] == .space { at += 1 }
        let v: Int
        if op == .dayPadded && at == i + 1 {
          guard let d = TimeParsing.digits(b, at, 1) else { return nil }
          v = d
          i = at + 1
        } else {
          guard let d = TimeParsing.digits(b, at, 2) else { return nil }
          v = d
          i = at + 2
        }
        switch op {
        case .month: month = v
        case .day, .dayPadded: day = v
        case .hour: hour = v
        case .minute: minute = v
        default: second = v
        }
      case .monthName:
        guard let m = TimeParsing.monthNumber(b, i) else { return nil }
        month = m
        i += 3
      case .dayName:
        guard i + 3 <= b.count, b[i].isLetter, b[i + 1].isLetter, b[i + 2].isLetter else { return nil }
        i += 3
      case .zoneName:
        while i < b.count && b[i].isLetter { i += 1 }
      case .zone:
        guard let (o, next) = TimeParsing.zoneOffset(b, i) else { return nil }
        offset = o
        i = next
      case .epoch:
        var e = i
        while e < b.count && b[e].isDigit { e += 1 }
        guard e > i, e - i <= 12, let secs = b.slice(i, e).parseDecimal() else { return nil }
        let (y, mo, d) = Timestamp.civilFromDays(Int(secs / 86_400))
        let rest = Int(secs % 86_400)
        (year, month, day, hour, minute, second) = (y, mo, d, rest / 3600, rest % 3600 / 60, rest % 60)
        offset = 0
        i = e
      }
    }
    guard i == b.count,
      var t = Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    else { return nil }
    t.microseconds -= Int64(offset ?? 0) * 1_000_000
    return ParsedTime(timestamp: t, hadZone: offset != nil)
  }
}

/// An strftime conversion that ``StrftimePattern`` does not read.
struct StrftimeError: Error, Sendable {
  let conversion: String
}
