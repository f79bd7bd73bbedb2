// Evidence/ParisTime.swift - UTC to Europe/Paris (EU summer-time rule) without a tz database.

/// Converts UTC instants to Europe/Paris civil time with the EU rule in force since 1996:
/// UTC+2 from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC,
/// UTC+1 otherwise. Deterministic and independent of the machine's time-zone data.
public enum ParisTime {
  /// Offset from UTC in minutes at instant `t` (60 or 120).
  public static func offsetMinutes(at t: Timestamp) -> Int {
    let days = Int(t.seconds >= 0 ? t.seconds / 86_400 : (t.seconds - 86_399) / 86_400)
    let year = Timestamp.civilFromDays(days).year
    let start = lastSunday(month: 3, year: year) * 86_400 + 3600
    let end = lastSunday(month: 10, year: year) * 86_400 + 3600
    let s = Int(t.seconds)
    return s >= start && s < end ? 120 : 60
  }

  /// `2026-03-03 02:12:08 (UTC+01:00)`: Paris civil time, second precision.
  public static func format(_ t: Timestamp) -> String {
    let m = offsetMinutes(at: t)
    let zone = TimelineZone.offset(minutes: m)
    let text = zone.format(t)  // yyyy-mm-dd hh:mm:ss+01:00
    let chars = Array(text)
    return String(chars[0..<19]) + " (UTC" + String(chars[19...]) + ")"
  }

  /// `2026-03-03 01:12:08 UTC`.
  public static func formatUTC(_ t: Timestamp) -> String {
    let text = TimelineZone.utc.format(t)
    return String(text.dropLast()) + " UTC"
  }

  /// Days since the epoch of the last Sunday of `month` in `year`.
  static func lastSunday(month: Int, year: Int) -> Int {
    let last = Timestamp.daysFromCivil(year: year, month: month, day: 31)
    // 1970-01-01 was a Thursday: weekday 0 = Sunday when (days + 4) % 7 == 0.
    let weekday = ((last + 4) % 7 + 7) % 7
    return last - weekday
  }
}
