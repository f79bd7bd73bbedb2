// Parsing/CLF/CLFTrailingFields.swift - fields after the user agent in combined-style lines.

/// Reads the fields that servers append after `"%{User-Agent}i"`.
///
/// - `key=value` (nginx `rt=$request_time uid=$uid`, value optionally quoted) → extra `key`;
///   `rt` / `request_time` also set the duration.
/// - any other field → extra `extra1`, `extra2`, … in order; a quoted field that is an address
///   list also becomes forwarded-for; the first bare `0.123` (seconds) or `12ms` (Traefik) sets
///   the duration.
enum CLFTrailingFields {
  /// Returns a rejection reason, or `nil` when every trailing field was read.
  static func read(_ line: UnsafeRawBufferPointer, from start: Int, into builder: inout EventBuilder) -> String? {
    let n = line.count
    var pos = CLFScanning.skipSpaces(line, from: start)
    var positional = 0
    var durationSet = builder.event.durationMicros >= 0 || !builder.wantsDuration  // not kept: not read
    let wantsForwardedFor = builder.wantsForwardedFor
    while pos < n {
      if line[pos] == .quote {
        guard let end = CLFScanning.closingQuote(line, from: pos + 1) else {
          return "unbalanced quote in trailing field \(CLFScanning.excerpt(line, pos, n))"
        }
        if let reason = CLFParser.expectSpace(line, end + 1, after: "quoted field \(CLFScanning.excerpt(line, pos, end + 1))") {
          return reason
        }
        let value = line.slice(pos + 1, end)
        positional += 1
        if builder.wantsExtras {
          builder.withCLFUnescaped(value) { b, v in addPositional(positional, v, into: &b) }
        }
        if wantsForwardedFor && builder.event.forwardedFor.isNone && CLFScanning.looksLikeAddressList(value) {
          builder.setForwardedFor(value)
        }
        pos = CLFScanning.skipSpaces(line, from: end + 1)
        continue
      }
      var end = CLFScanning.tokenEnd(line, from: pos)
      let token = line.slice(pos, end)
      if let eq = keyLength(token) {
        let name = token.slice(0, eq)
        var value = token.slice(eq + 1, token.count)
        if eq + 1 < token.count && token[eq + 1] == .quote {
          guard let close = CLFScanning.closingQuote(line, from: pos + eq + 2) else {
            return "unbalanced quote in trailing field \(CLFScanning.excerpt(line, pos, n))"
          }
          value = line.slice(pos + eq + 2, close)
          end = close + 1
          if let reason = CLFParser.expectSpace(line, end, after: "field \(CLFScanning.excerpt(line, pos, end))") {
            return reason
          }
        }
        if builder.wantsExtras {
          builder.withCLFUnescaped(value) { b, v in b.addExtra(name: name, value: v) }
        }
        if !durationSet && (name.equals("rt") || name.equals("request_time")),
          let micros = value.parseScaledDecimal(scale: 1_000_000)
        {
          builder.setDuration(micros: micros)
          durationSet = true
        }
      } else {
        positional += 1
        if builder.wantsExtras { addPositional(positional, token, into: &builder) }
        if !durationSet, let micros = duration(token) {
          builder.setDuration(micros: micros)
          durationSet = true
        }
      }
      pos = CLFScanning.skipSpaces(line, from: end)
    }
    return nil
  }

  private static func addPositional(_ index: Int, _ value: UnsafeRawBufferPointer, into builder: inout EventBuilder) {
    if index <= ExtraNames.positional.count {
      builder.addExtra(name: ExtraNames.positional[index - 1], value: value)
    } else {
      builder.addExtra(name: builder.symbols.intern("extra\(index)"), value: value)
    }
  }

  /// Length of `key` in `key=value` (key: letter or `_`, then letters, digits, `_`, `-`, `.`).
  private static func keyLength(_ t: UnsafeRawBufferPointer) -> Int? {
    guard t.count >= 2, t[0].isLetter || t[0] == UInt8(ascii: "_") else { return nil }
    var i = 1
    while i < t.count {
      let c = t[i]
      if c == .equals { return i }
      guard c.isLetter || c.isDigit || c == UInt8(ascii: "_") || c == .minus || c == .dot else { return nil }
      i += 1
    }
    return nil
  }

  /// Microseconds for `0.123` (seconds) or `12ms`.
  private static func duration(_ t: UnsafeRawBufferPointer) -> Int64? {
    if CLFScanning.isSecondsWithFraction(t) { return t.parseScaledDecimal(scale: 1_000_000) }
    if t.count > 2 && t[t.count - 2] == UInt8(ascii: "m") && t[t.count - 1] == UInt8(ascii: "s"),
      let ms = t.slice(0, t.count - 2).parseDecimal()
    {
      let (us, overflow) = ms.multipliedReportingOverflow(by: 1000)
      return overflow ? nil : us  // an absurd value is no duration, never a trap
    }
    return nil
  }
}
