// Support/WorldGenerator+Attacks.swift - the six attack cases, each with its ground truth.

extension WorldGenerator {
  mutating func addAttack(_ c: AttackCase) {
    switch c {
    case .sequentialStolenToken: addSequentialStolenToken()
    case .shuffledBrowser: addShuffledBrowser()
    case .distributed: addDistributed()
    case .paginationScrape: addPaginationScrape()
    case .nirProbing: addNIRProbing()
    case .loginThenEnumerate: addLoginThenEnumerate()
    case .distributedSharedKey: addDistributedSharedKey()
    case .stolenStaffAccount: addStolenStaffAccount()
    }
  }

  /// 1b. `sec.p0` (1200–1400 patients a day from 10.1.0.10) is used from 203.0.113.120 with a
  /// browser user agent to walk ids 700000… at about one per second, at the end of the
  /// owner's working day (both use the account at the same time for a while).
  mutating func addStolenStaffAccount() {
    let ip = "203.0.113.120"
    use(.stolenStaffAccount, ip)
    var t = at(day: 1, hour: 17.5)
    let first = t
    var last = t
    for id in 700_000..<702_000 {
      let hit = chance(0.9)
      req(t, ip: ip, user: "sec.p0", path: "/api/patients/\(id)", status: hit ? 200 : 404, bytes: hit ? recordSize() : 62,
          ua: WorldGenerator.browsers[1])
      if hit { expose(.stolenStaffAccount, "/api/patients/{id}#\(id)") }
      last = t
      t += Int64(uniform(0.6, 1.4) * 1_000_000)
    }
    caseSpan[.stolenStaffAccount] = (first, last, 2000)
  }

  private mutating func expose(_ c: AttackCase, _ key: String) { caseExposed[c, default: []].insert(key) }
  private mutating func use(_ c: AttackCase, _ ip: String) { caseIPs[c, default: []].insert(ip) }

  /// 1. The billing token, used from a foreign IP by a script walking ids 500000… at ~4/s.
  mutating func addSequentialStolenToken() {
    let ip = "203.0.113.50"
    use(.sequentialStolenToken, ip)
    var t = at(day: 1, hour: 14)
    for id in 500_000..<503_000 {
      let hit = chance(0.65)
      req(t, ip: ip, path: "/api/patients/\(id)", query: "apikey=BILLINGTOKEN77", status: hit ? 200 : 404,
          bytes: hit ? recordSize() : 62, ua: "python-requests/2.31.0")
      if hit { expose(.sequentialStolenToken, "/api/patients/{id}#\(id)") }
      t += Int64(uniform(0.15, 0.35) * 1_000_000)
    }
  }

  /// 2. A browser-looking client reading random ids all night at a steady moderate pace.
  mutating func addShuffledBrowser() {
    let ip = "198.51.100.23"
    use(.shuffledBrowser, ip)
    var t = at(day: 0, hour: 22)
    let end = at(day: 1, hour: 8)
    while t < end {
      let id = int(1...2_000_000)
      let hit = chance(0.9)
      req(t, ip: ip, user: "c.durand", path: "/api/patients/\(id)", status: hit ? 200 : 404, bytes: hit ? recordSize() : 62,
          ua: WorldGenerator.browsers[0])
      if hit { expose(.shuffledBrowser, "/api/patients/{id}#\(id)") }
      t += Int64(uniform(4, 8) * 1_000_000)
    }
  }

  /// 3. Forty IPs, each taking every 40th id of 800000… slowly over three days.
  mutating func addDistributed() {
    for k in 0..<40 {
      let ip = "100.64.\(k / 10).\(10 + k)"
      use(.distributed, ip)
      var t = at(day: 0, hour: 8) + Int64(k) * 7_000_000
      for j in 0..<240 {
        let id = 800_000 + 40 * j + k
        let hit = chance(0.8)
        req(t, ip: ip, path: "/api/patients/\(id)", status: hit ? 200 : 404, bytes: hit ? recordSize() : 62, ua: "Go-http-client/1.1")
        if hit { expose(.distributed, "/api/patients/{id}#\(id)") }
        t += Int64(uniform(240, 480) * 1_000_000)
        let hour = Double((t - base) % 86_400_000_000) / 3_600_000_000
        if hour >= 20 { t += Int64((32 - hour) * 3_600_000_000) }  // resume at 08:00
      }
    }
  }

  /// 4. 60 250 patients listed through `/fhir/Patient?_count=500&_getpagesoffset=N`.
  mutating func addPaginationScrape() {
    let ip = "203.0.113.77"
    use(.paginationScrape, ip)
    let total = 60_250
    var t = at(day: 2, hour: 1)
    for offset in stride(from: 0, to: total, by: 500) {
      let n = min(500, total - offset)
      var bytes: Int64 = 400
      for _ in 0..<n { bytes += recordSize() }
      req(t, ip: ip, user: "svc-reporting", path: "/fhir/Patient", query: "_count=500&_getpagesoffset=\(offset)", bytes: bytes,
          ua: "python-httpx/0.27.0")
      for i in offset..<(offset + n) { expose(.paginationScrape, "list#\(i)") }
      t += Int64(uniform(1.5, 3) * 1_000_000)
    }
  }

  /// 5. NIRs sharing a prefix, order numbers walked; 200 for all, only the size tells.
  mutating func addNIRProbing() {
    let ip = "198.51.100.99"
    use(.nirProbing, ip)
    var t = at(day: 1, hour: 10)
    for commune in 101...103 {
      for order in 1...700 {
        let nir = WorldGenerator.nir(sex: 1, year: 85, month: 7, dept: 75, commune: commune, order: order)
        let hit = chance(0.08)
        req(t, ip: ip, path: "/ws/PatientService.asmx/GetPatient", query: "nir=\(nir)&apikey=TRIALKEY01",
            bytes: hit ? Int64(int(1900...2600)) : Int64(int(180...210)), ua: "curl/8.5.0")
        if hit { expose(.nirProbing, "nir#\(nir)") }
        t += Int64(uniform(0.3, 0.7) * 1_000_000)
      }
    }
  }

  /// 6. Sixty failed logins, a success, then a sequential walk under the dormant account.
  mutating func addLoginThenEnumerate() {
    let ip = "45.155.205.12"
    use(.loginThenEnumerate, ip)
    let ua = "python-requests/2.28.1"
    var t = at(day: 2, hour: 3)
    for _ in 0..<60 {
      req(t, ip: ip, method: "POST", path: "/api/auth/login", status: 401, bytes: 120, ua: ua)
      t += Int64(uniform(2, 4) * 1_000_000)
    }
    req(t, ip: ip, method: "POST", path: "/api/auth/login", status: 200, bytes: 640, ua: ua)
    for id in 1_200_000..<1_201_500 {
      t += Int64(uniform(0.3, 0.7) * 1_000_000)
      let hit = chance(0.85)
      req(t, ip: ip, user: "formation01", path: "/api/patients/\(id)", status: hit ? 200 : 404, bytes: hit ? recordSize() : 62, ua: ua)
      if hit { expose(.loginThenEnumerate, "/api/patients/{id}#\(id)") }
    }
  }

  /// 3b. Thirty IPs sharing one key, each reading ~60 random ids of 900000–905999 a day.
  mutating func addDistributedSharedKey() {
    for k in 0..<30 {
      let ip = "172.16.\(k).\(20 + k)"
      use(.distributedSharedKey, ip)
      for day in 0..<days {
        var t = at(day: day, hour: 9) + Int64(k) * 11_000_000
        for _ in 0..<60 {
          let id = int(900_000...905_999)
          let hit = chance(0.85)
          req(t, ip: ip, path: "/api/patients/\(id)", query: "apikey=SHAREDKEY99", status: hit ? 200 : 404,
              bytes: hit ? recordSize() : 62, ua: "okhttp/4.12.0")
          if hit { expose(.distributedSharedKey, "/api/patients/{id}#\(id)") }
          t += Int64(uniform(400, 800) * 1_000_000)
        }
      }
    }
  }
}
