// Parsing/CredentialRedactor.swift - replaces secrets in query strings by a short fingerprint.

import CByteScan
import Crypto

/// Finds credential parameters in a query string (`apikey=…`, `token=…`, `password=…`) and
/// replaces each value by `[fp:XXXXXXXX]`, the first 8 hex digits of the SHA-256 of the
/// value. The same secret always gives the same fingerprint, so sessions can be linked by
/// credential without the secret ever reaching an output.
///
/// Parameter names are compared case-insensitively. A name is a credential when it is in
/// ``credentialNames`` or ends with `token`, `secret`, `password`, `passwd` or `apikey`.
public final class CredentialRedactor {
  /// Exact parameter names treated as credentials.
  public static let credentialNames: Set<String> = [
    "apikey", "api_key", "api-key", "x-api-key", "key", "token", "access_token", "accesstoken",
    "auth", "auth_token", "authtoken", "id_token", "refresh_token", "password", "passwd", "pwd",
    "pass", "secret", "client_secret", "signature", "sig", "sessionid", "session_id", "jsessionid",
    "phpsessid", "private_token", "code", "bearer", "jwt", "credentials",
  ]
  private static let suffixes: [String] = ["token", "secret", "password", "passwd", "apikey", "api_key"]

  private var fingerprintCache: [[UInt8]: String] = [:]

  public init() {}

  /// `true` when `name` (raw bytes of a parameter name) is a credential.
  public static func isCredentialName(_ name: UnsafeRawBufferPointer) -> Bool {
    guard name.count >= 3, name.count <= 32 else { return false }
    if let ascii = CredentialNames.isCredentialName(ascii: name) { return ascii }
    var lower = [UInt8](repeating: 0, count: name.count)
    for i in 0..<name.count { lower[i] = name[i].asciiLowercased }
    let s = String(decoding: lower, as: UTF8.self)
    if credentialNames.contains(s) { return true }
    for suffix in suffixes where s.hasSuffix(suffix) { return true }
    return false
  }

  /// The fingerprint of a secret value: `[fp:` + first 8 hex of SHA-256 + `]`.
  public func fingerprint(_ value: UnsafeRawBufferPointer) -> String {
    let key = [UInt8](value)
    if let f = fingerprintCache[key] { return f }
    let digest = SHA256.hash(data: key)
    var hex = ""
    for byte in digest.prefix(4) {
      hex += String(byte >> 4, radix: 16) + String(byte & 0xF, radix: 16)
    }
    let f = "[fp:\(hex)]"
    if fingerprintCache.count > 100_000 { fingerprintCache.removeAll(keepingCapacity: true) }
    fingerprintCache[key] = f
    return f
  }

  /// Quick pre-check: could `query` contain a credential? (looks for a few tell-tale
  /// substrings so the common case costs one scan).
  @inline(__always)
  static func mayContainCredential(_ q: UnsafeRawBufferPointer) -> Bool {
    // Any parameter named like a credential contains one of: key, tok, pass, pw, secret,
    // sig, auth, sess, code, jwt, bearer, cred. Checking for '=' preceded by such names
    // would be exact; a cheap heuristic scan over lower-cased trigrams is enough here
    // (`lf_may_contain_credential`, CByteScan: most positions are ruled out by a table of
    // their first two bytes).
    guard q.count > 2, let p = q.baseAddress else { return false }
    return lf_may_contain_credential(p.assumingMemoryBound(to: UInt8.self), q.count) != 0
  }

  /// `true` when some `name=value` pair of `query` (split at `&` and `;`) has a credential
  /// name and a non-empty value: exactly when ``redact(_:)`` replaces something. Reads the
  /// bytes in place (no allocation), so a query that only looks suspicious costs one scan.
  static func hasCredentialPair(_ query: UnsafeRawBufferPointer) -> Bool {
    var start = 0
    let n = query.count
    while start <= n {
      var end = start
      var eq = -1
      while end < n && query[end] != .ampersand && query[end] != UInt8(ascii: ";") {
        if eq < 0 && query[end] == .equals { eq = end - start }
        end += 1
      }
      if eq > 0 && eq + 1 < end - start && isCredentialName(query.slice(start, start + eq)) { return true }
      start = end + 1
    }
    return false
  }

  /// Redacts credential values in `query` (without the leading `?`).
  ///
  /// - Returns: `nil` when nothing was redacted (use the original bytes), otherwise the
  ///   redacted query and the `name:fingerprint` of the first credential.
  public func redact(_ query: UnsafeRawBufferPointer) -> (query: String, credential: String)? {
    guard CredentialRedactor.mayContainCredential(query) else { return nil }
    // The same query (a client's token) comes back on many lines: its result is kept, keyed by
    // a hash of the bytes and checked byte for byte (a collision is computed again).
    let h = SymbolTable.tableHash(query)
    if let c = redactions[h], c.query.count == query.count,
      c.query.withUnsafeBytes({ memcmp($0.baseAddress!, query.baseAddress!, query.count) == 0 })
    {
      return c.result
    }
    guard CredentialRedactor.hasCredentialPair(query), let result = redactUncached(query) else { return nil }
    if redactions.count >= CredentialRedactor.maximumKeptRedactions { redactions.removeAll(keepingCapacity: true) }
    redactions[h] = (Array(query), result)
    return result
  }

  /// Queries kept with their redaction (``redact(_:)``) before the table is emptied.
  static let maximumKeptRedactions = 50_000
  /// Redactions of recent queries that had a credential, by ``SymbolTable/tableHash(_:)``.
  private var redactions: [UInt64: (query: [UInt8], result: (query: String, credential: String))] = [:]

  /// ``redact(_:)`` computed (the query has at least one credential pair).
  private func redactUncached(_ query: UnsafeRawBufferPointer) -> (query: String, credential: String)? {
    var out: [UInt8] = []
    var firstCredential: String? = nil
    var start = 0
    let n = query.count
    while start <= n {
      var end = start
      while end < n && query[end] != .ampersand && query[end] != UInt8(ascii: ";") { end += 1 }
      let pair = query.slice(start, end)
      var eq = -1
      for k in 0..<pair.count where pair[k] == .equals {
        eq = k
        break
      }
      if eq > 0 && CredentialRedactor.isCredentialName(pair.slice(0, eq)) && eq + 1 < pair.count {
        let value = pair.slice(eq + 1, pair.count)
        let fp = fingerprint(value)
        out.append(contentsOf: pair.slice(0, eq + 1))
        out.append(contentsOf: Array(fp.utf8))
        if firstCredential == nil {
          let name = TextDecoding.string(pair.slice(0, eq)).lowercased()
          firstCredential = "\(name):\(fp.dropFirst(4).dropLast())"
        }
      } else {
        out.append(contentsOf: pair)
      }
      if end < n { out.append(query[end]) }
      start = end + 1
    }
    guard let cred = firstCredential else { return nil }
    return (TextDecoding.string(out), cred)
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
