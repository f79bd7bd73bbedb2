// Evidence/CaseSchema.swift - the shape of case.yaml: keys, types, which ones are required.

/// The type of one case-file field.
public indirect enum CaseFieldType: Sendable {
  /// Free text (numbers are read as text too).
  case text
  /// An ISO-8601 date-time with a zone (`2026-03-04T09:30:00+01:00`).
  case timestamp
  /// One of a fixed set of values.
  case choice([String])
  /// `true` or `false`.
  case flag
  /// A list of values of one type; `minItems` for a required list.
  case list(CaseFieldType, minItems: Int)
  /// A mapping with known keys only.
  case object([CaseField])
}

/// One key of a case-file mapping.
public struct CaseField: Sendable {
  public var key: String
  public var type: CaseFieldType
  /// Required for the report to leave draft status (inside an optional parent: when the parent is present).
  public var required: Bool
  /// One-line English description (template comment and JSON Schema description).
  public var help: String

  public init(_ key: String, _ type: CaseFieldType, required: Bool = false, _ help: String) {
    self.key = key
    self.type = type
    self.required = required
    self.help = help
  }
}

/// The case-file schema: every key the auditor supplies (the facts logs cannot give).
public enum CaseSchema {
  static let contact: CaseFieldType = .object([
    CaseField("name", .text, required: true, "Full name."),
    CaseField("role", .text, "Role or title."),
    CaseField("email", .text, "E-mail address."),
    CaseField("phone", .text, "Telephone number."),
  ])
  static let reachableContact: CaseFieldType = .object([
    CaseField("name", .text, required: true, "Full name."),
    CaseField("role", .text, "Role or title."),
    CaseField("email", .text, required: true, "E-mail address."),
    CaseField("phone", .text, "Telephone number."),
  ])
  static let signer: CaseFieldType = .object([
    CaseField("name", .text, required: true, "Full name."),
    CaseField("role", .text, "Role or title."),
    CaseField("date", .timestamp, "Date of writing or review (ISO-8601)."),
  ])

  /// Data categories an endpoint can return.
  public static let dataCategories = ["identity", "dateOfBirth", "nirIns", "contact", "health", "credentials"]
  /// Categories of data subjects.
  public static let subjectCategories = ["patients", "minors", "vulnerablePersons", "staff", "healthProfessionals"]

  /// The top-level keys, in document order.
  public static let root: [CaseField] = [
    CaseField("reference", .text, required: true, "Internal case reference."),
    CaseField("reportType", .choice(["initial", "complementary", "final"]), required: true, "Notification phase."),
    CaseField("previousReportReference", .text, "Reference of the previous notification (complementary/final)."),
    CaseField("cnilNotificationNumber", .text, "CNIL notification number, once known."),
    CaseField(
      "controller",
      .object([
        CaseField("name", .text, required: true, "Legal name."),
        CaseField("siren", .text, required: true, "SIREN number (9 digits)."),
        CaseField("address", .text, required: true, "Postal address."),
        CaseField("sector", .choice(["public", "private"]), "Public or private sector."),
      ]), required: true, "The data controller."),
    CaseField("legalRepresentative", contact, required: true, "Legal representative of the controller."),
    CaseField("contactPerson", reachableContact, required: true, "Person the CNIL can contact."),
    CaseField("dpo", reachableContact, required: true, "Data protection officer (or other contact point)."),
    CaseField(
      "processors",
      .list(
        .object([
          CaseField("name", .text, required: true, "Legal name."),
          CaseField("role", .text, "What the processor does (hosting, API vendor…)."),
          CaseField("hdsHost", .flag, "Certified health-data host (HDS)."),
          CaseField("hdsCertificate", .text, "HDS certificate reference."),
          CaseField("notifiedControllerAt", .timestamp, "When the processor notified the controller."),
        ]), minItems: 0), required: true, "Processors and joint controllers (write [] when none)."),
    CaseField(
      "awareness",
      .object([
        CaseField("time", .timestamp, required: true, "When the controller became aware (starts the 72 h)."),
        CaseField("discovery", .text, required: true, "How the breach was discovered."),
        CaseField("detectionSource", .text, "Detection source (alert, complaint, third party…)."),
      ]), required: true, "Awareness of the breach."),
    CaseField("notificationTime", .timestamp, "When the CNIL was (or will be) notified."),
    CaseField("delayReasons", .text, "Reasons for notifying later than 72 h after awareness."),
    CaseField("hosting", .text, "Where the affected systems are hosted."),
    CaseField("rootCause", .text, "Root cause, if known."),
    CaseField("stillExploitable", .choice(["yes", "no", "unknown"]), "Is the vulnerability still exploitable?"),
    CaseField(
      "endpointCategories",
      .list(
        .object([
          CaseField("endpoint", .text, required: true, "Endpoint template as in the report (/api/v1/patients/{id})."),
          CaseField(
            "categories", .list(.choice(dataCategories), minItems: 1), required: true, "Data categories it returns."),
          CaseField("fieldsSource", .text, "Where the fields come from (API specification version, code, schema)."),
        ]), minItems: 1), required: true, "Data categories returned by each endpoint (from the API specification)."),
    CaseField(
      "dataSubjectCategories", .list(.choice(subjectCategories), minItems: 1), required: true,
      "Categories of data subjects."),
    CaseField(
      "dataIntelligible", .choice(["yes", "no", "partially", "unknown"]),
      "Were the disclosed data intelligible (not encrypted)?"),
    CaseField("likelyConsequences", .list(.text, minItems: 1), required: true, "Likely consequences for the persons."),
    CaseField("riskLevel", .choice(["unlikely", "risk", "high"]), required: true, "Risk conclusion."),
    CaseField("measuresBefore", .list(.text, minItems: 0), required: true, "Measures in place before the breach."),
    CaseField(
      "measuresTaken", .list(.text, minItems: 1), required: true, "Measures taken to end and mitigate the breach."),
    CaseField("measuresPlanned", .list(.text, minItems: 0), required: true, "Measures planned to prevent recurrence."),
    CaseField(
      "art34",
      .object([
        CaseField(
          "decision", .choice(["inform", "notInform", "exempt"]), required: true, "Inform the persons (Art. 34)?"),
        CaseField("justification", .text, required: true, "Why (incl. Art. 34(3) exemption)."),
        CaseField("date", .timestamp, "When the persons were informed."),
        CaseField("means", .text, "How (letter, e-mail, portal…)."),
        CaseField("personsInformed", .text, "How many persons were informed."),
      ]), required: true, "Communication to the data subjects."),
    CaseField(
      "otherFilings",
      .list(
        .object([
          CaseField("authority", .text, required: true, "CERT Santé / ARS portal, police, ANSSI…"),
          CaseField("date", .timestamp, "Date of filing."),
          CaseField("reference", .text, "Reference received."),
        ]), minItems: 0), required: true, "Other notifications and complaints (write [] when none)."),
    CaseField(
      "custody",
      .list(
        .object([
          CaseField("input", .text, required: true, "Input path as in the report (or its file name)."),
          CaseField("system", .text, "Source system the logs were exported from."),
          CaseField("exportedBy", .text, required: true, "Who exported the logs."),
          CaseField("exportedAt", .timestamp, required: true, "When they were exported."),
          CaseField("method", .text, required: true, "How (command, console, tool)."),
          CaseField("sha256", .text, required: true, "SHA-256 computed at export."),
          CaseField("storage", .text, "Where the copy is stored and who can access it."),
        ]), minItems: 1), required: true, "Chain of custody of every exported log file."),
    CaseField(
      "clock",
      .object([
        CaseField("ntp", .text, "Time synchronisation (NTP) of the source systems."),
        CaseField("measuredSkew", .text, "Clock drift measured at collection."),
      ]), "Clock facts at collection."),
    CaseField("blindSpots", .list(.text, minItems: 0), "Known blind spots and tampering assessment."),
    CaseField("author", signer, required: true, "Author of the report."),
    CaseField("reviewer", signer, required: true, "Reviewer of the report."),
  ]
}
