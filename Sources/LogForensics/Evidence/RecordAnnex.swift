// Evidence/RecordAnnex.swift - the restricted annex: affected record ids, pseudonymised by default.

import Crypto
import Foundation

/// What the evidence report says about the annex written in the same run.
public struct RecordAnnexSummary: Sendable, Equatable {
  public var fileName: String
  public var pseudonymised: Bool
  /// Entries listed (ids or listing positions).
  public var listed: Int
  /// Exposed ids the engine keeps only as hashes (counted, not listed).
  public var notListable: Int
  /// Id ranges per record namespace (for the id-space chart), merged into at most ~100 spans.
  public var idRanges: [ChartRow]
}

/// Writes the restricted annex: one line per exposed record, `namespace,level,record`.
///
/// By default each id is replaced by HMAC-SHA256(key, namespace + NUL + id) in hex: the same
/// key gives the same pseudonym (so the controller can match it against its database), and
/// without the key the list reveals nothing. `raw` writes the ids themselves.
public enum RecordAnnex {
  /// A new random key: 32 bytes as 64 hex characters (the key is these characters' UTF-8 bytes).
  public static func generateKey() -> String {
    SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.map { String(format: "%02x", $0) }.joined()
  }

  /// The pseudonym of `id` in `namespace` under `key`.
  public static func pseudonym(_ id: String, namespace: String, key: String) -> String {
    let mac = HMAC<SHA256>.authenticationCode(
      for: Data((namespace + "\u{0}" + id).utf8), using: SymmetricKey(data: Data(key.utf8)))
    return Data(mac).map { String(format: "%02x", $0) }.joined()
  }

  /// The annex text and its summary.
  /// - Parameters:
  ///   - key: HMAC key; `nil` writes raw ids (only with the explicit raw option).
  public static func render(_ records: ExposedRecords, key: String?, fileName: String) -> (String, RecordAnnexSummary) {
    var out =
      "# LogForensics restricted annex / annexe à diffusion restreinte — affected records / enregistrements concernés\n"
    out +=
      key == nil
      ? "# mode: raw ids (identifiants en clair) — handle as personal data\n"
      : "# mode: hmac-sha256(key, namespace NUL id), key not stored / clé non conservée\n"
    out +=
      "# level: certain (low bound), likely (central estimate), possible (high bound only); listing-position = position in a listing, not an id\n"
    out +=
      "# numeric ids in canonical decimal (leading zeros not kept); ids the engine keeps only as hashes are counted at the end\n"
    out += "namespace,level,record\n"
    var listed = 0
    var ranges: [ChartRow] = []
    for ns in records.namespaces {
      let name = csv(ns.name)
      for (level, ids) in [("certain", ns.certain), ("likely", ns.likely), ("possible", ns.possible)] {
        for id in ids {
          let text = String(id)
          let record = key.map { pseudonym(text, namespace: ns.name, key: $0) } ?? text
          out += "\(name),\(ns.isListing ? "listing-position-" + level : level),\(record)\n"
          listed += 1
        }
      }
      if !ns.isListing {
        let all = (ns.certain + ns.likely + ns.possible).sorted()
        if !all.isEmpty { ranges.append(ChartRow(label: ns.name, spans: merge(all))) }
      }
    }
    for ns in records.namespaces where ns.hashedOnly > 0 {
      out += "# \(ns.name): \(ns.hashedOnly) exposed ids kept only as hashes by the engine: not listable\n"
    }
    let summary = RecordAnnexSummary(
      fileName: fileName, pseudonymised: key != nil, listed: listed, notListable: records.hashedOnly, idRanges: ranges)
    return (out, summary)
  }

  /// Sorted ids merged into spans, joining gaps smaller than 1/200 of the range.
  static func merge(_ ids: [UInt32]) -> [ClosedRange<Int64>] {
    guard let lo = ids.first, let hi = ids.last else { return [] }
    let join = max(1, Int64(hi - lo) / 200)
    var spans: [ClosedRange<Int64>] = []
    var a = Int64(lo)
    var b = Int64(lo)
    for v in ids.dropFirst() {
      let x = Int64(v)
      if x - b <= join {
        b = x
      } else {
        spans.append(a...b)
        a = x
        b = x
      }
    }
    spans.append(a...b)
    return spans
  }

  private static func csv(_ s: String) -> String {
    guard s.contains(",") || s.contains("\"") else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
