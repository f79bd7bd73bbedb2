// Reads every file of the real-world corpus (../shared/realworld, read in place, never copied)
// through the whole pipeline: detection must pick the format its README lists, and every line
// that is not documented as malformed or as a non-request must parse.

import Foundation
import Testing

@testable import LogForensics

/// What the corpus README says about each file, in our format names.
/// `rejected`: lines the README documents as malformed (exact count expected).
struct CorpusExpectation: Sendable, CustomStringConvertible {
  var path: String
  var formats: Set<String>
  var rejected: Int = 0
  var complete: Bool = true
  var description: String { path }
}

let corpusExpectations: [CorpusExpectation] = [
  .init(path: "apache_combined/beats_apache_access_test.log", formats: ["combined"]),
  .init(path: "apache_combined/crowdsec_apache2_malformed.log", formats: ["combined"]),
  .init(path: "apache_combined/dmjacas_rotated", formats: ["combined"]),
  .init(path: "apache_combined/elastic_apache_logs.log.gz", formats: ["combined"], rejected: 1),  // line 8899 is cut short in the source
  .init(path: "apache_combined/lnav_logfile_access_log.0.log", formats: ["combined"]),
  .init(path: "apache_combined/lnav_logfile_access_log.1.log", formats: ["combined", "common"]),
  .init(path: "apache_combined/lnav_logfile_bad_access_log.0.log", formats: ["combined"], rejected: 1),
  .init(path: "apache_common_variants/crowdsec_apache_http_probing.log", formats: ["common"]),
  .init(path: "apache_common_variants/matomo_common.log", formats: ["common"]),
  .init(path: "apache_common_variants/matomo_common.log.gz", formats: ["common"]),
  .init(path: "apache_common_variants/matomo_common_complete.log", formats: ["vhost-combined"]),
  .init(path: "apache_common_variants/matomo_common_encoding_big5.log", formats: ["vhost-combined"]),
  .init(path: "apache_common_variants/matomo_common_vhost.log", formats: ["vhost-combined"]),
  .init(path: "apache_common_variants/matomo_gandi.log", formats: ["vhost-combined"]),
  .init(path: "apache_common_variants/matomo_icecast2.log", formats: ["combined"]),
  .init(path: "apache_common_variants/matomo_logs_to_tests.log", formats: ["combined"]),
  .init(path: "apache_common_variants/matomo_ncsa_extended.log", formats: ["combined"]),
  .init(path: "apache_common_variants/matomo_ovh.log", formats: ["combined"]),
  .init(path: "apache_common_variants/matomo_static_ignores.log", formats: ["vhost-combined"]),
  .init(path: "apache_custom/lnav_regexp_access_log.0.log", formats: ["vhost-combined"]),
  .init(path: "apache_extended/netnea_labor06_access_10000.log.gz", formats: ["combined"]),
  .init(path: "apache_extended/netnea_labor07_example_access.log.gz", formats: ["combined"]),
  .init(path: "apache_vhost_combined/dmjacas_other_vhosts_access_all.log.gz", formats: ["vhost-combined"]),
  .init(path: "aws_cloudfront/crowdsec_aws_cloudfront_logs.log", formats: ["cloudfront"]),
  .init(path: "aws_cloudfront/matomo_amazon_cloudfront_rtmp.log", formats: ["w3c"]),
  .init(path: "aws_cloudfront/matomo_amazon_cloudfront_web.log", formats: ["w3c", "cloudfront"]),
  .init(path: "aws_elb/beats_application_lb_http.log", formats: ["alb"]),
  .init(path: "aws_elb/beats_example_alb_http.log", formats: ["alb"], rejected: 1),
  .init(path: "aws_elb/crowdsec_aws_alb_logs.log", formats: ["alb"]),
  .init(path: "aws_elb/matomo_alb.log", formats: ["alb"]),
  .init(path: "aws_elb/matomo_elb.log", formats: ["elb"]),
  .init(path: "aws_s3/matomo_s3.log", formats: ["s3"]),
  .init(path: "caddy_json/crowdsec_caddy_logs.log", formats: ["json"]),
  .init(path: "caddy_json/lnav_caddy_log.0.log", formats: ["json"]),
  .init(path: "caddy_json/lnav_caddy_log.1.jsonl", formats: ["json"]),
  .init(path: "caddy_json/matomo_caddy_json.log", formats: ["json"]),
  .init(path: "cloudflare_json/lnav_cloudflare.1.jsonl", formats: ["json"]),
  .init(path: "cloudflare_json/lnav_cloudflare.json", formats: ["json"]),
  .init(path: "combined_unknown_server/chandra729_theglobalreport_access.log.11.gz", formats: ["combined"]),
  .init(path: "envoy/crowdsec_envoy.log", formats: ["json"], rejected: 4),  // lines 4, 5, 9, 10: Envoy plain-text format
  .init(path: "gzip_edge/elastic_apache_logs.MULTIMEMBER_2members_split_at_line_5000.log.gz", formats: ["combined"], rejected: 1),
  .init(path: "gzip_edge/elastic_apache_logs.MULTIMEMBER_2members_split_mid_line.log.gz", formats: ["combined"], rejected: 1),
  .init(path: "gzip_edge/elastic_apache_logs.TRUNCATED_at_50pct.log.gz", formats: ["combined"], complete: false),  // the cut last line parses (with a warning)
  .init(path: "haproxy/beats_haproxy.log", formats: ["haproxy"]),
  .init(path: "haproxy/crowdsec_haproxy_logs.log", formats: ["haproxy"]),
  .init(path: "haproxy/lnav_haproxy.0.log", formats: ["haproxy"]),
  .init(path: "haproxy/matomo_haproxy.log", formats: ["haproxy"]),
  .init(path: "iis_native/brianary_ex010320.log", formats: ["iis-native"]),
  .init(path: "iis_w3c", formats: ["w3c"]),
  .init(path: "ltsv/alp_example_ltsv_access.log", formats: ["ltsv"]),
  .init(path: "mixed/crowdsec_litespeed_mixed.log", formats: ["combined"]),
  .init(path: "nginx_combined/beats_nginx_access.log", formats: ["combined"]),
  .init(path: "nginx_combined/beats_nginx_access_test.log", formats: ["combined"]),
  .init(path: "nginx_combined/crowdsec_http_dos_bypass_cache.log", formats: ["combined"]),
  .init(path: "nginx_combined/crowdsec_invalid_http_versions.log", formats: ["combined"]),
  .init(path: "nginx_combined/crowdsec_nginx_http_logs.log", formats: ["combined"], rejected: 1),  // line 8 lacks the ident field
  .init(path: "nginx_combined/crowdsec_nginx_http_malformed.log", formats: ["combined"]),
  .init(path: "nginx_combined/lnav_shop_access_log.0.log", formats: ["combined"]),
  .init(path: "nginx_json/isucon_private_isu_access.jsonl.gz", formats: ["json"]),
  .init(path: "nginx_json/matomo_nginx_json.log", formats: ["json"]),
  .init(path: "nginx_plus_status_json/elastic_nginxplus_json_logs.jsonl.gz", formats: ["json"]),
  .init(path: "other/crowdsec_zoraxy.log", formats: ["zoraxy"]),
  .init(path: "traefik/beats_traefik_access_test.log", formats: ["combined"], rejected: 1),
  .init(path: "traefik/crowdsec_traefik_base_http_scenario.jsonl", formats: ["json"]),
  .init(path: "traefik/crowdsec_traefik_clf.log", formats: ["combined"]),
  .init(path: "traefik/crowdsec_traefik_json.log", formats: ["json"], rejected: 1),  // line 6: a plugin DEBUG text line
  .init(path: "traefik/matomo_traefik_json.log", formats: ["json"]),
  .init(path: "uwsgi/lnav_uwsgi.0.log", formats: ["uwsgi"]),
  .init(path: "zeek_http/lnav_bro_http.log", formats: ["zeek"]),
]

@Suite struct RealWorldCorpusTests {
  @Test(arguments: corpusExpectations)
  func detectionAndParsing(_ expectation: CorpusExpectation) throws {
    guard let root = Golden.realWorld else { return }  // corpus not present on this machine
    let url = root.appendingPathComponent(expectation.path)
    var config = AnalysisConfiguration(paths: [url.path])
    config.pipeline.threads = 1
    let result = Analyzer.run(config)
    #expect(!result.report.inputs.isEmpty)
    var rejected = 0
    for input in result.report.inputs {
      #expect(expectation.formats.contains(input.format), "\(input.path): detected \(input.format)")
      #expect(input.complete == expectation.complete, "\(input.path): \(input.errors.map(\.message))")
      #expect(input.sha256?.count == 64)
      rejected += Int(input.rejected)
      if input.rejected > 0 {
        print("[corpus] \(input.path): \(input.rejectedSamples.map { "line \($0.line): \($0.reason)" })")
      }
    }
    #expect(rejected == expectation.rejected, "\(expectation.path): \(result.report.inputs.flatMap(\.rejectedSamples).map { "\($0.line): \($0.reason) | \($0.excerpt)" })")
  }

  @Test func everyCorpusFileIsCovered() throws {
    guard let root = Golden.realWorld else { return }
    let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
    let dataFiles = files.filter { f in
      var isDir: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: root.appendingPathComponent(f).path, isDirectory: &isDir)
      return !isDir.boolValue && f != "README.md"
    }
    let special: Set<String> = ["apache_common_variants/matomo_common.log.bz2", "gzip_edge/lnav_textfile_broken_gz.txt.gz",
      "mixed/lnav_syslog_with_access_log.0.log", "apache_common_variants/matomo_custom_regex_custom_date.log"]
    for f in dataFiles where !special.contains(f) {
      #expect(corpusExpectations.contains { f == $0.path || f.hasPrefix($0.path + "/") }, "no expectation for \(f)")
    }
  }

  @Test func compressedAndBrokenInputsAreReportedNotParsed() throws {
    guard let root = Golden.realWorld else { return }
    let bz = Analyzer.run(AnalysisConfiguration(paths: [root.appendingPathComponent("apache_common_variants/matomo_common.log.bz2").path]))
    #expect(bz.report.inputs.first?.compression == "bzip2")
    #expect(bz.report.inputs.first?.errors.first?.kind == "unsupported-compression")
    #expect(bz.report.inputs.first?.lines == 0)
    #expect(bz.anyInputReadable == false)
    let broken = Analyzer.run(AnalysisConfiguration(paths: [root.appendingPathComponent("gzip_edge/lnav_textfile_broken_gz.txt.gz").path]))
    #expect(broken.report.inputs.first?.complete == false)
    #expect(broken.report.inputs.first?.sha256?.count == 64)
  }

  @Test func multiMemberFilesGiveTheSameEventsAsTheSingleMemberOriginal() throws {
    guard let root = Golden.realWorld else { return }
    func summary(_ p: String) -> (Int64, Int64, Timestamp?, Timestamp?) {
      let r = Analyzer.run(AnalysisConfiguration(paths: [root.appendingPathComponent(p).path])).report.inputs[0]
      return (r.lines, r.parsed, r.firstEvent, r.lastEvent)
    }
    let original = summary("apache_combined/elastic_apache_logs.log.gz")
    #expect(original.0 == 10_000)
    let atLine = summary("gzip_edge/elastic_apache_logs.MULTIMEMBER_2members_split_at_line_5000.log.gz")
    let midLine = summary("gzip_edge/elastic_apache_logs.MULTIMEMBER_2members_split_mid_line.log.gz")
    #expect(atLine == original)
    #expect(midLine == original)
    let truncated = Analyzer.run(AnalysisConfiguration(paths: [root.appendingPathComponent("gzip_edge/elastic_apache_logs.TRUNCATED_at_50pct.log.gz").path])).report.inputs[0]
    #expect(truncated.lines == 4991)
    #expect(truncated.parsed == 4991)
    #expect(truncated.warnings == 1)
    #expect(truncated.warningSamples.first?.line == 4991)
    #expect(truncated.errors.first?.kind == "gzip-truncated")
  }
}
