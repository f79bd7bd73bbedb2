// Parsing/CLFRobustnessTests.swift - truncated and corrupted lines through every CLF-family parser.

import Testing
@testable import LogForensics

@Suite struct CLFRobustnessTests {
  static let line = Array(#"www.example.com:443 2001:db8::1 - bob [10/Oct/2023:13:55:36 +0000] "GET /a?b=\"c\" HTTP/1.1" 200 1234 "http://r/" "UA \\ x" "10.0.0.1, 10.0.0.2" rt=0.5 12ms"#.utf8)
  static let nginx = #"$host:$server_port $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for" rt=$request_time $upstream_response_time"#

  func parsers() throws -> [any LineParser] {
    [CLFParser(.vhostCombined), CLFParser(.common), CLFParser(.combined), try FormatCatalog.compileNginx(Self.nginx)]
  }

  @Test func fullLineParsesWithVhostCombinedAndNginxProgram() throws {
    var vhost = CLFParser(.vhostCombined)
    let p = parseLine(&vhost, bytes: Self.line)
    #expect(p.outcome == .event)
    #expect(p.event.query == #"b="c""#)
    #expect(p.userAgent == #"UA \ x"#)
    #expect(p.event.durationMicros == 500_000)
    var program = try FormatCatalog.compileNginx(Self.nginx)
    let q = parseLine(&program, bytes: Self.line)
    #expect(q.outcome == .event)
    #expect(q.host == "www.example.com")
    #expect(q.extra("server_port") == "443")
    #expect(q.extra("upstream_response_time") == "12ms")
    #expect(q.event.durationMicros == 500_000)
  }

  /// A line cut before its response size is never an event, whatever the parser.
  @Test func truncatedLinesAreNeverEvents() throws {
    let cut = try #require(Self.line.firstRange(of: Array(" 200 ".utf8))).upperBound  // start of %b
    for length in 0..<cut {
      for var parser in try parsers() {
        let p = parseLine(&parser, bytes: Array(Self.line.prefix(length)))
        switch p.outcome {
        case .event, .eventWithWarning: Issue.record("prefix of \(length) bytes parsed as an event by \(type(of: parser))")
        case .rejected(let reason), .skipped(let reason): #expect(!reason.isEmpty)
        }
      }
    }
  }

  /// Every single-byte corruption gives an outcome with a reason, or an event whose status and
  /// time are still the logged ones.
  @Test func corruptedBytesNeverCorruptEvents() throws {
    let replacements: [UInt8] = [0x22, 0x5C, 0x5B, 0x5D, 0x20, 0x00, 0xFF, 0x2C]
    for i in Self.line.indices {
      for r in replacements {
        var bytes = Self.line
        bytes[i] = r
        for var parser in try parsers() {
          let p = parseLine(&parser, bytes: bytes)
          switch p.outcome {
          case .event, .eventWithWarning:
            // Status and time are either the logged ones or the corrupted byte sits inside them.
            let inStatusOrTime = (38...66).contains(i) || (94...98).contains(i)
            if !inStatusOrTime {
              #expect(p.event.status == 200 || p.event.status == 0, "byte \(i) -> \(r)")
              #expect(p.time == "2023-10-10T13:55:36.000Z", "byte \(i) -> \(r)")
            }
          case .rejected(let reason), .skipped(let reason):
            #expect(!reason.isEmpty)
          }
        }
      }
    }
  }
}
