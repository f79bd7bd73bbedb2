import CByteScan
import Testing

@testable import LogForensics

/// The quick credential pre-check (``CredentialRedactor/mayContainCredential(_:)``, in C with
/// a table of first byte pairs) answers as the plain trigram scan it replaced, and its table
/// is the one the trigram list gives.
@Suite struct CredentialPrefilterTests {
  private static let trigrams = ["key", "tok", "pas", "pwd", "sec", "sig", "aut", "ses", "cod", "jwt", "bea", "cre"]

  /// The scan as first written: every position, every trigram, bytes OR 0x20.
  private static func plainScan(_ q: [UInt8]) -> Bool {
    guard q.count >= 3 else { return false }
    let words = trigrams.map { Array($0.utf8) }
    for i in 0..<(q.count - 2) {
      let t = [q[i] | 0x20, q[i + 1] | 0x20, q[i + 2] | 0x20]
      if words.contains(t) { return true }
    }
    return false
  }

  @Test func bigramTableIsTheTrigramList() {
    var want = [UInt64](repeating: 0, count: 16)
    for t in Self.trigrams {
      let b = Array(t.utf8)
      let k = Int(b[0] & 31) << 5 | Int(b[1] & 31)
      want[k >> 6] |= 1 << UInt64(k & 63)
    }
    let table = withUnsafeBytes(of: lf_credential_bigrams) { Array($0.bindMemory(to: UInt64.self)) }
    #expect(table == want)
  }

  @Test func agreesWithThePlainScan() {
    var rng = SystemRandomNumberGenerator()
    // Letters of the trigrams in both cases, their neighbours in the low five bits (`@`, `[`,
    // `` ` ``, control bytes, high bytes) and separators.
    let alphabet = Array("keytopaswdcigurjbKEYTOPASWDCIGURJB=&_-0@[`".utf8) + [0x0B, 0x14, 0x8B, 0xEB, 0xF4]
    var mismatches: [[UInt8]] = []
    for _ in 0..<50_000 {
      let n = Int.random(in: 0...24, using: &rng)
      let q = (0..<n).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }
      let got = q.withUnsafeBytes { CredentialRedactor.mayContainCredential($0) }
      if got != Self.plainScan(q) && mismatches.count < 5 { mismatches.append(q) }
    }
    for word in Self.trigrams + ["apiKey", "ACCESS_TOKEN", "Password", "page=1&size=20", "x", ""] {
      let q = Array(word.utf8)
      if q.withUnsafeBytes({ CredentialRedactor.mayContainCredential($0) }) != Self.plainScan(q) { mismatches.append(q) }
    }
    #expect(mismatches.isEmpty, "\(mismatches)")
  }
}
