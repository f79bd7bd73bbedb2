// Sessions/HourlyCounts.swift - requests per hour as a compact list (about 2–3 bytes an active hour).

/// Requests per hour since the epoch: the latest active hour inline, the earlier ones as a
/// byte list of variable-length numbers.
///
/// Events arrive in time order (a few seconds of disorder at most), so an add is almost always
/// an increment of the latest hour or a new latest hour: O(1). Each earlier hour is kept as
/// two LEB128 varints, its count and the gap to the next active hour (known when the next
/// hour arrives, so no field holds the previous hour): an active hour of a practice's
/// workday costs two or three bytes, where an (hour, count) pair of 32-bit numbers took
/// eight (14 MiB for the actors and contexts of 50 M benign lines). Hours are rebuilt from
/// the latest one backwards when read (at the end of a run, for findings only). A late event
/// for an earlier hour, rare, rebuilds the list.
struct HourlyCounts {
  /// One entry per active hour before the latest, increasing: count, then gap to the next
  /// active hour (the last entry's gap reaches ``latest``), both varints.
  private var encoded: [UInt8] = []
  /// The latest active hour (count 0: none yet), kept inline: most requests add to it, and
  /// counting them touches no array storage (a cache miss per request on actors that are not
  /// hot). Every hour in `encoded` is earlier.
  private var latest = HourCount(hour: 0, count: 0)

  struct HourCount: Equatable {
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
        push(latest, gap: UInt32(truncatingIfNeeded: Int64(h) - Int64(latest.hour)))
        latest = HourCount(hour: h, count: 1)
        return
      }
      addEarlier(h)
      return
    }
    latest = HourCount(hour: h, count: 1)
  }

  /// Appends `entry` to the earlier hours, `gap` hours before the next one.
  private mutating func push(_ entry: HourCount, gap: UInt32) {
    // Grow by a quarter, not double: hundreds of thousands of actors are active a few
    // hours each, and a doubling array's spare room was a third of theirs.
    encoded.growByAQuarterIfFull(adding: 10, minimumStep: 8)
    LEB128.append(UInt64(UInt32(bitPattern: entry.count)), to: &encoded)
    LEB128.append(UInt64(gap), to: &encoded)
  }

  /// A late event for hour `h`, before ``latest``: counted in place among the earlier hours.
  private mutating func addEarlier(_ h: Int32) {
    var entries = earlier
    var lo = 0, hi = entries.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if entries[mid].hour < h { lo = mid + 1 } else { hi = mid }
    }
    if lo < entries.count && entries[lo].hour == h {
      entries[lo].count &+= 1
    } else {
      entries.insert(HourCount(hour: h, count: 1), at: lo)
    }
    let size = encoded.count
    encoded = []
    encoded.reserveCapacity(size + 10)
    for (i, e) in entries.enumerated() {
      let next = i + 1 < entries.count ? entries[i + 1].hour : latest.hour
      push(e, gap: UInt32(truncatingIfNeeded: Int64(next) - Int64(e.hour)))
    }
  }

  /// The hours before ``latest``, increasing.
  private var earlier: [HourCount] {
    // Decoded forwards with each entry's gap in place of its hour, then each hour is the
    // next one less its gap, from the latest hour backwards.
    var out: [HourCount] = []
    encoded.withUnsafeBufferPointer { b in
      var p = 0
      while p < b.count {
        let count = Int32(truncatingIfNeeded: LEB128.read(b, &p))
        out.append(HourCount(hour: Int32(truncatingIfNeeded: LEB128.read(b, &p)), count: count))
      }
    }
    var next = latest.hour
    for i in out.indices.reversed() {
      next = next &- out[i].hour  // the hours fit in 32 bits, so the wrapped difference is exact
      out[i].hour = next
    }
    return out
  }

  /// Bytes of the earlier hours' list (for tests and sizing).
  var storedBytes: Int { encoded.count }

  /// Number of hours with at least one request.
  var activeHours: Int {
    // Two varints an hour; each varint ends with a byte below 0x80.
    encoded.reduce(0) { $0 + ($1 < 0x80 ? 1 : 0) } / 2 + (latest.count > 0 ? 1 : 0)
  }

  /// The counts as a dictionary keyed by hour since the epoch.
  var dictionary: [Int64: Int] {
    let entries = earlier
    var d: [Int64: Int] = [:]
    d.reserveCapacity(entries.count + 1)
    for x in entries { d[Int64(x.hour)] = Int(x.count) }
    if latest.count > 0 { d[Int64(latest.hour)] = Int(latest.count) }
    return d
  }
}
