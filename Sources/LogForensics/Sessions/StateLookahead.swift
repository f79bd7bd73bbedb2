// Sessions/StateLookahead.swift - the state of the next few requests asked for ahead of them.

import CPrefetch

extension AnalysisEngine {
  /// Asks the CPU for the state that requests `i + 1 ... i + 6` of `items` will touch: one
  /// level of each request's chain of objects per request ahead.
  ///
  /// A request reaches its state through a chain of objects, each found through the one
  /// before: the actor index slot, the actor, its live session, identity and track, then the
  /// track's day history and success sets, the session's record table, and the places the id
  /// is written to. Each link was a cache miss the analysis waited for (most of this thread's
  /// time went to them). Here request `i + 6` has its index slot asked for, request `i + 5`
  /// its actor (whose slot was asked for one request ago, and is in the cache now), request
  /// `i + 4` the objects its actor points to, and so on: each level reads only lines the
  /// level before asked for, one request earlier, and what it asks for arrives while the
  /// requests before it are analysed.
  ///
  /// Hints only: nothing is created or changed, no reference is retained, and a guess that
  /// the requests in between make stale (a new session, a track created) costs one useless
  /// fetch. Reports are the same with or without it (`StateLookaheadTests`).
  @inline(__always)
  func prefetchAhead(_ items: UnsafeBufferPointer<(facts: RequestFacts, templated: Templated)?>, at i: Int) {
    let n = items.count
    if i &+ 6 < n { prefetchActorSlot(items[i &+ 6].unsafelyUnwrapped.facts) }
    if i &+ 5 < n, let a = actorAddress(items[i &+ 5].unsafelyUnwrapped.facts) { lf_prefetch_range(a, ActorState.lookaheadBytes) }
    prefetchLevel(items, i &+ 4) { a, r in a.prefetchLevel2(r) }
    prefetchLevel(items, i &+ 3) { a, r in a.prefetchLevel3(r) }
    prefetchLevel(items, i &+ 2) { a, r in a.prefetchLevel4(r) }
    prefetchLevel(items, i &+ 1) { a, r in a.prefetchLevel5(r) }
  }

  /// Calls `level` with the actor of request `k` (when it has one yet) and its templating.
  @inline(__always)
  private func prefetchLevel(
    _ items: UnsafeBufferPointer<(facts: RequestFacts, templated: Templated)?>, _ k: Int, _ level: (ActorState, Templated) -> Void
  ) {
    guard k < items.count, let a = actorAddress(items[k].unsafelyUnwrapped.facts) else { return }
    Unmanaged<ActorState>.fromOpaque(a)._withUnsafeGuaranteedRef { level($0, items[k].unsafelyUnwrapped.templated) }
  }
}

extension ActorState {
  /// Level 2: the live session, the identity state and the request's track.
  @inline(__always)
  fileprivate func prefetchLevel2(_ r: Templated) {
    if let s = liveUnretained { lf_prefetch_range(UnsafeRawPointer(s.toOpaque()), SessionState.lookaheadBytes) }
    if let id = existingIdentityUnretained { lf_prefetch_range(UnsafeRawPointer(id.toOpaque()), IdentityState.lookaheadBytes) }
    guard r.kind == .record || r.kind == .list, let t = existingTrackUnretained(r.template) else { return }
    lf_prefetch_range(UnsafeRawPointer(t.toOpaque()), RecordTrack.lookaheadBytes)
  }

  /// Level 3: what the track, the session and the identity point to.
  @inline(__always)
  fileprivate func prefetchLevel3(_ r: Templated) {
    guard r.kind == .record, let t = existingTrackUnretained(r.template) else { return }
    t._withUnsafeGuaranteedRef { $0.prefetchRecordState() }
    liveUnretained?._withUnsafeGuaranteedRef { $0.prefetchRecordTable() }
    existingIdentityUnretained?._withUnsafeGuaranteedRef { $0.prefetchLastContext() }
  }

  /// Level 4: the places the record's id goes to (the day's list, the session's table slot)
  /// and the header of the success sets' waiting list.
  @inline(__always)
  fileprivate func prefetchLevel4(_ r: Templated) {
    guard r.kind == .record, let key = r.key, let t = existingTrackUnretained(r.template) else { return }
    t._withUnsafeGuaranteedRef { $0.prefetchDayTail() }
    liveUnretained?._withUnsafeGuaranteedRef { $0.prefetchRecordSlot(SessionState.recordHash(namespace: r.namespaceHash, key)) }
  }

  /// Level 5: the success sets' next waiting place.
  @inline(__always)
  fileprivate func prefetchLevel5(_ r: Templated) {
    guard r.kind == .record, let t = existingTrackUnretained(r.template) else { return }
    t._withUnsafeGuaranteedRef { $0.prefetchPendingTail() }
  }
}
