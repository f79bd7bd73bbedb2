// Report/HourlyTraffic.swift - requests per UTC hour per input (background traffic, silences).

/// Counts parsed requests per UTC hour for each input. Events arrive merged in time order, so
/// one cached (hour, count) pair per input absorbs almost every call; the dictionary is touched
/// once per input-hour.
struct HourlyTraffic {
  private var counts: [[Int64: Int]]
  private var lastHour: [Int64]
  private var pending: [Int]

  init(inputs: Int) {
    counts = Array(repeating: [:], count: inputs)
    lastHour = Array(repeating: .min, count: inputs)
    pending = Array(repeating: 0, count: inputs)
  }

  /// Counts one request of input `input` at `time` (inputs outside the planned range are ignored).
  mutating func add(input: Int, time: Timestamp) {
    guard input >= 0 && input < counts.count else { return }
    let s = time.seconds
    let hour = s >= 0 ? s / 3600 : (s - 3599) / 3600
    if hour == lastHour[input] {
      pending[input] += 1
      return
    }
    flush(input)
    lastHour[input] = hour
    pending[input] = 1
  }

  private mutating func flush(_ i: Int) {
    if pending[i] > 0 { counts[i][lastHour[i], default: 0] += pending[i] }
    pending[i] = 0
  }

  /// The hours of input `i` with at least one request, in time order.
  mutating func hours(of i: Int) -> [HourlyCount] {
    guard i >= 0 && i < counts.count else { return [] }
    flush(i)
    return counts[i].keys.sorted().map {
      HourlyCount(hour: Timestamp(microseconds: $0 * 3_600_000_000), requests: counts[i][$0] ?? 0)
    }
  }
}
