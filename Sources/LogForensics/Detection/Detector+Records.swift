// Detection/Detector+Records.swift - per-actor record access: sequential, probing, bulk.

extension Detector {
  /// Thresholds of the per-actor record detectors (documented in `docs/detection.md`).
  enum RecordRules {
    static let minimumDistinct = 20
    static let sequentialMinimum = 50
    static let sequentialShare = 0.5
    static let probingMinimum = 30
    static let probingMissRatio = 0.5
    static let regularCV = 0.5
    static let nightShare = 0.3
    static let relatedPerRecord = 0.2
    static let manyIPs = 5
    /// A user/credential used from this many IPs needs no volume threshold (dozens of IPs).
    static let swarmIPs = 10
  }

  mutating func detectRecordAccess() {
    for actor in engine.actors {
      for tid in actor.tracks.keys.sorted() where engine.templates[tid].kind == .record {
        guard let tr = actor.tracks[tid], tr.distinctCount >= RecordRules.minimumDistinct else { continue }
        if actor.contexts.count > 1 {
          if let d = analyseContexts(actor, tid, whole: tr) { drafts.append(d) }
        } else if let d = analyse(actor, actor.features, tr) {
          drafts.append(d)
        }
      }
    }
  }

  /// An identity used from several IP + user agent contexts (a stolen account next to its
  /// owner): the finding covers
  /// - the contexts that would be flagged on their own,
  /// - the contexts that split one id range with a flagged one while it was active (mostly
  ///   within its span, see ``interleavedGroups(_:)``),
  /// - the groups of other contexts that split one id range between them and are flagged
  ///   together (a swarm's IPs, each too small on its own).
  ///
  /// The others (the owner's ordinary use) are only mentioned. When nothing is flagged that
  /// way, the identity as a whole is judged, over the contexts that used the endpoint.
  private func analyseContexts(_ actor: ActorState, _ t: TemplateID, whole: RecordTrack) -> Draft? {
    var used: [Int] = []
    var flagged: [Int] = []
    for c in actor.contexts.indices {
      guard let s = actor.slices[SliceKey(template: t, context: Int32(c))], s.requests > 0 else { continue }
      used.append(c)
      if s.distinctCount >= RecordRules.minimumDistinct && analyse(actor, actor.features(contexts: [c]), s) != nil {
        flagged.append(c)
      }
    }
    // Contexts that split one id range with others: with a flagged context, those active mostly
    // within its time span widened by the session gap (at least half of their own span) join
    // it; without one, they are judged together.
    let slice = { (c: Int) in actor.slices[SliceKey(template: t, context: Int32(c))]! }
    let alone = flagged
    for group in Self.interleavedGroups(used.map { (context: $0, track: slice($0)) }) where group.count > 1 {
      let leaders = group.filter { alone.contains($0) }
      let others = group.filter { !alone.contains($0) }
      if leaders.isEmpty {
        let merged = RecordTrack.merged(others.map(slice))
        if merged.distinctCount >= RecordRules.minimumDistinct && analyse(actor, actor.features(contexts: others), merged) != nil {
          flagged.append(contentsOf: others)
        }
      } else {
        let gap = engine.options.sessionGap * 1_000_000
        let from = leaders.map { slice($0).first.microseconds }.min()! - gap
        let to = leaders.map { slice($0).last.microseconds }.max()! + gap
        flagged.append(contentsOf: others.filter {
          let a = slice($0).first.microseconds, b = slice($0).last.microseconds
          return (min(b, to) - max(a, from)) * 2 >= b - a
        })
      }
    }
    flagged.sort()
    if !flagged.isEmpty {
      let slices = flagged.compactMap { actor.slices[SliceKey(template: t, context: Int32($0))] }
      let merged = RecordTrack.merged(slices)
      if var d = analyse(actor, actor.features(contexts: flagged), merged) {
        d.tracks = slices
        d.evidence = evidence(slices)
        d.contexts[actor.index] = flagged
        if let note = ownerNote(actor, t, excluded: actor.contexts.indices.filter { !flagged.contains($0) }) {
          d.reasons.append(note)
        }
        return d
      }
    }
    guard var d = analyse(actor, actor.features(contexts: used), whole) else { return nil }
    d.contexts[actor.index] = used
    return d
  }

  /// Groups of contexts that split one id range between them on an endpoint: the IPs of a
  /// swarm, not an owner's reads scattered over the id space.
  /// - Contexts with at least ``RecordRules/minimumDistinct`` numeric ids group when the
  ///   ranges (min–max) of their ids overlap by at least half of their union.
  /// - A context with fewer ids (too few to have a range of its own) joins the narrowest of
  ///   those groups whose range, widened by its width on each side, contains its ids; the
  ///   small contexts that join none form one group.
  /// - Contexts without numeric ids form one group.
  ///
  /// Groups are listed by their first context; contexts within a group in order.
  static func interleavedGroups(_ members: [(context: Int, track: RecordTrack)]) -> [[Int]] {
    var parent = Array(members.indices)
    func root(_ i: Int) -> Int {
      var i = i
      while parent[i] != i { i = parent[i] }
      return i
    }
    func join(_ a: Int, _ b: Int) {
      let x = root(a), y = root(b)
      if x != y { parent[max(x, y)] = min(x, y) }
    }
    let numeric = members.map { $0.track.minValue <= $0.track.maxValue }
    let sizable = members.indices.filter { numeric[$0] && members[$0].track.distinctCount >= RecordRules.minimumDistinct }
    let small = members.indices.filter { numeric[$0] && !sizable.contains($0) }
    let other = members.indices.filter { !numeric[$0] }
    for (n, i) in sizable.enumerated() {
      for j in sizable[(n + 1)...] {
        let a = members[i].track, b = members[j].track
        let overlap = Double(min(a.maxValue, b.maxValue)) - Double(max(a.minValue, b.minValue)) + 1
        let union = Double(max(a.maxValue, b.maxValue)) - Double(min(a.minValue, b.minValue)) + 1
        if overlap > 0 && overlap * 2 >= union { join(i, j) }
      }
    }
    // The id range of each sizable group.
    var ranges: [Int: (lo: Int64, hi: Int64)] = [:]
    for i in sizable {
      let r = root(i), t = members[i].track
      let x = ranges[r] ?? (t.minValue, t.maxValue)
      ranges[r] = (min(x.lo, t.minValue), max(x.hi, t.maxValue))
    }
    var leftover: Int?
    for i in small {
      let t = members[i].track
      let home = ranges.filter { _, x in
        let w = x.hi - x.lo
        return t.minValue >= x.lo - w && t.maxValue <= x.hi + w
      }.min { ($0.value.hi - $0.value.lo, $0.key) < ($1.value.hi - $1.value.lo, $1.key) }
      if let h = home {
        join(i, h.key)
      } else if let l = leftover {
        join(i, l)
      } else {
        leftover = i
      }
    }
    for i in other.dropFirst() { join(i, other[0]) }
    var groups: [Int: [Int]] = [:]
    for i in members.indices { groups[root(i), default: []].append(members[i].context) }
    return groups.keys.sorted().map { groups[$0]! }
  }

  /// The sentence about an identity's contexts left out of a finding.
  private func ownerNote(_ actor: ActorState, _ t: TemplateID, excluded: [Int]) -> String? {
    guard !excluded.isEmpty else { return nil }
    var requests = 0, onEndpoint = 0
    var first = Timestamp(microseconds: Int64.max), last = Timestamp(microseconds: Int64.min)
    var ips = Set<Symbol>(), uas = Set<Symbol>()
    for c in excluded {
      let x = actor.contexts[c]
      requests += x.requests
      onEndpoint += actor.slices[SliceKey(template: t, context: Int32(c))]?.requests ?? 0
      first = min(first, x.first)
      last = max(last, x.last)
      ips.formUnion(x.ips)
      uas.formUnion(x.userAgents)
    }
    let ipList = strings(ips)
    let uaList = strings(uas)
    return "The same account (\(actor.label(engine.symbols))) was also used from \(ipList.prefix(5).joined(separator: ", "))"
      + (ipList.count > 5 ? " (+\(ipList.count - 5))" : "") + " with \(uaList.prefix(2).joined(separator: "; "))"
      + (uaList.count > 2 ? " (+\(uaList.count - 2))" : "")
      + ": \(requests) requests (\(onEndpoint) on \(text(t))) from \(first.iso8601) to \(last.iso8601) that show no such signal on their own;"
      + " that activity (presumably the account owner's) is left out of this finding's requests, records, exposure and dates."
  }

  /// Distinct ids answered with a success whose size is an error payload, and never in full.
  func sizeMisses(_ tr: RecordTrack) -> RecordSet {
    var out = RecordSet()
    guard let hit = hitBuckets[Int(tr.template)] else { return out }
    tr.successBySize.forEach { b, s in if b < hit { out.formUnion(s) } }
    return out
  }

  /// Behaviour signals that point to automation, each as a sentence fragment with its figure.
  func automationSignals(_ actor: ActivityFeatures, _ tr: RecordTrack, missRatio: Double) -> [String] {
    let related = Double(actor.requests - tr.requests) / Double(max(1, tr.requests))
    let gaps = actor.patientGaps
    let night = Double(actor.nightPatient) / Double(max(1, actor.patientRequests))
    var behaviour: [String] = []
    if gaps.count >= 20 && gaps.cv < RecordRules.regularCV {
      behaviour.append("machine-regular pace: mean \(one(gaps.mean)) s between patient requests, coefficient of variation \(one(gaps.cv * 100))% (people browse in bursts)")
    }
    if night >= RecordRules.nightShare {
      behaviour.append("\(pct(night)) of patient requests between 22:00 and 06:00 UTC")
    }
    if related < RecordRules.relatedPerRecord {
      behaviour.append("almost nothing but this endpoint: \(one(related)) other requests per record request (clinical use opens related resources)")
    }
    if actor.looksScripted(engine.isScriptAgent) { behaviour.append("scripted client: library user agent, no assets, no referer") }
    if missRatio >= 0.2 { behaviour.append("\(pct(missRatio)) of requested ids do not exist") }
    if gaps.count >= 20 && gaps.mean < 2 { behaviour.append("fast: \(one(60 / max(gaps.mean, 0.01))) requests per minute") }
    return behaviour
  }

  /// Share of a track's distinct ids that were misses (404/410 or an error-sized 200).
  func missRatio(_ tr: RecordTrack) -> Double {
    var misses = sizeMisses(tr)
    misses.formUnion(tr.notFound)
    return Double(misses.count) / Double(max(1, tr.distinctCount))
  }

  private func analyse(_ owner: ActorState, _ actor: ActivityFeatures, _ tr: RecordTrack) -> Draft? {
    let t = tr.template
    let distinct = tr.distinctCount
    var misses = sizeMisses(tr)
    let sizeMissCount = misses.count
    misses.formUnion(tr.notFound)
    let missRatio = Double(misses.count) / Double(distinct)
    let seq = tr.sequentialShare
    let density = tr.coverageDensity
    let mono = tr.monotonicShare
    let maxDay = tr.allDayCounts.max() ?? 0
    let base = baselines[t] ?? Baseline(actors: 1, median: 0, mad: 0, p90: 0, threshold: 100)
    // The IPs that used this endpoint: a swarm's IPs on the ids it walked, not the owner's
    // reads of another endpoint under the same account.
    let endpointIPs = tr.ipCounter.distinctCount
    let manyIPs = actor.isIdentity && endpointIPs >= RecordRules.manyIPs
    let endpoint = text(t)
    let behaviour = automationSignals(actor, tr, missRatio: missRatio)

    let isSequential = distinct >= RecordRules.sequentialMinimum
      && (seq >= RecordRules.sequentialShare || (density >= 0.5 && mono >= 0.9 && distinct >= 100))
    let invalidKeys = tr.nirChecked >= 20 ? Double(tr.nirInvalidKey) / Double(tr.nirChecked) : 0
    let isProbing = distinct >= RecordRules.probingMinimum
      && ((misses.count >= 20 && missRatio >= RecordRules.probingMissRatio) || invalidKeys >= 0.5)
    let isBulk = Double(maxDay) >= base.threshold && behaviour.count >= 2
    let isSwarm = actor.isIdentity && endpointIPs >= RecordRules.swarmIPs && distinct >= 100
      && behaviour.count >= 2

    var kind: FindingKind
    var score: Double
    var reasons: [String] = []
    let volume = "\(distinct) distinct ids on \(endpoint) (at most \(maxDay) in one UTC day; the \(base.actors) actor-days on this endpoint have median \(one(base.median)), 90th percentile \(one(base.p90)), threshold \(one(base.threshold)))"
    if isSequential {
      kind = manyIPs ? .distributedEnumeration : .sequentialEnumeration
      score = 0.5 + 0.35 * min(1, max(seq, density)) + 0.05 * Double(min(3, behaviour.count))
      reasons.append("Walked identifiers in order: \(pct(seq)) of \(tr.steps) id steps have the same small stride, \(pct(mono)) keep the same direction, covering \(pct(density)) of the id range \(tr.minValue)–\(tr.maxValue).")
      reasons.append("Requested " + volume + ".")
    } else if isProbing {
      kind = manyIPs ? .distributedEnumeration : .identifierProbing
      score = 0.5 + 0.4 * missRatio + 0.03 * Double(min(3, behaviour.count))
      var how = "\(tr.notFound.count) answered 404/410"
      if sizeMissCount > 0, let hb = hitBuckets[Int(t)] {
        how += ", \(sizeMissCount) answered 200 with an error-sized body (< \(ResponseSizeModel.lowerBound(ofBucket: hb)) bytes, the size that separates misses from records on this endpoint)"
      }
      reasons.append("Probed identifiers: \(misses.count) of \(distinct) ids tried (\(pct(missRatio))) were misses: \(how).")
      if tr.nirInvalidKey > 0 {
        reasons.append("\(tr.nirInvalidKey) of \(tr.nirChecked) NIRs tried (\(pct(Double(tr.nirInvalidKey) / Double(max(1, tr.nirChecked))))) have an invalid control key: generated, not copied from a record.")
      }
      reasons.append("Requested " + volume + ".")
    } else if isBulk {
      kind = manyIPs ? .distributedEnumeration : .bulkRecordAccess
      let ratio = Double(maxDay) / max(1, base.threshold)
      score = min(0.99, 0.45 + 0.1 * Double(behaviour.count) + 0.1 * min(1, ratio - 1))
      reasons.append("Read far more records than peers: " + volume + ", \(one(ratio))× the threshold.")
    } else if isSwarm {
      kind = .distributedEnumeration
      score = min(0.99, 0.55 + 0.1 * Double(behaviour.count))
      reasons.append("One identity shared by \(endpointIPs) IP addresses read " + volume + "; each IP stays small, together they enumerate.")
    } else {
      return nil
    }
    if manyIPs {
      reasons.append("The same identity requested \(endpoint) from \(endpointIPs) IP addresses.")
    }
    for b in behaviour { reasons.append(b.prefix(1).uppercased() + b.dropFirst() + ".") }
    score = min(0.99, score)
    var draft = Draft(
      kind: kind, score: score, actors: [owner.index], tracks: [tr], templates: [t],
      requests: tr.requests, distinct: distinct, reasons: reasons, evidence: evidence([tr]),
      start: tr.first, end: tr.last)
    if let (time, ev) = tr.enumerationStart, isSequential {
      draft.timeline.append(TimelineEntry(
        time: time, event: "enumeration-start", findingId: nil, actor: owner.label(engine.symbols), endpoint: endpoint, count: nil,
        detail: "five consecutive requests with the same id stride", evidence: engine.evidence(ev)))
    }
    return draft
  }
}
