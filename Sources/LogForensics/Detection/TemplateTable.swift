// Detection/TemplateTable.swift - interned endpoint templates (small dense ids) and their class.

/// What an endpoint template serves.
public enum EndpointKind: String, Sendable, Codable, Comparable {
  /// One patient's record per request (`/api/patients/{id}`, `?nir={id}`).
  case record
  /// Lists, searches or exports of patients (`/fhir/Patient?_count`, `$export`).
  case list
  /// Login / token endpoints (failed-login bursts are counted there).
  case auth
  /// Everything else (static files, health checks, non-patient resources).
  case other

  public static func < (a: EndpointKind, b: EndpointKind) -> Bool { a.rawValue < b.rawValue }
}

/// A dense id for an interned template.
public typealias TemplateID = Int32

/// What is known about one template.
public struct TemplateInfo: Sendable {
  public var text: String
  public var kind: EndpointKind
  /// Namespace of the records it serves (shared by `/patients/{id}` and `/patients/{id}/docs`).
  public var namespace: String
}

/// Interns templates and classifies them once.
public final class TemplateTable {
  private var ids: [String: TemplateID] = [:]
  public private(set) var infos: [TemplateInfo] = []
  private var otherCount = 0
  private var overflow: TemplateID?
  /// Distinct non-patient templates kept before further ones share one overflow template
  /// (scanners requesting random paths must not grow memory without bound).
  public let maximumOtherTemplates: Int
  /// Text of the overflow template.
  public static let overflowText = "(other endpoints beyond the template limit)"

  public init(maximumOtherTemplates: Int = 50_000) {
    self.maximumOtherTemplates = maximumOtherTemplates
  }

  /// The id for `request`'s template, classifying it on first sight.
  public func intern(_ request: TemplatedRequest) -> TemplateID {
    if let id = ids[request.template] { return id }
    let kind = TemplateTable.classify(request)
    if kind == .other {
      if otherCount >= maximumOtherTemplates {
        if let o = overflow { return o }
        let o = TemplateID(infos.count)
        infos.append(TemplateInfo(text: TemplateTable.overflowText, kind: .other, namespace: TemplateTable.overflowText))
        overflow = o
        return o
      }
      otherCount += 1
    }
    let id = TemplateID(infos.count)
    ids[request.template] = id
    infos.append(TemplateInfo(text: request.template, kind: kind, namespace: request.namespace))
    return id
  }

  public subscript(id: TemplateID) -> TemplateInfo { infos[Int(id)] }

  public var count: Int { infos.count }

  /// The class of a templated request (see ``EndpointKind``).
  public static func classify(_ r: TemplatedRequest) -> EndpointKind {
    if r.patientIdentifier && r.recordID != nil { return .record }
    if r.bulkExport && (r.patientResource || r.template.hasPrefix("/$export") || r.template.contains("/Group/")) {
      return .list
    }
    if r.patientResource && r.recordID == nil { return .list }
    let lower = r.template.lowercased()
    for word in ["login", "signin", "sign_in", "auth", "oauth", "token", "session", "connect"] {
      if lower.contains("/" + word) { return .auth }
    }
    return .other
  }
}
