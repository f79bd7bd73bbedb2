// Sessions/TemplateUnions.swift - what the union of every actor's record track gives, per template.

/// Per template, the number of distinct ids all actors requested (the report's figure) and,
/// for record templates, the numeric ids themselves until the campaign rule has read them.
///
/// Both come from one pass over the tracks (``AnalysisEngine``, on the other core while
/// detection runs): the campaign rule needs each record template's numeric union too, and
/// building it a second time cost as much as the first. The sets are handed over once
/// (``takeNumeric(_:)``) and the rest dropped when the rule is done
/// (``dropNumeric()``), so they do not outlive detection.
final class TemplateUnions: @unchecked Sendable {
  /// Distinct ids per template (indexed by ``TemplateID``).
  let distinctIds: [Int]
  private var numeric: [TemplateID: RoaringBitmap]

  init(distinctIds: [Int], numeric: [TemplateID: RoaringBitmap]) {
    self.distinctIds = distinctIds
    self.numeric = numeric
  }

  /// The numeric ids of record template `t` (empty when none), given once: a later call
  /// returns an empty set.
  func takeNumeric(_ t: TemplateID) -> RoaringBitmap {
    numeric.removeValue(forKey: t) ?? RoaringBitmap()
  }

  /// Frees the numeric sets nobody took.
  func dropNumeric() { numeric = [:] }

  /// Unites the outcome sets of every track of `actors`, per template (`templates` of
  /// them); keeps the numeric union of the templates flagged in `keepNumeric`.
  ///
  /// `ready`, when given, hands out the actors whose tracks may be read: at the end of a run
  /// the engine's thread settles the tracks and makes their actors available as it goes,
  /// while this runs on the other core one step behind. The union does not depend on when
  /// each actor was read.
  static func build(
    actors: [ActorState], templates: Int, keepNumeric: [Bool], ready: IndexCursor? = nil
  ) -> TemplateUnions {
    // The outcome sets of every track, per template, united a batch at a time (one pass
    // over their containers per batch) rather than one union per track. One builder per
    // template, fed in one pass over the actors: no list of every track (200 000 of them
    // on one template in a distributed campaign, at the run's peak).
    var unions = [RecordSet.UnionBuilder](repeating: RecordSet.UnionBuilder(), count: templates)
    let cursor = ready ?? IndexCursor(end: actors.count, step: actors.count)
    while let range = cursor.next() {
      for i in range {
        for (t, track) in actors[i].tracks where Int(t) < templates {
          track.forEachOutcomeSet { unions[Int(t)].add($0) }
        }
      }
    }
    var counts: [Int] = []
    counts.reserveCapacity(templates)
    var numeric: [TemplateID: RoaringBitmap] = [:]
    for t in 0..<templates {
      let set = unions[t].finish()
      unions[t] = RecordSet.UnionBuilder()  // freed as soon as counted
      counts.append(set.count)
      if t < keepNumeric.count && keepNumeric[t] && !set.numeric.isEmpty { numeric[TemplateID(t)] = set.numeric }
    }
    return TemplateUnions(distinctIds: counts, numeric: numeric)
  }
}
