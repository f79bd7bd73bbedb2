// Sessions/RecordTrack.swift - what one actor did on one patient endpoint template.

/// One list/search page fetched by an actor.
struct PageFetch: Sendable {
  var offset: Int32
  var pageSize: Int32
  var bytes: Int64
}

/// Compact per-(actor, template) features: record sets by response-size bucket, id
/// sequentiality, per-day distinct counts, evidence pointers. No events are kept.
final class RecordTrack {
  let template: TemplateID
  var requests = 0
  var successes = 0
  /// 401/403/404/410 and other client errors on record requests.
  var clientErrors = 0
  var serverErrors = 0
  /// Every distinct id requested.
  var ids = RecordSet()
  /// Ids answered with a success, by response-size bucket.
  var successBySize: [Int: RecordSet] = [:]
  /// Ids answered with a success of unknown size.
  var successUnknownSize = RecordSet()
  /// Ids answered 404/410 (certain misses).
  var notFound = RecordSet()

  // Sequentiality over numeric ids.
  var previousValue: Int64?
  var previousDelta: Int64 = 0
  var steps = 0
  var constantStrideSteps = 0
  var monotonicSteps = 0
  var strideStreak = 0
  var minValue = Int64.max
  var maxValue = Int64.min
  var enumerationStart: (Timestamp, Evidence)?

  // NIR-shaped ids: how many were checked and how many had an invalid key.
  var nirChecked = 0
  var nirInvalidKey = 0

  // Per UTC day distinct counts.
  var currentDay: Int64 = Int64.min
  var daySet = RecordSet()
  var dayCounts: [Int] = []
  /// The UTC day of each entry of `dayCounts`.
  var dayKeys: [Int64] = []

  // Lists.
  var pages: [PageFetch] = []
  var maxPageSize = 0
  var distinctOffsets = RoaringBitmap()
  /// Successful pages addressed by a cursor only (no offset).
  var cursorPages = 0

  var first: Timestamp = Timestamp(microseconds: 0)
  var last: Timestamp = Timestamp(microseconds: 0)
  var firstEvidence: Evidence?
  var lastEvidence: Evidence?
  var samples: [Evidence] = []

  init(template: TemplateID) { self.template = template }

  /// Request numbers whose evidence is kept as a sample.
  @inline(__always)
  static func isSample(_ n: Int) -> Bool { n == 2 || n == 10 || n == 100 || n == 1000 || n == 10_000 }

  func note(time: Timestamp, evidence: Evidence) {
    requests += 1
    if requests == 1 {
      first = time
      firstEvidence = evidence
    } else if RecordTrack.isSample(requests) {
      samples.append(evidence)
    }
    last = time
    lastEvidence = evidence
  }

  func addRecord(value: Int64?, key: RecordKey, status: Int32, bytes: Int64, time: Timestamp, evidence: Evidence) {
    ids.insert(key)
    let day = time.seconds / 86_400
    if day != currentDay {
      if currentDay != Int64.min {
        dayCounts.append(daySet.count)
        dayKeys.append(currentDay)
      }
      currentDay = day
      daySet = RecordSet()
    }
    daySet.insert(key)
    if status >= 200 && status < 300 {
      successes += 1
      if bytes >= 0 {
        successBySize[ResponseSizeModel.bucket(bytes), default: RecordSet()].insert(key)
      } else {
        successUnknownSize.insert(key)
      }
    } else if status >= 400 && status < 500 {
      clientErrors += 1
      if status == 404 || status == 410 { notFound.insert(key) }
    } else if status >= 500 {
      serverErrors += 1
    }
    if let v = value {
      if let p = previousValue {
        let d = v - p
        if d != 0 {
          steps += 1
          if d == previousDelta && abs(d) <= 16 {
            constantStrideSteps += 1
            strideStreak += 1
            if strideStreak == 5 && enumerationStart == nil { enumerationStart = (time, evidence) }
          } else {
            strideStreak = 0
          }
          if (d > 0) == (previousDelta > 0) { monotonicSteps += 1 }
          previousDelta = d
        }
      }
      previousValue = v
      minValue = min(minValue, v)
      maxValue = max(maxValue, v)
    }
  }

  func addPage(_ page: PageRequest, status: Int32, bytes: Int64) {
    guard status >= 200 && status < 300 else { return }
    let size = page.pageSize ?? 0
    maxPageSize = max(maxPageSize, size)
    if page.offset == nil && page.cursor {
      cursorPages += 1
      if pages.count < 1_000_000 { pages.append(PageFetch(offset: -1, pageSize: Int32(clamping: size), bytes: bytes)) }
      return
    }
    let offset = page.offset ?? 0
    distinctOffsets.insert(UInt32(clamping: offset))
    if pages.count < 1_000_000 {
      pages.append(PageFetch(offset: Int32(clamping: offset), pageSize: Int32(clamping: size), bytes: bytes))
    }
  }

  /// Pages at distinct offsets plus cursor pages.
  var pagesWalked: Int { distinctOffsets.count + cursorPages }

  /// Distinct records per UTC day, including the current day.
  var allDayCounts: [Int] { currentDay == Int64.min ? dayCounts : dayCounts + [daySet.count] }

  /// Distinct records per UTC day with their day, including the current day.
  var allDays: [(Int64, Int)] {
    var out = Array(zip(dayKeys, dayCounts))
    if currentDay != Int64.min { out.append((currentDay, daySet.count)) }
    return out
  }

  /// An independent copy (the per-context track of an identity's first context).
  func copy() -> RecordTrack {
    let x = RecordTrack(template: template)
    x.absorb(self)
    x.previousValue = previousValue
    x.previousDelta = previousDelta
    x.strideStreak = strideStreak
    x.currentDay = currentDay
    x.daySet = daySet
    x.dayCounts = dayCounts
    x.dayKeys = dayKeys
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
    for d in perDay.keys.sorted() {
      x.dayKeys.append(d)
      x.dayCounts.append(perDay[d] ?? 0)
    }
    return x
  }

  /// Adds `o`'s counters, sets, pages and evidence (not its per-day or in-progress state).
  private func absorb(_ o: RecordTrack) {
    let wasEmpty = requests == 0
    requests += o.requests
    successes += o.successes
    clientErrors += o.clientErrors
    serverErrors += o.serverErrors
    ids.formUnion(o.ids)
    for (b, s) in o.successBySize { successBySize[b, default: RecordSet()].formUnion(s) }
    successUnknownSize.formUnion(o.successUnknownSize)
    notFound.formUnion(o.notFound)
    steps += o.steps
    constantStrideSteps += o.constantStrideSteps
    monotonicSteps += o.monotonicSteps
    minValue = min(minValue, o.minValue)
    maxValue = max(maxValue, o.maxValue)
    if let e = o.enumerationStart, enumerationStart.map({ e.0 < $0.0 }) ?? true { enumerationStart = e }
    nirChecked += o.nirChecked
    nirInvalidKey += o.nirInvalidKey
    pages.append(contentsOf: o.pages)
    maxPageSize = max(maxPageSize, o.maxPageSize)
    distinctOffsets.formUnion(o.distinctOffsets)
    cursorPages += o.cursorPages
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
    samples.append(contentsOf: o.samples)
  }

  var sequentialShare: Double { steps > 0 ? Double(constantStrideSteps) / Double(steps) : 0 }
  var monotonicShare: Double { steps > 0 ? Double(monotonicSteps) / Double(steps) : 0 }
  /// Distinct numeric ids over the width of their range.
  var coverageDensity: Double {
    guard maxValue >= minValue, ids.numeric.count > 1 else { return 0 }
    return Double(ids.numeric.count) / Double(maxValue - minValue + 1)
  }
}
