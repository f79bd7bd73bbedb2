// Evidence/EvidenceLabels.swift - every label of the evidence report, in French and English.

/// The label table: key → (French, English). French follows the CNIL notification form's
/// wording where one exists (see /work/shared/domain/cnil-report-fields.md). `{0}`, `{1}`… are
/// replaced by arguments.
public enum EvidenceLabels {
  /// Entries as written, in order (a test checks keys are unique and both texts are present).
  public static let entries: [(key: String, fr: String, en: String)] =
    documentLabels + sectionLabels + factLabels
    + columnLabels + valueLabels + textLabels + chartLabels

  /// Lookup table built from ``entries``.
  public static let table: [String: (fr: String, en: String)] = {
    var t: [String: (fr: String, en: String)] = [:]
    for e in entries where t[e.key] == nil { t[e.key] = (e.fr, e.en) }
    return t
  }()

  static let documentLabels: [(key: String, fr: String, en: String)] = [
    (
      "doc.title", "Rapport de preuves — violation de données personnelles (API de données patients)",
      "Evidence report — personal data breach (patient-data API)"
    ),
    ("status.draft", "PROJET — champs à compléter", "DRAFT — fields to be completed"),
    ("status.final", "VERSION DÉFINITIVE — tous les champs requis renseignés", "FINAL — every required field filled"),
    ("missing", "À COMPLÉTER", "TO BE COMPLETED"),
    ("toc", "Sommaire", "Contents"),
    ("paris", "heure de Paris", "Paris time"),
    ("none", "aucun", "none"),
    ("noneDeclared", "aucun (déclaré dans le dossier)", "none (declared in the case file)"),
    ("notProvided", "non renseigné", "not provided"),
    ("notDeclared", "non déclaré dans le dossier", "not declared in the case file"),
    ("notYet", "pas encore attribué", "not yet assigned"),
    ("notRecorded", "non enregistré", "not recorded"),
    ("unreadable", "illisible", "unreadable"),
    ("incomplete", "non ({0})", "no ({0})"),
    (
      "noFinding", "Aucune activité malveillante détectée dans les journaux analysés.",
      "No malicious activity detected in the analysed logs."
    ),
    ("proposed", "Proposition : {0}", "Proposed: {0}"),
    (
      "draft.explain", "Ce rapport reste un PROJET : {0} champ(s) requis du dossier (case.yaml) manquent :",
      "This report stays a DRAFT: {0} required case-file (case.yaml) field(s) are missing:"
    ),
  ]

  static let sectionLabels: [(key: String, fr: String, en: String)] = [
    ("section.control", "Gestion du document", "Document control"),
    ("section.controller", "Responsable du traitement et contacts", "Controller and contacts"),
    ("section.timeline", "Chronologie et délais", "Timeline and deadlines"),
    ("section.nature", "Nature de la violation", "Nature of the breach"),
    ("section.records", "Personnes concernées et enregistrements", "Data subjects and records"),
    ("section.actors", "Acteurs et méthodes", "Actors and methods"),
    (
      "section.consequences", "Conséquences, mesures et information des personnes",
      "Consequences, measures and communication"
    ),
    ("section.integrity", "Intégrité et provenance des éléments de preuve", "Evidence integrity and provenance"),
    ("section.time", "Gestion du temps", "Time handling"),
    ("section.coverage", "Couverture et limites", "Coverage and limits"),
    ("section.methodology", "Méthodologie", "Methodology"),
    ("section.annex-timeline", "Annexe A — Chronologie détaillée des événements", "Annex A — Detailed event timeline"),
    (
      "section.annex-records", "Annexe B (diffusion restreinte) — Enregistrements concernés",
      "Annex B (restricted) — Affected records"
    ),
  ]

  static let factLabels: [(key: String, fr: String, en: String)] = [
    ("f.reference", "Référence interne du dossier", "Case / internal reference"),
    ("f.reportType", "Type de notification", "Report type"),
    ("f.status", "Statut du document", "Document status"),
    ("f.previousReference", "Référence de la version précédente", "Previous report reference"),
    ("f.previousHash", "Empreinte SHA-256 du rapport précédent", "SHA-256 of the previous report"),
    ("f.cnilNumber", "N° de notification CNIL", "CNIL notification number"),
    ("f.author", "Rédacteur", "Author"),
    ("f.reviewer", "Relecteur", "Reviewer"),
    ("f.tool", "Outil", "Tool"),
    ("f.renderer", "rendu par", "rendered by"),
    ("f.runTime", "Date de l'analyse", "Analysis run time"),
    ("f.sourceReport", "Empreinte SHA-256 du rapport JSON source", "SHA-256 of the source JSON report"),
    ("f.manifest", "Manifeste des sorties", "Output manifest"),
    ("f.caseFile", "Empreinte SHA-256 du dossier (case.yaml)", "SHA-256 of the case file (case.yaml)"),
    ("f.commandLine", "Ligne de commande", "Command line"),
    ("f.determinism", "Reproductibilité", "Reproducibility"),
    ("f.controllerName", "Responsable du traitement (raison sociale)", "Controller (legal name)"),
    ("f.siren", "SIREN", "SIREN"),
    ("f.address", "Adresse", "Address"),
    ("f.sector", "Secteur", "Sector"),
    ("f.legalRep", "Représentant légal", "Legal representative"),
    ("f.contactPerson", "Personne à contacter", "Contact person"),
    ("f.dpo", "Délégué à la protection des données (DPO)", "Data protection officer (DPO)"),
    (
      "f.processors", "Sous-traitants / responsables conjoints (dont hébergeur HDS)",
      "Processors / joint controllers (incl. HDS host)"
    ),
    (
      "f.firstMalicious", "Début de la violation (premier événement malveillant)",
      "Breach start (first malicious event)"
    ),
    ("f.lastMalicious", "Fin de la violation (dernier événement malveillant)", "Breach end (last malicious event)"),
    ("f.ongoing", "Violation en cours ?", "Still ongoing?"),
    ("f.containment", "Point de confinement observé dans les journaux", "Containment point seen in the logs"),
    ("f.postContainment", "Tentatives postérieures", "Attempts after containment"),
    ("f.datesEstimated", "Dates estimées ?", "Dates estimated?"),
    ("f.discovery", "Modalités de découverte", "How the breach was discovered"),
    ("f.detectionSource", "Source de détection", "Detection source"),
    (
      "f.awareness", "Date et heure de prise de connaissance (responsable du traitement)",
      "Controller awareness date and time"
    ),
    ("f.deadline", "Échéance des 72 heures", "72-hour deadline"),
    ("f.notificationTime", "Date de notification à la CNIL", "CNIL notification date"),
    ("f.delayReasons", "Motifs du retard", "Reasons for the delay"),
    ("f.processorAwareness", "Notification par le sous-traitant {0}", "Notification by processor {0}"),
    ("f.breachType", "Type de violation", "Type of breach"),
    ("f.subtype", "Données exfiltrées ou divulguées ?", "Data exfiltrated or disclosed?"),
    ("f.incidentType", "Nature de l'incident et technique", "Incident type and technique"),
    ("f.cause", "Origine", "Cause"),
    ("f.systems", "Points d'accès (endpoints) concernés", "Endpoints involved"),
    ("f.hosting", "Localisation / hébergement", "Location / hosting"),
    ("f.rootCause", "Cause racine", "Root cause"),
    ("f.stillExploitable", "Vulnérabilité toujours exploitable ?", "Vulnerability still exploitable?"),
    ("f.subjectCategories", "Catégories de personnes concernées", "Categories of data subjects"),
    ("f.specialCategories", "Données sensibles", "Special-category data"),
    ("f.volume", "Volume transféré", "Volume transferred"),
    (
      "f.credentials", "Empreintes d'identifiants de connexion (jetons, clés)", "Credential fingerprints (tokens, keys)"
    ),
    ("f.consequences", "Conséquences probables pour les personnes", "Likely consequences for the persons"),
    ("f.riskLevel", "Conclusion sur le risque", "Risk conclusion"),
    ("f.intelligible", "Données intelligibles ?", "Data intelligible?"),
    ("f.measuresBefore", "Mesures en place au moment de la violation", "Measures in place before the breach"),
    ("f.measuresTaken", "Mesures prises pour remédier à la violation", "Measures taken to address the breach"),
    (
      "f.measuresPlanned", "Mesures envisagées pour éviter qu'elle se reproduise",
      "Measures planned to prevent recurrence"
    ),
    ("f.art34", "Information des personnes concernées (art. 34 RGPD)", "Communication to data subjects (GDPR Art. 34)"),
    ("f.art34decision", "Décision", "Decision"),
    ("f.art34why", "Justification", "Justification"),
    ("f.art34date", "Date de l'information", "Date informed"),
    ("f.art34means", "Moyen", "Means"),
    ("f.art34count", "Nombre de personnes informées", "Number of persons informed"),
    (
      "f.otherFilings", "Autres signalements (portail CERT Santé / ARS, plainte, ANSSI)",
      "Other filings (CERT Santé / ARS portal, police, ANSSI)"
    ),
    ("f.canonicalZone", "Fuseau de référence", "Canonical zone"),
    ("f.displayZone", "Fuseau d'affichage", "Display zone"),
    ("f.skew", "Décalage entre sources (estimé)", "Skew between sources (estimated)"),
    ("f.ntp", "Synchronisation (NTP) des sources", "Time synchronisation (NTP) of sources"),
    ("f.measuredSkew", "Dérive mesurée à la collecte", "Drift measured at collection"),
    ("f.linesTotal", "Lignes lues", "Lines read"),
    ("f.parsed", "Lignes analysées", "Lines parsed"),
    ("f.rejected", "Lignes rejetées", "Lines rejected"),
    ("f.skipped", "Lignes ignorées (hors requêtes)", "Lines skipped (not requests)"),
    ("f.incompleteInputs", "Sources incomplètes", "Incomplete inputs"),
    ("f.unreadableInputs", "Sources illisibles", "Unreadable inputs"),
    ("f.missThresholds", "Seuils de taille « enregistrement absent » appris", "Learned \"no record\" size thresholds"),
    ("f.alternatives", "Hypothèses alternatives", "Alternative explanations"),
    ("f.annexFile", "Fichier", "File"),
    ("f.annexMode", "Protection", "Protection"),
    ("f.annexListed", "Entrées listées", "Entries listed"),
    ("f.annexNotListable", "Identifiants non listables", "Ids that cannot be listed"),
    ("p.paths", "Chemins analysés", "Paths analysed"),
    ("p.logFormat", "Format des journaux", "Log format"),
    ("p.maxLineLength", "Longueur maximale de ligne (octets)", "Maximum line length (bytes)"),
    ("p.reorderWindow", "Fenêtre de remise en ordre (s)", "Reorder window (s)"),
    ("p.forwardedFor", "Adresse X-Forwarded-For utilisée", "X-Forwarded-For used"),
    ("p.userField", "Champ utilisateur", "User field"),
    ("p.sessionGap", "Inactivité de fin de session (s)", "Session gap (s)"),
    ("p.patientEndpoints", "Points d'accès patients", "Patient endpoints"),
    ("p.auto", "détection automatique", "automatic detection"),
    ("p.allSessions", "Toutes les sessions listées", "All sessions listed"),
  ]

  static let columnLabels: [(key: String, fr: String, en: String)] = [
    ("col.item", "Élément", "Item"), ("col.value", "Valeur", "Value"), ("col.name", "Nom", "Name"),
    ("col.role", "Rôle", "Role"), ("col.hds", "Hébergeur HDS", "HDS host"),
    ("col.hdsCert", "Certificat HDS", "HDS certificate"),
    ("col.notifiedAt", "A notifié le responsable le", "Notified the controller at"),
    ("col.authority", "Autorité", "Authority"),
    ("col.date", "Date", "Date"), ("col.reference", "Référence", "Reference"), ("col.count", "Dénombrement", "Count"),
    ("col.definition", "Définition", "Definition"), ("col.low", "Borne basse", "Low"),
    ("col.central", "Estimation centrale", "Central"),
    ("col.high", "Borne haute", "High"), ("col.qualifier", "Qualification", "Qualifier"),
    ("col.endpoint", "Point d'accès", "Endpoint"),
    ("col.kind", "Type", "Kind"), ("col.requests", "Requêtes", "Requests"),
    ("col.distinctIds", "Identifiants distincts", "Distinct ids"),
    ("col.missSize", "Réponse « absent »", "\"Missing\" response"),
    ("col.categories", "Catégories de données", "Data categories"),
    ("col.id", "Id", "Id"), ("col.severity", "Gravité", "Severity"), ("col.period", "Période (UTC)", "Period (UTC)"),
    ("col.exposure", "Enregistrements exposés (bas / central / haut)", "Records exposed (low / central / high)"),
    ("col.ips", "Adresses IP", "IP addresses"), ("col.users", "Comptes", "Accounts"),
    ("col.userAgents", "Agents utilisateurs", "User agents"),
    ("col.actor", "Acteur", "Actor"), ("col.patientRequests", "Requêtes patients", "Patient requests"),
    ("col.rate", "Requêtes / min", "Requests / min"), ("col.statuses", "Statuts HTTP", "HTTP statuses"),
    ("col.path", "Fichier", "File"),
    ("col.format", "Format", "Format"), ("col.bytes", "Taille (octets)", "Size (bytes)"),
    ("col.lines", "Lignes", "Lines"),
    ("col.parsedRejected", "Analysées / rejetées", "Parsed / rejected"),
    ("col.first", "Premier horodatage", "First timestamp"),
    ("col.last", "Dernier horodatage", "Last timestamp"), ("col.complete", "Complet", "Complete"),
    ("col.input", "Source", "Input"),
    ("col.system", "Système d'origine", "Source system"), ("col.exportedBy", "Exporté par", "Exported by"),
    ("col.exportedAt", "Exporté le", "Exported at"), ("col.method", "Méthode", "Method"),
    ("col.exportHash", "SHA-256 à l'export", "SHA-256 at export"), ("col.check", "Vérification", "Check"),
    ("col.storage", "Stockage", "Storage"), ("col.zone", "Fuseau", "Zone"),
    ("col.outOfOrder", "Lignes hors ordre", "Out-of-order lines"),
    ("col.silences", "Silences (≥ 3 h sans requête)", "Silences (≥ 3 h without requests)"),
    ("col.stream", "Flux", "Stream"), ("col.inputs", "Fichiers", "Files"),
    ("col.gaps", "Lacunes (> 1 h)", "Gaps (> 1 h)"),
    ("col.utc", "UTC", "UTC"), ("col.paris", "Heure de Paris", "Paris time"), ("col.finding", "Constat", "Finding"),
    ("col.event", "Événement", "Event"), ("col.detail", "Détail", "Detail"),
    ("col.evidence", "Preuve (fichier:ligne)", "Evidence (file:line)"),
    ("col.previous", "Rapport précédent", "Previous report"), ("col.current", "Ce rapport", "This report"),
    ("col.change", "Écart", "Change"),
  ]

  static let valueLabels: [(key: String, fr: String, en: String)] = [
    ("v.initial", "notification initiale", "initial notification"),
    ("v.complementary", "notification complémentaire", "complementary notification"),
    ("v.final", "notification finale", "final notification"), ("v.public", "public", "public"),
    ("v.private", "privé", "private"),
    ("v.yes", "oui", "yes"), ("v.no", "non", "no"), ("v.unknown", "inconnu", "unknown"),
    ("v.partially", "en partie", "partially"),
    ("v.true", "oui", "yes"), ("v.false", "non", "no"),
    ("v.identity", "état civil", "identity"), ("v.dateOfBirth", "date de naissance", "date of birth"),
    ("v.nirIns", "NIR / INS", "NIR / INS"),
    ("v.contact", "coordonnées", "contact details"), ("v.health", "données de santé", "health data"),
    ("v.credentials", "identifiants de connexion", "credentials"), ("v.patients", "patients", "patients"),
    ("v.minors", "mineurs", "minors"),
    ("v.vulnerablePersons", "personnes vulnérables", "vulnerable persons"), ("v.staff", "personnels", "staff"),
    ("v.healthProfessionals", "professionnels de santé", "health professionals"),
    ("v.unlikely", "risque improbable", "risk unlikely"), ("v.risk", "risque", "risk"),
    ("v.high", "risque élevé", "high risk"),
    ("v.inform", "les personnes sont informées", "the persons are informed"),
    ("v.notInform", "les personnes ne sont pas informées", "the persons are not informed"),
    ("v.exempt", "exemption (art. 34.3)", "exemption (Art. 34(3))"),
    ("q.exact", "nombre exact", "exact"), ("q.approximate", "nombre approximatif", "approximate"),
    ("q.undetermined", "indéterminable", "cannot be determined"),
    ("q.toBeDetermined", "à déterminer", "to be determined"),
    ("sev.low", "faible", "low"), ("sev.medium", "moyenne", "medium"), ("sev.high", "élevée", "high"),
    ("sev.critical", "critique", "critical"),
    ("epkind.record", "enregistrement", "record"),
    ("epkind.list", "liste / recherche / export", "list / search / export"),
    ("kind.sequential-enumeration", "énumération séquentielle", "sequential enumeration"),
    ("kind.bulk-record-access", "accès massif à des dossiers", "bulk record access"),
    ("kind.distributed-enumeration", "énumération distribuée", "distributed enumeration"),
    ("kind.pagination-scrape", "aspiration par pagination", "pagination scrape"),
    ("kind.identifier-probing", "sondage d'identifiants", "identifier probing"),
    ("kind.credential-attack", "attaque sur les identifiants", "credential attack"),
    ("kind.token-reuse", "réutilisation de jeton", "token reuse"),
    (
      "kinddef.sequential-enumeration", "identifiants parcourus dans l'ordre avec un pas constant",
      "identifiers walked in order with a constant stride"
    ),
    (
      "kinddef.bulk-record-access",
      "nombre de dossiers distincts par jour très au-dessus de la population (médiane + 10 × MAD, 2 × 90e centile, au moins 100)",
      "distinct records per day far above the population (median + 10 × MAD, 2 × 90th percentile, at least 100)"
    ),
    (
      "kinddef.distributed-enumeration", "plusieurs acteurs se partageant un même balayage d'identifiants",
      "several actors sharing one sweep of identifiers"
    ),
    (
      "kinddef.pagination-scrape", "parcours de pages d'une liste ou recherche de patients",
      "walking the pages of a patient list or search"
    ),
    (
      "kinddef.identifier-probing", "essais d'identifiants majoritairement inexistants (réponses d'erreur)",
      "trying mostly non-existent identifiers (error answers)"
    ),
    (
      "kinddef.credential-attack", "rafale d'échecs de connexion suivie d'un succès",
      "burst of failed logins followed by a success"
    ),
    (
      "kinddef.token-reuse", "un même identifiant de connexion utilisé depuis d'autres clients",
      "one credential used from other clients"
    ),
  ]
}
