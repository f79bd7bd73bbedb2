// Support/WorldGenerator.swift - seeded synthetic world: benign practices plus the six attack cases.

@testable import LogForensics

/// SplitMix64: small, fast, deterministic across platforms.
struct SeededRNG: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// The attack cases the generator can mix into benign traffic.
enum AttackCase: String, CaseIterable, Sendable {
  /// 1. One actor walking ids in order with a stolen API token, fast, many 404s.
  case sequentialStolenToken
  /// 2. One actor reading a large random subset of ids in shuffled order, browser UA, moderate pace.
  case shuffledBrowser
  /// 3. Forty IPs, each slow, splitting the id space between them over days.
  case distributed
  /// 4. Walking a FHIR Patient search page by page with `_count=500`.
  case paginationScrape
  /// 5. Probing NIRs on an API that answers 200 for hits and misses (only the size differs).
  case nirProbing
  /// 6. A burst of failed logins, a success, then enumeration.
  case loginThenEnumerate
  /// 3b. Thirty IPs sharing one API key, each reading a few random ids of one range a day.
  case distributedSharedKey
  /// 1b. The heaviest secretary's account, stolen: walked in order from a foreign IP with a
  /// browser user agent while its owner keeps working from the practice.
  case stolenStaffAccount

  var expectedKind: FindingKind {
    switch self {
    case .sequentialStolenToken: return .sequentialEnumeration
    case .shuffledBrowser: return .bulkRecordAccess
    case .distributed: return .distributedEnumeration
    case .paginationScrape: return .paginationScrape
    case .nirProbing: return .identifierProbing
    case .loginThenEnumerate: return .credentialAttack
    case .distributedSharedKey: return .distributedEnumeration
    case .stolenStaffAccount: return .sequentialEnumeration
    }
  }
}

/// One generated request (strings as a log would hold them; the query holds raw secrets).
struct WorldRequest {
  var time: Int64  // microseconds since the epoch
  var seq: Int
  var ip: String
  var user: String?
  var method = "GET"
  var path: String
  var query: String?
  var status: Int
  var bytes: Int64
  var referer: String?
  var userAgent: String
}

/// Builds a deterministic world of several days of practice traffic, health checks,
/// crawlers, partner integrations and the chosen attack cases, with the ground truth.
struct WorldGenerator {
  var rng: SeededRNG
  var days = 3
  var practices = 8
  let base = Timestamp(year: 2026, month: 2, day: 16)!.microseconds
  private(set) var requests: [WorldRequest] = []
  /// IPs used by each attack case.
  var caseIPs: [AttackCase: Set<String>] = [:]
  /// Exposed records per case (namespace-qualified ids), the ground truth.
  var caseExposed: [AttackCase: Set<String>] = [:]
  /// First and last request time (µs) and request count of the cases that record them.
  var caseSpan: [AttackCase: (first: Int64, last: Int64, requests: Int)] = [:]
  private var seq = 0

  static let browsers = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:122.0) Gecko/20100101 Firefox/122.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
  ]

  init(seed: UInt64, days: Int = 3, practices: Int = 8) {
    rng = SeededRNG(seed: seed)
    self.days = days
    self.practices = practices
  }

  // MARK: - Helpers

  mutating func uniform(_ lo: Double, _ hi: Double) -> Double { Double.random(in: lo..<hi, using: &rng) }
  mutating func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
  mutating func chance(_ p: Double) -> Bool { uniform(0, 1) < p }
  mutating func normal(_ mean: Double, _ sd: Double) -> Double {
    // Sum of 4 uniforms (variance 1/3): close enough to a normal and deterministic.
    var s = 0.0
    for _ in 0..<4 { s += uniform(0, 1) }
    return mean + (s - 2) * sd * 1.732_050_8
  }
  mutating func exponential(_ mean: Double) -> Double { -mean * lnOnePlus(-uniform(0, 0.999_999)) }

  func at(day: Int, hour: Double) -> Int64 { base + Int64(day) * 86_400_000_000 + Int64(hour * 3_600_000_000) }

  mutating func add(_ r: WorldRequest) {
    var r = r
    r.seq = seq
    seq += 1
    requests.append(r)
  }

  mutating func req(_ t: Int64, ip: String, user: String? = nil, method: String = "GET", path: String, query: String? = nil,
                    status: Int = 200, bytes: Int64, referer: String? = nil, ua: String) {
    add(WorldRequest(time: t, seq: 0, ip: ip, user: user, method: method, path: path, query: query, status: status,
                     bytes: bytes, referer: referer, userAgent: ua))
  }

  mutating func recordSize() -> Int64 { Int64(max(700, normal(1800, 400))) }

  static func nir(sex: Int, year: Int, month: Int, dept: Int, commune: Int, order: Int) -> String {
    func pad(_ v: Int, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, n - s.count)) + s }
    let body = "\(sex)" + pad(year, 2) + pad(month, 2) + pad(dept, 2) + pad(commune, 3) + pad(order, 3)
    let key = 97 - Int(Int64(body)! % 97)
    return body + pad(key, 2)
  }
}

// ln(1+x) without Foundation.
func lnOnePlus(_ x: Double) -> Double {
  // ln(1+x) by atanh series on y = x / (2 + x); converges for x > -1.
  let y = x / (2 + x)
  var term = y
  var sum = 0.0
  var k = 1.0
  let y2 = y * y
  while k < 200 {
    sum += term / k
    term *= y2
    k += 2
    if abs(term) < 1e-17 { break }
  }
  return 2 * sum
}
