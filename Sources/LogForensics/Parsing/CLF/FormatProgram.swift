// Parsing/CLF/FormatProgram.swift - compiled nginx/Apache format strings and their interpreter.

/// What a format field fills in the event.
enum FormatFieldKind: Sendable, Equatable {
  case clientIP, user, host, forwardedFor, referer, userAgent
  /// `10/Oct/2000:13:55:36 -0700` (nginx `$time_local`, inside literal brackets).
  case timeCLF
  /// `[10/Oct/2000:13:55:36 -0700]` including the brackets (Apache `%t`).
  case timeCLFBracketed
  /// ISO-8601 (nginx `$time_iso8601`).
  case timeISO
  /// Epoch seconds with optional fraction, or ms/µs by digit count (`$msec`, `%{sec}t`).
  case timeEpoch
  /// Apache `%{strftime}t`.
  case timePattern(StrftimePattern)
  /// Apache `%{usec_frac}t` (6 digits) / `%{msec_frac}t` (3 digits), added to the time.
  case timeFraction(digits: Int)
  case request, method, target, path, query, httpVersion, status, bytes
  case durationSeconds, durationMillis, durationMicros
  /// Kept as an extra field under ``FormatField/extraName``.
  case extra
}

/// One field of a compiled format.
struct FormatField: Sendable, Equatable {
  var kind: FormatFieldKind
  /// The directive as written (`$remote_addr`, `%>s`), for messages.
  var directive: String
  /// Name used when the field is kept as an extra (and when a slot is taken by a better field).
  var extraName: String
  /// Byte that ends the field (first byte of the next literal); `nil` = end of line.
  var terminator: UInt8? = nil
  /// Inside `"…"`: ends at the first unescaped quote, and `\"`/`\\` are unescaped.
  var quoted: Bool = false
  /// Terminator occurrences that belong to the value (spaces inside an unquoted time/request).
  var embeddedTerminators: Int = 0
}

/// One step of a compiled format: bytes that must match, or a field.
enum FormatStep: Sendable, Equatable {
  case literal([UInt8])
  case field(FormatField)
}

/// A compiled nginx `log_format` or Apache `LogFormat`, interpreted once per line (the
/// goaccess `parse_format` model).
///
/// Literals must match exactly; an unquoted field runs to its terminator byte, a quoted field
/// to its closing quote. Text left after the last step rejects the line.
///
/// - Complexity: O(line length) per line; no allocation except the strings the builder keeps.
struct FormatProgram: LineParser, Sendable {
  /// `nginx:'…'` or `apache:'…'`, for messages.
  let source: String
  let steps: [FormatStep]
  private var extraSymbols: [Symbol] = []
  private var symbolTable: ObjectIdentifier? = nil

  init(source: String, steps: [FormatStep]) {
    self.source = source
    self.steps = FormatProgram.resolve(steps)
  }

  mutating func parse(_ line: UnsafeRawBufferPointer, into builder: inout EventBuilder) -> LineOutcome {
    if line.isEmpty { return .skipped("empty line") }
    if line[0] == .hash { return .skipped("comment line") }
    internExtraNames(builder.symbols)
    let n = line.count
    var pos = 0
    var requestOK = true
    var extraIndex = 0
    for (index, step) in steps.enumerated() {
      switch step {
      case .literal(let lit):
        guard pos + lit.count <= n, lit.withUnsafeBytes({ line.slice(pos, pos + lit.count).elementsEqual($0) }) else {
          return .rejected(literalMismatch(lit, at: pos, stepIndex: index, line))
        }
        pos += lit.count
      case .field(let f):
        guard let end = fieldEnd(f, line, pos) else {
          let what = f.quoted ? "unbalanced quote in" : "no end found for"
          return .rejected("\(what) \(f.directive) at \(CLFScanning.excerpt(line, pos, n))")
        }
        var symbol = Symbol.none
        if f.kind == .extra {
          symbol = extraSymbols[extraIndex]
          extraIndex += 1
        }
        let value = line.slice(pos, end)
        let outcome: FieldOutcome
        if f.quoted {
          outcome = builder.withCLFUnescaped(value) { b, v in FormatProgram.apply(f, v, symbol, into: &b) }
        } else {
          outcome = FormatProgram.apply(f, value, symbol, into: &builder)
        }
        switch outcome {
        case .ok: break
        case .invalidRequest: requestOK = false
        case .rejected(let reason): return .rejected(reason)
        }
        pos = end
      }
    }
    guard pos == n else {
      return .rejected("unexpected text after the last field of \(source): \(CLFScanning.excerpt(line, pos, n))")
    }
    return requestOK ? .event : .eventWithWarning("request is not an HTTP request line")
  }

  private func literalMismatch(_ lit: [UInt8], at pos: Int, stepIndex: Int, _ line: UnsafeRawBufferPointer) -> String {
    let what = lit.withUnsafeBytes { CLFScanning.excerpt($0, 0, $0.count) }
    var before = ""
    if stepIndex + 1 < steps.count, case .field(let f) = steps[stepIndex + 1] { before = " before \(f.directive)" }
    if pos >= line.count { return "line ends at byte \(pos) where \(what) was expected\(before)" }
    return "expected \(what)\(before) at byte \(pos), found \(CLFScanning.excerpt(line, pos, min(line.count, pos + max(lit.count, 16))))"
  }

  // MARK: - Fields

  private func fieldEnd(_ f: FormatField, _ line: UnsafeRawBufferPointer, _ pos: Int) -> Int? {
    if f.quoted { return CLFScanning.closingQuote(line, from: pos) }
    if f.kind == .timeCLFBracketed {
      guard pos < line.count, line[pos] == .leftBracket, let close = line.firstIndex(of: .rightBracket, from: pos)
      else { return nil }
      return close + 1
    }
    guard let t = f.terminator else { return line.count }
    var from = pos
    for _ in 0..<f.embeddedTerminators {
      guard let i = line.firstIndex(of: t, from: from) else { return nil }
      from = i + 1
    }
    return line.firstIndex(of: t, from: from)
  }

  enum FieldOutcome {
    case ok, invalidRequest
    case rejected(String)
  }

  private static func apply(_ f: FormatField, _ v: UnsafeRawBufferPointer, _ extra: Symbol, into b: inout EventBuilder) -> FieldOutcome {
    func bad(_ what: String) -> FieldOutcome {
      .rejected("\(f.directive) \(CLFScanning.excerpt(v, 0, v.count)) is not \(what)")
    }
    switch f.kind {
    case .clientIP:
      if v.firstIndex(of: .comma, from: 0) != nil {
        b.setForwardedFor(v)
        b.setClientIP(CLFScanning.firstListItem(v))
      } else {
        b.setClientIP(v)
      }
    case .user: b.setUser(v)
    case .host: b.setHost(v)
    case .forwardedFor: b.setForwardedFor(v)
    case .referer: b.setReferer(v)
    case .userAgent: b.setUserAgent(v)
    case .timeCLF, .timeCLFBracketed:
      let inner = f.kind == .timeCLF ? v : v.slice(1, v.count - 1)
      guard let t = TimeParsing.clf(inner) else { return bad("a CLF time") }
      b.setTime(t)
    case .timeISO:
      guard let t = TimeParsing.iso8601Detailed(v) else { return bad("an ISO-8601 time") }
      b.setTime(t)
    case .timeEpoch:
      guard let t = TimeParsing.epoch(v) else { return bad("an epoch time") }
      b.setTimestamp(t)
    case .timePattern(let p):
      guard let t = p.parse(v) else { return bad("a time in the given strftime format") }
      b.setTime(t)
    case .timeFraction(let digits):
      guard v.count == digits, let x = v.parseDecimal() else { return bad("a \(digits)-digit fraction") }
      b.event.timestamp.microseconds += digits == 3 ? x * 1000 : x
    case .request:
      if !b.setRequestLine(v) { return .invalidRequest }
    case .method: b.setMethod(v)
    case .target:
      if !v.isDashOrEmpty { b.setTarget(v) }
    case .path:
      if !v.isDashOrEmpty { b.setPath(v) }
    case .query:
      b.setQuery(v.count > 0 && v[0] == .question ? v.slice(1, v.count) : v)
    case .httpVersion: b.setHTTPVersion(v)
    case .status:
      if !b.setStatus(v) { return bad("a status") }
    case .bytes:
      if !b.setResponseBytes(v) { return bad("a byte count") }
    case .durationSeconds, .durationMillis, .durationMicros:
      if v.isDashOrEmpty { return .ok }
      let scale: Int64 = f.kind == .durationSeconds ? 1_000_000 : f.kind == .durationMillis ? 1000 : 1
      guard let micros = v.parseScaledDecimal(scale: scale) else { return bad("a duration") }
      b.setDuration(micros: micros)
    case .extra:
      b.addExtra(name: extra, value: v)
    }
    return .ok
  }

  private mutating func internExtraNames(_ table: SymbolTable) {
    let id = ObjectIdentifier(table)
    if symbolTable == id { return }
    symbolTable = id
    extraSymbols = steps.compactMap { step -> Symbol? in
      guard case .field(let f) = step, f.kind == .extra else { return nil }
      return table.intern(f.extraName)
    }
  }

  // MARK: - Compilation helpers

  /// Fills terminators and quoting from the neighbouring literals, and keeps one field per
  /// slot (the first one listed in ``slotPreference``); the others become extras.
  private static func resolve(_ input: [FormatStep]) -> [FormatStep] {
    var steps = input
    var bestRank: [Int: Int] = [:]
    for step in steps {
      if case .field(let f) = step, let (slot, rank) = slot(of: f) {
        bestRank[slot] = min(bestRank[slot] ?? Int.max, rank)
      }
    }
    var taken = Set<Int>()
    for i in steps.indices {
      guard case .field(var f) = steps[i] else { continue }
      if let (slot, rank) = slot(of: f) {
        if rank != bestRank[slot] || taken.contains(slot) {
          f.kind = .extra
        } else {
          taken.insert(slot)
        }
      }
      var prevQuote = false
      if i > 0, case .literal(let l) = steps[i - 1], l.last == .quote { prevQuote = true }
      if i + 1 < steps.count, case .literal(let l) = steps[i + 1], let first = l.first {
        f.terminator = first
        f.quoted = prevQuote && first == .quote
      }
      if f.terminator == .space && !f.quoted {
        switch f.kind {
        case .timeCLF: f.embeddedTerminators = 1
        case .request: f.embeddedTerminators = 2
        case .timePattern(let p): f.embeddedTerminators = p.spaces
        default: break
        }
      }
      steps[i] = .field(f)
    }
    return steps
  }

  /// Slot and preference rank of a field whose slot can be filled by several directives.
  private static func slot(of f: FormatField) -> (Int, Int)? {
    switch f.kind {
    case .clientIP: return (0, f.extraName == "client_ip" ? 0 : 1)
    case .bytes: return (1, f.extraName == "bytes_out" || f.extraName == "bytes_sent" ? 1 : 0)
    case .durationMicros: return (2, 0)
    case .durationMillis: return (2, 1)
    case .durationSeconds: return (2, 2)
    case .host: return (3, f.extraName == "vhost" ? 0 : 1)
    case .timeCLF, .timeCLFBracketed, .timeISO, .timeEpoch, .timePattern: return (4, 0)
    case .user: return (5, 0)
    default: return nil
    }
  }
}
