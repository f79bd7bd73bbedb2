import Testing

@testable import LogForensics

/// The String-based classification the byte comparison replaces.
private func byString(_ name: String) -> Bool {
  let s = String(name.map { $0.isASCII ? Character($0.lowercased()) : $0 })
  if CredentialRedactor.credentialNames.contains(s) { return true }
  return ["token", "secret", "password", "passwd", "apikey", "api_key"].contains { s.hasSuffix($0) }
}

@Suite struct CredentialNamesTests {
  @Test(arguments: [
    "apikey", "APIKEY", "Api_Key", "key", "kEy", "token", "my_token", "X-Api-Key", "user_password", "passwd",
    "session_id", "jsessionid", "PHPSESSID", "code", "codes", "keys", "page", "q", "id", "tokens", "xapikey",
    "secretive", "client_secret", "sig", "signature_x", "abc", "ab", String(repeating: "a", count: 33) + "token",
  ])
  func asciiNamesAreClassifiedAsByString(name: String) {
    let viaBytes = Array(name.utf8).withUnsafeBytes { CredentialRedactor.isCredentialName($0) }
    let expected = name.utf8.count >= 3 && name.utf8.count <= 32 && byString(name)
    #expect(viaBytes == expected, "\(name)")
  }

  @Test func nonASCIINamesAreLeftToTheStringComparison() {
    #expect(Array("tökén".utf8).withUnsafeBytes { CredentialNames.isCredentialName(ascii: $0) } == nil)
    #expect(Array("mytoken".utf8).withUnsafeBytes { CredentialNames.isCredentialName(ascii: $0) } == true)
  }

  @Test func queriesWithoutCredentialPairsAreNotCopied() {
    let r = CredentialRedactor()
    for q in ["session=1", "sessions=2&page=3", "token=", "=abc", "keyword=x;sort=code", "a=1&b"] {
      #expect(Array(q.utf8).withUnsafeBytes { r.redact($0) } == nil, "\(q)")
      #expect(Array(q.utf8).withUnsafeBytes { CredentialRedactor.hasCredentialPair($0) } == false, "\(q)")
    }
    for q in ["token=abc", "a=1;Key=x", "page=2&api_key=zz"] {
      #expect(Array(q.utf8).withUnsafeBytes { r.redact($0) } != nil, "\(q)")
      #expect(Array(q.utf8).withUnsafeBytes { CredentialRedactor.hasCredentialPair($0) }, "\(q)")
    }
  }
}

@Suite struct CredentialRedactionCacheTests {
  /// A query seen again gives the same redaction, and similar queries are not confused.
  @Test func repeatedQueriesGiveTheSameRedaction() {
    let cached = CredentialRedactor()
    let queries = ["access_token=abc", "access_token=abd", "access_token=abc&page=2", "access_token=abc", "token=", "page=1"]
    for round in 0..<3 {
      for q in queries {
        let fresh = Array(q.utf8).withUnsafeBytes { CredentialRedactor().redact($0) }
        let again = Array(q.utf8).withUnsafeBytes { cached.redact($0) }
        #expect(again?.query == fresh?.query && again?.credential == fresh?.credential, "\(q) round \(round)")
      }
    }
  }
}
