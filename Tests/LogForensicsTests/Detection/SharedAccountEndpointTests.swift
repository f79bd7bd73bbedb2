// Detection/SharedAccountEndpointTests.swift - a swarm on one endpoint does not make the owner's other reads a finding.

import Testing

@testable import LogForensics

/// A secretariat account is stolen: 40 IPs walk `/patients/{id}` at night under it, while its
/// owner keeps opening appointments by day from the practice. The swarm rule must judge each
/// endpoint by the IPs that used it: the owner's 150 appointment reads (one IP) are not a
/// distributed enumeration, even though the account as a whole was used from 41 IPs, at
/// night and fast (the account-wide signals the swarm gives it).
@Suite struct SharedAccountEndpointTests {
  static let outcome: AnalysisOutcome = {
    let f = EventFactory()
    let engine = f.engine()
    let user = "sec.girard655"
    var events: [LogEvent] = []
    for i in 0..<150 {  // the owner: from 08:00 UTC, one appointment a minute
      events.append(f.make(Double(8 * 3600 + i * 60), ip: "192.0.2.10", user: user, path: "/api/v1/patients/\(500_000 + i * 37)/appointments"))
    }
    for i in 0..<6_000 {  // the swarm: 01:00-01:30 UTC, 40 IPs in turn, ids in order
      events.append(f.make(3600 + Double(i) * 0.3, ip: "203.0.113.\(i % 40 + 1)", user: user, path: "/api/v1/patients/\(100_000 + i)"))
    }
    events.sort { $0.timestamp < $1.timestamp }
    for e in events { engine.consume(e) }
    return engine.finish()
  }()

  @Test func theSwarmsEndpointIsAFindingTheOwnersIsNot() {
    let findings = Self.outcome.findings
    let onRecords = findings.filter { $0.endpoints == ["/api/v1/patients/{id}"] && $0.kind == .distributedEnumeration }
    #expect(onRecords.count == 1, "\(findings.map { "\($0.kind) \($0.endpoints)" })")
    #expect(onRecords.first?.distinctRecords == 6_000)
    #expect(onRecords.first?.reasons.contains { $0.contains("from 40 IP addresses") } == true, "\(onRecords.first?.reasons ?? [])")
    let owners = findings.filter { $0.endpoints.contains("/api/v1/patients/{id}/appointments") && $0.kind != .tokenReuse }
    #expect(owners.isEmpty, "\(owners.map { "\($0.kind): \($0.reasons)" })")
  }
}
