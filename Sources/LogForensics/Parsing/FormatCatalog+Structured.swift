// Parsing/FormatCatalog+Structured.swift - presets for self-describing formats: Zeek, W3C, LTSV, JSON lines.

extension FormatCatalog {
  /// Header- or key-driven formats, most specific first (Zeek and W3C need their header
  /// directives, LTSV needs `label:value` fields, JSON needs an object per line).
  static let structuredFormats: [FormatDescriptor] = [
    FormatDescriptor(
      name: "zeek",
      summary: "Zeek (Bro) http.log in TSV form, columns named by its #fields header.",
      example: """
        #separator \\x09
        #fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\ttrans_depth\tmethod\thost\turi\treferrer\tversion\tuser_agent\trequest_body_len\tresponse_body_len\tstatus_code\tstatus_msg
        1771316102.123456\tCwFs1P2UcUdlSxD2La\t203.0.113.7\t52026\t198.51.100.10\t443\t1\tGET\tapi.example.org\t/fhir/Patient/123\t-\t1.1\tcurl/8.5.0\t0\t5120\t200\tOK
        """,
      makeParser: { ZeekHTTPLineParser() }
    ),
    FormatDescriptor(
      name: "w3c",
      summary: "W3C extended logs (IIS, CloudFront, Incapsula, NetScaler), columns named by #Fields directives.",
      example: """
        #Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status sc-bytes time-taken
        2026-02-17 08:15:02 10.0.0.5 GET /fhir/Patient/123 _format=json 443 - 203.0.113.7 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - 200 0 0 5120 31
        """,
      makeParser: { W3CLineParser() }
    ),
    FormatDescriptor(
      name: "ltsv",
      summary: "Labeled Tab-Separated Values (label:value pairs; host is the client, vhost the site).",
      example: "time:[17/Feb/2026:08:15:02 +0000]\thost:203.0.113.7\treq:GET /fhir/Patient/123 HTTP/1.1\tstatus:200\tsize:5120\treferer:-\tua:curl/8.5.0\treqtime:0.031",
      makeParser: { LTSVLineParser() }
    ),
    FormatDescriptor(
      name: "json",
      summary: "JSON lines (Caddy, Traefik, nginx escape=json, Cloudflare Logpush, Envoy), fields found by name.",
      example: #"{"level":"info","ts":1771316102.123,"logger":"http.log.access","msg":"handled request","request":{"remote_ip":"203.0.113.7","proto":"HTTP/2.0","method":"GET","host":"api.example.org","uri":"/fhir/Patient/123","headers":{"User-Agent":["curl/8.5.0"]}},"duration":0.031,"size":5120,"status":200}"#,
      makeParser: { JSONLineParser() }
    ),
  ]
}
