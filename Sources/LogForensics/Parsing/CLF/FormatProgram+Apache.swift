// Parsing/CLF/FormatProgram+Apache.swift - compiles an Apache `LogFormat` string.

extension FormatProgram {
  /// Compiles an Apache `LogFormat` such as `%h %l %u %t "%r" %>s %b`.
  ///
  /// Directives: `%h %a %l %u %t %{strftime}t %r %m %U %q %H %s %b %B %O %I %D %T %{ms}T %v %V
  /// %p %{Header}i` (Referer, User-Agent and X-Forwarded-For fill their slots) and `%{…}o %{…}C
  /// %{…}e %{…}n %{…}x %L %k %X …` as extras. Modifiers (`%>s`, `%<s`, `%!200,304{…}i`) are
  /// accepted and ignored, `%%` is a literal `%`, and config escapes `\"` `\\` `\t` are undone.
  /// Unknown directives become extras named after the directive.
  ///
  /// - Throws: ``LogForensicsError/invalidFormatString(format:reason:)`` for a dangling `%`, an
  ///   unterminated `%{`, touching directives, or an unsupported strftime conversion.
  static func apache(_ format: String) throws -> FormatProgram {
    let source = "apache:'\(format)'"
    func fail(_ reason: String) -> LogForensicsError { .invalidFormatString(format: source, reason: reason) }
    let bytes = unescapeConfig(Array(format.utf8))
    var steps: [FormatStep] = []
    var literal: [UInt8] = []
    var i = 0
    while i < bytes.count {
      guard bytes[i] == .percent else {
        literal.append(bytes[i])
        i += 1
        continue
      }
      let start = i
      i += 1
      guard i < bytes.count else { throw fail("dangling '%' at the end") }
      if bytes[i] == .percent {
        literal.append(.percent)
        i += 1
        continue
      }
      // Modifiers: `!`, status lists, `<`, `>`.
      while i < bytes.count && (bytes[i] == UInt8(ascii: "!") || bytes[i].isDigit || bytes[i] == .comma
        || bytes[i] == UInt8(ascii: "<") || bytes[i] == UInt8(ascii: ">"))
      {
        i += 1
      }
      var argument: String? = nil
      if i < bytes.count && bytes[i] == .leftBrace {
        guard let close = bytes[(i + 1)...].firstIndex(of: .rightBrace) else { throw fail("unterminated '%{' at byte \(start)") }
        argument = String(decoding: bytes[(i + 1)..<close], as: UTF8.self)
        i = close + 1
      }
      guard i < bytes.count else { throw fail("directive at byte \(start) has no letter") }
      let letter = bytes[i]
      i += 1
      let directive = String(decoding: bytes[start..<i], as: UTF8.self)
      let (kind, name) = try apacheKind(letter, argument, directive: directive, fail: fail)
      if !literal.isEmpty {
        steps.append(.literal(literal))
        literal = []
      } else if case .field(var prev)? = steps.last {
        // `%U%q` (path then `?query` or nothing) is read as one request target.
        guard prev.kind == .path && kind == .query else {
          throw fail("directives \(prev.directive) and \(directive) touch; nothing separates them")
        }
        prev.kind = .target
        prev.directive += directive
        steps[steps.count - 1] = .field(prev)
        continue
      }
      steps.append(.field(FormatField(kind: kind, directive: directive, extraName: name)))
    }
    if !literal.isEmpty { steps.append(.literal(literal)) }
    guard steps.contains(where: { if case .field = $0 { return true } else { return false } }) else {
      throw fail("no % directive in the format")
    }
    return FormatProgram(source: source, steps: steps)
  }

  private static func apacheKind(
    _ letter: UInt8, _ argument: String?, directive: String, fail: (String) -> LogForensicsError
  ) throws -> (FormatFieldKind, String) {
    let arg = argument ?? ""
    switch Character(Unicode.Scalar(letter)) {
    case "h": return argument == "c" ? (.extra, "peer_host") : (.clientIP, "remote_host")
    case "a": return argument == "c" ? (.extra, "peer_ip") : (.clientIP, "client_ip")
    case "l": return (.extra, "ident")
    case "u": return (.user, "user")
    case "t":
      guard let a = argument else { return (.timeCLFBracketed, "time") }
      var f = a
      for prefix in ["begin:", "end:"] where f.hasPrefix(prefix) { f = String(f.dropFirst(prefix.count)) }
      switch f {
      case "sec", "msec", "usec": return (.timeEpoch, "time")
      case "usec_frac": return (.timeFraction(digits: 6), "time_usec_frac")
      case "msec_frac": return (.timeFraction(digits: 3), "time_msec_frac")
      default:
        do {
          return (.timePattern(try StrftimePattern(f)), "time")
        } catch {
          throw fail("unsupported strftime conversion '\(error.conversion)' in \(directive)")
        }
      }
    case "r": return (.request, "request")
    case "m": return (.method, "method")
    case "U": return (.path, "path")
    case "q": return (.query, "query")
    case "H": return (.httpVersion, "protocol")
    case "s": return (.status, "status")
    case "b", "B": return (.bytes, "bytes")
    case "O": return (.bytes, "bytes_out")
    case "I": return (.extra, "bytes_in")
    case "S": return (.extra, "bytes_total")
    case "D": return (.durationMicros, "duration_us")
    case "T":
      switch arg {
      case "ms": return (.durationMillis, "duration_ms")
      case "us": return (.durationMicros, "duration_us")
      default: return (.durationSeconds, "duration_s")
      }
    case "v": return (.host, "vhost")
    case "V": return (.host, "server_name")
    case "p": return (.extra, arg.isEmpty || arg == "canonical" ? "port" : arg + "_port")
    case "P": return (.extra, "pid")
    case "A": return (.extra, "local_ip")
    case "R": return (.extra, "handler")
    case "X": return (.extra, "conn_status")
    case "k": return (.extra, "keepalive")
    case "L": return (.extra, "log_id")
    case "f": return (.extra, "filename")
    case "i":
      switch arg.lowercased() {
      case "referer", "referrer": return (.referer, arg)
      case "user-agent": return (.userAgent, arg)
      case "x-forwarded-for": return (.forwardedFor, arg)
      default: return (.extra, arg)
      }
    default:
      return (.extra, arg.isEmpty ? directive : arg)
    }
  }

  /// Undoes the escapes of an httpd.conf string: `\"` → `"`, `\\` → `\`, `\t` → tab, `\n` → LF.
  private static func unescapeConfig(_ b: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(b.count)
    var i = 0
    while i < b.count {
      if b[i] == .backslash && i + 1 < b.count {
        switch b[i + 1] {
        case .quote, .backslash: out.append(b[i + 1])
        case UInt8(ascii: "t"): out.append(.tab)
        case UInt8(ascii: "n"): out.append(.lf)
        default: out += [b[i], b[i + 1]]
        }
        i += 2
      } else {
        out.append(b[i])
        i += 1
      }
    }
    return out
  }
}
