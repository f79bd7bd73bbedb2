// Sessions/TemplateUnions.swift - what the union of every actor's record track gives, per template.

import Foundation

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
  /// while this runs on the other core one step behind. A `helper` started by then
  /// (``UnionHelper/start(actors:templates:cursor:)``) takes actors from the same cursor,
  /// and its union is united with this one. The result depends neither on when each actor
  /// was read nor on which thread read it (a union does not depend on how its parts were
  /// split).
  static func build(
    actors: [ActorState], templates: Int, keepNumeric: [Bool], ready: IndexCursor? = nil,
    helper: UnionHelper? = nil
  ) -> TemplateUnions {
    var unions = unite(actors, templates: templates, from: ready ?? IndexCursor(end: actors.count, step: actors.count))
    if let other = helper?.result() {
      for t in other.indices {
        var b = other[t]
        let set = b.finish()
        if !set.isEmpty { unions[t].add(set) }
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

  /// One union builder per template, fed with the tracks of the actors `cursor` hands out.
  fileprivate static func unite(
    _ actors: [ActorState], templates: Int, from cursor: IndexCursor
  ) -> [RecordSet.UnionBuilder] {
    // The outcome sets of every track, per template, united a batch at a time (one pass
    // over their containers per batch) rather than one union per track. One builder per
    // template, fed in one pass over the actors: no list of every track (200 000 of them
    // on one template in a distributed campaign, at the run's peak).
    var unions = [RecordSet.UnionBuilder](repeating: RecordSet.UnionBuilder(), count: templates)
    while let range = cursor.next() {
      for i in range {
        for (t, track) in actors[i].tracks where Int(t) < templates {
          track.forEachOutcomeSet { unions[Int(t)].add($0) }
        }
      }
    }
    return unions
  }
}

/// A second thread for a union under way (``TemplateUnions/build(actors:templates:keepNumeric:ready:helper:)``).
///
/// Started by the thread that feeds the union's cursor, before it makes the last actors
/// available: the union's own thread drains the cursor only after that, so it finds the
/// helper when it asks for its result. At the end of a run the helper starts once the
/// tracks are settled: on the mass dump, whose 200 000 small tracks settle at once, the
/// union then runs on two threads while detection does its first passes.
final class UnionHelper: @unchecked Sendable {
  private let lock = NSLock()
  private var job: BackgroundJob<[RecordSet.UnionBuilder]>?

  /// Starts a thread that unites the tracks of the actors `cursor` hands out.
  func start(actors: [ActorState], templates: Int, cursor: IndexCursor) {
    let started = BackgroundJob { TemplateUnions.unite(actors, templates: templates, from: cursor) }
    lock.lock()
    job = started
    lock.unlock()
  }

  /// The helper's union builders, once it is done; `nil` when it was never started.
  func result() -> [RecordSet.UnionBuilder]? {
    lock.lock()
    let started = job
    lock.unlock()
    return started?.result()
  }
}
