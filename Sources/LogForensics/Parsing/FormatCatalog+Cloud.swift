// Parsing/FormatCatalog+Cloud.swift - presets for cloud load balancers, CDNs, proxies and server-specific formats.

extension FormatCatalog {
  /// Cloud and proxy presets, most specific first (ALB before Classic ELB).
  static let cloudFormats: [FormatDescriptor] = [
    FormatDescriptor(
      name: "alb",
      summary:
        "AWS Application Load Balancer access log (type, ISO time, client:port, three timings, \"request\", \"user_agent\", trace id …).",
      example:
        #"https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.086 0.048 0.037 200 200 0 57 "GET https://www.example.com:443/ HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012" 1 2018-07-02T22:22:48.364000Z "authenticate,forward" "-" "-""#,
      makeParser: { ALBParser() }),
    FormatDescriptor(
      name: "elb",
      summary:
        "AWS Classic Elastic Load Balancer access log (ISO time, elb, client:port, backend:port, timings, \"request\", \"user_agent\", TLS).",
      example:
        #"2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000086 0.001048 0.001337 200 200 0 57 "GET https://www.example.com:443/ HTTP/1.1" "curl/7.38.0" DHE-RSA-AES128-SHA TLSv1.2"#,
      makeParser: { ELBParser() }),
    FormatDescriptor(
      name: "cloudfront",
      summary: "Amazon CloudFront standard log, tab-separated in the fixed 19-to-33+ field layout (header optional).",
      example:
        "2014-05-23\t01:13:11\tFRA2\t182\t192.0.2.10\tGET\td111111abcdef8.cloudfront.net\t/view/my/file.html\t200\twww.displaymyfiles.com\tMozilla/4.0%20(compatible;%20MSIE%205.0b1;%20Mac_PowerPC)\t-\tzip=98101\tRefreshHit\tMRVMF7KydIvxMWfJIglgwHQwZsbG2IhRJ07sn9AkKUFSHS9EXAMPLE==\td111111abcdef8.cloudfront.net\thttp\t-\t0.001\t-\t-\t-\tRefreshHit\tHTTP/1.1\tProcessed\t1",
      makeParser: { CloudFrontParser() }),
    FormatDescriptor(
      name: "s3",
      summary:
        "Amazon S3 server access log (bucket owner, bucket, [time], requester, operation, key, \"request\", status, sizes, times).",
      example:
        #"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be awsexamplebucket1 [06/Feb/2019:00:00:38 +0000] 192.0.2.3 79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be 3E57427F3EXAMPLE REST.GET.VERSIONING - "GET /awsexamplebucket1?versioning HTTP/1.1" 200 - 113 - 7 - "-" "S3Console/0.4" - s9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234= SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader awsexamplebucket1.s3.us-west-1.amazonaws.com TLSV1.2"#,
      makeParser: { S3AccessParser() }),
    FormatDescriptor(
      name: "haproxy",
      summary:
        "HAProxy HTTP log (client:port [accept date] frontend backend/server timers status bytes … \"request\"), bare or inside syslog.",
      example:
        #"Feb  6 12:14:14 localhost haproxy[14389]: 10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 200 2750 - - ---- 1/1/1/1/0 0/0 {1wt.eu} {} "GET /index.html HTTP/1.1""#,
      makeParser: { HAProxyParser() }),
    FormatDescriptor(
      name: "iis-native",
      summary:
        "Microsoft IIS native log format: comma-separated client, user, MM/DD/YY, time, service, server, … method, target, params.",
      example:
        "192.168.114.201, -, 03/20/01, 7:55:20, W3SVC2, SERVER, 172.21.13.45, 4502, 163, 3223, 200, 0, GET, /DeptLogo.gif, -,",
      makeParser: { IISNativeParser() }),
    FormatDescriptor(
      name: "uwsgi",
      summary:
        "uWSGI request log ([pid|app|req] ip (user) {vars} [time] METHOD uri => generated N bytes in N msecs (HTTP/x status)).",
      example:
        "[pid: 88185|app: 0|req: 1/1] 127.0.0.1 () {38 vars in 696 bytes} [Sun Mar 13 22:49:12 2016] POST /update_metrics => generated 47 bytes in 129 msecs (HTTP/1.1 200) 9 headers in 378 bytes (1 switches on core 3)",
      makeParser: { UWSGIParser() }),
    FormatDescriptor(
      name: "zoraxy",
      summary:
        "Zoraxy reverse-proxy request log with bracketed [router:] [origin:] [client:] [useragent:] fields, then METHOD path status.",
      example:
        "2025/05/01 07:57:03 [2025-05-01 07:57:03.150624] [router:host-http] [origin:test.com] [client: 192.168.1.1] [useragent: Mozilla/5.0 (Windows NT 10.0; Win64; x64)] POST /xmlrpc.php 404",
      makeParser: { ZoraxyParser() }),
  ]
}
