// Detection/Detector+Campaign.swift - many low-and-slow actors splitting one id range.

extension Detector {
  /// Thresholds of the campaign grouping (documented in `docs/detection.md`).
  enum CampaignRules {
    static let blockSize: UInt32 = 256
    static let minimumBlockDensity = 0.5
    /// The density bar never exceeds this, whatever the background.
    static let maximumBlockDensityBar = 0.9
    static let backgroundFactor = 5.0
    static let minimumRunBlocks = 4
    static let minimumMembers = 3
    static let memberShareInRegion = 0.6
    static let memberMinimumIds = 10
    static let maximumOverlap = 0.3
    /// Automation signals each member must show (staff of one hospital share a dense IPP
    /// range too, but browse at human pace and open related resources).
    static let memberSignals = 2
  }

  /// Finds dense id regions on each record template and groups the actors whose ids fall
  /// mostly inside one region with little overlap between them.
  mutating func detectCampaigns() {
    var byTemplate: [TemplateID: [Int]] = [:]
    for a in engine.actors {
      for (t, tr) in a.tracks where engine.templates[t].kind == .record && tr.hasNumericIds {
        byTemplate[t, default: []].append(a.index)
      }
    }
    for t in byTemplate.keys.sorted() {
      guard let actorIndices = byTemplate[t], actorIndices.count >= CampaignRules.minimumMembers else { continue }
      var builder = RoaringBitmap.UnionBuilder()
      for a in actorIndices { engine.actors[a].tracks[t]?.forEachOutcomeSet { builder.add($0.numeric) } }
      let union = builder.finish()
      guard let lo = union.min, let hi = union.max, hi > lo else { continue }
      var blockCounts: [UInt32: Int] = [:]
      // Ids come in increasing order: one dictionary update per block, not per id.
      var block = UInt32.max
      var inBlock = 0
      union.forEach {
        let b = $0 / CampaignRules.blockSize
        if b != block {
          if inBlock > 0 { blockCounts[block] = inBlock }
          block = b
          inBlock = 0
        }
        inBlock += 1
      }
      if inBlock > 0 { blockCounts[block] = inBlock }
      // Background: the median density of the blocks of [lo, hi] (empty ones included), so a
      // campaign that covers a large part of the range does not raise its own bar; the bar
      // stays below 1 so a fully walked block always qualifies.
      let background = Detector.medianBlockDensity(blockCounts, blocks: Int(hi / CampaignRules.blockSize - lo / CampaignRules.blockSize) + 1)
      let need = min(
        CampaignRules.maximumBlockDensityBar, max(CampaignRules.minimumBlockDensity, CampaignRules.backgroundFactor * background))
      let dense = Set(blockCounts.filter { Double($0.value) / Double(CampaignRules.blockSize) >= need }.keys)
      // Runs of consecutive dense blocks.
      var runs: [ClosedRange<UInt32>] = []
      for b in dense.sorted() {
        if let last = runs.last, last.upperBound + 1 == b {
          runs[runs.count - 1] = last.lowerBound...b
        } else {
          runs.append(b...b)
        }
      }
      runs = runs.filter { $0.count >= CampaignRules.minimumRunBlocks }
      for run in runs {
        var candidates: [(Int, Int)] = []  // actor, ids in region
        for a in actorIndices.sorted() {
          guard let tr = engine.actors[a].tracks[t] else { continue }
          var inside = 0
          let numeric = tr.distinctIds().numeric  // built when needed, not kept (memory)
          numeric.forEach { if run.contains($0 / CampaignRules.blockSize) { inside += 1 } }
          let share = Double(inside) / Double(numeric.count)
          if inside >= CampaignRules.memberMinimumIds && share >= CampaignRules.memberShareInRegion
            && automationSignals(engine.actors[a].features, tr, missRatio: missRatio(tr)).count >= CampaignRules.memberSignals
          {
            candidates.append((a, inside))
          }
        }
        // Same period: a member's activity must overlap that of at least half of the others.
        let spans = candidates.map { c -> (Timestamp, Timestamp) in
          let tr = engine.actors[c.0].tracks[t]
          return (tr?.first ?? Timestamp(microseconds: 0), tr?.last ?? Timestamp(microseconds: 0))
        }
        var members: [(Int, Int)] = []
        var sum = 0
        var regionUnion = RoaringBitmap()
        let overlaps = Detector.overlapCounts(spans)
        for (i, c) in candidates.enumerated() {
          guard overlaps[i] * 2 >= candidates.count - 1 else { continue }
          members.append(c)
          sum += c.1
          if let tr = engine.actors[c.0].tracks[t] {
            tr.distinctIds().numeric.forEach { if run.contains($0 / CampaignRules.blockSize) { regionUnion.insert($0) } }
          }
        }
        guard members.count >= CampaignRules.minimumMembers, sum > 0 else { continue }
        let overlap = 1 - Double(regionUnion.count) / Double(sum)
        guard overlap <= CampaignRules.maximumOverlap else { continue }
        drafts.append(campaignDraft(t, run: run, members: members, union: regionUnion, overlap: overlap))
      }
    }
  }

  private func campaignDraft(_ t: TemplateID, run: ClosedRange<UInt32>, members: [(Int, Int)], union: RoaringBitmap, overlap: Double) -> Draft {
    let tracks = members.compactMap { engine.actors[$0.0].tracks[t] }
    let lo = union.min ?? 0, hi = union.max ?? 0
    let width = Double(hi - lo + 1)
    var requests = 0
    var maxDay = 0
    var ips = Set<Symbol>()
    for (a, _) in members {
      let actor = engine.actors[a]
      if let tr = actor.tracks[t] {
        requests += tr.requests
        maxDay = max(maxDay, tr.allDayCounts.max() ?? 0)
      }
      ips.formUnion(actor.ips.keys)
    }
    let counts = members.map { $0.1 }
    let base = baselines[t]
    let (start, end) = span(tracks)
    let days = max(1, Int((end.microseconds - start.microseconds) / 86_400_000_000) + 1)
    let reasons = [
      "\(members.count) actors from \(ips.count) IP addresses each requested only \(counts.min() ?? 0)–\(counts.max() ?? 0) ids on \(text(t)) (at most \(maxDay) per actor-day"
        + (base.map { ", below the population threshold of \(one($0.threshold))" } ?? "") + "), and each shows at least \(CampaignRules.memberSignals) automation signals (regular pace, night, no related requests, scripted client, misses).",
      "Together they cover \(union.count) of the \(Int(width)) ids in \(lo)–\(hi) (density \(pct(Double(union.count) / width))) with only \(pct(overlap)) overlap between actors: they split the id space between them.",
      "Activity spread over \(days) day(s), from \(start.iso8601) to \(end.iso8601).",
    ]
    let score = min(0.99, 0.6 + 0.3 * Double(union.count) / width + 0.01 * Double(min(9, members.count)))
    return Draft(
      kind: .distributedEnumeration, score: score, actors: members.map { $0.0 }, tracks: tracks, templates: [t],
      requests: requests, distinct: union.count, reasons: reasons, evidence: evidence(tracks), start: start, end: end)
  }
}

extension Detector {
  /// Median id density of `blocks` consecutive blocks, given the counts of the occupied ones.
  static func medianBlockDensity(_ counts: [UInt32: Int], blocks: Int) -> Double {
    guard blocks > 0 else { return 0 }
    let empty = max(0, blocks - counts.count)
    let middle = blocks / 2
    guard middle >= empty else { return 0 }
    let sorted = counts.values.sorted()
    let k = min(sorted.count - 1, middle - empty)
    return Double(sorted[k]) / Double(CampaignRules.blockSize)
  }

  /// For each span, how many other spans overlap it (closed intervals), in O(n log n).
  static func overlapCounts(_ spans: [(Timestamp, Timestamp)]) -> [Int] {
    let starts = spans.map { $0.0.microseconds }.sorted()
    let ends = spans.map { $0.1.microseconds }.sorted()
    return spans.map { s in
      // Others starting no later than this one ends, minus those that ended before it started.
      let startedBeforeEnd = upperBound(starts, s.1.microseconds)
      let endedBeforeStart = lowerBound(ends, s.0.microseconds)
      return startedBeforeEnd - endedBeforeStart - 1
    }
  }

  private static func lowerBound(_ a: [Int64], _ x: Int64) -> Int {
    var lo = 0, hi = a.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if a[mid] < x { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  private static func upperBound(_ a: [Int64], _ x: Int64) -> Int {
    var lo = 0, hi = a.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if a[mid] <= x { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}
