// Detection/EndpointTemplaterTests.swift - templates, record keys, classes and paging.

import Testing

@testable import LogForensics

@Suite("Endpoint templates")
struct EndpointTemplaterTests {
  let t = EndpointTemplater()

  func kind(_ r: TemplatedRequest) -> EndpointKind { TemplateTable.classify(r) }

  @Test func pathIdentifiersBecomeIdAndTheFirstPatientIdIsTheKey() {
    let r = t.template(path: "/api/patients/123/observations/9", query: nil)
    #expect(r.template == "/api/patients/{id}/observations/{id}")
    #expect(r.recordID == "123")
    #expect(r.namespace == "/api/patients/{id}")
    #expect(kind(r) == .record)
  }

  @Test func fhirPatientWithAlphanumericIdAndHistory() {
    let r = t.template(path: "/fhir/Patient/pat-17/_history/2", query: nil)
    #expect(r.template == "/fhir/Patient/{id}/_history/{id}")
    #expect(r.recordID == "pat-17")
    #expect(kind(r) == .record)
  }

  @Test func uuidsHexNirAndCorsicaNir() {
    #expect(t.template(path: "/dossiers/5f0c6a2e-1b7d-4c1e-9a39-2f8f3b0e4d11", query: nil).template == "/dossiers/{id}")
    #expect(t.template(path: "/files/0123456789abcdef0123", query: nil).template == "/files/{id}")
    let n = t.template(path: "/assures/185077512345608", query: nil)
    #expect(n.template == "/assures/{id}")
    #expect(n.recordShape == .nir)
    #expect(t.template(path: "/assures/185072A00412388", query: nil).recordShape == .nir)
  }

  @Test func queryIdentifiersAndCredentialsAndOtherParams() {
    let r = t.template(path: "/ws/PatientService.asmx/GetPatient", query: "nir=185077512345608&apikey=[fp:1a2b3c4d]")
    #expect(r.template == "/ws/PatientService.asmx/GetPatient?nir={id}")
    #expect(r.recordID == "185077512345608")
    #expect(kind(r) == .record)
    let s = t.template(path: "/fhir/Observation", query: "subject=Patient/42&_count=10")
    #expect(s.template == "/fhir/Observation?_count&subject={id}")
    #expect(s.recordID == "42")
    let i = t.template(path: "/fhir/Patient", query: "identifier=urn:oid:1.2.250.1.213.1.4.8%7C285072A00412388")
    #expect(i.recordID == "285072A00412388")
    #expect(kind(i) == .record)
  }

  @Test func listsSearchesAndPaging() {
    let a = t.template(path: "/fhir/Patient", query: "_count=500&_getpagesoffset=1500")
    #expect(a.template == "/fhir/Patient?_count&_getpagesoffset")
    #expect(a.page == PageRequest(pageSize: 500, offset: 1500))
    #expect(kind(a) == .list)
    let b = t.template(path: "/api/patients", query: "name=dupont&page=3&size=20")
    #expect(b.template == "/api/patients?name&page&size")
    #expect(b.page == PageRequest(pageSize: 20, offset: 60))
    #expect(kind(t.template(path: "/fhir/Patient/$export", query: nil)) == .list)
    let c = t.template(path: "/search", query: "start=40&rows=20")
    #expect(c.page == PageRequest(pageSize: 20, offset: 40))
    #expect(kind(c) == .other)
  }

  @Test func nonPatientEndpoints() {
    #expect(kind(t.template(path: "/health", query: nil)) == .other)
    #expect(kind(t.template(path: "/api/v1/lab-catalog", query: "page=2&size=500")) == .other)
    #expect(kind(t.template(path: "/api/v1/invoices/12345", query: nil)) == .other)
    #expect(kind(t.template(path: "/api/auth/login", query: nil)) == .auth)
    #expect(t.template(path: "/blog/vaccination-2026", query: nil).template == "/blog/vaccination-2026")
  }

  @Test func forcedTemplatesWin() {
    let f = EndpointTemplater(patientEndpoints: ["/legacy/fiche/{id}", "/ws/Get?ref={id}"])
    let a = f.template(path: "/legacy/fiche/ABCDEF", query: nil)
    #expect(a.template == "/legacy/fiche/{id}")
    #expect(a.recordID == "ABCDEF")
    #expect(TemplateTable.classify(a) == .record)
    let b = f.template(path: "/ws/Get", query: "ref=XYZ&x=1")
    #expect(b.template == "/ws/Get?ref={id}")
    #expect(b.recordID == "XYZ")
    #expect(f.template(path: "/legacy/other/ABCDEF", query: nil).template == "/legacy/other/ABCDEF")
  }

  @Test func nirShapesAndKeys() {
    #expect(IdentifierShapes.nirKeyIsValid("185077512345608"))
    #expect(!IdentifierShapes.nirKeyIsValid("185077512345609"))
    #expect(IdentifierShapes.nirKeyIsValid("185072A00412388"))
    #expect(IdentifierShapes.shape(Array("1850775123456".utf8)) == .nir)
    #expect(IdentifierShapes.shape(Array("5850775123456".utf8)) == .decimal)
    #expect(IdentifierShapes.shape(Array("eyJhbGciOiJIUzI1NiJ9abc".utf8)) == .token)
    #expect(IdentifierShapes.shape(Array("prise-de-rendez-vous".utf8)) == nil)
  }
}

@Suite("Template table")
struct TemplateTableTests {
  @Test func otherTemplatesBeyondTheLimitShareOneOverflowId() {
    let table = TemplateTable(maximumOtherTemplates: 2)
    let t = EndpointTemplater()
    let a = table.intern(t.template(path: "/a", query: nil))
    let b = table.intern(t.template(path: "/b", query: nil))
    let c = table.intern(t.template(path: "/c", query: nil))
    let d = table.intern(t.template(path: "/d", query: nil))
    let p = table.intern(t.template(path: "/api/patients/7", query: nil))
    #expect([a, b] == [0, 1])
    #expect(c == d)
    #expect(table[c].text == TemplateTable.overflowText)
    #expect(table[p].kind == .record)
    #expect(table.intern(t.template(path: "/a", query: nil)) == a)
  }
}

@Suite("Templater robustness")
struct TemplaterRobustnessTests {
  @Test func randomPathsAndQueriesNeverCrashAndAreStable() {
    var rng = SeededRNG(seed: 99)
    let alphabet = Array("/?&=|%7Cc0123456789abcdefABCDEF-_.$ \u{1B}é/Patient/patients/nir=id=".unicodeScalars)
    let t = EndpointTemplater(patientEndpoints: ["/x/{id}", "/q?nir={id}"])
    for _ in 0..<2000 {
      var path = "/"
      for _ in 0..<Int.random(in: 0...40, using: &rng) { path.unicodeScalars.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]) }
      var query = ""
      for _ in 0..<Int.random(in: 0...30, using: &rng) { query.unicodeScalars.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]) }
      let a = t.template(path: path, query: query.isEmpty ? nil : query)
      let b = t.template(path: path, query: query.isEmpty ? nil : query)
      #expect(a == b)
      #expect(a.template.hasPrefix("/"))
    }
    #expect(t.template(path: "", query: "").template == "/")
  }
}
