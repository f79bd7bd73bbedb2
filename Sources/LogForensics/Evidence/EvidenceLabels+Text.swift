// Evidence/EvidenceLabels+Text.swift - the sentences and chart texts of the label table (FR/EN).

extension EvidenceLabels {
  static let textLabels: [(key: String, fr: String, en: String)] = [
    ("changes.title", "Modifications depuis le rapport précédent :", "Changes since the previous report:"),
    ("changes.inputs", "Sources analysées", "Inputs analysed"), ("changes.lines", "Lignes lues", "Lines read"),
    ("changes.findings", "Constats", "Findings"),
    ("changes.low", "Enregistrements exposés — borne basse", "Records exposed — low"),
    ("changes.estimate", "Enregistrements exposés — estimation centrale", "Records exposed — central"),
    ("changes.high", "Enregistrements exposés — borne haute", "Records exposed — high"),
    ("changes.first", "Premier événement des journaux", "First log event"),
    ("changes.last", "Dernier événement des journaux", "Last log event"),
    ("changes.newFindings", "Nouveaux constats", "New findings"),
    ("changes.newInputs", "Sources nouvelles ou modifiées", "New or changed inputs"),
    ("changes.inputNew", "nouvelle : {0}", "new: {0}"),
    ("changes.inputChanged", "empreinte modifiée : {0}", "hash changed: {0}"),
    (
      "ongoing.maybe",
      "peut-être : dernier événement malveillant dans la dernière heure des journaux (fin des journaux : {0})",
      "possibly: last malicious event within the last hour of the logs (logs end: {0})"
    ),
    (
      "ongoing.no",
      "non observé : aucune activité signalée pendant les {0} h suivantes, jusqu'à la fin des journaux ({1})",
      "not observed: no flagged activity in the following {0} h, up to the end of the logs ({1})"
    ),
    (
      "containment.silence",
      "silence après la dernière requête malveillante ({0}), {1} h sans activité signalée ensuite ; le premier blocage (403/429) n'est pas déterminable depuis le rapport JSON (statuts par requête non conservés)",
      "silence after the last malicious request ({0}), {1} h without flagged activity afterwards; the first block (403/429) cannot be determined from the JSON report (per-request statuses are not kept)"
    ),
    (
      "postContainment.text",
      "aucune dans les constats (toute tentative ultérieure d'un même acteur prolongerait son constat)",
      "none in the findings (any later attempt by the same actor would extend its finding)"
    ),
    (
      "datesEstimated.text", "non : horodatages des lignes de journal (voir « Gestion du temps »)",
      "no: timestamps of log lines (see \"Time handling\")"
    ),
    (
      "deadline.needsAwareness", "{0} (calculée à partir de la date de prise de connaissance)",
      "{0} (computed from the awareness time)"
    ),
    (
      "nature.proposals",
      "Les valeurs marquées « Proposition » sont déduites des journaux par l'outil ; elles doivent être validées par le responsable du traitement avant d'être reportées dans le formulaire.",
      "Values marked \"Proposed\" are inferred from the logs by the tool; the controller must validate them before copying them into the form."
    ),
    ("breach.confidentiality", "violation de la confidentialité", "confidentiality breach"),
    (
      "subtype.disclosed",
      "données divulguées : au moins {0} réponses de succès de la taille d'un enregistrement journalisées",
      "data disclosed: at least {0} logged success responses of record size"
    ),
    (
      "subtype.likely", "probablement divulguées (réponses de succès de taille inconnue)",
      "likely disclosed (success responses of unknown size)"
    ),
    ("subtype.cannotAssess", "impossible à évaluer depuis les journaux", "cannot be assessed from the logs"),
    (
      "incident.enumeration", "accès non autorisé par énumération d'API (BOLA, OWASP API1:2023) et exfiltration",
      "unauthorised access by API enumeration (BOLA, OWASP API1:2023) and exfiltration"
    ),
    ("incident.credential", "attaque sur les identifiants de connexion", "credential attack"),
    (
      "incident.token", "utilisation d'un identifiant de connexion dérobé ou partagé",
      "use of a stolen or shared credential"
    ),
    ("cause.external", "acte externe malveillant", "external malicious act"),
    (
      "funnel.intro",
      "Entonnoir de comptage : chaque ligne a sa définition, ses bornes et sa qualification (nombre exact / approximatif / indéterminable / à déterminer).",
      "Counting funnel: each row has its definition, bounds and qualifier (exact / approximate / cannot be determined / to be determined)."
    ),
    ("funnel.requests", "Requêtes vers des points d'accès patients", "Requests to patient endpoints"),
    (
      "funnel.requests.def",
      "requêtes des sessions signalées vers des points d'accès patients (enregistrement ou liste)",
      "requests of the flagged sessions to patient endpoints (record or list)"
    ),
    ("funnel.ids", "Identifiants distincts demandés", "Distinct ids requested"),
    (
      "funnel.ids.def",
      "identifiants d'enregistrement distincts demandés par constat (succès et échecs) ; basse = le plus grand constat, haute = somme des constats",
      "distinct record ids requested per finding (hits and misses); low = largest finding, high = sum of findings"
    ),
    ("funnel.records", "Identifiants ayant reçu un enregistrement", "Ids answered with a record"),
    (
      "funnel.records.def",
      "enregistrements distincts servis avec succès (chacun compté une fois) ; basse = taille de réponse d'un enregistrement prouvée, haute = tout succès dont la taille n'est pas journalisée",
      "distinct records served with a success (each once); low = record-sized response proven, high = every success whose size was not logged"
    ),
    ("funnel.endpoint", "Enregistrements via {0}", "Records via {0}"),
    (
      "funnel.endpoint.def", "enregistrements divulgués via ce point d'accès (champs selon la spécification de l'API)",
      "records disclosed via this endpoint (fields per the API specification)"
    ),
    ("funnel.category", "Enregistrements par catégorie de données", "Records per data category"),
    ("funnel.categoryNamed", "Enregistrements contenant : {0}", "Records containing: {0}"),
    (
      "funnel.category.def",
      "selon la correspondance point d'accès → catégories du dossier (endpointCategories), non observée dans les journaux",
      "per the case file's endpoint → categories mapping (endpointCategories), not observed in the logs"
    ),
    ("funnel.persons", "Personnes concernées", "Data subjects"),
    (
      "funnel.persons.def",
      "en supposant un enregistrement patient par personne ; la déduplication exige la correspondance enregistrement → personne du responsable",
      "assuming one patient record per person; de-duplication needs the controller's record → person mapping"
    ),
    (
      "records.noOverclaim",
      "Les journaux d'accès ne contiennent pas les corps de réponse : ils prouvent quels enregistrements ont été servis, pas quels champs ; les catégories proviennent de la spécification de l'API déclarée au dossier.",
      "Access logs do not contain response bodies: they prove which records were served, not which fields; categories come from the API specification declared in the case file."
    ),
    ("special.health", "données de santé (art. 9 RGPD ; considérant 35)", "health data (GDPR Art. 9; recital 35)"),
    (
      "special.nir", "NIR / INS (art. 30 loi Informatique et Libertés)",
      "NIR / INS (Art. 30 French Data Protection Act)"
    ),
    (
      "volume.notInReport", "non disponible : le rapport JSON ne conserve pas les octets par constat",
      "not available: the JSON report does not keep bytes per finding"
    ),
    (
      "endpoints.intro", "Points d'accès patients vus dans les journaux (tout trafic, légitime compris) :",
      "Patient endpoints seen in the logs (all traffic, legitimate included):"
    ),
    (
      "actors.intro",
      "Constats de l'analyse (adresses IP, comptes et agents utilisateurs tels que journalisés ; une adresse IP n'identifie pas une personne) :",
      "Findings of the analysis (IPs, accounts and user agents as logged; an IP address does not identify a person):"
    ),
    (
      "actors.evidenceFor", "Éléments caractérisant {0} ({1}, confiance {2}) :",
      "Evidence for {0} ({1}, confidence {2}):"
    ),
    ("actors.lines", "Lignes de preuve : {0}", "Evidence lines: {0}"),
    (
      "sessions.intro", "Sessions du rapport (signalées, ou toutes avec --all-sessions) :",
      "Sessions in the report (flagged, or all with --all-sessions):"
    ),
    (
      "consequences.suggest",
      "Suggestions (à valider) : usurpation d'identité, fraude à l'assurance maladie, hameçonnage ciblé, atteinte au secret médical.",
      "Suggestions (to be validated): identity theft, health-insurance fraud, targeted phishing, breach of medical confidentiality."
    ),
    (
      "measures.observed",
      "Constat factuel des journaux : l'activité signalée n'a pas été bloquée pendant sa durée (pas de limitation de débit visible).",
      "Factual note from the logs: the flagged activity was not blocked while it lasted (no visible rate limiting)."
    ),
    (
      "integrity.inventory",
      "Inventaire des sources (empreinte SHA-256 des octets tels que stockés, compressés pour gzip) :",
      "Input inventory (SHA-256 of the bytes as stored, compressed for gzip):"
    ),
    (
      "integrity.custody", "Chaîne de traçabilité (dossier) et vérification des empreintes à l'export :",
      "Chain of custody (case file) and check of the hashes at export:"
    ),
    ("integrity.tool", "Outil et paramètres d'exécution :", "Tool and run parameters:"),
    ("custody.match", "concordante", "match"),
    ("custody.mismatch", "NON CONCORDANTE (analysée : {0})", "MISMATCH (analysed: {0})"),
    ("custody.noInput", "aucune source analysée de ce nom", "no analysed input of that name"),
    ("custody.uncovered", "Sources sans entrée de traçabilité : {0}", "Inputs without a custody entry: {0}"),
    (
      "manifest.text", "{0} (SHA-256 de chaque sortie de cette exécution, vérifiable par sha256sum -c)",
      "{0} (SHA-256 of every output of this run, checkable with sha256sum -c)"
    ),
    ("manifest.none", "aucun (sortie unique)", "none (single output)"),
    (
      "determinism.text",
      "mêmes entrées et options → rapport JSON identique octet pour octet (horodatage d'exécution exclu)",
      "same inputs and options → byte-identical JSON report (run timestamp excluded)"
    ),
    (
      "displayZone.text", "Europe/Paris (UTC+1, UTC+2 en heure d'été, règle de l'UE)",
      "Europe/Paris (UTC+1, UTC+2 in summer time, EU rule)"
    ),
    (
      "skew.text",
      "non estimé : le rapport JSON ne rapproche pas les requêtes entre sources ; voir la dérive mesurée à la collecte",
      "not estimated: the JSON report does not match requests across sources; see the drift measured at collection"
    ),
    ("zone.read", "lu dans chaque ligne", "read from each line"),
    ("zone.assumed", "supposé UTC pour {0} lignes", "assumed UTC for {0} lines"),
    (
      "coverage.intro",
      "Périodes couvertes par flux de journaux (un flux = un jeu de fichiers tournants) ; l'absence de preuve ne vaut qu'à l'intérieur de ces périodes.",
      "Periods covered per log stream (a stream = a set of rotated files); absence of evidence holds only within these periods."
    ),
    (
      "coverage.problems", "Erreurs de lecture et exemples de lignes rejetées :",
      "Read errors and examples of rejected lines:"
    ),
    ("coverage.blindSpots", "Ce que les journaux ne peuvent pas montrer :", "What the logs cannot show:"),
    (
      "blind.bodies", "le contenu des réponses (quels champs ont été divulgués)",
      "response bodies (which fields were disclosed)"
    ),
    (
      "blind.cache", "les réponses servies par un cache ou un CDN sans journalisation",
      "responses served by a cache or CDN without logging"
    ),
    (
      "blind.channels", "les accès par d'autres canaux (base de données, sauvegardes, exports non journalisés)",
      "access through other channels (database, backups, unlogged exports)"
    ),
    (
      "blind.coverage", "toute période hors des fenêtres couvertes ci-dessus",
      "any period outside the covered windows above"
    ),
    (
      "method.sessions",
      "Sessions : les requêtes d'un même acteur (compte, identifiant de connexion, ou adresse IP + agent utilisateur) sans pause de plus de {0} s.",
      "Sessions: an actor's requests (account, credential, or IP + user agent) with no pause longer than {0} s."
    ),
    (
      "method.detection",
      "Détection : chaque constat cite les chiffres qui le justifient (section « Acteurs et méthodes ») ; types de constats :",
      "Detection: each finding quotes the figures that justify it (section \"Actors and methods\"); kinds of finding:"
    ),
    (
      "method.exposure",
      "Bornes d'exposition : basse = enregistrements servis avec un succès dont la taille est celle d'un enregistrement (les réponses 200 de la taille d'une erreur sont exclues grâce aux deux groupes de tailles appris par point d'accès) ; haute = ajoute les succès de taille non journalisée ; centrale = haute si la majorité des succès de taille connue sont des enregistrements, basse sinon ; listes : nombre d'enregistrements par page déduit des octets. 404/401/403/5xx ne comptent jamais. Un enregistrement servi plusieurs fois compte une fois.",
      "Exposure bounds: low = records served with a success of record size (error-sized 200 answers are excluded by the two size clusters learned per endpoint); high = adds successes whose size was not logged; central = high when most known-size successes are records, low otherwise; lists: records per page derived from bytes. 404/401/403/5xx never count. A record served twice counts once."
    ),
    (
      "method.severity",
      "Gravité d'un constat : selon l'estimation centrale d'enregistrements exposés (≥ 10000 critique, ≥ 500 élevée, ≥ 20 moyenne, sinon faible), au moins celle imposée par son type.",
      "Severity of a finding: from the central estimate of records exposed (≥ 10000 critical, ≥ 500 high, ≥ 20 medium, otherwise low), at least the minimum of its kind."
    ),
    (
      "alternatives.text",
      "à justifier par le responsable : clients d'intégration autorisés, supervision, tests d'intrusion ; l'outil compare chaque acteur à la population du même point d'accès",
      "to be justified by the controller: authorised integration clients, monitoring, penetration tests; the tool compares each actor with the population of the same endpoint"
    ),
    (
      "annex.notProduced",
      "Annexe non produite dans cette exécution. Le rapport JSON ne contient pas les identifiants d'enregistrements : l'annexe (pseudonymisée par HMAC-SHA256 par défaut) ne peut être produite que par « forensics analyze … --report FICHIER --annex FICHIER ».",
      "Annex not produced in this run. The JSON report does not carry record ids: the annex (pseudonymised with HMAC-SHA256 by default) can only be produced by 'forensics analyze … --report FILE --annex FILE'."
    ),
    (
      "annex.restricted",
      "Fichier séparé à diffusion restreinte (liste nominative pour l'information des personnes) : ne pas joindre à la notification.",
      "Separate restricted file (list for informing the persons): do not attach to the notification."
    ),
    (
      "annex.hmac", "pseudonymisé : HMAC-SHA256 avec une clé non conservée dans les sorties",
      "pseudonymised: HMAC-SHA256 with a key not stored in any output"
    ),
    ("annex.raw", "identifiants en clair (option explicite)", "raw ids (explicit option)"),
    (
      "annex.hashedOnly",
      "{0} identifiants non numériques conservés par le moteur sous forme d'empreinte seulement : dénombrés, non listés",
      "{0} non-numeric ids kept by the engine as hashes only: counted, not listed"
    ),
  ]

  static let chartLabels: [(key: String, fr: String, en: String)] = [
    ("chart.markdown", "Graphique (version HTML)", "Chart (HTML version)"),
    ("chart.timeAxis", "Heure (UTC, MM-JJ hh:mm)", "Time (UTC, MM-DD hh:mm)"),
    ("chart.hourly.title", "Requêtes par heure et par constat", "Requests per hour per finding"),
    ("chart.background", "Tout le trafic (fond)", "All traffic (background)"),
    (
      "chart.hourly.captionBackground",
      "Requêtes de chaque constat par heure UTC, et toutes les requêtes de toutes les sources (trafic de fond) pour comparaison.",
      "Requests of each finding per UTC hour, and all requests of every source (background traffic) for comparison."
    ),
    (
      "silences.unknown", "non déterminable (rapport sans comptes horaires par source)",
      "cannot be determined (report without hourly counts per source)"
    ),
    ("chart.hourly.y", "requêtes / heure", "requests / hour"),
    (
      "chart.hourly.caption",
      "Requêtes de chaque constat par heure UTC. Le trafic de fond (toutes requêtes) n'est pas dans le rapport JSON et n'est pas tracé.",
      "Requests of each finding per UTC hour. Background traffic (all requests) is not in the JSON report and is not drawn."
    ),
    ("chart.cumulative.title", "Requêtes cumulées par constat", "Cumulative requests per finding"),
    ("chart.cumulative.y", "requêtes (cumul)", "requests (cumulative)"),
    (
      "chart.cumulative.caption",
      "Cumul des requêtes de chaque constat (UTC). Le moteur ne date pas chaque enregistrement : le cumul des enregistrements distincts exposés n'est pas tracé, son total figure dans l'entonnoir.",
      "Cumulative requests of each finding (UTC). The engine does not timestamp each record: cumulative distinct records exposed are not drawn; their total is in the funnel."
    ),
    (
      "chart.coverage.title", "Couverture par source et activité des constats",
      "Coverage per source and finding activity"
    ),
    (
      "chart.coverage.caption",
      "Barres : heures UTC avec au moins une requête de chaque fichier (sans comptes horaires : du premier au dernier horodatage) ; une zone blanche est une lacune ou un silence. Dernières lignes : heures d'activité de chaque constat.",
      "Bars: UTC hours with at least one request of each file (without hourly counts: first to last timestamp); white space is a gap or a silence. Last rows: active hours of each finding."
    ),
    ("chart.idspace.title", "Espace d'identifiants pris : {0}", "Id space taken: {0}"),
    ("chart.idspace.x", "identifiant d'enregistrement", "record id"),
    (
      "chart.idspace.caption", "Plages d'identifiants exposés entre {0} et {1} (plages proches fusionnées).",
      "Ranges of exposed ids between {0} and {1} (close ranges merged)."
    ),
    (
      "chart.idspace.unavailable",
      "Graphique de l'espace d'identifiants : non tracé, les identifiants ne sont pas dans le rapport JSON (disponible avec « analyze --report --annex »).",
      "Id-space chart: not drawn, ids are not in the JSON report (available with 'analyze --report --annex')."
    ),
    (
      "chart.sizes.unavailable",
      "Histogramme des tailles de réponse (trouvés / absents) : non tracé, les distributions de tailles ne sont pas dans le rapport JSON ; le seuil appris par point d'accès figure dans le tableau ci-dessus.",
      "Response-size histogram (hits / misses): not drawn, size distributions are not in the JSON report; the learned threshold per endpoint is in the table above."
    ),
  ]
}
