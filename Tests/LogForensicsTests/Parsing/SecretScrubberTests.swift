// Parsing/SecretScrubberTests.swift - credentials in unparsed text become fingerprints.

import Testing

@testable import LogForensics

@Suite struct SecretScrubberTests {
  static func scrub(_ s: String) -> String { SecretScrubber.scrub(s, redactor: CredentialRedactor()) }
  static func fp(_ s: String) -> String {
    var v = s
    return v.withUTF8 { CredentialRedactor().fingerprint(UnsafeRawBufferPointer($0)) }
  }

  @Test func queryStyleValuesAreReplacedUpToTheirDelimiter() {
    #expect(Self.scrub("GET /x?a=1&access_token=abc123&b=2 HTTP/1.1") == "GET /x?a=1&access_token=\(Self.fp("abc123"))&b=2 HTTP/1.1")
    #expect(Self.scrub("junk password=hunter2 more") == "junk password=\(Self.fp("hunter2")) more")
    #expect(Self.scrub("'x;apikey=K1;y'") == "'x;apikey=\(Self.fp("K1"));y'")
    #expect(Self.scrub("MY_CLIENT_SECRET=s3cr3t\"") == "MY_CLIENT_SECRET=\(Self.fp("s3cr3t"))\"")
  }

  @Test func jsonStyleValuesAreReplacedWithEscapesInside() {
    #expect(Self.scrub(#"{"token":"t\"ok","x":1}"#) == #"{"token":""# + Self.fp(#"t\"ok"#) + #"","x":1}"#)
    #expect(Self.scrub(#"{"api_key" : "K2"}"#) == #"{"api_key" : ""# + Self.fp("K2") + #""}"#)
    #expect(Self.scrub(#"{"token":12}"#) == #"{"token":12}"#)  // not a string: left alone
  }

  @Test func bearerAndBasicCredentialsAreReplaced() {
    #expect(Self.scrub("Authorization: Bearer eyJhbGciOi.x.y rest") == "Authorization: Bearer \(Self.fp("eyJhbGciOi.x.y")) rest")
    #expect(Self.scrub("basic dXNlcjpwYXNz") == "basic \(Self.fp("dXNlcjpwYXNz"))")
    #expect(Self.scrub("basic auth failed") == "basic auth failed")  // too short to be a credential
  }

  @Test func textWithoutCredentialsIsReturnedAsIs() {
    for s in ["", "=", "key=", "monkey=banana", "GET /api/v1/patients/12?page=2", "=token", "\"token\":"] {
      #expect(Self.scrub(s) == s, "\(s)")
    }
  }

  @Test func rejectedSamplesNeverHoldTheSecret() {
    let bytes = Array("garbage token=S3CRET-VALUE and \u{1B}[2J".utf8)
    let sample = bytes.withUnsafeBytes { raw in
      InputStatistics.sample(
        SplitLine(bytes: raw, number: 7, byteOffset: 70, overlong: false, length: Int64(raw.count)),
        reason: "no time in 'garbage token=S3CRET-VALUE'")
    }
    #expect(sample.excerpt == "garbage token=\(Self.fp("S3CRET-VALUE")) and \\x1B[2J")
    #expect(sample.reason == "no time in 'garbage token=\(Self.fp("S3CRET-VALUE"))'")
  }
}
