// Parsing/ContainerPrefixTests.swift - CRI and docker-compose prefixes.

import Testing
@testable import LogForensics

@Suite struct ContainerPrefixTests {
  func strip(_ s: String) -> String? {
    Array(s.utf8).withUnsafeBytes { ContainerPrefix.strip($0).map { String(decoding: $0, as: UTF8.self) } }
  }

  @Test func criPrefixes() {
    #expect(strip("2024-01-01T00:00:00.123456789Z stdout F {\"a\":1}") == "{\"a\":1}")
    #expect(strip("2025-12-31T17:37:40.493035218+01:00 stderr P partial line") == "partial line")
    #expect(strip("2024-01-01T00:00:00Z stdout F") == "")
    #expect(strip("2024-01-01T00:00:00Z stdin F x") == nil)
    #expect(strip("2024-01-01T00:00:00Z stdout X x") == nil)
  }

  @Test func composePrefixes() {
    #expect(strip(#"caddy  | {"level":"info"}"#) == #"{"level":"info"}"#)
    #expect(strip("web-1 | 1.2.3.4 - - [10/Oct/2023:13:55:36 +0000] \"GET / HTTP/1.1\" 200 1") == "1.2.3.4 - - [10/Oct/2023:13:55:36 +0000] \"GET / HTTP/1.1\" 200 1")
  }

  @Test func ordinaryLinesHaveNoPrefix() {
    #expect(strip(#"1.2.3.4 - - [10/Oct/2023:13:55:36 +0000] "GET /a|b HTTP/1.1" 200 1"#) == nil)
    #expect(strip(#"{"ts":1.5,"msg":"x | y"}"#) == nil)
    #expect(strip("10.0.0.1 | GET | /a | 200") == nil)
    #expect(strip("2022-06-08 22:49:20.774649 [NOTICE] x") == nil)
    #expect(strip("") == nil)
  }

  @Test func wrapperStripsThenDelegates() {
    var parser = PrefixStrippingParser(CLFParser(.combined))
    let prefixed = parseLine(&parser, #"2024-05-01T10:00:00.000000001Z stdout F 10.0.0.9 - - [01/May/2024:10:00:00 +0000] "GET /fhir/Patient/7 HTTP/1.1" 200 10 "-" "k8s-probe""#)
    #expect(prefixed.outcome == .event)
    #expect(prefixed.clientIP == "10.0.0.9")
    #expect(prefixed.event.path == "/fhir/Patient/7")
    let plain = parseLine(&parser, #"10.0.0.9 - - [01/May/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 10 "-" "-""#)
    #expect(plain.outcome == .event)
  }

  @Test func realWorldPrefixedFiles() throws {
    guard let dir = realWorldDirectory() else { return }
    let envoy = try realWorldLines(dir.appendingPathComponent("envoy/crowdsec_envoy.log"))
    let caddy = try realWorldLines(dir.appendingPathComponent("caddy_json/lnav_caddy_log.0.log"))
    #expect(envoy.count == 10)
    #expect(caddy.count == 39)
    for line in envoy + caddy {
      let rest = line.withUnsafeBytes { ContainerPrefix.strip($0).map { Array($0) } }
      // Envoy JSON records and Envoy's own `[2026-01-24T01:…]` text lines; Caddy JSON.
      #expect(rest?.first == UInt8(ascii: "{") || rest?.first == UInt8(ascii: "["), "\(String(decoding: line.prefix(60), as: UTF8.self))")
    }
  }
}
