// Parsing/CLF/FormatProgram+Nginx.swift - compiles an nginx `log_format` string.

extension FormatProgram {
  /// Compiles an nginx `log_format` such as
  /// `$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent`.
  ///
  /// `$name` and `${name}` are variables; everything else is literal. A config-style list of
  /// single-quoted pieces (`'$remote_addr - ' '"$request"'`) is joined first. Known variables
  /// fill event slots; any other variable is kept as an extra named without the `$`.
  ///
  /// - Throws: ``LogForensicsError/invalidFormatString(format:reason:)`` when the format has no
  ///   variable or two variables touch (no literal byte can end the first one).
  static func nginx(_ format: String) throws -> FormatProgram {
    let source = "nginx:'\(format)'"
    let bytes = Array(joinQuotedPieces(format).utf8)
    var steps: [FormatStep] = []
    var literal: [UInt8] = []
    var i = 0
    while i < bytes.count {
      guard bytes[i] == UInt8(ascii: "$") else {
        literal.append(bytes[i])
        i += 1
        continue
      }
      var s = i + 1
      var e = s
      var braced = false
      if s < bytes.count && bytes[s] == .leftBrace {
        braced = true
        s += 1
        e = s
      }
      while e < bytes.count && (bytes[e].isLetter || bytes[e].isDigit || bytes[e] == UInt8(ascii: "_")) { e += 1 }
      if braced {
        guard e < bytes.count && bytes[e] == .rightBrace else {
          throw LogForensicsError.invalidFormatString(format: source, reason: "unterminated '${' at byte \(i)")
        }
      }
      guard e > s else {
        literal.append(bytes[i])
        i += 1
        continue
      }
      let name = String(decoding: bytes[s..<e], as: UTF8.self)
      if !literal.isEmpty {
        steps.append(.literal(literal))
        literal = []
      } else if case .field(var prev)? = steps.last {
        // `$uri$is_args$args` is the usual way to log path and query: read it as one target.
        if prev.kind == .path && name == "is_args" {
          prev.kind = .target
        } else if prev.kind == .target && prev.directive.hasSuffix("$is_args") && (name == "args" || name == "query_string") {
        } else {
          throw LogForensicsError.invalidFormatString(
            format: source, reason: "variables \(prev.directive) and $\(name) touch; nothing separates them")
        }
        prev.directive += "$" + name
        steps[steps.count - 1] = .field(prev)
        i = braced ? e + 1 : e
        continue
      }
      steps.append(.field(FormatField(kind: nginxKind(name), directive: "$" + name, extraName: name)))
      i = braced ? e + 1 : e
    }
    if !literal.isEmpty { steps.append(.literal(literal)) }
    guard steps.contains(where: { if case .field = $0 { return true } else { return false } }) else {
      throw LogForensicsError.invalidFormatString(format: source, reason: "no $variable in the format")
    }
    return FormatProgram(source: source, steps: steps)
  }

  private static func nginxKind(_ name: String) -> FormatFieldKind {
    switch name {
    case "remote_addr", "binary_remote_addr", "realip_remote_addr": return .clientIP
    case "remote_user": return .user
    case "time_local": return .timeCLF
    case "time_iso8601": return .timeISO
    case "msec": return .timeEpoch
    case "request": return .request
    case "request_method": return .method
    case "request_uri": return .target
    case "uri", "document_uri": return .path
    case "args", "query_string": return .query
    case "server_protocol": return .httpVersion
    case "status": return .status
    case "body_bytes_sent", "bytes_sent": return .bytes
    case "http_referer": return .referer
    case "http_user_agent": return .userAgent
    case "http_x_forwarded_for": return .forwardedFor
    case "request_time": return .durationSeconds
    case "host", "server_name", "http_host": return .host
    default: return .extra
    }
  }

  /// `'a ' '"b"'` (pieces of an nginx config line) → `a "b"`; any other string is unchanged.
  private static func joinQuotedPieces(_ format: String) -> String {
    let bytes = Array(format.utf8)
    var out: [UInt8] = []
    var i = 0
    while i < bytes.count && (bytes[i] == .space || bytes[i] == .tab || bytes[i] == .lf) { i += 1 }
    guard i < bytes.count, bytes[i] == .apostrophe else { return format }
    while i < bytes.count {
      if bytes[i] == .space || bytes[i] == .tab || bytes[i] == .lf || bytes[i] == .cr {
        i += 1
        continue
      }
      guard bytes[i] == .apostrophe, let close = bytes[(i + 1)...].firstIndex(of: .apostrophe) else { return format }
      out += bytes[(i + 1)..<close]
      i = close + 1
    }
    return String(decoding: out, as: UTF8.self)
  }
}
