// Detection/EndpointTemplater.swift - turns a request path and query into an endpoint template.

/// Paging parameters read from a query.
public struct PageRequest: Sendable, Equatable {
  /// Records asked per page (`_count`, `size`, `per_page`, `pageSize`, `limit`, `rows`).
  public var pageSize: Int?
  /// Zero-based index of the first record on the page, when it can be computed.
  public var offset: Int?
  /// The page is addressed by an opaque cursor (`cursor`, `pageToken`, HAPI `_getpages`…)
  /// without an offset: pages are then taken to follow each other.
  public var cursor: Bool = false
}

/// One request reduced to its template.
public struct TemplatedRequest: Sendable, Equatable {
  /// `/api/patients/{id}`, `/ws/GetPatient?nir={id}`, `/fhir/Patient?_count&_getpagesoffset`.
  public var template: String
  /// The identifier replaced by the first `{id}` that names a record (the record key).
  public var recordID: String?
  public var recordShape: IdentifierShape?
  /// Namespace of the record key (records with the same id in the same namespace are the same).
  public var namespace: String
  public var page: PageRequest?
  /// `true` when the path names a patient-like resource (`patients`, `dossiers`, FHIR `Patient`…).
  public var patientResource: Bool
  /// `true` when the template carries a patient identifier (path id after a patient word,
  /// or a `nir`/`ins`/`ipp`/`patient`… parameter).
  public var patientIdentifier: Bool
  /// `true` for `$export` / bulk endpoints.
  public var bulkExport: Bool
}

/// Zero-config templating (see `docs/detection.md`).
///
/// Identifier-like path segments (decimal numbers, UUIDs, long hex, NIRs, opaque tokens, and
/// any segment with a digit right after a patient resource word) become `{id}`. In the query,
/// identifier parameters become `name={id}`, other parameters keep their name only, and
/// redacted credentials (`[fp:…]`) are dropped, so `?name=dupont&page=3` and
/// `?name=martin&page=4` share a template.
public final class EndpointTemplater {
  /// Lower-cased resource words that denote a person's record.
  public static let patientWords: Set<String> = [
    "patient", "patients", "dossier", "dossiers", "beneficiaire", "beneficiaires", "assure",
    "assures", "personne", "personnes", "person", "persons", "people", "member", "members",
    "usager", "usagers", "dmp",
  ]
  /// Query parameters whose value identifies a patient.
  public static let patientParams: Set<String> = [
    "patient", "patientid", "patient_id", "nir", "ins", "ipp", "subject", "identifier",
    "patient.identifier", "subject.identifier", "beneficiaire", "assure", "nss", "matricule",
  ]
  /// Query parameters whose value identifies a record of the path's resource.
  public static let idParams: Set<String> = ["id", "_id", "uid", "uuid", "ref", "num", "numero"]
  static let pageSizeParams: Set<String> = ["_count", "size", "per_page", "pagesize", "page_size", "limit", "rows", "count"]
  static let offsetParams: Set<String> = ["_getpagesoffset", "_offset", "offset", "start", "skip", "from"]
  static let pageParams: Set<String> = ["page", "pagenumber", "page_number", "p"]
  static let cursorParams: Set<String> = [
    "cursor", "_cursor", "_getpages", "pagetoken", "page_token", "nextpagetoken", "continuation",
    "continuationtoken", "after", "scroll_id", "next",
  ]

  let forced: [ForcedTemplate]
  /// Word classification of literal segments: (patient word, mentions "patient", `$export`).
  private var words: [String: (Bool, Bool, Bool)] = [:]

  public init(patientEndpoints: [String] = []) {
    forced = patientEndpoints.compactMap(ForcedTemplate.init(pattern:))
  }

  /// Templates one request.
  public func template(path: String, query: String?) -> TemplatedRequest {
    var pathBytes = Array(path.utf8)
    if pathBytes.isEmpty { pathBytes = [.slash] }
    if !forced.isEmpty {
      let segments = pathBytes.split(separator: .slash, omittingEmptySubsequences: false).map(Array.init)
      for f in forced {
        if let t = f.match(segments: segments, query: query) { return t }
      }
    }
    var out: [UInt8] = []
    out.reserveCapacity(pathBytes.count)
    var recordID: String?
    var shape: IdentifierShape?
    var namespace = ""
    var patientResource = false
    var patientIdentifier = false
    var bulk = false
    var previousWasPatientWord = false
    let idText: [UInt8] = Array("{id}".utf8)
    pathBytes.withUnsafeBufferPointer { buf in
      let n = buf.count
      var start = 0
      while start <= n {
        var end = start
        while end < n && buf[end] != .slash { end += 1 }
        // safe: start <= end <= n
        let seg = UnsafeBufferPointer(rebasing: buf[start..<end])
        if start > 0 { out.append(.slash) }
        var segShape = IdentifierShapes.shape(seg)
        if segShape == nil && previousWasPatientWord && seg.count <= 64 && seg.contains(where: IdentifierShapes.isDigit) {
          segShape = .token
        }
        if let sh = segShape {
          if recordID == nil || (previousWasPatientWord && !patientIdentifier) {
            recordID = String(decoding: seg, as: UTF8.self)
            shape = sh
            namespace = String(decoding: out, as: UTF8.self) + "{id}"
            if previousWasPatientWord { patientIdentifier = true }
          }
          out.append(contentsOf: idText)
          previousWasPatientWord = false
        } else {
          out.append(contentsOf: seg)
          if seg.count > 0 {
            let (isPatientWord, mentionsPatient, export) = classifyWord(String(decoding: seg, as: UTF8.self))
            if export { bulk = true }
            if isPatientWord || mentionsPatient { patientResource = true }
            previousWasPatientWord = isPatientWord
          } else {
            previousWasPatientWord = false
          }
        }
        start = end + 1
      }
    }
    var template = String(decoding: out, as: UTF8.self)
    var page: PageRequest?
    if let q = query, !q.isEmpty {
      var names: [String] = []
      for pair in q.utf8.split(separator: .ampersand) {
        let eq = pair.firstIndex(of: .equals)
        let name = String(decoding: eq.map { pair[pair.startIndex..<$0] } ?? pair[...], as: UTF8.self)
        let valueBytes = eq.map { pair[pair.index(after: $0)...] } ?? pair[pair.endIndex...]
        let value = String(decoding: valueBytes, as: UTF8.self)
        if value.hasPrefix("[fp:") || name.isEmpty { continue }
        let lname = name.lowercased()
        if EndpointTemplater.patientParams.contains(lname)
          || (EndpointTemplater.idParams.contains(lname) && !value.isEmpty)
        {
          var id = value
          if let slash = id.lastIndex(of: "/") { id = String(id[id.index(after: slash)...]) }
          if let bar = id.lastIndex(of: "|") { id = String(id[id.index(after: bar)...]) }
          id = EndpointTemplater.afterEncodedPipe(id)
          if id.isEmpty {
            names.append(name)
            continue
          }
          names.append(name + "={id}")
          let isPatientParam = EndpointTemplater.patientParams.contains(lname)
          if recordID == nil || (isPatientParam && !patientIdentifier) {
            recordID = id
            shape = IdentifierShapes.shape(Array(id.utf8)) ?? .token
            let ns = ["nir", "ins", "nss", "matricule"].contains(lname) ? "nir" : (isPatientParam ? "patient" : lname)
            namespace = template + "?" + ns
            if isPatientParam || patientResource { patientIdentifier = true }
          }
        } else {
          names.append(name)
        }
      }
      if !names.isEmpty {
        names.sort()
        var unique: [String] = []
        for n in names where unique.last != n { unique.append(n) }
        template += "?" + unique.joined(separator: "&")
      }
      // Paging never depends on the id parameters (the name sets are disjoint).
      var qq = q
      page = qq.withUTF8 { PageParameters.page(query: UnsafeRawBufferPointer($0)) }
    }
    if recordID == nil { namespace = template }
    return TemplatedRequest(
      template: template, recordID: recordID, recordShape: shape, namespace: namespace, page: page,
      patientResource: patientResource, patientIdentifier: patientIdentifier, bulkExport: bulk)
  }
}

extension EndpointTemplater {
  /// Offset of the first record of page `page` (zero-based) of `size` records, or nil when the
  /// product does not fit an `Int` (`?page=4611686018427387904&size=4`, found by fuzzing).
  static func pageOffset(page: Int, size: Int) -> Int? {
    let (offset, overflow) = page.multipliedReportingOverflow(by: size)
    return overflow ? nil : offset
  }

  func classifyWord(_ text: String) -> (Bool, Bool, Bool) {
    if let c = words[text] { return c }
    let lower = text.lowercased()
    let word = lower.hasSuffix(".asmx") ? String(lower.dropLast(5)) : lower
    let c = (EndpointTemplater.patientWords.contains(word), word.contains("patient"), lower.hasPrefix("$export"))
    if words.count < 100_000 { words[text] = c }
    return c
  }

  /// The part after the last `%7C` (an encoded `|` in FHIR `identifier=system|value`).
  static func afterEncodedPipe(_ s: String) -> String {
    let b = Array(s.utf8)
    var i = b.count - 3
    while i >= 0 {
      if b[i] == .percent && b[i + 1] == UInt8(ascii: "7") && (b[i + 2] | 0x20) == UInt8(ascii: "c") {
        return String(decoding: b[(i + 3)...], as: UTF8.self)
      }
      i -= 1
    }
    return s
  }
}

/// A `--patient-endpoint` template such as `/fhir/Patient/{id}` or `/ws/GetPatient?nir={id}`.
struct ForcedTemplate: Sendable {
  let text: String
  let segments: [String]
  let idParam: String?

  init?(pattern: String) {
    guard pattern.hasPrefix("/") else { return nil }
    text = pattern
    let parts = pattern.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
    segments = parts[0].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    var p: String?
    if parts.count > 1 {
      for pair in parts[1].split(separator: "&") where pair.hasSuffix("={id}") {
        p = String(pair.dropLast(5)).lowercased()
      }
    }
    idParam = p
  }

  func match(segments path: [[UInt8]], query: String?) -> TemplatedRequest? {
    guard path.count == segments.count else { return nil }
    var id: String?
    var prefix: [String] = []
    for (i, s) in segments.enumerated() {
      let actual = String(decoding: path[i], as: UTF8.self)
      if s == "{id}" {
        if actual.isEmpty { return nil }
        if id == nil {
          id = actual
          prefix = Array(segments[0...i])
        }
      } else if s != actual {
        return nil
      }
    }
    if let want = idParam {
      guard let q = query else { return nil }
      var found: String?
      for pair in q.split(separator: "&") {
        let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        if kv[0].lowercased() == want && kv.count > 1 && !kv[1].isEmpty { found = String(kv[1]) }
      }
      guard let f = found else { return nil }
      if id == nil { id = f }
    }
    // Paging is read as for every other template (non-negative values, cursors, redacted values ignored).
    var page: PageRequest?
    if var q = query {
      page = q.withUTF8 { PageParameters.page(query: UnsafeRawBufferPointer($0)) }
    }
    let ns = prefix.isEmpty ? text : prefix.joined(separator: "/")
    return TemplatedRequest(
      template: text, recordID: id, recordShape: id.map { IdentifierShapes.shape(Array($0.utf8)) ?? .token },
      namespace: ns, page: page, patientResource: true, patientIdentifier: id != nil,
      bulkExport: text.contains("$export"))
  }
}
