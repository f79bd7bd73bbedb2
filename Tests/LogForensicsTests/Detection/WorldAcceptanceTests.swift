// Detection/WorldAcceptanceTests.swift - the six attack cases in a benign world; benign stays quiet.

import Foundation
import Testing

@testable import LogForensics

/// One analysed world, shared by the tests (generation + analysis take about a second).
struct AnalysedWorld: Sendable {
  let outcome: AnalysisOutcome
  let caseIPs: [AttackCase: Set<String>]
  let caseExposed: [AttackCase: Set<String>]
  let caseSpan: [AttackCase: (first: Int64, last: Int64, requests: Int)]
  let events: Int

  init(seed: UInt64, cases: [AttackCase], practices: Int = 4) {
    let g = WorldGenerator.world(seed: seed, cases: cases, practices: practices)
    outcome = g.analyse()
    caseIPs = g.caseIPs
    caseExposed = g.caseExposed
    caseSpan = g.caseSpan
    events = g.requests.count
  }

  static let attacked = AnalysedWorld(seed: 42, cases: AttackCase.allCases)
  static let benign = AnalysedWorld(seed: 42, cases: [])

  /// The finding of the expected kind whose IPs include all of the case's IPs.
  func finding(for c: AttackCase) -> Finding? {
    let ips = caseIPs[c] ?? []
    return outcome.findings.first { $0.kind == c.expectedKind && ips.isSubset(of: Set($0.actors.ips)) }
  }
}

@Suite("World acceptance")
struct WorldAcceptanceTests {
  @Test(arguments: AttackCase.allCases)
  func attackIsDetectedWithAllItsIPs(_ c: AttackCase) {
    let w = AnalysedWorld.attacked
    let f = w.finding(for: c)
    #expect(f != nil, "no \(c.expectedKind.rawValue) finding with IPs \(w.caseIPs[c] ?? []); findings: \(w.outcome.findings.map { "\($0.kind.rawValue) \($0.actors.ips.prefix(3)) \($0.severity.rawValue)" })")
    if let f {
      #expect(f.severity >= .medium)
      #expect(!f.reasons.isEmpty)
      #expect(!f.evidence.isEmpty)
      #expect(f.score > 0.5 && f.score < 1)
    }
  }

  @Test(arguments: [AttackCase.sequentialStolenToken, .shuffledBrowser, .distributed, .paginationScrape, .nirProbing, .stolenStaffAccount])
  func exposureIsWithinFivePercent(_ c: AttackCase) throws {
    let w = AnalysedWorld.attacked
    let f = try #require(w.finding(for: c))
    let truth = w.caseExposed[c]?.count ?? 0
    let r = f.exposure.records
    #expect(r.low <= truth && truth <= r.high, "truth \(truth) not in [\(r.low), \(r.high)]")
    #expect(abs(Double(r.estimate - truth)) <= 0.05 * Double(truth), "estimate \(r.estimate) vs truth \(truth)")
  }

  @Test func loginAttackInheritsTheEnumerationExposure() throws {
    let w = AnalysedWorld.attacked
    let f = try #require(w.finding(for: .loginThenEnumerate))
    let truth = w.caseExposed[.loginThenEnumerate]?.count ?? 0
    #expect(abs(Double(f.exposure.records.estimate - truth)) <= 0.05 * Double(truth))
    #expect(f.actors.users.contains("formation01"))
    let seq = w.outcome.findings.first { $0.kind == .sequentialEnumeration && $0.actors.users == ["formation01"] }
    #expect(seq != nil)
  }

  @Test func stolenTokenIsAlsoReportedAsTokenReuse() {
    let w = AnalysedWorld.attacked
    let reuse = w.outcome.findings.first { $0.kind == .tokenReuse && $0.actors.ips.contains("203.0.113.50") }
    #expect(reuse?.actors.ips == ["10.3.0.7", "203.0.113.50"])
  }

  /// A stolen account of a heavy legitimate user: the finding covers the attacker's context
  /// only (dates, requests, exposure, IPs); the owner's use is mentioned, and token reuse
  /// links both.
  @Test func stolenStaffAccountFindingCoversTheAttackOnly() throws {
    let w = AnalysedWorld.attacked
    let f = try #require(w.finding(for: .stolenStaffAccount))
    let span = try #require(w.caseSpan[.stolenStaffAccount])
    let truth = w.caseExposed[.stolenStaffAccount]?.count ?? 0
    #expect(f.start.microseconds == span.first)
    #expect(f.end.microseconds == span.last)
    #expect(f.requests == span.requests)
    #expect(f.distinctRecords == span.requests)
    #expect(f.exposure.records == RecordBounds(estimate: truth, low: truth, high: truth))
    #expect(f.actors.ips == ["203.0.113.120"])
    #expect(f.actors.users == ["sec.p0"])
    #expect(f.actors.userAgents == [WorldGenerator.browsers[1]])
    #expect(f.activity.reduce(0) { $0 + $1.requests } == span.requests)
    #expect(f.reasons.contains { $0.contains("also used from 10.1.0.10") })
    let sessions = w.outcome.sessions.filter { f.sessionIds.contains($0.id) }
    #expect(!sessions.isEmpty && sessions.allSatisfy { $0.features.ips.contains("203.0.113.120") })
    let reuse = w.outcome.findings.first { $0.kind == .tokenReuse && $0.actors.users == ["sec.p0"] }
    #expect(reuse?.actors.ips == ["10.1.0.10", "203.0.113.120"])
  }

  @Test func totalExposureCountsEachRecordOnce() {
    let w = AnalysedWorld.attacked
    var truth = Set<String>()
    for (_, s) in w.caseExposed { truth.formUnion(s) }
    let r = w.outcome.exposure.records
    #expect(r.low <= truth.count && truth.count <= r.high, "truth \(truth.count) not in [\(r.low), \(r.high)]")
    #expect(abs(Double(r.estimate - truth.count)) <= 0.05 * Double(truth.count), "estimate \(r.estimate) vs \(truth.count)")
  }

  @Test func benignWorldHasNoFindingAtMediumOrAbove() {
    let w = AnalysedWorld.benign
    let loud = w.outcome.findings.filter { $0.severity >= .medium }
    #expect(loud.isEmpty, "\(loud.map { "\($0.kind.rawValue) \($0.actors) \($0.reasons)" })")
    #expect(w.outcome.sessionCount > 50)
  }

  @Test func patientEndpointsAreClassified() {
    let eps = AnalysedWorld.benign.outcome.patientEndpoints
    let byTemplate = Dictionary(uniqueKeysWithValues: eps.map { ($0.template, $0.kind) })
    #expect(byTemplate["/api/patients/{id}"] == "record")
    #expect(byTemplate["/api/patients/{id}/observations"] == "record")
    #expect(byTemplate["/api/documents?patient={id}"] == "record")
    #expect(byTemplate["/ws/PatientService.asmx/GetPatient?nir={id}"] == "record")
    #expect(byTemplate["/api/patients?name&page&size"] == "list")
    #expect(byTemplate["/api/v1/lab-catalog?page&size"] == nil)
    #expect(byTemplate["/health"] == nil)
  }

  @Test func outcomeIsDeterministic() throws {
    let a = AnalysedWorld(seed: 7, cases: [.sequentialStolenToken, .paginationScrape, .loginThenEnumerate], practices: 2)
    let b = AnalysedWorld(seed: 7, cases: [.sequentialStolenToken, .paginationScrape, .loginThenEnumerate], practices: 2)
    let enc = JSONEncoder()
    enc.outputFormatting = [.sortedKeys]
    #expect(try enc.encode(a.outcome) == enc.encode(b.outcome))
    #expect(TimelineWriter.render(a.outcome) == TimelineWriter.render(b.outcome))
  }
}
