// Parsing/Structured/W3CLineParser.swift - W3C extended / IIS / CloudFront W3C logs driven by `#Fields:`.

/// Parses W3C extended log files (IIS, CloudFront web and RTMP, Incapsula, Oracle Web Cache,
/// NetScaler, SHOUTcast): the columns are whatever the latest `#Fields:` directive declared.
///
/// Directives: `#Fields:` is re-read every time it appears (a file may change layout or
/// repeat its header after a restart); `#GMT-Offset:` shifts the times that follow to UTC;
/// `#Date:` / `#Start-Date:` give the date for layouts with a time column but no date column;
/// other directives, blank and whitespace-only lines are `.skipped`. Prose after `//` in a
/// directive is ignored.
///
/// Columns are separated by runs of spaces (or U+200B zero-width spaces) — or by single
/// tabs when the line contains a tab (CloudFront). A column may be double-quoted, with `""`
/// standing for a quote inside (Incapsula, IIS Advanced Logging). Columns beyond those
/// listed in `#Fields:` are kept as extras `extra1`, `extra2`, …; a line with fewer columns
/// than listed is rejected. Times are UTC unless `#GMT-Offset:` says otherwise;
/// `date-local`/`time-local` without an offset are flagged as zone-assumed. `time-taken` is
/// milliseconds when an integer (IIS) and seconds with a fraction (CloudFront, W3C draft).
/// In space-separated lines IIS writes spaces in the user agent as `+`; they are turned
/// back into spaces (only there, and not in quoted columns). Values are otherwise kept as
/// logged (CloudFront's double percent-encoding included).
public struct W3CLineParser: LineParser {
  /// Most unmapped, non-`-` columns kept as extras per event.
  public let maxExtras: Int

  private var layout: W3CFieldLayout? = nil
  /// Earlier layouts of this input, most recent last (at most ``maxEarlierLayouts``).
  private var earlierLayouts: [W3CFieldLayout] = []
  private static let maxEarlierLayouts = 8
  private var gmtOffsetSeconds: Int? = nil
  private var directiveDays: Int? = nil
  private var extraNames: [Symbol] = []
  private var plusScratch: [UInt8] = []
  /// Column count of the last line that had fewer columns than its layout.
  private var shortColumnCount: Int? = nil

  /// - Parameter maxExtras: most unmapped columns kept per event.
  public init(maxExtras: Int = 16) {
    self.maxExtras = maxExtras
  }

  public mutating func parse(_ line0: UnsafeRawBufferPointer, into builder: inout EventBuilder) -> LineOutcome {
    var line = StructuredValues.droppingBOM(line0)
    while let last = line.last, last == .cr || last == .space || last == .tab { line = line.slice(0, line.count - 1) }
    let start = W3CFieldLayout.skipSeparators(line, 0)
    if start == line.count { return .skipped("blank line") }
    if line[start] == .hash { return directive(line.slice(start, line.count), symbols: builder.symbols) }
    guard let layout else { return .rejected("no #Fields directive before data") }
    let outcome = data(line, layout: layout, builder: &builder)
    // A line written with an earlier layout of the same file (no new header was logged):
    // read it with the most recent earlier layout that has exactly its column count.
    guard case .rejected = outcome, let columns = shortColumnCount,
      let earlier = earlierLayouts.last(where: { $0.roles.count == columns })
    else { return outcome }
    let (input, number) = (builder.event.inputIndex, builder.event.lineNumber)
    builder.reset(inputIndex: input, lineNumber: number)
    let retry = data(line, layout: earlier, builder: &builder)
    guard retry == .event else { return outcome }
    return .eventWithWarning("line has \(columns) columns but #Fields lists \(layout.roles.count); read with an earlier \(columns)-column #Fields layout of this file")
  }

  // MARK: - Directives

  private mutating func directive(_ d: UnsafeRawBufferPointer, symbols: SymbolTable) -> LineOutcome {
    guard let colon = d.firstIndex(of: .colon, from: 1) else { return .skipped("w3c comment") }
    let name = d.slice(1, colon)
    let value = d.slice(W3CFieldLayout.skipSeparators(d, colon + 1), d.count)
    if name.equalsIgnoringCase("Fields") {
      let l = W3CFieldLayout(directiveValue: value, symbols: symbols)
      guard !l.roles.isEmpty else { return .rejected("#Fields directive lists no fields") }
      if let old = layout, old.names != l.names {
        earlierLayouts.removeAll { $0.names == old.names }
        earlierLayouts.append(old)
        if earlierLayouts.count > W3CLineParser.maxEarlierLayouts { earlierLayouts.removeFirst() }
      }
      layout = l
      return .skipped("w3c #Fields directive")
    } else if name.equalsIgnoringCase("GMT-Offset") {
      guard let o = W3CFieldLayout.gmtOffset(value) else {
        return .rejected("#GMT-Offset '\(TextDecoding.string(value))' is not +hhmm or -hhmm")
      }
      gmtOffsetSeconds = o
    } else if name.equalsIgnoringCase("Date") || name.equalsIgnoringCase("Start-Date") {
      if let days = W3CFieldLayout.directiveDate(value) { directiveDays = days }
    }
    return .skipped("w3c directive")
  }

  // MARK: - Data lines

  private mutating func data(_ b: UnsafeRawBufferPointer, layout: W3CFieldLayout, builder: inout EventBuilder) -> LineOutcome {
    shortColumnCount = nil
    let tabMode = b.firstIndex(of: .tab, from: 0) != nil
    let n = b.count
    var i = tabMode ? 0 : W3CFieldLayout.skipSeparators(b, 0)
    var column = 0
    var days: Int? = nil
    var timeMicros: Int64? = nil
    var local = false
    var hostPriority: UInt8 = .max
    var kept = 0
    while tabMode || i < n {
      // Find the column [s, e) and whether it was quoted.
      var s = i
      var e: Int
      var quoted = false
      var doubledQuotes = false
      if i < n && b[i] == .quote {
        quoted = true
        s = i + 1
        var j = s
        while true {
          guard let q = b.firstIndex(of: .quote, from: j) else {
            return .rejected("unterminated quote in column \(column + 1)")
          }
          if q + 1 < n && b[q + 1] == .quote {
            doubledQuotes = true
            j = q + 2
            continue
          }
          e = q
          i = q + 1
          break
        }
        if i < n && !W3CFieldLayout.isSeparator(b, i) {
          return .rejected("unexpected '\(TextDecoding.string(b.slice(i, i + 1)))' after the closing quote of column \(column + 1)")
        }
      } else if tabMode {
        e = b.firstIndex(of: .tab, from: i) ?? n
        i = e
      } else {
        e = i
        while e < n && !W3CFieldLayout.isSeparator(b, e) { e += 1 }
        i = e
      }
      let last = i >= n
      if tabMode {
        i += 1  // past the tab
      } else {
        i = W3CFieldLayout.skipSeparators(b, i)
      }
      let role: W3CRole
      let name: Symbol
      if column < layout.roles.count {
        role = layout.roles[column]
        name = layout.names[column]
      } else {
        role = .extra
        name = extraName(column - layout.roles.count + 1, builder.symbols)
      }
      column += 1
      var v = b.slice(s, e)
      var owned: [UInt8] = []
      var usesScratch = false
      if doubledQuotes {
        owned = unquote(v)
      } else if role == .userAgent && !quoted && !tabMode && v.firstIndex(of: .plus, from: 0) != nil {
        // IIS writes spaces as '+': decode into a reused buffer.
        swap(&owned, &plusScratch)
        usesScratch = true
        owned.removeAll(keepingCapacity: true)
        owned.append(contentsOf: v)
        for k in owned.indices where owned[k] == .plus { owned[k] = .space }
      }
      let problem: String? = owned.isEmpty
        ? apply(role, name, v, builder: &builder, days: &days, time: &timeMicros, local: &local, hostPriority: &hostPriority, kept: &kept)
        : owned.withUnsafeBytes {
          v = $0
          return apply(role, name, v, builder: &builder, days: &days, time: &timeMicros, local: &local, hostPriority: &hostPriority, kept: &kept)
        }
      if usesScratch { swap(&owned, &plusScratch) }
      if let problem { return .rejected(problem) }
      if tabMode && last { break }
    }
    guard column >= layout.roles.count else {
      shortColumnCount = column
      return .rejected("line has \(column) columns but #Fields lists \(layout.roles.count)")
    }
    guard let t = timeMicros else { return .rejected("no time column in #Fields") }
    guard let d = days ?? directiveDays else { return .rejected("time-only line and no #Date directive") }
    var micros = Int64(d) * 86_400_000_000 + t
    if let o = gmtOffsetSeconds { micros -= Int64(o) * 1_000_000 }
    builder.setTimestamp(Timestamp(microseconds: micros), zoneAssumed: local && gmtOffsetSeconds == nil)
    return .event
  }

  /// Applies one column; returns a rejection reason for a malformed typed column.
  private mutating func apply(
    _ role: W3CRole, _ name: Symbol, _ v: UnsafeRawBufferPointer, builder: inout EventBuilder,
    days: inout Int?, time: inout Int64?, local: inout Bool, hostPriority: inout UInt8, kept: inout Int
  ) -> String? {
    switch role {
    case .date(let isLocal):
      guard let d = W3CFieldLayout.days(v) else { return "date '\(TextDecoding.string(v))' is not yyyy-mm-dd" }
      days = d
      if isLocal { local = true }
    case .time(let isLocal):
      guard let t = W3CFieldLayout.timeOfDay(v) else { return "time '\(TextDecoding.string(v))' is not hh:mm:ss" }
      time = t
      if isLocal { local = true }
    case .clientIP: builder.setClientIP(v)
    case .user: builder.setUser(v)
    case .method: builder.setMethod(v)
    case .uriStem, .uri: if !v.isDashOrEmpty { builder.setTarget(v) }
    case .uriQuery: if !v.isDashOrEmpty { builder.setQuery(v) }
    case .status:
      guard builder.setStatus(v) else { return "status '\(TextDecoding.string(v))' is not a number" }
    case .bytes:
      guard builder.setResponseBytes(v) else { return "byte count '\(TextDecoding.string(v))' is not a number" }
    case .timeTaken, .timeTakenMillis:
      if v.isDashOrEmpty { break }
      let seconds = role == .timeTaken && StructuredValues.hasFraction(v)
      if let us = StructuredValues.duration(v, microsPerUnit: seconds ? 1_000_000 : 1000) { builder.setDuration(micros: us) }
    case .userAgent: builder.setUserAgent(v)
    case .referer: builder.setReferer(v)
    case .forwardedFor: builder.setForwardedFor(v)
    case .version: if v.hasPrefix("HTTP/") { builder.setHTTPVersion(v) }
    case .host(let p):
      if p < hostPriority && !v.isDashOrEmpty {
        builder.setHost(v)
        hostPriority = p
      }
    case .sensitive: break
    case .extra:
      if !v.isDashOrEmpty && kept < maxExtras {
        kept += 1
        builder.addExtra(name: name, value: v)
      }
    }
    return nil
  }

  private func unquote(_ v: UnsafeRawBufferPointer) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(v.count)
    var k = 0
    while k < v.count {
      out.append(v[k])
      k += v[k] == .quote && k + 1 < v.count && v[k + 1] == .quote ? 2 : 1
    }
    return out
  }

  private mutating func extraName(_ n: Int, _ symbols: SymbolTable) -> Symbol {
    while extraNames.count < n { extraNames.append(symbols.intern("extra\(extraNames.count + 1)")) }
    return extraNames[n - 1]
  }
}
