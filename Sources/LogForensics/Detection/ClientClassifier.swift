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
    let l = ua.lowercased()
    return scriptMarkers.contains { l.contains($0) }
  }

  /// `true` for search-engine crawlers.
  public static func isCrawler(_ ua: String) -> Bool {
    let l = ua.lowercased()
    return crawlerMarkers.contains { l.contains($0) }
  }

  /// `true` for monitoring probes.
  public static func isProbe(_ ua: String) -> Bool {
    let l = ua.lowercased()
    return probeMarkers.contains { l.contains($0) }
  }
}
