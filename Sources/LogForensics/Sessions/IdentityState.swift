// Sessions/IdentityState.swift - what an identity (user or credential) keeps beyond a client actor.

import CPrefetch

/// Token-reuse state and IP + user agent contexts of an identity actor.
///
/// Held by ``ActorState/identity`` only for actors keyed by a user or a credential: the
/// anonymous (IP + user agent) actors, by far the most numerous in a distributed campaign,
/// carry one nil pointer instead of these fields.
final class IdentityState {
  /// What the lookahead asks for (``AnalysisEngine/prefetchAhead(_:at:)``): the first 128 of
  /// the object's 152 bytes, which hold every field a request reads (the last IP and its
  /// time, the contexts, the last context). The slice fields after them are read only once
  /// the identity was seen in two contexts; asking for their line too measured slower.
  static let lookaheadBytes = 128
  // Token reuse: the last IP seen, and interleavings between IPs.
  var lastIP: Symbol = .none
  var lastIPTime: Timestamp = Timestamp(microseconds: 0)
  var ipSwitches = 0
  var firstSwitch: (Timestamp, EvidenceRef, Symbol, Symbol)?

  /// The IP + user agent contexts, and per-context record tracks once the identity has been
  /// seen in two contexts (before that the actor's tracks are context 0's).
  var contexts: [ActorContext] = []
  var contextIndex: [UInt64: Int32] = [:]
  var lastContextKey: UInt64 = UInt64.max
  var lastContext: Int32 = 0
  var slices: [SliceKey: RecordTrack] = [:]
  /// The slice ``ActorState/slice(_:context:)`` returned last, and its template and context
  /// packed (`UInt64.max`: none yet): no hash lookup while requests stay on one endpoint.
  var lastSliceKey = UInt64.max
  /// Not retained: ``slices`` keeps every slice for good (see ``ActorState/trackUnretained(_:)``).
  var lastSlice: Unmanaged<RecordTrack>?
  /// The overflow context of each user agent, and the last one for all others (-1: none yet).
  var overflowIndex: [Symbol: Int32] = [:]
  var lastOverflow: Int32 = -1

  /// Lookahead: the entry of the last context (most requests come from it).
  @inline(__always)
  func prefetchLastContext() {
    let c = Int(lastContext)
    guard c >= 0 && c < contexts.count else { return }
    lf_prefetch_range(ArrayStorage.element(c, of: &contexts), MemoryLayout<ActorContext>.stride)
  }
}
