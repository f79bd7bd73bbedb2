// Detection/RequestTemplating.swift - from a request to its template, record key and paging.

/// What the per-event analysis needs from templating: template and its class, record key,
/// paging, asset.
struct Templated {
  var template: TemplateID
  var key: RecordKey?
  /// The record id as a number, when it is decimal (sequentiality).
  var value: Int64?
  /// For a NIR-shaped id (15 digits), whether its control key is valid; `nil` for other ids.
  /// Checked on the thread that templates (``IdentifierShapes/nirKeyIsValid(_:)``), so this
  /// value holds no string: moving it costs no reference count.
  var nirKeyValid: Bool?
  var page: PageRequest?
  var isAsset: Bool
  /// The template's class.
  var kind: EndpointKind = .other
  /// Hash of the template's record namespace (session distinct-record counts).
  var namespaceHash: UInt64 = 0

  init(template: TemplateID, key: RecordKey? = nil, value: Int64? = nil, page: PageRequest?, isAsset: Bool) {
    self.template = template
    self.key = key
    self.value = value
    self.page = page
    self.isAsset = isAsset
  }
}

extension AnalysisEngine {
  typealias Templated = LogForensics.Templated
}

/// Turns requests into templates: the templater, the table of templates seen and the
/// shape cache. Its state depends only on the sequence of requests, so it can run on the
/// parsing thread ahead of the analysis (``LogPipeline/run(prepare:consume:)``); the
/// analysis then reads the table only once the run is over.
final class RequestTemplating {
  let templater: EndpointTemplater
  let templates = TemplateTable()
  private var cache = TemplateCache()
  /// Class and namespace hash of each template, by id.
  private var kinds: [EndpointKind] = []
  private var namespaceHashes: [UInt64] = []
  /// Sizes of the successful answers of each patient template (record and list endpoints),
  /// by id: counted here, beside templating, because they depend on nothing else (the
  /// analysis reads them once the run is over; see ``sizeModel(_:)``).
  private var sizeModels: [ResponseSizeModel?] = []

  init(templater: EndpointTemplater) { self.templater = templater }

  /// `t` with its template's class and namespace hash.
  @inline(__always)
  private func described(_ t: Templated) -> Templated {
    var t = t
    let i = Int(t.template)
    while kinds.count <= i {
      let info = templates.infos[kinds.count]
      kinds.append(info.kind)
      namespaceHashes.append(HashedIdSet.hash(info.namespace))
    }
    t.kind = kinds[i]
    t.namespaceHash = namespaceHashes[i]
    return t
  }

  /// Templates `e` (``templated(_:)-(inout LogEvent)``) and counts its response size for
  /// its template when it is a successful answer of a patient endpoint (see ``sizeModel(_:)``):
  /// what the analysis needs of an event before ``AnalysisEngine/consume(_:_:)``.
  @inline(__always)
  func prepared(_ e: inout LogEvent) -> Templated {
    let t = templated(&e)
    noteResponse(t, status: e.status, bytes: e.responseBytes)
    return t
  }

  /// Counts a response of `bytes` with `status` to a request templated as `t`: successful
  /// answers of a known size on record and list endpoints only.
  @inline(__always)
  func noteResponse(_ t: Templated, status: Int32, bytes: Int64) {
    guard (t.kind == .record || t.kind == .list) && status >= 200 && status < 300 && bytes >= 0 else { return }
    let i = Int(t.template)
    if i >= sizeModels.count { sizeModels.append(contentsOf: repeatElement(nil, count: i + 1 - sizeModels.count)) }
    if sizeModels[i] == nil { sizeModels[i] = ResponseSizeModel() }
    sizeModels[i]?.add(size: bytes)
  }

  /// The response-size model of a patient template, if it saw a success with a size (read
  /// once the events are all prepared).
  func sizeModel(_ t: TemplateID) -> ResponseSizeModel? {
    Int(t) < sizeModels.count ? sizeModels[Int(t)] : nil
  }

  /// Templates `e` through the shape cache (no String built on a hit), else in full.
  func templated(_ e: LogEvent) -> Templated {
    var copy = e
    return templated(&copy)
  }

  /// Templates `e` in place: its path and query are read where they are, with no copy nor
  /// reference count of their storage (the parsing thread's hot path).
  func templated(_ e: inout LogEvent) -> Templated {
    if let target = e.target.map(Unmanaged.passUnretained) {
      // Bytes kept by the builder (``EventBuildingOptions/targetAsBytes``): the same bytes the
      // path and query strings would hold. Borrowed, not retained: the event holds them.
      return target._withUnsafeGuaranteedRef { templated(path: $0.path, query: $0.query) }
    }
    if e.query == nil { return e.path.withUTF8 { templated(path: UnsafeRawBufferPointer($0), query: nil) } }
    return e.path.withUTF8 { pb in
      e.query!.withUTF8 { templated(path: UnsafeRawBufferPointer(pb), query: UnsafeRawBufferPointer($0)) }
    }
  }

  /// Templates the request whose path and query (`nil`: none) are these UTF-8 bytes.
  func templated(path p: UnsafeRawBufferPointer, query q: UnsafeRawBufferPointer?) -> Templated {
    var cached: TemplateRecipe?
    var page: PageRequest?
    if let qb = q {
      cached = cache.lookup(path: p, query: qb)
      if let c = cached, c.template >= 0 { page = PageParameters.page(query: qb) }
    } else {
      cached = cache.lookup(path: p, query: nil)
    }
    if let c = cached, c.template >= 0 {
      guard c.idSegment >= 0 else { return described(Templated(template: c.template, page: page, isAsset: c.isAsset)) }
      let (key, value) =
        if let r = cache.digitSegments.range(of: Int(c.idSegment)) {
          AnalysisEngine.decimalKey(digits: UnsafeRawBufferPointer(rebasing: p[r]))
        } else {
          AnalysisEngine.decimalKey(segment: Int(c.idSegment), of: p)
        }
      return described(Templated(template: c.template, key: key, value: value, page: page, isAsset: c.isAsset))
    }
    // A shape not seen before: templated in full (Strings built once per shape).
    let t = templater.template(path: String(decoding: p, as: UTF8.self), query: q.map { String(decoding: $0, as: UTF8.self) })
    let tid = templates.intern(t)
    let asset = AnalysisEngine.isAsset(p)
    if cached == nil { cache.store(templater.recipe(for: t, id: tid, path: p, isAsset: asset)) }
    var out = Templated(template: tid, page: t.page, isAsset: asset)
    if let id = t.recordID {
      out.key = RecordKey(text: id)
      out.value = Int64(id)
      if t.recordShape == .nir && id.utf8.count == 15 { out.nirKeyValid = IdentifierShapes.nirKeyIsValid(id) }
    }
    return described(out)
  }
}
