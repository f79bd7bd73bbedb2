#!/usr/bin/env python3
"""scripts/gen-bench-logs.py - realistic multi-server nginx logs of a patient API, for benchmarks (issue #5).

The world ("MediSoft Cloud"; every name, IP and id is made up; see shared/domain/health-apis.md):
  * practices behind one NAT IP each (a few get a new IP every day): solo GPs, group practices with a
    secretariat, hospital admission desks. Each staff account keeps one user agent (desktop app or
    browser) and works on weekdays in Europe/Paris time (DST included), with a lunch break, a few
    Saturday mornings and evening sessions from home. Staff open their practice's patients at human
    pace (distinct patients a day: GPs ~30-80, secretariats ~100-300, admission desks ~1000); each
    opening brings related requests (observations, prescriptions, documents, POSTed notes), plus name
    searches, agenda polling, static assets for browser users, logins with typos and token expiry (401);
  * kube-probe health checks on every server, search-engine crawlers and visitors on public pages,
    internet scanners (404), a partner lab paging /api/v1/lab-results at night;
  * ONE enumeration campaign with a stolen token of a secretariat account: a sequential walk of
    /api/v1/patients/{id} from 3 Tor exits the first night (python-requests, 404 on deleted ids), then
    a slow distributed part during the day from 40 IPs with a browser user agent.

Output: OUT/logs/web1/access.log.gz ... OUT/logs/webN/access.log.gz (one stream per server, requests spread
over the servers per burst like a load balancer), nginx combined + ' "$http_x_forwarded_for" rt=$request_time'
(analyse OUT/logs). OUT/ground-truth.json holds the campaign's truth (accounts, IPs, times, exposed ids) and the world's
counts; OUT/ground-truth-ids.txt lists the exposed ids as ranges ("a-b" or "a", ascending).
Deterministic for given options. Text size counts the uncompressed bytes of all servers.

Modes:
  default          --size MB of text (or --lines N), the world above plus the campaign
  --benign         the world only (no campaign), e.g. --benign --lines 50000000 for the memory target
  --mass-ids N --mass-actors A
                   scale test: instead of the campaign, an unauthenticated distributed enumeration by A
                   actors (one IP each, no account) reading N distinct ids (N/A each, interleaved, no two
                   actors on the same id) from 00:30 local on the first day (--mass-start HOURS) for about 6 h;
                   the dump stops when it is done (15 M ids, 200 k actors: about 15.0 M lines, 2.0 GB of text)

Usage: python3 scripts/gen-bench-logs.py --size 200 --servers 2 --out bench-data/w200x2 [--seed 7]
"""
import argparse, calendar, json, os, random, subprocess, sys, time

p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
p.add_argument("--size", type=float, default=0, help="MB (10^6 bytes) of log text in total (0 = no limit)")
p.add_argument("--lines", type=int, default=0, help="stop after about this many lines (0 = no limit)")
p.add_argument("--servers", type=int, default=2, help="number of web servers, one stream each")
p.add_argument("--out", required=True, help="output directory, or - for text on stdout (1 server)")
p.add_argument("--seed", type=int, default=7)
p.add_argument("--practices", type=int, default=500, help="practices in the world (~2.8 accounts each)")
p.add_argument("--no-gzip", action="store_true", help="write plain access.log files")
p.add_argument("--benign", action="store_true", help="no campaign")
p.add_argument("--campaign-ids", type=int, default=20000, help="ids walked by the night sequential part")
p.add_argument("--slow-ids", type=int, default=5000, help="ids read by the slow distributed part (0 = none)")
p.add_argument("--mass-ids", type=int, default=0, help="scale mode: distinct ids read by the mass enumeration")
p.add_argument("--mass-actors", type=int, default=200000, help="scale mode: actors (IPs) of the mass enumeration")
p.add_argument("--mass-start", type=float, default=0.5, help="scale mode: local hour of the first day it starts (runs ~6 h)")
A = p.parse_args()
if A.out == "-" and A.servers != 1:
    sys.exit("--out - needs --servers 1")
if not (A.size or A.lines or A.mass_ids):
    sys.exit("give --size, --lines or --mass-ids")
R = random.Random(A.seed)
rnd, grb = R.random, R.getrandbits
NS = A.servers
LIMIT_BYTES = int(A.size * 1e6) if A.size else 1 << 62
LIMIT_LINES = A.lines or 1 << 62

# ---------------------------------------------------------------- time (Europe/Paris, EU DST rule)
_dst = {}


def paris_offset(s):
    y = time.gmtime(s).tm_year
    if y not in _dst:
        def last_sunday(m):
            d = calendar.monthrange(y, m)[1]
            while calendar.weekday(y, m, d) != 6:
                d -= 1
            return calendar.timegm((y, m, d, 1, 0, 0))
        _dst[y] = (last_sunday(3), last_sunday(10))
    a, b = _dst[y]
    return 7200 if a <= s < b else 3600


def clf_time(s):
    off = paris_offset(s)
    return time.strftime("%d/%b/%Y:%H:%M:%S", time.gmtime(s + off)) + (" +0200" if off == 7200 else " +0100")


def iso(s):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(s))


START_DAY = calendar.timegm((2026, 3, 2, 0, 0, 0))  # Monday 2 March 2026, local calendar day
START = START_DAY - paris_offset(START_DAY - 3600)   # its local midnight in UTC

# ---------------------------------------------------------------- vocabulary
BROWSERS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:123.0) Gecko/20100101 Firefox/123.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 Edg/122.0.2365.66",
]
DESKTOP = ["MediSoftDesktop/4.12.1 (Windows 10; fr-FR)", "MediSoftDesktop/4.12.1 (Windows 11; fr-FR)",
           "MediSoftDesktop/4.11.7 (Windows 10; fr-FR)"]
CRAWLERS = [("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "66.249.66."),
            ("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", "40.77.167."),
            ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)", "17.241.75.")]
SCANNER_UAS = ["Mozilla/5.0 zgrab/0.x", "curl/8.5.0", "Go-http-client/1.1", "Mozilla/5.0 (Windows NT 6.1; rv:45.0) Gecko/20100101 Firefox/45.0"]
SCAN_PATHS = ["/.env", "/.git/config", "/wp-login.php", "/wp-admin/setup-config.php", "/phpmyadmin/index.php",
              "/actuator/env", "/server-status", "/config.json", "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php",
              "/cgi-bin/luci/;stok=/locale", "/api/v1/../../../../etc/passwd", "/owa/auth/logon.aspx", "/.aws/credentials"]
PUBLIC = ["/", "/tarifs", "/contact", "/fonctionnalites", "/blog/rgpd-et-sante", "/blog/ins-qualifie-mode-emploi",
          "/blog/teleconsultation-2026", "/mentions-legales", "/robots.txt", "/sitemap.xml", "/blog/?page=2"]
ASSETS = [("/static/app.3f9a1c.js", 412_877), ("/static/vendor.8be02d.js", 1_203_551), ("/static/style.c41d7e.css", 88_412),
          ("/static/fonts/inter-var.woff2", 317_880), ("/favicon.ico", 15_086)]
SURNAMES = ["martin", "bernard", "thomas", "petit", "robert", "richard", "durand", "dubois", "moreau", "laurent",
            "simon", "michel", "lefebvre", "leroy", "roux", "david", "bertrand", "morel", "fournier", "girard",
            "bonnet", "dupont", "lambert", "fontaine", "rousseau", "vincent", "muller", "lefevre", "faure", "andre",
            "mercier", "blanc", "guerin", "boyer", "garnier", "chevalier", "francois", "legrand", "gauthier", "garcia"]
SEARCH_NAMES = ["MARTIN", "BERNARD", "DUBOIS", "NGUYEN", "LEFEVRE", "MOREAU", "GARCIA", "DA%20SILVA", "HADDAD",
                "L%27HERMITE", "PETIT", "ROUX", "M%C3%89LANIE", "FRAN%C3%87OIS"]
FR_OCTETS = [2, 5, 31, 37, 46, 62, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 88, 89, 90, 91, 92, 93, 109, 176, 178, 188, 212, 213, 217]
RT = [f"0.{min(999, int(R.expovariate(1 / 25)) + 2):03d}" for _ in range(1024)]  # $request_time, skewed
APP_REF = "https://app.medisoft.example/"
ID_SPACE, ID_BASE = 3_000_000, 100_000    # patient ids of the practices: 100000 .. 3099999
PRIMES = [1_000_003, 999_983, 1_299_709, 1_548_587, 2_750_159, 611_953, 746_773, 1_190_479]


def is_deleted(pid):  # ~3 % of ids are deleted or merged records: 404
    return (pid * 2654435761) % 4294967296 % 100 < 3


def fr_ip():
    return f"{R.choice(FR_OCTETS)}.{R.randrange(256)}.{R.randrange(256)}.{R.randrange(1, 255)}"


def expo(mean, lo=1):
    return max(lo, int(R.expovariate(1 / mean)))


# ---------------------------------------------------------------- output (per-second buckets, per server)
class Out:
    """Lines are built with a NUL where the timestamp goes; each second's lines are joined once."""

    def __init__(self):
        self.files, self.procs = [], []
        if A.out == "-":
            self.files.append(sys.stdout.buffer)
        else:
            for i in range(NS):
                d = os.path.join(A.out, "logs", f"web{i + 1}")
                os.makedirs(d, exist_ok=True)
                if A.no_gzip:
                    self.files.append(open(os.path.join(d, "access.log"), "wb"))
                else:
                    f = open(os.path.join(d, "access.log.gz"), "wb")
                    pr = subprocess.Popen(["gzip", "-6", "-n", "-c"], stdin=subprocess.PIPE, stdout=f)
                    self.procs.append((pr, f))
                    self.files.append(pr.stdin)
        self.pending = [[] for _ in range(NS)]
        self.pending_bytes = [0] * NS
        self.bytes = [0] * NS
        self.lines = [0] * NS
        self.total_bytes = self.total_lines = 0

    def second(self, s, per_server):
        ts = clf_time(s)
        for i, lst in enumerate(per_server):
            if lst:
                chunk = "".join(lst).replace("\0", ts)
                n = len(chunk)
                self.pending[i].append(chunk)
                self.pending_bytes[i] += n
                self.bytes[i] += n
                self.lines[i] += len(lst)
                self.total_bytes += n
                self.total_lines += len(lst)
                if self.pending_bytes[i] > 4_000_000:
                    self.files[i].write("".join(self.pending[i]).encode())
                    self.pending[i], self.pending_bytes[i] = [], 0

    def close(self):
        for i in range(NS):
            self.files[i].write("".join(self.pending[i]).encode())
            self.files[i].flush()
        for pr, f in self.procs:
            pr.stdin.close()
            pr.wait()
            f.close()


BUCKETS = {}


def bucket(s):
    b = BUCKETS.get(s)
    if b is None:
        b = BUCKETS[s] = [[] for _ in range(NS)]
    return b


def head(ip, user):
    return f'{ip} - {user} [\0] "'


def tail(ref, ua):
    return f' "{ref}" "{ua}" "-" rt='


# ---------------------------------------------------------------- the world
class Practice:
    __slots__ = ("ip", "dynamic", "base", "stride", "size", "seed")


class Staff:
    __slots__ = ("user", "kind", "pr", "ua", "browser", "home_ip", "saturday", "tail", "home_tail")


def build_world():
    practices, staff, used = [], [], set()
    for i in range(A.practices):
        pr = Practice()
        pr.ip, pr.dynamic, pr.seed = fr_ip(), rnd() < 0.04, R.getrandbits(32)
        r = rnd()
        kinds = (["gp"] if r < 0.55 else ["gp"] * R.randint(2, 5) + ["sec"] * R.randint(1, 2) if r < 0.93
                 else ["desk"] * R.randint(2, 4) + ["sec"] * R.randint(1, 3))
        pr.size = R.randint(800, 2000) if r < 0.55 else R.randint(3000, 9000) if r < 0.93 else R.randint(30000, 90000)
        pr.base, pr.stride = R.randrange(ID_SPACE), R.choice(PRIMES)
        practices.append(pr)
        for k in kinds:
            st = Staff()
            while True:
                st.user = {"gp": "dr.", "sec": "sec.", "desk": "acc."}[k] + R.choice(SURNAMES) + str(R.randrange(1, 1000))
                if st.user not in used:
                    used.add(st.user)
                    break
            st.kind, st.pr = k, pr
            st.browser = rnd() < 0.3
            st.ua = R.choice(BROWSERS) if st.browser else R.choice(DESKTOP)
            st.tail = tail(APP_REF if st.browser else "-", st.ua)
            st.home_ip = fr_ip() if k == "gp" and rnd() < 0.1 else None
            st.home_tail = tail(APP_REF, BROWSERS[1])
            st.saturday = k == "gp" and rnd() < 0.3
            staff.append(st)
    return practices, staff


def patient(pr, k):
    pid = ID_BASE + (pr.base + k * pr.stride) % ID_SPACE
    while is_deleted(pid):
        pid += 1
    return pid


def practice_ip(pr, day):
    if not pr.dynamic or day == 0:
        return pr.ip
    r = random.Random(pr.seed * 1000 + day)
    return f"{r.choice(FR_OCTETS)}.{r.randrange(256)}.{r.randrange(256)}.{r.randrange(1, 255)}"


def staff_session(st, ip, tl, t, end, n_open, gap_mean, evening):
    """One working session: login, then patient openings at human pace until `end`; yields wake times."""
    hd = head(ip, st.user)
    hd_anon = head(ip, "-")
    pr, kind = st.pr, st.kind
    recent = []
    yield t
    srv = int(rnd() * NS)
    b = bucket(t)[srv]
    if rnd() < 0.03:  # a typo first
        b.append(f'{hd_anon}POST /api/v1/auth/login HTTP/1.1" 401 96{tl}{RT[grb(10)]}\n')
    b.append(f'{hd_anon}POST /api/v1/auth/login HTTP/1.1" 200 412{tl}{RT[grb(10)]}\n')
    if st.browser or evening:
        for a, sz in ASSETS:
            b.append(f'{hd}GET {a} HTTP/1.1" {"304 0" if rnd() < 0.7 else f"200 {sz}"}{tl}{RT[grb(10)]}\n')
    next_poll = t + 60
    expired = t + 3600 * R.randint(4, 9) if rnd() < 0.3 else 1 << 62
    opened = 0
    while opened < n_open:
        t += expo(gap_mean, 3)
        if t >= end:
            return
        yield t
        srv = int(rnd() * NS)
        bk = bucket(t)
        b = bk[srv]
        if t >= expired:  # token expired: one 401, then a new login
            b.append(f'{hd_anon}GET /api/v1/agenda?date=today HTTP/1.1" 401 96{tl}{RT[grb(10)]}\n')
            b.append(f'{hd_anon}POST /api/v1/auth/login HTTP/1.1" 200 412{tl}{RT[grb(10)]}\n')
            expired = 1 << 62
        if t >= next_poll and not evening:  # agenda/notifications polling of the app
            b.append(f'{hd}GET /api/v1/agenda?date=today&view={kind} HTTP/1.1" 200 {800 + grb(11)}{tl}{RT[grb(10)]}\n')
            next_poll = t + 240 + grb(7)
        r = rnd()
        if r < 0.12:  # search by name first
            b.append(f'{hd}GET /api/v1/patients?name={SEARCH_NAMES[grb(3)]}&page=1&size=20 HTTP/1.1" 200 {3000 + grb(12)}{tl}{RT[grb(10)]}\n')
            if r < 0.02:
                b.append(f'{hd}GET /api/v1/patients?name={SEARCH_NAMES[grb(3) + 6]}&page=2&size=20 HTTP/1.1" 200 {1500 + grb(12)}{tl}{RT[grb(10)]}\n')
        if recent and rnd() < 0.2:
            pid = recent[int(rnd() * len(recent))]  # back to a patient of the day
        else:
            # most openings from the practice's patient list (a third of it sees most of the activity)
            k = int(rnd() * pr.size) if rnd() < 0.4 else int(rnd() * pr.size / 3)
            pid = patient(pr, k)
            recent.append(pid)
            opened += 1
        pp = f"/api/v1/patients/{pid}"
        b.append(f'{hd}GET {pp} HTTP/1.1" 200 {1900 + int(rnd() * 700)}{tl}{RT[grb(10)]}\n')
        if kind == "gp":
            nb = bucket(t + 1 + grb(1))[srv]
            for sub in ("observations?_count=20", "prescriptions", "documents", "allergies")[: 1 + grb(2)]:
                nb.append(f'{hd}GET {pp}/{sub} HTTP/1.1" 200 {600 + grb(13)}{tl}{RT[grb(10)]}\n')
            if rnd() < 0.3:
                bucket(t + 60 + grb(8))[srv].append(f'{hd}POST {pp}/observations HTTP/1.1" 201 {300 + grb(9)}{tl}{RT[grb(10)]}\n')
        elif rnd() < 0.4:
            sub = "appointments" if kind == "sec" else "coverage"
            bucket(t + 1 + grb(1))[srv].append(f'{hd}GET {pp}/{sub} HTTP/1.1" 200 {400 + grb(11)}{tl}{RT[grb(10)]}\n')
        if st.browser and rnd() < 0.05:
            b.append(f'{hd}GET /static/app.3f9a1c.js HTTP/1.1" 304 0{tl}{RT[grb(10)]}\n')


def staff_day(st, day, day_utc, dow):
    """The working day of one account (wrapped sessions: morning, afternoon, maybe evening from home)."""
    local = day_utc  # local midnight in UTC
    ip, tl = practice_ip(st.pr, day), st.tail
    if dow == 5:
        a, e = 8 * 3600 + R.randrange(3600), 12 * 3600 + R.randrange(1800)
        parts = [(a, e)]
    else:
        if st.kind == "desk":
            a = 7 * 3600 + R.randrange(1800)
            e = 18 * 3600 + R.randrange(3600)
            lunch = 12 * 3600 + R.randrange(3600)
            parts = [(a, lunch), (lunch + 1800 + R.randrange(900), e)]
        else:
            a = int(7.5 * 3600) + R.randrange(7200)
            e = a + 9 * 3600 + R.randrange(-3600, 3600)
            lunch = 12 * 3600 + R.randrange(3600)
            parts = [(a, lunch), (lunch + 2700 + R.randrange(3600), e)]
    n_day = {"gp": R.randint(35, 100), "sec": R.randint(120, 360), "desk": R.randint(1000, 1400)}[st.kind]
    work = sum(e - a for a, e in parts)
    for a, e in parts:
        n = max(1, n_day * (e - a) // work)
        yield from staff_session(st, ip, tl, local + a, local + e, n, (e - a) / (n * 1.25), False)
    if st.home_ip and dow < 5 and rnd() < 0.3:
        a = 20 * 3600 + R.randrange(5400)
        yield from staff_session(st, st.home_ip, st.home_tail, local + a, local + a + 3600, R.randint(5, 15), 240, True)


def probes():
    """kube-probe on each server every 10 s (direct to that server, not load-balanced)."""
    lines = [head(f"10.0.{i}.1", "-") + 'GET /healthz HTTP/1.1" 200 2' + tail("-", "kube-probe/1.29") + "0.001\n" for i in range(NS)]
    return lines


def crawlers(t):
    while True:
        t += expo(20)
        yield t
        ua, net = CRAWLERS[int(rnd() * 2.3)]
        path = PUBLIC[int(rnd() * len(PUBLIC))]
        st = "200" if rnd() < 0.9 else R.choice(["301", "304", "404"])
        bucket(t)[int(rnd() * NS)].append(f'{head(net + str(1 + grb(7)), "-")}GET {path} HTTP/1.1" {st} {2000 + grb(15)}{tail("-", ua)}{RT[grb(10)]}\n')


def visitors(t):
    """Humans on the public site (07:00-23:00 local): a page and its assets."""
    while True:
        t += expo(90)
        h = (t + paris_offset(t)) % 86400
        if h < 7 * 3600 or h > 23 * 3600:
            continue
        yield t
        hd, tl = head(fr_ip(), "-"), tail("https://www.google.com/", R.choice(BROWSERS))
        b = bucket(t)[int(rnd() * NS)]
        b.append(f'{hd}GET {PUBLIC[int(rnd() * 8)]} HTTP/1.1" 200 {9000 + grb(14)}{tl}{RT[grb(10)]}\n')
        tl = tail("https://www.medisoft.example/", tl.split('"')[3])
        for a, sz in ASSETS[2:]:
            b.append(f'{hd}GET {a} HTTP/1.1" 200 {sz}{tl}{RT[grb(10)]}\n')


def scanners(t):
    while True:
        t += expo(3 * 3600)
        hd, tl = head(f"{R.choice([45, 103, 185, 193, 194])}.{grb(8)}.{grb(8)}.{1 + grb(7)}", "-"), tail("-", R.choice(SCANNER_UAS))
        for _ in range(R.randint(15, 60)):
            t += 1 + grb(1)
            yield t
            path = SCAN_PATHS[int(rnd() * len(SCAN_PATHS))]
            bucket(t)[int(rnd() * NS)].append(f'{hd}GET {path} HTTP/1.1" {"400" if ".." in path else "404"} 153{tl}{RT[grb(10)]}\n')


def lab_night(t):
    """Partner lab: pages through lab results from a fixed IP with its own agent (non-patient resource)."""
    yield t
    hd, tl = head("193.48.10.20", "partner.labo"), tail("-", "LaboConnect-Sync/2.3 (+https://labo.example)")
    bucket(t)[0].append(f'{head("193.48.10.20", "-")}POST /api/v1/auth/token HTTP/1.1" 200 388{tl}0.041\n')
    for page in range(1, R.randint(200, 400)):
        t += 2 + grb(2)
        yield t
        bucket(t)[int(rnd() * NS)].append(f'{hd}GET /api/v1/lab-results?page={page}&size=100 HTTP/1.1" 200 {60000 + grb(15)}{tl}{RT[grb(10)]}\n')


# ---------------------------------------------------------------- the campaign (ground truth recorded as emitted)
TRUTH = {"parts": []}
EXPOSED = []  # ids answered 200 to the campaign, in emission order


def campaign(victim, t):
    token = "eyJhbGciOiJIUzI1NiJ9.c2VjLnZpY3RpbQ.U1RPTEVOX1RPS0VO"
    first_id = 1_200_000
    ips = ["185.220.101.34", "185.220.101.35", "185.220.101.36"]
    tl = tail("-", "python-requests/2.31.0")
    part = {"name": "night sequential walk", "account": victim.user, "ips": ips, "user_agent": "python-requests/2.31.0",
            "endpoint": "/api/v1/patients/{id}?access_token=...", "first": iso(t), "requests": 0, "ok": 0, "not_found": 0,
            "id_range": [first_id, first_id + A.campaign_ids - 1]}
    TRUTH["parts"].append(part)
    pid, end = first_id, first_id + A.campaign_ids
    while pid < end:
        yield t
        b = bucket(t)[int(rnd() * NS)]
        for _ in range(1 + (rnd() < 0.45) + (rnd() < 0.1)):  # ~1.6 requests a second
            hd = head(ips[(part["requests"] // 600) % 3], victim.user)
            miss = is_deleted(pid)
            b.append(f'{hd}GET /api/v1/patients/{pid}?access_token={token} HTTP/1.1" {"404 180" if miss else f"200 {1900 + grb(9)}"}{tl}{RT[grb(10)]}\n')
            part["requests"] += 1
            part["not_found" if miss else "ok"] += 1
            if not miss:
                EXPOSED.append(pid)
            part["last"] = iso(t)
            pid += 1
            if pid >= end:
                break
        t += 1
    if A.slow_ids <= 0:
        return
    # slow distributed part: 09:10 local the same day, 40 IPs, one id every 2-6 min per IP, browser agent
    t = START + 9 * 3600 + 600
    ips = [f"{R.choice([51, 54, 104, 138, 159, 167])}.{grb(8)}.{grb(8)}.{1 + grb(7)}" for _ in range(40)]
    tl = tail("-", BROWSERS[0])
    part = {"name": "slow distributed walk", "account": victim.user, "ips": ips, "user_agent": BROWSERS[0],
            "endpoint": "/api/v1/patients/{id}?access_token=...", "first": iso(t), "requests": 0, "ok": 0, "not_found": 0,
            "id_range": [end, end + A.slow_ids - 1]}
    TRUTH["parts"].append(part)
    for pid in range(end, end + A.slow_ids):
        t += expo(240 / 40)
        yield t
        miss = is_deleted(pid)
        bucket(t)[int(rnd() * NS)].append(f'{head(ips[pid % 40], victim.user)}GET /api/v1/patients/{pid}?access_token={token} HTTP/1.1" {"404 180" if miss else f"200 {1900 + grb(9)}"}{tl}{RT[grb(10)]}\n')
        part["requests"] += 1
        part["not_found" if miss else "ok"] += 1
        if not miss:
            EXPOSED.append(pid)
        part["last"] = iso(t)


def mass(t):
    """Scale mode: A actors (IP + agent, no account) read ids MASS_BASE + a + k*A, round k, each second's share."""
    n, na = A.mass_ids, A.mass_actors
    base = 20_000_000
    per = -(-n // na)
    uas = ["python-requests/2.31.0", "Go-http-client/1.1", "okhttp/4.12.0", "curl/8.5.0"]
    tails = [tail("-", u) for u in uas]
    firsts = [5, 31, 37, 45, 46, 77, 78, 79, 80, 82, 85, 88, 89, 91, 94, 95, 103, 109, 176, 178, 185, 188, 193, 212, 213, 217]
    heads = []
    for a in range(na):
        x = (a * 0x9E3779B1 + 12345) & 0xFFFFFF  # bijective over 24 bits: distinct IPs
        heads.append(head(f"{firsts[a % len(firsts)]}.{x >> 16}.{(x >> 8) & 255}.{x & 255}", "-"))
    window = 6 * 3600 // per
    part = {"name": "mass unauthenticated distributed enumeration", "account": None, "ips": f"{na} distinct IPs",
            "endpoint": "/api/v1/patients/{id}", "first": iso(t), "requests": 0, "ok": 0, "not_found": 0,
            "id_range": [base, base + n - 1], "actors": na}
    TRUTH["parts"].append(part)
    i = 0
    for k in range(per):
        P = int(window * (0.85 + 0.3 * rnd()))
        for sec in range(P):
            a_hi = min(na, (sec + 1) * na // P)
            a_lo = sec * na // P
            yield t
            b = bucket(t)[int(rnd() * NS)]
            for a in range(a_lo, a_hi):
                i = k * na + a
                if i >= n:
                    break
                b.append(f'{heads[a]}GET /api/v1/patients/{base + i} HTTP/1.1" 200 {1900 + grb(9)}{tails[a & 3]}{RT[grb(10)]}\n')
                part["requests"] += 1
            part["ok"] = part["requests"]
            part["last"] = iso(t)
            t += 1


# ---------------------------------------------------------------- simulation loop
def main():
    t0 = time.time()
    practices, staff = build_world()
    out = Out()
    due = {}

    def schedule(g):
        try:
            w = next(g)
        except StopIteration:
            return
        due.setdefault(w, []).append(g)

    schedule(crawlers(START))
    schedule(visitors(START))
    schedule(scanners(START))
    victim = next(s for s in staff if s.kind == "sec")
    if A.mass_ids:
        schedule(mass(START + int(A.mass_start * 3600)))
    elif not A.benign:
        schedule(campaign(victim, START + 3600 + 12 * 60 + 4))
    probe_lines = probes()
    s, day, next_day = START, 0, START
    while True:
        if s == next_day:
            day_cal = START_DAY + day * 86400
            dow = (day_cal // 86400 + 3) % 7  # 0 = Monday
            mid = day_cal - paris_offset(day_cal + 12 * 3600)
            schedule(lab_night(mid + 2 * 3600 + R.randrange(900)))
            if dow <= 5:
                for st in staff:
                    if (dow < 5 or st.saturday) and rnd() > 0.05:  # 5 % off (leave, sick days)
                        schedule(staff_day(st, day, mid, dow))
            day += 1
            nxt = START_DAY + day * 86400
            next_day = nxt - paris_offset(nxt + 12 * 3600)
        gens = due.pop(s, None)
        if gens:
            for g in gens:
                try:
                    w = next(g)
                except StopIteration:
                    continue
                due.setdefault(w if w > s else s + 1, []).append(g)
        if s % 10 == 0:
            bk = bucket(s)
            for i in range(NS):
                bk[i].append(probe_lines[i])
        bk = BUCKETS.pop(s, None)
        if bk:
            out.second(s, bk)
        s += 1
        if out.total_bytes >= LIMIT_BYTES or out.total_lines >= LIMIT_LINES:
            break
        if A.mass_ids and TRUTH["parts"] and TRUTH["parts"][0]["requests"] >= A.mass_ids:
            break
    out.close()
    write_truth(practices, staff, victim, out, s, t0)


def write_truth(practices, staff, victim, out, s, t0):
    ranges = []
    if A.mass_ids:  # emitted in id order: one range
        ranges.append([TRUTH["parts"][0]["id_range"][0], TRUTH["parts"][0]["id_range"][0] + TRUTH["parts"][0]["ok"] - 1])
    for x in EXPOSED:
        if ranges and ranges[-1][1] == x - 1:
            ranges[-1][1] = x
        else:
            ranges.append([x, x])
    exposed = sum(b - a + 1 for a, b in ranges)
    kinds = {k: sum(1 for st in staff if st.kind == k) for k in ("gp", "sec", "desk")}
    TRUTH.update({
        "generator": "scripts/gen-bench-logs.py", "options": vars(A),
        "first_time": iso(START), "end_time": iso(s),
        "servers": [{"file": f"logs/web{i + 1}/access.log" + ("" if A.no_gzip else ".gz"), "lines": out.lines[i],
                     "text_bytes": out.bytes[i]} for i in range(NS)],
        "lines": out.total_lines, "text_bytes": out.total_bytes,
        "world": {"practices": len(practices), "accounts": len(staff), "accounts_by_kind": kinds,
                  "victim_account": None if (A.benign or A.mass_ids) else victim.user},
        "exposed_distinct_ids": exposed,
        "note": "exposed = ids the campaign received with 200 (404 = deleted records are not exposed); "
                "benign accounts may have read some of the same ids legitimately",
    })
    if A.out != "-":
        with open(os.path.join(A.out, "ground-truth.json"), "w") as f:
            json.dump(TRUTH, f, indent=1)
        with open(os.path.join(A.out, "ground-truth-ids.txt"), "w") as f:
            f.write("".join(f"{a}\n" if a == b else f"{a}-{b}\n" for a, b in ranges))
    dt = time.time() - t0
    print(f"gen-bench-logs: {out.total_lines} lines, {out.total_bytes / 1e6:.1f} MB of text over {NS} server(s), "
          f"{iso(START)} .. {iso(s)}, {len(staff)} accounts in {len(practices)} practices; campaign exposed "
          f"{exposed} distinct ids; {dt:.1f} s ({out.total_bytes / 1e6 / max(dt, 1e-9):.1f} MB/s)", file=sys.stderr)


if __name__ == "__main__":
    main()
