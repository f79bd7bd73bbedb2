// Sessions/RecordTrack.swift - what one actor did on one patient endpoint template.

import CPrefetch

/// Compact per-(actor, template) features: record sets by response-size bucket, id
/// sequentiality, per-day distinct counts, evidence pointers. No events are kept.
final class RecordTrack {
  /// The object's size in bytes: what the lookahead asks for (``AnalysisEngine/prefetchAhead(_:at:)``;
  /// `StateLookaheadTests` checks it against the object's heap block).
  static let lookaheadBytes = 232
  let template: TemplateID
  private var storedRequests: Int32 = 0
  var requests: Int { Int(storedRequests) }
  // Stored properties that every request updates come first, in the order it reads them, so
  // they share few cache lines (a track is touched once every few hundred requests: each
  // line it spans is a cache miss). Their sizes and order also make the object 232 bytes
  // (a 240-byte heap block; it was 320 with optionals and 64-bit counters): evidence places
  // use ``EvidenceRef/unset`` for none, counters and the day pack in pairs of 32 bits.
  var last: Timestamp = Timestamp(microseconds: 0)
  private var storedLastEvidence = EvidenceRef.unset
  /// Place of the latest request (`nil` before the first).
  var lastEvidence: EvidenceRef? {
    get { storedLastEvidence == .unset ? nil : storedLastEvidence }
    set { storedLastEvidence = newValue ?? .unset }
  }
  /// `true` once a numeric id was seen (``previousValue`` is set); in the padding after
  /// `lastEvidence`.
  private var hasPreviousValue = false
  /// Requests per client IP on this endpoint (an identity shared by a swarm is judged by
  /// the IPs that used the endpoint, not by every IP of the identity).
  var ipCounter = RunCounter<Symbol>()
  /// ``distinctCount`` as last computed, or -1 once a record was added since (32 bits: it
  /// packs with the next counter).
  private var distinctCache: Int32 = -1
  private var storedSuccesses: Int32 = 0
  /// UTC day of the latest record request (`Int32.min`: none yet).
  private var storedCurrentDay = Int32.min
  /// 401/403/404/410 and other client errors on record requests.
  private var storedClientErrors: Int32 = 0
  /// UTC day (since the epoch) of the latest record request, `Int64.min` before the first.
  var currentDay: Int64 {
    get { storedCurrentDay == Int32.min ? Int64.min : Int64(storedCurrentDay) }
    set { storedCurrentDay = newValue == Int64.min ? Int32.min : Int32(clamping: newValue) }
  }
  var successes: Int { Int(storedSuccesses) }
  // Every request's id goes to exactly one outcome set below; the distinct ids requested are
  // their union (``distinctIds()``), so no set of all ids is kept beside them: a record read
  // once costs one entry, not two.
  /// Ids answered with a success, by response-size bucket.
  var successBySize = SuccessSizeSets()
  /// The other outcome sets, allocated with the first such answer.
  private var rare: RareOutcomes?
  var clientErrors: Int { Int(storedClientErrors) }
  private var storedServerErrors: Int32 = 0
  /// The last step between numeric ids, clamped to 32 bits: only its sign and steps of at
  /// most 16 are ever compared, and clamping keeps both.
  private var storedPreviousDelta: Int32 = 0
  var serverErrors: Int { Int(storedServerErrors) }
  /// Ids answered with a success of unknown size.
  var successUnknownSize: RecordSet { rare?.successUnknownSize ?? RecordSet() }
  /// Ids answered 404/410 (certain misses).
  var notFound: RecordSet { rare?.notFound ?? RecordSet() }
  /// Ids answered with any other status (401/403 and other client errors, 1xx, 3xx, 5xx…).
  var otherStatus: RecordSet { rare?.otherStatus ?? RecordSet() }

  private func rareOutcomes() -> RareOutcomes {
    if let r = rare { return r }
    let r = RareOutcomes()
    rare = r
    return r
  }

  // Sequentiality over numeric ids.
  /// The last numeric id (when one was seen).
  var previousValue: Int64? { hasPreviousValue ? storedPreviousValue : nil }
  private var storedPreviousValue: Int64 = 0
  var previousDelta: Int64 { Int64(storedPreviousDelta) }
  private var storedSteps: Int32 = 0
  var steps: Int { Int(storedSteps) }
  private var storedConstantStrideSteps: Int32 = 0
  var constantStrideSteps: Int { Int(storedConstantStrideSteps) }
  private var storedMonotonicSteps: Int32 = 0
  var monotonicSteps: Int { Int(storedMonotonicSteps) }
  private var storedStrideStreak: Int32 = 0
  var strideStreak: Int { Int(storedStrideStreak) }
  var minValue = Int64.max
  var maxValue = Int64.min
  /// What few tracks fill (allocated with the first of them): the start of a constant-stride
  /// run, NIR key checks, evidence samples past the first two. 32 bytes less on every other
  /// track, such as each of the hundreds of thousands of a swarm's members.
  private var extras: TrackExtras?

  private func extrasState() -> TrackExtras {
    if let x = extras { return x }
    let x = TrackExtras()
    extras = x
    return x
  }

  /// The fifth step of the first run of constant small strides: time and place.
  var enumerationStart: (Timestamp, EvidenceRef)? { extras?.enumerationStart }

  // NIR-shaped ids: how many were checked and how many had an invalid key.
  var nirChecked: Int { Int(extras?.nirChecked ?? 0) }
  var nirInvalidKey: Int { Int(extras?.nirInvalidKey ?? 0) }

  // Per UTC day distinct counts.
  /// The finished days and the current day's own set, once the track spans several days.
  /// While it is nil every request fell on `currentDay`, whose distinct ids are then the
  /// track's own (an actor active on one day only, the common case of a swarm member, keeps
  /// one set instead of two).
  private var days: DayHistory?
  /// `true` while every request of the track fell on `currentDay`.
  var dayIsWhole: Bool { days == nil }
  /// Distinct ids of each finished day.
  var dayCounts: [Int] { days?.counts ?? [] }
  /// The UTC day of each entry of `dayCounts`.
  var dayKeys: [Int64] { days?.keys ?? [] }

  /// Successful pages, on list endpoints (created with the first one).
  private(set) var pageLog: PageLog?


  var first: Timestamp = Timestamp(microseconds: 0)
  private var storedFirstEvidence = EvidenceRef.unset
  /// Place of the first request (`nil` before it).
  var firstEvidence: EvidenceRef? {
    get { storedFirstEvidence == .unset ? nil : storedFirstEvidence }
    set { storedFirstEvidence = newValue ?? .unset }
  }
  /// The first two samples (requests 2 and 10: most tracks have no more), inline, and the
  /// others: a track of a few dozen requests allocates no array for its evidence.
  /// ``EvidenceRef/unset`` marks an empty place (16 bytes where two optionals took 25).
  private var firstSamples: (EvidenceRef, EvidenceRef) = (.unset, .unset)
  /// Evidence of the sampled requests (``isSample(_:)``), of merged tracks too.
  var samples: [EvidenceRef] {
    var out: [EvidenceRef] = []
    if firstSamples.0 != .unset { out.append(firstSamples.0) }
    if firstSamples.1 != .unset { out.append(firstSamples.1) }
    return out + (extras?.moreSamples ?? [])
  }

  private func addSample(_ e: EvidenceRef) {
    if firstSamples.0 == .unset {
      firstSamples.0 = e
    } else if firstSamples.1 == .unset {
      firstSamples.1 = e
    } else {
      extrasState().moreSamples.append(e)
    }
  }

  init(template: TemplateID) { self.template = template }

  /// Request numbers whose evidence is kept as a sample.
  @inline(__always)
  static func isSample(_ n: Int) -> Bool { n == 2 || n == 10 || n == 100 || n == 1000 || n == 10_000 }

  func note(time: Timestamp, evidence: EvidenceRef) {
    storedRequests.bump()
    if requests == 1 {
      first = time
      firstEvidence = evidence
    } else if RecordTrack.isSample(requests) {
      addSample(evidence)
    }
    last = time
    lastEvidence = evidence
  }

  /// Merges the success ids still waiting into the settled ones (see
  /// ``SuccessSizeSets/settle()``), and the current day's ids (``DayIdSet/merge()``): called
  /// once the track is complete, so that detection only reads.
  func settle() {
    successBySize.settle()
    days?.daySet.merge()
  }

  /// Puts the current day's ids in their compact form while the actor is idle (see
  /// ``DayIdSet/settle()``).
  func settleDay() { days?.daySet.settle() }

  /// Lookahead: the day history object, and the first two lines of the packed ids or of the
  /// per-bucket object.
  @inline(__always)
  func prefetchRecordState() {
    if let h = days.map(Unmanaged.passUnretained) { lf_prefetch_range(UnsafeRawPointer(h.toOpaque()), DayHistory.lookaheadBytes) }
    successBySize.prefetchStorage()
  }

  /// Lookahead: where the day's next id is written, and the header of the success sets'
  /// waiting list.
  @inline(__always)
  func prefetchDayTail() {
    days.map(Unmanaged.passUnretained)?._withUnsafeGuaranteedRef { $0.daySet.prefetchTail() }
    successBySize.prefetchPendingHeader()
  }

  /// Lookahead: where the success sets' next waiting id is written.
  @inline(__always)
  func prefetchPendingTail() { successBySize.prefetchPendingTail() }

  /// Notes one request for a record: evidence, client IP, outcome and, for NIR-shaped ids,
  /// whether the key was valid (`invalidNIR` nil for other ids).
  func noteRecordRequest(
    value: Int64?, key: RecordKey, ip: Symbol, status: Int32, bytes: Int64, time: Timestamp, evidence: EvidenceRef, invalidNIR: Bool?
  ) {
    note(time: time, evidence: evidence)
    ipCounter.add(ip)
    addRecord(value: value, key: key, status: status, bytes: bytes, time: time, evidence: evidence)
    if let invalid = invalidNIR {
      let x = extrasState()
      x.nirChecked.bump()
      if invalid { x.nirInvalidKey.bump() }
    }
  }

  func addRecord(value: Int64?, key: RecordKey, status: Int32, bytes: Int64, time: Timestamp, evidence: EvidenceRef) {
    distinctCache = -1
    let day = time.seconds / 86_400
    if day != currentDay {
      if currentDay != Int64.min {
        // Before `days` exists, the whole track's count.
        let finished = days.map { $0.daySet.mergedCount() } ?? distinctCount
        let h = days ?? DayHistory()
        h.append(day: currentDay, count: finished)
        h.daySet.removeAll()
        days = h
      }
      currentDay = day
    }
    // After the day change: a finished whole day counts the ids without this one.
    // Reached without a retain (an atomic write to the day history on every record request
    // of a track that spans days): the track holds it while this runs.
    if let h = days.map(Unmanaged.passUnretained) { h._withUnsafeGuaranteedRef { $0.daySet.insert(key) } }
    if status >= 200 && status < 300 {
      storedSuccesses.bump()
      if bytes >= 0 {
        successBySize.insert(key, bucket: ResponseSizeModel.bucket(bytes))
      } else {
        rareOutcomes().successUnknownSize.insert(key)
      }
    } else if status == 404 || status == 410 {
      storedClientErrors.bump()
      rareOutcomes().notFound.insert(key)
    } else {
      if status >= 400 && status < 500 { storedClientErrors.bump() } else if status >= 500 { storedServerErrors.bump() }
      rareOutcomes().otherStatus.insert(key)
    }
    if let v = value {
      if hasPreviousValue {
        let d = v &- storedPreviousValue
        if d != 0 {
          storedSteps.bump()
          if d.magnitude <= 16 && Int32(truncatingIfNeeded: d) == storedPreviousDelta {
            storedConstantStrideSteps.bump()
            storedStrideStreak.bump()
            if strideStreak == 5 && enumerationStart == nil { extrasState().enumerationStart = (time, evidence) }
          } else {
            storedStrideStreak = 0
          }
          if (d > 0) == (storedPreviousDelta > 0) { storedMonotonicSteps.bump() }
          storedPreviousDelta = Int32(clamping: d)
        }
      }
      storedPreviousValue = v
      hasPreviousValue = true
      minValue = min(minValue, v)
      maxValue = max(maxValue, v)
    }
  }

  func addPage(_ page: PageRequest, status: Int32, bytes: Int64) {
    guard status >= 200 && status < 300 else { return }
    let log = pageLog ?? PageLog()
    pageLog = log
    log.add(offset: page.offset, cursor: page.cursor, pageSize: page.pageSize ?? 0, bytes: bytes)
  }

  /// Distinct successful pages (offset pages once each, cursor pages all), in order of first sight.
  var pages: [PageFetch] { pageLog?.pages ?? [] }
  /// Successful pages, repeats included.
  var pageCount: Int { pageLog?.count ?? 0 }
  /// Bytes of all successful pages.
  var pageBytes: Int64 { pageLog?.bytes ?? 0 }
  var maxPageSize: Int { pageLog?.maxPageSize ?? 0 }
  var distinctOffsets: RoaringBitmap { pageLog?.distinctOffsets ?? RoaringBitmap() }
  /// Successful pages addressed by a cursor only (no offset).
  var cursorPages: Int { pageLog?.cursorPages ?? 0 }

  /// Pages at distinct offsets plus cursor pages.
  var pagesWalked: Int { distinctOffsets.count + cursorPages }

  /// Every distinct id requested: the union of the outcome sets (built on each call).
  func distinctIds() -> RecordSet {
    var parts: [RecordSet] = []
    forEachOutcomeSet { parts.append($0) }
    return parts.count == 1 ? parts[0] : RecordSet.union(parts)
  }

  /// Calls `body` with each non-empty outcome set (their union is ``distinctIds()``).
  func forEachOutcomeSet(_ body: (RecordSet) -> Void) {
    successBySize.forEach { _, s in if !s.isEmpty { body(s) } }
    if let r = rare {
      if !r.successUnknownSize.isEmpty { body(r.successUnknownSize) }
      if !r.notFound.isEmpty { body(r.notFound) }
      if !r.otherStatus.isEmpty { body(r.otherStatus) }
    }
  }


  /// Number of distinct ids requested (no set is built when one outcome set holds them all;
  /// a union's count is kept until the next record).
  var distinctCount: Int {
    if distinctCache >= 0 { return Int(distinctCache) }
    let n = uncachedDistinctCount
    distinctCache = Int32(clamping: n)
    return n
  }

  private var uncachedDistinctCount: Int {
    // Successes of known size only (most tracks): counted from their layout.
    if rare == nil { return successBySize.distinctCount }
    var parts = successBySize.bucketCount
    var only: RecordSet?  // the one non-empty set other than the success buckets, if any
    if !successUnknownSize.isEmpty { parts += 1; only = successUnknownSize }
    if !notFound.isEmpty { parts += 1; only = notFound }
    if !otherStatus.isEmpty { parts += 1; only = otherStatus }
    // One set holds every id: its count (a success bucket's set is built only then).
    if parts <= 1 { return only?.count ?? successBySize.distinctCount }
    var sets: [RecordSet] = []
    forEachOutcomeSet { sets.append($0) }
    return RecordSet.unionCount(sets)
  }

  /// Distinct records of the current UTC day.
  var currentDayCount: Int {
    guard let h = days else { return distinctCount }
    return h.daySet.count
  }

  /// Distinct records per UTC day, including the current day.
  var allDayCounts: [Int] { currentDay == Int64.min ? dayCounts : dayCounts + [currentDayCount] }

  /// Number of entries of ``allDayCounts``.
  var dayCountEntries: Int { (days?.count ?? 0) + (currentDay == Int64.min ? 0 : 1) }

  /// Calls `body` with each entry of ``allDayCounts``, in order (builds no array).
  func forEachDayCount(_ body: (Int) -> Void) {
    if let h = days { h.forEachCount(body) }
    if currentDay != Int64.min { body(currentDayCount) }
  }

  /// Distinct records per UTC day with their day, including the current day.
  var allDays: [(Int64, Int)] {
    var out = Array(zip(dayKeys, dayCounts))
    if currentDay != Int64.min { out.append((currentDay, currentDayCount)) }
    return out
  }

  /// An independent copy (the per-context track of an identity's first context).
  func copy() -> RecordTrack {
    let x = RecordTrack(template: template)
    x.absorb(self)
    x.storedPreviousValue = storedPreviousValue
    x.hasPreviousValue = hasPreviousValue
    x.storedPreviousDelta = storedPreviousDelta
    x.storedStrideStreak = storedStrideStreak
    x.currentDay = currentDay
    if let h = days {
      let c = DayHistory()
      c.daySet = h.daySet.copy()
      h.copyDays(to: c)
      x.days = c
    }
    return x
  }

  /// One track summing `tracks` (the contexts of a finding): counters add up, sets unite,
  /// stride statistics add the steps taken within each track, day counts add up per day
  /// (an upper bound when two tracks read the same record the same day).
  static func merged(_ tracks: [RecordTrack]) -> RecordTrack {
    let x = RecordTrack(template: tracks.first?.template ?? 0)
    var perDay: [Int64: Int] = [:]
    for t in tracks {
      x.absorb(t)
      for (d, c) in t.allDays { perDay[d, default: 0] += c }
    }
    if !perDay.isEmpty {
      let h = DayHistory()
      for d in perDay.keys.sorted() {
        h.append(day: d, count: perDay[d] ?? 0)
      }
      x.days = h
    }
    return x
  }

  /// Adds `o`'s counters, sets, pages and evidence (not its per-day or in-progress state).
  private func absorb(_ o: RecordTrack) {
    let wasEmpty = requests == 0
    distinctCache = -1
    storedRequests.add(o.storedRequests)
    o.ipCounter.forEach { ip, n in ipCounter.add(ip, count: n) }
    storedSuccesses.add(o.storedSuccesses)
    storedClientErrors.add(o.storedClientErrors)
    storedServerErrors.add(o.storedServerErrors)
    successBySize.formUnion(o.successBySize)
    if let theirs = o.rare {
      let r = rareOutcomes()
      r.successUnknownSize.formUnion(theirs.successUnknownSize)
      r.notFound.formUnion(theirs.notFound)
      r.otherStatus.formUnion(theirs.otherStatus)
    }
    storedSteps.add(o.storedSteps)
    storedConstantStrideSteps.add(o.storedConstantStrideSteps)
    storedMonotonicSteps.add(o.storedMonotonicSteps)
    minValue = min(minValue, o.minValue)
    maxValue = max(maxValue, o.maxValue)
    if let e = o.enumerationStart, enumerationStart.map({ e.0 < $0.0 }) ?? true { extrasState().enumerationStart = e }
    if let theirs = o.extras, theirs.nirChecked > 0 || theirs.nirInvalidKey > 0 {
      let x = extrasState()
      x.nirChecked.add(theirs.nirChecked)
      x.nirInvalidKey.add(theirs.nirInvalidKey)
    }
    if let theirs = o.pageLog {
      let log = pageLog ?? PageLog()
      pageLog = log
      log.absorb(theirs)
    }
    if o.requests > 0 {
      if wasEmpty || o.first < first {
        first = o.first
        firstEvidence = o.firstEvidence
      }
      if wasEmpty || o.last >= last {
        last = o.last
        lastEvidence = o.lastEvidence
      }
    }
    for e in o.samples { addSample(e) }
  }

  /// `true` when some requested id is a 32-bit number.
  var hasNumericIds: Bool {
    successBySize.hasNumericIds || !successUnknownSize.numeric.isEmpty || !notFound.numeric.isEmpty || !otherStatus.numeric.isEmpty
  }

  var sequentialShare: Double { steps > 0 ? Double(constantStrideSteps) / Double(steps) : 0 }
  var monotonicShare: Double { steps > 0 ? Double(monotonicSteps) / Double(steps) : 0 }
  /// Distinct numeric ids over the width of their range.
  var coverageDensity: Double {
    guard maxValue >= minValue else { return 0 }
    let hasHashed = successBySize.hasHashedIds || !successUnknownSize.hashed.isEmpty || !notFound.hashed.isEmpty
      || !otherStatus.hashed.isEmpty
    // Without hashed ids every distinct id is numeric: the cached count serves.
    let n = hasHashed ? distinctIds().numeric.count : distinctCount
    guard n > 1 else { return 0 }
    return Double(n) / Double(maxValue - minValue + 1)
  }
}

/// The fields of a ``RecordTrack`` that few tracks fill.
final class TrackExtras {
  var enumerationStart: (Timestamp, EvidenceRef)?
  var nirChecked: Int32 = 0
  var nirInvalidKey: Int32 = 0
  /// Evidence of the samples past the first two (requests 100, 1 000, 10 000, of merged
  /// tracks too).
  var moreSamples: [EvidenceRef] = []
}

/// The outcome sets most tracks never fill (successes of unknown size, 404/410, other
/// statuses): a track of plain successes carries one nil pointer for them, not three sets.
final class RareOutcomes {
  var successUnknownSize = RecordSet()
  var notFound = RecordSet()
  var otherStatus = RecordSet()
}

/// The per-day state of a track that spans several UTC days.
final class DayHistory {
  /// The object's size in bytes: what the lookahead asks for (``AnalysisEngine/prefetchAhead(_:at:)``;
  /// `StateLookaheadTests` checks it against the object's heap block).
  static let lookaheadBytes = 88
  /// Each finished day, in the order the days finished, as two LEB128 varints: its UTC day
  /// less the previous entry's (zigzag: a late event may finish an earlier day again), then
  /// its distinct ids (clamped to 32 bits). A staff member's track spans months: about two
  /// bytes a day (the next day, fewer than 128 patients), where a 64-bit word took eight.
  private var encoded: [UInt8] = []
  /// Number of finished days.
  private(set) var count = 0
  /// UTC day of the last finished day (the base of the next entry's difference).
  private var lastDay: Int32 = 0

  /// Distinct ids of each finished day.
  var counts: [Int] {
    var out: [Int] = []
    out.reserveCapacity(count)
    forEach { _, n in out.append(n) }
    return out
  }
  /// The UTC day of each entry of ``counts``.
  var keys: [Int64] {
    var out: [Int64] = []
    out.reserveCapacity(count)
    forEach { d, _ in out.append(d) }
    return out
  }

  /// Bytes of the list of finished days (for tests and sizing).
  var storedBytes: Int { encoded.count }

  /// Records a finished day.
  func append(day: Int64, count n: Int) {
    let d = Int32(clamping: day)
    let delta = Int64(d) - Int64(lastDay)
    encoded.growByAQuarterIfFull(adding: 15, minimumStep: 8)
    LEB128.append(LEB128.zigzag(delta), to: &encoded)
    LEB128.append(UInt64(UInt32(clamping: max(0, n))), to: &encoded)
    lastDay = d
    count += 1
  }

  /// Calls `body` with the distinct ids of each finished day, in order.
  func forEachCount(_ body: (Int) -> Void) { forEach { _, n in body(n) } }

  /// Calls `body` with each finished day and its distinct ids, in order.
  private func forEach(_ body: (Int64, Int) -> Void) {
    encoded.withUnsafeBufferPointer { b in
      var p = 0
      var day: Int64 = 0
      while p < b.count {
        day += LEB128.unzigzag(LEB128.read(b, &p))
        body(day, Int(LEB128.read(b, &p)))
      }
    }
  }

  /// A copy of the finished days (the current day's set is not copied).
  func copyDays(to other: DayHistory) {
    other.encoded = encoded
    other.count = count
    other.lastDay = lastDay
  }

  /// Distinct ids of the track's current day (while a track spans one day, its own sets
  /// count them: a swarm member, active on one day, carries no day set at all).
  var daySet = DayIdSet()
}
