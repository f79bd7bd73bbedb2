// Detection/StolenAccountSwarmTests.swift - a stolen account used by a night walk and a swarm, next to its owner.

import Testing

@testable import LogForensics

/// The bench world's incident at small scale: a secretariat account is stolen; three IPs walk
/// `/patients/{id}` at night with a script, then 40 IPs with a browser user agent split the next
/// id range between them by day (each IP far too small to be flagged on its own), while the
/// owner keeps opening patients of the practice over four days from one IP. The identity has
/// 44 IP + user agent pairs, more than it keeps apart, so the swarm's last IPs share an
/// overflow context (one per user agent); in the second world the owner appears only after
/// the attackers and has an overflow context of its own user agent. The finding must cover the 43 attacker IPs and none of the owner's reads:
/// its exposure is exactly the ids the attackers got.
@Suite struct StolenAccountSwarmTests {
  static let user = "sec.girard655"
  static let ownerIP = "192.0.2.10"

  static let outcome = world(ownerFirstDay: 0)
  /// The owner first seen after the attackers' 43 IPs: it falls past the contexts kept apart.
  static let ownerLate = world(ownerFirstDay: 1, ownerHour: 12)

  static func world(ownerFirstDay: Int, ownerHour: Int = 8) -> AnalysisOutcome {
    let f = EventFactory()
    let engine = f.engine()
    var events: [LogEvent] = []
    var rng = SeededRNG(seed: 11)
    for day in ownerFirstDay..<ownerFirstDay + 4 {  // the owner: 4 hours a day, a patient a minute, ids scattered over the base
      for i in 0..<240 {
        let id = 100_000 + Int(rng.next() % 2_900_000)
        events.append(f.make(Double(day * 86_400 + ownerHour * 3600 + i * 60), ip: ownerIP, user: user,
                             path: "/api/v1/patients/\(id)", bytes: 2400, ua: "MediSoftDesktop/4.11.7 (Windows 10; fr-FR)"))
      }
    }
    for i in 0..<4_000 {  // night walk on day 1: 3 IPs in turn, 2 ids a second, python-requests
      events.append(f.make(Double(86_400 + 3600) + Double(i) * 0.5, ip: "185.220.101.\(34 + (i / 600) % 3)", user: user,
                           path: "/api/v1/patients/\(1_200_000 + i)", bytes: 2100, ua: "python-requests/2.31.0"))
    }
    for i in 0..<2_000 {  // the swarm on day 1 by day: 40 IPs, each id once, one every ~14 s in all
      events.append(f.make(Double(86_400 + 9 * 3600) + Double(i) * 14.4, ip: "203.0.113.\(i % 40 + 1)", user: user,
                           path: "/api/v1/patients/\(1_204_000 + i)", bytes: 2100,
                           ua: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/122.0.0.0 Safari/537.36"))
    }
    events.sort { $0.timestamp < $1.timestamp }
    for e in events { engine.consume(e) }
    return engine.finish()
  }

  static func recordFindings(_ o: AnalysisOutcome = outcome) -> [Finding] {
    o.findings.filter { $0.endpoints == ["/api/v1/patients/{id}"] && $0.kind != .tokenReuse }
  }

  @Test(arguments: [false, true]) func oneFindingCoversTheNightWalkAndTheSwarm(ownerLate: Bool) throws {
    let o = ownerLate ? Self.ownerLate : Self.outcome
    let found = Self.recordFindings(o)
    #expect(found.count == 1, "\(found.map { "\($0.kind) \($0.actors.ips.count) IPs" })")
    let f = try #require(found.first)
    #expect(f.requests == 6_000)
    #expect(f.distinctRecords == 6_000)
    let attackers = Set((34...36).map { "185.220.101.\($0)" } + (1...40).map { "203.0.113.\($0)" })
    #expect(Set(f.actors.ips) == attackers)
  }

  @Test(arguments: [false, true]) func theOwnersReadsAreLeftOutOfTheExposure(ownerLate: Bool) throws {
    let o = ownerLate ? Self.ownerLate : Self.outcome
    let f = try #require(Self.recordFindings(o).first)
    #expect(f.exposure.records.estimate == 6_000)
    #expect(f.exposure.records.low == 6_000)
    #expect(f.exposure.records.high == 6_000)
    #expect(!f.actors.ips.contains(Self.ownerIP))
    #expect(f.reasons.contains { $0.contains("also used from \(Self.ownerIP)") && $0.contains("left out") }, "\(f.reasons)")
    #expect(o.exposure.records.estimate == 6_000)
  }

  @Test func rangesThatSplitOneIdSpaceAreGroupedScatteredReadsAreNot() {
    func track(_ ids: [Int64]) -> RecordTrack {
      let t = RecordTrack(template: 0)
      for (n, id) in ids.enumerated() {
        t.addRecord(value: id, key: .numeric(UInt32(id)), status: 200, bytes: 2000,
                    time: Timestamp(microseconds: Int64(n)), evidence: EvidenceRef(input: 0, line: Int64(n + 1)))
      }
      return t
    }
    let groups = Detector.interleavedGroups([
      (context: 0, track: track((0..<30).map { 100_000 + $0 * 97_001 })),  // an owner's scattered reads
      (context: 1, track: track(Array(stride(from: 1_204_000, to: 1_206_000, by: 40)))),
      (context: 2, track: track(Array(stride(from: 1_204_001, to: 1_206_000, by: 40)))),
      (context: 3, track: track(Array(stride(from: 1_204_002, to: 1_206_000, by: 40)))),
      (context: 4, track: track([1_203_990, 1_204_500])),  // a swarm IP with two requests
      (context: 5, track: track([9_000_000, 9_000_010])),  // near no range: left on its own
    ])
    #expect(groups == [[0], [1, 2, 3, 4], [5]])
  }
}
