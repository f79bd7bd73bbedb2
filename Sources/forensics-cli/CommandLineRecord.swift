// forensics-cli/CommandLineRecord.swift - the command line as recorded in reports, with secrets masked.

/// The command line written into the evidence report (for reproducibility), without the
/// values of options that carry secrets: the annex HMAC key would let anyone holding the
/// report reverse the pseudonyms of the restricted annex.
enum CommandLineRecord {
  /// Options whose value is a secret.
  static let secretOptions: Set<String> = ["--annex-key"]

  /// `arguments` joined by spaces, each secret value replaced by `[redacted]`.
  static func text(_ arguments: [String]) -> String {
    var out: [String] = []
    var hideNext = false
    for a in arguments {
      if hideNext {
        out.append("[redacted]")
        hideNext = false
      } else if secretOptions.contains(a) {
        out.append(a)
        hideNext = true
      } else if let eq = a.firstIndex(of: "="), secretOptions.contains(String(a[..<eq])) {
        out.append(String(a[..<eq]) + "=[redacted]")
      } else {
        out.append(a)
      }
    }
    return out.joined(separator: " ")
  }
}
