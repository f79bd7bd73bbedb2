// Detection/ClientClassifier.swift - does a user agent name a scripting library or a known bot?

/// User-agent families relevant to detection. The user agent is never used alone: it only
/// weighs in together with behaviour (pace, regularity, assets, referers).
public enum ClientClassifier {
  static let scriptMarkers = [
    "python-requests", "python-urllib", "aiohttp", "httpx", "curl/", "wget/", "go-http-client",
    "java/", "okhttp", "apache-httpclient", "libwww-perl", "node-fetch", "axios", "powershell",
    "scrapy", "ruby", "php/", "guzzlehttp", "postmanruntime", "insomnia", "httpie",
  ]
  static let crawlerMarkers = ["googlebot", "bingbot", "duckduckbot", "yandexbot", "baiduspider", "applebot", "crawler", "spider"]
  static let probeMarkers = ["kube-probe", "elb-healthchecker", "uptimerobot", "pingdom", "nagios", "zabbix", "statuscake", "healthcheck", "prometheus", "blackbox"]

  /// `true` for HTTP libraries and command-line tools.
  public static func isScript(_ ua: String) -> Bool {
    if ua.isEmpty || ua == "-" { return true }
    return containsAny(ua, scriptMarkers)
  }

  /// `true` for search-engine crawlers.
  public static func isCrawler(_ ua: String) -> Bool { containsAny(ua, crawlerMarkers) }

  /// `true` for monitoring probes.
  public static func isProbe(_ ua: String) -> Bool { containsAny(ua, probeMarkers) }

  /// `true` when the ASCII-lower-cased `text` contains one of the (lower-case) `markers`
  /// (byte search, no Foundation).
  static func containsAny(_ text: String, _ markers: [String]) -> Bool {
    let lower = text.utf8.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }
    for m in markers {
      let needle = Array(m.utf8)
      guard needle.count <= lower.count else { continue }
      for i in 0...(lower.count - needle.count) where lower[i] == needle[0] {
        var j = 1
        while j < needle.count && lower[i + j] == needle[j] { j += 1 }
        if j == needle.count { return true }
      }
    }
    return false
  }
}
