// Sessions/TrackMap.swift - an actor's record tracks by template, without a hash table for a few.

/// The record tracks of one actor, by template, in order of first use.
///
/// Most actors use one or two patient templates: the first track is held inline and the
/// others in a short array searched linearly; past ``indexedFrom`` tracks an index is built.
/// A dictionary would cost every actor a hash table of its own (about 150 bytes for one
/// entry), which adds up with hundreds of thousands of actors.
struct TrackMap: Sequence {
  private var firstKey: TemplateID = -1
  private var first: RecordTrack?
  private var rest: [(key: TemplateID, value: RecordTrack)] = []
  /// Position in `rest` of each template, once `rest` is long.
  private var index: [TemplateID: Int]?
  static let indexedFrom = 8

  var isEmpty: Bool { first == nil }
  var count: Int { first == nil ? 0 : 1 + rest.count }

  /// The track of template `t`, if the actor used it.
  subscript(t: TemplateID) -> RecordTrack? {
    if let f = first, firstKey == t { return f }
    if let index { return index[t].map { rest[$0].value } }
    for x in rest where x.key == t { return x.value }
    return nil
  }

  /// ``subscript(_:)`` without a retain (the map keeps its tracks for good).
  func unretained(_ t: TemplateID) -> Unmanaged<RecordTrack>? {
    if firstKey == t, let f = first { return Unmanaged.passUnretained(f) }
    if let index { return index[t].map { Unmanaged.passUnretained(rest[$0].value) } }
    for i in rest.indices where rest[i].key == t { return Unmanaged.passUnretained(rest[i].value) }
    return nil
  }

  /// Adds the track of a template not in the map yet.
  mutating func insert(_ track: RecordTrack, for t: TemplateID) {
    guard first != nil else {
      first = track
      firstKey = t
      return
    }
    rest.append((t, track))
    if index != nil {
      index?[t] = rest.count - 1
    } else if rest.count >= TrackMap.indexedFrom {
      var i: [TemplateID: Int] = [:]
      for (n, x) in rest.enumerated() { i[x.key] = n }
      index = i
    }
  }

  /// The templates, in order of first use.
  var keys: [TemplateID] { map(\.key) }

  /// The (template, track) pairs in order of first use.
  func makeIterator() -> IndexingIterator<[(key: TemplateID, value: RecordTrack)]> {
    guard let f = first else { return [].makeIterator() }
    return ([(firstKey, f)] + rest).makeIterator()
  }
}
