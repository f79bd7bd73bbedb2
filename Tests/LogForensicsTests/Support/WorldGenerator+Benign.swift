// Support/WorldGenerator+Benign.swift - legitimate traffic: staff, probes, crawlers, partners.

extension WorldGenerator {
  /// Everything that must not be flagged (medium or above).
  mutating func addBenign() {
    for p in 0..<practices { addPractice(p) }
    addHealthChecks()
    addCrawler()
    addLabPartner()
    addPharmacies()
    addBilling()
    addHospital()
  }

  /// A hospital whose patient numbers (IPP) are contiguous: admission staff together open a
  /// dense slice of the id range, at human pace, with related requests (must stay quiet).
  mutating func addHospital() {
    for s in 0..<3 {
      let user = "adm\(s)@chu"
      let ua = WorldGenerator.browsers[s % 3]
      for day in 0..<days {
        var t = at(day: day, hour: uniform(7, 8))
        let end = at(day: day, hour: 19)
        req(t, ip: "10.9.0.\(s + 1)", user: user, path: "/app/main.js", bytes: 240_000, referer: "https://chu.example.fr/", ua: ua)
        while t < end {
          t += Int64(exponential(80) * 1_000_000) + 3_000_000
          let ipp = int(1_500_000...1_511_000)
          req(t, ip: "10.9.0.\(s + 1)", user: user, path: "/hopital/api/dossiers/\(ipp)", bytes: recordSize(),
              referer: "https://chu.example.fr/app/", ua: ua)
          t += Int64(uniform(1, 6) * 1_000_000)
          req(t, ip: "10.9.0.\(s + 1)", user: user, path: "/hopital/api/dossiers/\(ipp)/sejours", bytes: Int64(int(900...5000)),
              referer: "https://chu.example.fr/app/", ua: ua)
        }
      }
    }
  }

  /// One practice: a secretary opening hundreds to over a thousand patients a day, two
  /// doctors opening tens, all at human pace during opening hours, from the practice IP.
  mutating func addPractice(_ p: Int) {
    let ip = "10.1.\(p).10"
    let panel = (0..<2500).map { _ in int(1...2_000_000) }
    let staff: [(String, ClosedRange<Int>)] = [
      ("sec.p\(p)", p == 0 ? 1200...1400 : 300...1000), ("dr.p\(p)a", 15...40), ("dr.p\(p)b", 15...40),
    ]
    for (user, perDay) in staff {
      let ua = WorldGenerator.browsers[int(0...2)]
      for day in 0..<days {
        let n = int(perDay)
        var t = at(day: day, hour: uniform(7.8, 8.5))
        let end = at(day: day, hour: 18.5)
        let meanGap = Double(end - t) / 1_000_000 / Double(n)
        if chance(0.3) {
          req(t, ip: ip, method: "POST", path: "/api/auth/login", status: 401, bytes: 120, referer: "https://dpi.example.fr/login", ua: ua)
          t += Int64(uniform(5, 20) * 1_000_000)
        }
        req(t, ip: ip, method: "POST", path: "/api/auth/login", status: 200, bytes: 640, referer: "https://dpi.example.fr/login", ua: ua)
        req(t + 400_000, ip: ip, user: user, path: "/app/main.js", status: 200, bytes: 240_000, referer: "https://dpi.example.fr/", ua: ua)
        req(t + 500_000, ip: ip, user: user, path: "/app/style.css", status: 200, bytes: 30_000, referer: "https://dpi.example.fr/", ua: ua)
        var opened = 0
        while opened < n && t < end {
          // Think time: bursty (exponential), with a lunch break.
          t += Int64(exponential(meanGap * 0.8) * 1_000_000) + 2_000_000
          let hour = Double((t - base) % 86_400_000_000) / 3_600_000_000
          if hour >= 12.5 && hour < 13.5 { t += 3_600_000_000 }
          let id = panel[int(0...(panel.count - 1))]
          if chance(0.15) {
            req(t, ip: ip, user: user, path: "/api/patients", query: "name=\(["dupont", "martin", "bernard", "petit"][int(0...3)])&page=0&size=20",
                bytes: Int64(int(800...9000)), referer: "https://dpi.example.fr/app/", ua: ua)
            t += Int64(uniform(3, 15) * 1_000_000)
          }
          req(t, ip: ip, user: user, path: "/api/patients/\(id)", bytes: recordSize(), referer: "https://dpi.example.fr/app/", ua: ua)
          for _ in 0..<int(1...3) {
            t += Int64(uniform(0.3, 4) * 1_000_000)
            if chance(0.5) {
              req(t, ip: ip, user: user, path: "/api/patients/\(id)/observations", bytes: Int64(int(3000...9000)), referer: "https://dpi.example.fr/app/", ua: ua)
            } else {
              req(t, ip: ip, user: user, path: "/api/documents", query: "patient=\(id)", bytes: Int64(int(500...3000)), referer: "https://dpi.example.fr/app/", ua: ua)
            }
          }
          opened += 1
        }
      }
    }
  }

  mutating func addHealthChecks() {
    let end = at(day: days, hour: 0)
    var t = at(day: 0, hour: 0)
    while t < end {
      req(t, ip: "10.0.0.5", path: "/health", bytes: 15, ua: "kube-probe/1.28")
      t += 60_000_000
    }
  }

  mutating func addCrawler() {
    let pages = ["/", "/about", "/contact", "/robots.txt", "/blog/prise-de-rendez-vous", "/blog/vaccination-2026", "/mentions-legales"]
    let end = at(day: days, hour: 0)
    var t = at(day: 0, hour: 0.1)
    while t < end {
      req(t, ip: "66.249.66.\(int(1...9))", path: pages[int(0...(pages.count - 1))], bytes: Int64(int(3000...40000)),
          ua: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
      t += Int64(uniform(300, 900) * 1_000_000)
    }
  }

  /// A lab partner paging through non-patient resources every night, large pages.
  mutating func addLabPartner() {
    for day in 0..<days {
      var t = at(day: day, hour: 2)
      for page in 0..<40 {
        req(t, ip: "192.0.2.10", path: "/api/v1/lab-catalog", query: "page=\(page)&size=500&apikey=LABSECRET2024",
            bytes: Int64(500 * 600 + int(0...5000)), ua: "LabSync/2.4 (+https://lab.example)")
        t += Int64(uniform(0.8, 1.5) * 1_000_000)
      }
      for off in stride(from: 0, to: 4000, by: 200) {
        req(t, ip: "192.0.2.10", path: "/api/v1/orders", query: "offset=\(off)&limit=200&apikey=LABSECRET2024",
            bytes: Int64(200 * 350), ua: "LabSync/2.4 (+https://lab.example)")
        t += Int64(uniform(0.8, 1.5) * 1_000_000)
      }
    }
  }

  /// Pharmacies checking patients' NIRs: mostly hits, a few misses (200 with an error body).
  mutating func addPharmacies() {
    for k in 0..<3 {
      for day in 0..<days {
        for _ in 0..<40 {
          let t = at(day: day, hour: uniform(8.5, 19))
          let nir = WorldGenerator.nir(sex: int(1...2), year: int(30...99), month: int(1...12), dept: int(1...95), commune: int(1...400), order: int(1...400))
          let hit = chance(0.95)
          req(t, ip: "10.2.\(k).20", path: "/ws/PatientService.asmx/GetPatient", query: "nir=\(nir)&apikey=PHARMA\(k)KEY",
              bytes: hit ? Int64(int(1900...2600)) : Int64(int(180...210)), ua: "PharmaConnect/3.1")
        }
      }
    }
  }

  /// The billing integration whose token is stolen in case 1: invoices, not patient records.
  mutating func addBilling() {
    for day in 0..<days {
      var t = at(day: day, hour: 8)
      let end = at(day: day, hour: 18)
      while t < end {
        req(t, ip: "10.3.0.7", path: "/api/v1/invoices/\(int(10_000...99_999))", query: "apikey=BILLINGTOKEN77",
            bytes: Int64(int(900...1400)), ua: "BillingSync/1.2")
        t += Int64(uniform(20, 60) * 1_000_000)
      }
    }
  }
}
