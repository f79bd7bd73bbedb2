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

  /// Actors of a template from which a campaign's candidates are examined on two threads.
  static let parallelCampaignActors = 4096

  /// Finds dense id regions on each record template and groups the actors whose ids fall
  /// mostly inside one region with little overlap between them.
  mutating func detectCampaigns() {
    // Actor indices in 32 bits, increasing (actors are walked in index order).
    var byTemplate: [TemplateID: [Int32]] = [:]
    for a in engine.actors {
      for (t, tr) in a.tracks where engine.templates[t].kind == .record && tr.hasNumericIds {
        byTemplate[t, default: []].append(Int32(a.index))
      }
    }
    for t in byTemplate.keys.sorted() {
      guard var actorIndices = byTemplate.removeValue(forKey: t), actorIndices.count >= CampaignRules.minimumMembers else { continue }
      if !zip(actorIndices, actorIndices.dropFirst()).allSatisfy({ $0 < $1 }) { actorIndices.sort() }
      // The numeric ids of every actor's track (built once, with the template's distinct count).
      var union = engine.templateUnions().takeNumeric(t)
      guard let lo = union.min, let hi = union.max, hi > lo else { continue }
      // Occupied blocks and their id counts, increasing (ids come in increasing order): two
      // flat arrays, not a dictionary (15 million ids fill 60 000 blocks).
      var occupied: [UInt32] = []
      var counts: [Int32] = []
      var block = UInt32.max
      var inBlock: Int32 = 0
      union.forEach {
        let b = $0 / CampaignRules.blockSize
        if b != block {
          if inBlock > 0 {
            occupied.append(block)
            counts.append(inBlock)
          }
          block = b
          inBlock = 0
        }
        inBlock += 1
      }
      if inBlock > 0 {
        occupied.append(block)
        counts.append(inBlock)
      }
      // Background: the median density of the blocks of [lo, hi] (empty ones included), so a
      // campaign that covers a large part of the range does not raise its own bar; the bar
      // stays below 1 so a fully walked block always qualifies.
      let background = Detector.medianBlockDensity(
        counts: counts, blocks: Int(hi / CampaignRules.blockSize - lo / CampaignRules.blockSize) + 1)
      let need = min(
        CampaignRules.maximumBlockDensityBar, max(CampaignRules.minimumBlockDensity, CampaignRules.backgroundFactor * background))
      // Runs of consecutive dense blocks (in increasing order already).
      var runs: [ClosedRange<UInt32>] = []
      for (b, n) in zip(occupied, counts) where Double(n) / Double(CampaignRules.blockSize) >= need {
        if let last = runs.last, last.upperBound + 1 == b {
          runs[runs.count - 1] = last.lowerBound...b
        } else {
          runs.append(b...b)
        }
      }
      occupied = []
      counts = []
      union = RoaringBitmap()  // only its range is used from here on
      runs = runs.filter { $0.count >= CampaignRules.minimumRunBlocks }
      for run in runs {
        // Actors with most of their ids in the region, and how many: one compact array
        // filtered in place. A swarm of 200 000 actors is examined at the
        // end of the run, when memory is at its fullest; four arrays of 16-byte pairs grown by
        // doubling (candidates, spans, overlaps, members) took up to 13 MB there.
        // The ids of the run's blocks: a track whose numeric ids (all within its smallest and
        // largest value) miss them, or that holds too few ids, is not decoded.
        let runLow = Int64(run.lowerBound) * Int64(CampaignRules.blockSize)
        let runHigh = (Int64(run.upperBound) + 1) * Int64(CampaignRules.blockSize) - 1
        let detector = self  // the halves read a copy: `self` is inout here
        func examine(_ part: ArraySlice<Int32>) -> [CampaignMember] {
          var members: [CampaignMember] = []
          for a32 in part {
            let a = Int(a32)
            guard let tr = detector.engine.actors[a].tracks[t], tr.maxValue >= runLow, tr.minValue <= runHigh,
              tr.distinctCount >= CampaignRules.memberMinimumIds
            else { continue }
            var inside = 0
            let numeric = tr.distinctIds().numeric  // built when needed, not kept (memory)
            numeric.forEach { if run.contains($0 / CampaignRules.blockSize) { inside += 1 } }
            let share = Double(inside) / Double(numeric.count)
            if inside >= CampaignRules.memberMinimumIds && share >= CampaignRules.memberShareInRegion
              && detector.automationSignals(detector.engine.actors[a].features, tr, missRatio: detector.missRatio(tr)).count
                >= CampaignRules.memberSignals
            {
              // Grown by a quarter: a swarm's 200 000 members take about 2 MB, and a template
              // read by many actors, few of them members, reserves nothing for the others
              // (it reserved 8 bytes for every actor of the template).
              members.growByAQuarterIfFull(minimumStep: 64)
              members.append(CampaignMember(actor: a, inside: inside))
            }
          }
          return members
        }
        // A swarm's actors are examined in two halves, the second on another thread when the
        // engine may use two: each actor's track is read (and its distinct count cached) by
        // one thread only, and the halves are joined in actor order.
        var members = inTwoHalves(
          actorIndices[...], parallel: engine.options.threads > 1 && actorIndices.count >= Self.parallelCampaignActors,
          examine, join: +)
        // Same period: a member's activity must overlap that of at least half of the others.
        let candidates = members.count
        var starts: [Int64] = [], ends: [Int64] = []
        starts.reserveCapacity(candidates)
        ends.reserveCapacity(candidates)
        for m in members {
          let (first, last) = span(of: m, on: t)
          starts.append(first.microseconds)
          ends.append(last.microseconds)
        }
        let overlaps = OverlapCounter(starts: consume starts, ends: consume ends)
        var sum = 0
        var kept = 0
        for i in 0..<candidates {
          let c = members[i]
          let (first, last) = span(of: c, on: t)
          guard overlaps.others(overlapping: first, last) * 2 >= candidates - 1 else { continue }
          members[kept] = c
          kept += 1
          sum += c.inside
        }
        members.removeLast(candidates - kept)
        // The members' ids inside the run, united in two halves like the candidates above.
        func regionIds(_ part: ArraySlice<CampaignMember>) -> RoaringBitmap {
          var ids = RoaringBitmap()
          for c in part {
            guard let tr = detector.engine.actors[c.actor].tracks[t] else { continue }
            tr.distinctIds().numeric.forEach { if run.contains($0 / CampaignRules.blockSize) { ids.insert($0) } }
          }
          return ids
        }
        let regionUnion = inTwoHalves(
          members[...], parallel: engine.options.threads > 1 && members.count >= Self.parallelCampaignActors, regionIds
        ) { first, second in
          var u = first
          u.formUnion(second)
          return u
        }
        guard members.count >= CampaignRules.minimumMembers, sum > 0 else { continue }
        let overlap = 1 - Double(regionUnion.count) / Double(sum)
        guard overlap <= CampaignRules.maximumOverlap else { continue }
        drafts.append(campaignDraft(t, run: run, members: members, union: regionUnion, overlap: overlap))
      }
    }
    engine.templateUnions().dropNumeric()
  }

  /// First and last request of a member on template `t`.
  private func span(of m: CampaignMember, on t: TemplateID) -> (Timestamp, Timestamp) {
    let tr = engine.actors[m.actor].tracks[t]
    return (tr?.first ?? Timestamp(microseconds: 0), tr?.last ?? Timestamp(microseconds: 0))
  }

  private func campaignDraft(_ t: TemplateID, run: ClosedRange<UInt32>, members: [CampaignMember], union: RoaringBitmap, overlap: Double) -> Draft {
    var tracks: [RecordTrack] = []
    tracks.reserveCapacity(members.count)
    var actors: [Int] = []
    actors.reserveCapacity(members.count)
    let lo = union.min ?? 0, hi = union.max ?? 0
    let width = Double(hi - lo + 1)
    var requests = 0
    var maxDay = 0
    var fewest = Int.max, most = 0
    // The members' IPs, one bit per symbol (a `Set<Symbol>` of a swarm's 200 000 IPs took
    // 2 MiB at the run's peak).
    var ips = SymbolSet()
    for m in members {
      let actor = engine.actors[m.actor]
      actors.append(m.actor)
      fewest = min(fewest, m.inside)
      most = max(most, m.inside)
      if let tr = actor.tracks[t] {
        tracks.append(tr)
        requests += tr.requests
        maxDay = max(maxDay, tr.allDayCounts.max() ?? 0)
      }
      actor.forEachIP { ips.insert($0) }
    }
    let base = baselines[t]
    let (start, end) = span(tracks)
    let days = max(1, Int((end.microseconds - start.microseconds) / 86_400_000_000) + 1)
    let reasons = [
      "\(members.count) actors from \(ips.count) IP addresses each requested only \(members.isEmpty ? 0 : fewest)–\(most) ids on \(text(t)) (at most \(maxDay) per actor-day"
        + (base.map { ", below the population threshold of \(one($0.threshold))" } ?? "") + "), and each shows at least \(CampaignRules.memberSignals) automation signals (regular pace, night, no related requests, scripted client, misses).",
      "Together they cover \(union.count) of the \(Int(width)) ids in \(lo)–\(hi) (density \(pct(Double(union.count) / width))) with only \(pct(overlap)) overlap between actors: they split the id space between them.",
      "Activity spread over \(days) day(s), from \(start.iso8601) to \(end.iso8601).",
    ]
    let score = min(0.99, 0.6 + 0.3 * Double(union.count) / width + 0.01 * Double(min(9, members.count)))
    return Draft(
      kind: .distributedEnumeration, score: score, actors: actors, tracks: tracks, templates: [t],
      requests: requests, distinct: union.count, reasons: reasons, evidence: evidence(tracks), start: start, end: end)
  }
}

extension Detector {
  /// Median id density of `blocks` consecutive blocks, given the counts of the occupied ones.
  static func medianBlockDensity(counts: [Int32], blocks: Int) -> Double {
    guard blocks > 0 else { return 0 }
    let empty = max(0, blocks - counts.count)
    let middle = blocks / 2
    guard middle >= empty else { return 0 }
    let sorted = counts.sorted()
    let k = min(sorted.count - 1, middle - empty)
    return Double(sorted[k]) / Double(CampaignRules.blockSize)
  }

  /// For each span, how many other spans overlap it (closed intervals), in O(n log n).
  static func overlapCounts(_ spans: [(Timestamp, Timestamp)]) -> [Int] {
    let counter = OverlapCounter(starts: spans.map { $0.0.microseconds }, ends: spans.map { $0.1.microseconds })
    return spans.map { counter.others(overlapping: $0.0, $0.1) }
  }

  fileprivate static func lowerBound(_ a: [Int64], _ x: Int64) -> Int {
    var lo = 0, hi = a.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if a[mid] < x { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  fileprivate static func upperBound(_ a: [Int64], _ x: Int64) -> Int {
    var lo = 0, hi = a.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if a[mid] <= x { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}

/// An actor of a distributed campaign and how many of its ids fall in the campaign's region.
struct CampaignMember {
  private var storedActor: Int32
  private var storedInside: Int32
  var actor: Int { Int(storedActor) }
  var inside: Int { Int(storedInside) }

  init(actor: Int, inside: Int) {
    storedActor = Int32(clamping: actor)
    storedInside = Int32(clamping: inside)
  }
}

/// Counts, for a span, how many of a fixed list of spans overlap it (closed intervals), by
/// binary search in their sorted starts and ends.
struct OverlapCounter {
  private let starts: [Int64]
  private let ends: [Int64]

  /// The spans given as their starts and ends in microseconds, in any order (sorted here,
  /// in place).
  init(starts: consuming [Int64], ends: consuming [Int64]) {
    var s = starts, e = ends
    s.sort()
    e.sort()
    self.starts = s
    self.ends = e
  }

  /// Spans of the list, other than `first...last` itself (which must be one of them), that
  /// overlap it.
  func others(overlapping first: Timestamp, _ last: Timestamp) -> Int {
    // Spans starting no later than this one ends, minus those that ended before it started.
    Detector.upperBound(starts, last.microseconds) - Detector.lowerBound(ends, first.microseconds) - 1
  }
}
