// Sessions/HourlyCounts.swift - requests per hour as a compact sorted list (8 bytes an active hour).

/// Requests per hour since the epoch, kept as parallel sorted arrays.
///
/// Events arrive in time order (a few seconds of disorder at most), so an add is almost always
/// an increment of the last hour or an append: O(1), and 8 bytes per active hour instead of a
/// dictionary entry. Out-of-order hours are inserted in place.
struct HourlyCounts {
  private var hours: [Int32] = []
  private var counts: [Int32] = []

  @inline(__always)
  mutating func add(_ hour: Int64) {
    let h = Int32(clamping: hour)
    if let last = hours.last {
      if last == h {
        counts[counts.count - 1] &+= 1
        return
      }
      if last < h {
        hours.append(h)
        counts.append(1)
        return
      }
      var lo = 0, hi = hours.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if hours[mid] < h { lo = mid + 1 } else { hi = mid }
      }
      if lo < hours.count && hours[lo] == h {
        counts[lo] &+= 1
      } else {
        hours.insert(h, at: lo)
        counts.insert(1, at: lo)
      }
      return
    }
    hours.append(h)
    counts.append(1)
  }

  /// Number of hours with at least one request.
  var activeHours: Int { hours.count }

  /// The counts as a dictionary keyed by hour since the epoch.
  var dictionary: [Int64: Int] {
    var d: [Int64: Int] = [:]
    d.reserveCapacity(hours.count)
    for (h, c) in zip(hours, counts) { d[Int64(h)] = Int(c) }
    return d
  }
}
