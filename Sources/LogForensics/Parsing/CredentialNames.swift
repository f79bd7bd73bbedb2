// Parsing/CredentialNames.swift - credential parameter names compared as bytes.

/// The byte-level form of ``CredentialRedactor/credentialNames`` and its suffixes, so that an
/// ASCII parameter name is classified without building a `String` or hashing it.
enum CredentialNames {
  /// ``CredentialRedactor/credentialNames`` as bytes.
  private static let names: [[UInt8]] = CredentialRedactor.credentialNames.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
  /// The suffixes that make any name a credential (`…token`, `…secret`, …).
  private static let suffixes: [[UInt8]] = ["token", "secret", "password", "passwd", "apikey", "api_key"].map { Array($0.utf8) }

  /// Whether `name` (3 to 32 bytes) is a credential name, compared without case; `nil` when it
  /// holds a non-ASCII byte (the caller then uses the `String` comparison, whose Unicode rules
  /// this does not reproduce).
  static func isCredentialName(ascii name: UnsafeRawBufferPointer) -> Bool? {
    let n = name.count
    guard n >= 3, n <= 32 else { return false }
    var lower: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    return withUnsafeMutableBytes(of: &lower) { buf -> Bool? in
      for i in 0..<n {
        let c = name[i]
        if c >= 0x80 { return nil }
        buf[i] = c.asciiLowercased
      }
      let l = UnsafeRawBufferPointer(rebasing: buf[0..<n])
      for s in names where s.count == n {
        if s.withUnsafeBytes({ memcmp($0.baseAddress!, l.baseAddress!, n) == 0 }) { return true }
      }
      for s in suffixes where s.count <= n {
        if s.withUnsafeBytes({ memcmp($0.baseAddress!, l.baseAddress! + (n - s.count), s.count) == 0 }) { return true }
      }
      return false
    }
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
