// Sessions/HourlyCounts.swift - requests per hour as a compact sorted list (8 bytes an active hour).

/// Requests per hour since the epoch, kept as one sorted array of (hour, count) pairs.
///
/// Events arrive in time order (a few seconds of disorder at most), so an add is almost always
/// an increment of the last hour or an append: O(1), and 8 bytes per active hour instead of a
/// dictionary entry. Out-of-order hours are inserted in place.
struct HourlyCounts {
  /// One entry per active hour before the latest, increasing: one array (one allocation) for
  /// hours and counts.
  private var items: [HourCount] = []
  /// The latest active hour (count 0: none yet), kept inline: most requests add to it, and
  /// counting them touches no array storage (a cache miss per request on actors that are not
  /// hot). Every hour in `items` is earlier.
  private var latest = HourCount(hour: 0, count: 0)

  struct HourCount {
    var hour: Int32
    var count: Int32
  }

  @inline(__always)
  mutating func add(_ hour: Int64) {
    let h = Int32(clamping: hour)
    if latest.count > 0 {
      if latest.hour == h {
        latest.count &+= 1
        return
      }
      if latest.hour < h {
        // Grow by a quarter (at least two), not double: hundreds of thousands of actors are
        // active a few hours each, and a doubling array's spare room was a third of theirs.
        items.growByAQuarterIfFull(minimumStep: 2)
        items.append(latest)
        latest = HourCount(hour: h, count: 1)
        return
      }
      // An earlier hour (a late event): counted in place among the earlier hours.
      var lo = 0, hi = items.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if items[mid].hour < h { lo = mid + 1 } else { hi = mid }
      }
      if lo < items.count && items[lo].hour == h {
        items[lo].count &+= 1
      } else {
        items.insert(HourCount(hour: h, count: 1), at: lo)
      }
      return
    }
    latest = HourCount(hour: h, count: 1)
  }

  /// Number of hours with at least one request.
  var activeHours: Int { items.count + (latest.count > 0 ? 1 : 0) }

  /// The counts as a dictionary keyed by hour since the epoch.
  var dictionary: [Int64: Int] {
    var d: [Int64: Int] = [:]
    d.reserveCapacity(activeHours)
    for x in items { d[Int64(x.hour)] = Int(x.count) }
    if latest.count > 0 { d[Int64(latest.hour)] = Int(latest.count) }
    return d
  }
}
