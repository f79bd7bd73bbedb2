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

  static let sampleAt: Set<Int> = [2, 10, 100, 1000, 10_000]

  func note(time: Timestamp, evidence: Evidence) {
    requests += 1
    if requests == 1 {
      first = time
      firstEvidence = evidence
    } else if RecordTrack.sampleAt.contains(requests) {
      samples.append(evidence)
    }
    last = time
    lastEvidence = evidence
  }

  func addRecord(id: String, key: RecordKey, status: Int32, bytes: Int64, time: Timestamp, evidence: Evidence) {
    ids.insert(key)
    let day = time.seconds / 86_400
    if day != currentDay {
      if currentDay != Int64.min { dayCounts.append(daySet.count) }
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
    if let v = Int64(id) {
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

  var sequentialShare: Double { steps > 0 ? Double(constantStrideSteps) / Double(steps) : 0 }
  var monotonicShare: Double { steps > 0 ? Double(monotonicSteps) / Double(steps) : 0 }
  /// Distinct numeric ids over the width of their range.
  var coverageDensity: Double {
    guard maxValue >= minValue, ids.numeric.count > 1 else { return 0 }
    return Double(ids.numeric.count) / Double(maxValue - minValue + 1)
  }
}
