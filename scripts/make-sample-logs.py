#!/usr/bin/env python3
"""Generate SampleLogs/: small, realistic access logs of a (fictional) French medical-software
vendor's patient API, in every format LogForensics reads, with one incident in them.

Deterministic: the same script gives byte-identical files (seeded RNG, gzip without name/mtime).

The story (all names, IPs and identifiers are made up):
  * "MediSoft Cloud" serves GP practices and hospital secretariats. Its API runs behind nginx on
    two servers (api-1: rotated combined logs; api-2: JSON lines behind a gateway) and a legacy
    IIS SOAP service (W3C logs).
  * 2026-03-02..04: normal use by ~40 practices (GPs open tens of patients a day, secretariats
    hundreds), a monitoring probe, a search-engine crawler on public pages, and a lab partner
    paging through lab results at night.
  * The incident: from 2026-03-03 01:12 UTC an attacker with a stolen API token of the account
    "sec.dupont" walks /api/v1/patients/{id} in order from two IPs with python-requests
    (404s on gaps), and probes NIRs on the legacy SOAP service (200 for hits and misses; only the
    response size differs).
Also: a truncated .gz (a copy cut short during export) and a multi-member .gz.

Usage: python3 scripts/make-sample-logs.py [OUTDIR]   (default: SampleLogs)
"""
import gzip, io, os, random, sys, zlib
from datetime import datetime, timedelta, timezone

OUT = sys.argv[1] if len(sys.argv) > 1 else "SampleLogs"
R = random.Random(20260302)
UTC = timezone.utc
PARIS = timezone(timedelta(hours=1))  # CET in early March

BROWSERS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:123.0) Gecko/20100101 Firefox/123.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_3) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15",
]
DESKTOP_APP = "MediSoftDesktop/4.12.1 (Windows 10; fr-FR)"
CRAWLER = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
PROBE = "kube-probe/1.29"
LAB = "LaboConnect-Sync/2.3 (+https://labo.example)"
ATTACK_UA = "python-requests/2.31.0"

PATIENT_IDS = list(range(100001, 160001))  # 60,000 patients, ids mostly dense
GAPS = set(R.sample(PATIENT_IDS, 3000))  # deleted/merged records -> 404


def clf_time(t):
    t = t.astimezone(PARIS)
    return t.strftime("%d/%b/%Y:%H:%M:%S ") + t.strftime("%z")


def practices():
    ps = []
    for i in range(40):
        kind = "secretariat" if i % 8 == 0 else "gp"
        ps.append({
            "user": ("sec." if kind == "secretariat" else "dr.") + R.choice(
                ["martin", "bernard", "thomas", "petit", "robert", "richard", "durand", "leroy", "moreau", "simon",
                 "laurent", "lefebvre", "michel", "garcia", "david", "bertrand", "roux", "vincent", "fournier",
                 "morel"]) + str(i),
            "ip": f"81.{50 + i % 7}.{(i * 37) % 250}.{10 + i}",
            "ua": DESKTOP_APP if i % 3 else R.choice(BROWSERS),
            "kind": kind,
            "patients": R.sample(PATIENT_IDS, 400 if kind == "gp" else 2500),
        })
    ps.append({"user": "sec.dupont", "ip": "90.12.44.7", "ua": DESKTOP_APP, "kind": "secretariat",
               "patients": R.sample(PATIENT_IDS, 2500)})
    return ps


def day_events(day, ps):
    """Benign requests for one day: (time, ip, user, method, target, status, bytes, ua, referer)."""
    ev = []
    base = datetime(2026, 3, day, tzinfo=UTC)
    for p in ps:
        n = R.randint(15, 40) if p["kind"] == "gp" else R.randint(120, 220)
        t = base + timedelta(hours=7, minutes=R.randint(0, 60))
        ev.append((t, p["ip"], p["user"], "POST", "/api/v1/auth/login", 200, 412, p["ua"], "-"))
        for _ in range(n):
            t += timedelta(seconds=R.randint(40, 600) if p["kind"] == "gp" else R.randint(20, 150))
            if t.hour >= 19:
                break
            pid = R.choice(p["patients"])
            st = 404 if pid in GAPS else 200
            ev.append((t, p["ip"], p["user"], "GET", f"/api/v1/patients/{pid}", st, 180 if st == 404 else R.randint(1900, 2600), p["ua"], "-"))
            for sub in R.sample(["observations", "prescriptions", "documents"], R.randint(0, 2)):
                t += timedelta(seconds=R.randint(1, 4))
                ev.append((t, p["ip"], p["user"], "GET", f"/api/v1/patients/{pid}/{sub}?limit=20", 200, R.randint(800, 9000), p["ua"], "-"))
            if R.random() < 0.1:
                t += timedelta(seconds=R.randint(2, 9))
                ev.append((t, p["ip"], p["user"], "GET", "/api/v1/patients?name=" + R.choice(["MARTIN", "DUBOIS", "NGUYEN", "LEFEVRE"]) + "&page=1&size=20", 200, R.randint(3000, 9000), p["ua"], "-"))
    # monitoring probe every 5 minutes
    t = base
    while t < base + timedelta(days=1):
        ev.append((t, "10.0.3.15", "-", "GET", "/healthz", 200, 2, PROBE, "-"))
        t += timedelta(minutes=5)
    # crawler on public pages
    for _ in range(60):
        t = base + timedelta(seconds=R.randint(0, 86399))
        ev.append((t, "66.249.66." + str(R.randint(1, 200)), "-", "GET", R.choice(["/", "/tarifs", "/contact", "/blog/rgpd-et-sante", "/robots.txt", "/mentions-legales"]), 200, R.randint(3000, 40000), CRAWLER, "-"))
    # lab partner pulls lab results page by page at night
    t = base + timedelta(hours=2)
    for page in range(1, 41):
        t += timedelta(seconds=R.randint(2, 6))
        ev.append((t, "193.48.10.20", "partner.labo", "GET", f"/api/v1/lab-results?page={page}&size=100", 200, R.randint(60000, 90000), LAB, "-"))
    return ev


def attack_events():
    ev = []
    t = datetime(2026, 3, 3, 1, 12, 4, tzinfo=UTC)
    ips = ["185.220.101.34", "185.220.101.35"]
    token = "eyJhbGciOiJIUzI1NiJ9.c2VjLmR1cG9udA.Qk9HVVNfVE9LRU4"
    for i, pid in enumerate(range(118000, 121600)):
        t += timedelta(milliseconds=R.randint(350, 900))
        st = 404 if pid in GAPS else 200
        ev.append((t, ips[(i // 600) % 2], "sec.dupont", "GET", f"/api/v1/patients/{pid}?access_token={token}", st,
                   180 if st == 404 else R.randint(1900, 2600), ATTACK_UA, "-"))
    return ev, t


def write(path, text, gz=False, members=1, truncate_at=None):
    path = os.path.join(OUT, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data = text.encode("utf-8")
    if gz:
        parts = []
        step = len(data) // members
        cut = 0
        for m in range(members):
            end = len(data) if m == members - 1 else (cut + step)
            buf = io.BytesIO()
            with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as g:
                g.write(data[cut:end])
            parts.append(buf.getvalue())
            cut = end
        data = b"".join(parts)
        if truncate_at:
            data = data[: int(len(data) * truncate_at)]
    with open(path, "wb") as f:
        f.write(data)


def combined(e, extra=""):
    t, ip, user, m, target, st, b, ua, ref = e
    return f'{ip} - {user} [{clf_time(t)}] "{m} {target} HTTP/1.1" {st} {b} "{ref}" "{ua}"{extra}\n'


def main():
    ps = practices()
    attack, attack_end = attack_events()
    days = {d: sorted(day_events(d, ps), key=lambda e: e[0]) for d in (2, 3, 4)}
    # api-1: rotated nginx combined + "$http_x_forwarded_for" rt=$request_time; half of the practices
    # (rotated at midnight UTC, compressed except the current file; the dump was taken 2026-03-04 12:00 UTC)
    for d, name in ((2, "patient-api.log.2.gz"), (3, "patient-api.log.1.gz"), (4, "patient-api.log")):
        evs = [e for e in days[d] if zlib.crc32(e[1].encode()) % 2 == 0 or e[7] in (PROBE, CRAWLER)]
        if d == 4:
            evs = [e for e in evs if e[0].hour < 12]
        if d == 3:
            evs = sorted(evs + attack, key=lambda e: e[0])
        lines = "".join(combined(e, f' "-" rt={R.randint(3, 90) / 1000:.3f}') for e in evs)
        write(f"api-1/{name}", lines, gz=name.endswith(".gz"))
    # api-2: gateway JSON lines (Traefik-like), two gzip members
    import json
    out = []
    for d in (2, 3, 4):
        for e in days[d]:
            if zlib.crc32(e[1].encode()) % 2 == 1 and e[7] not in (PROBE, CRAWLER):
                t, ip, user, m, target, st, b, ua, ref = e
                path, _, q = target.partition("?")
                out.append(json.dumps({"StartUTC": t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z",
                    "ClientHost": ip, "RequestMethod": m, "RequestPath": target, "DownstreamStatus": st,
                    "DownstreamContentSize": b, "request_User-Agent": ua, "ClientUsername": user,
                    "Duration": R.randint(2_000_000, 80_000_000), "RouterName": "api@file"}, sort_keys=True) + "\n")
    write("api-2/gateway.jsonl.gz", "".join(out), gz=True, members=2)
    # legacy IIS SOAP service: NIR probing on day 3, normal lookups otherwise (W3C, two daily files)
    for d in (3, 4):
        hdr = ("#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n"
               f"#Date: 2026-03-0{d} 00:00:00\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status sc-bytes time-taken\n")
        rows = []
        base = datetime(2026, 3, d, 8, tzinfo=UTC)
        for i in range(150):
            t = base + timedelta(seconds=i * 180 + R.randint(0, 60))
            nir = f"{R.choice('12')}{R.randint(40, 99):02d}{R.randint(1, 12):02d}75{R.randint(101, 120):03d}{R.randint(1, 999):03d}"
            rows.append(f"{t:%Y-%m-%d %H:%M:%S} 10.1.0.5 GET /ws/PatientService.asmx/GetPatient nir={nir}&apikey=PARTNER-7f3a9 443 - 81.250.3.9 MediSoftDesktop/4.12.1+(Windows+10) - 200 0 0 {R.randint(2100, 2500)} {R.randint(20, 90)}\n")
        if d == 3:
            t = datetime(2026, 3, 3, 2, 40, tzinfo=UTC)
            for k in range(800):
                t += timedelta(seconds=R.randint(1, 3))
                nir = f"1850375{R.randint(100, 130):03d}{R.randint(1, 999):03d}"
                hit = R.random() < 0.08
                rows.append(f"{t:%Y-%m-%d %H:%M:%S} 10.1.0.5 GET /ws/PatientService.asmx/GetPatient nir={nir}&apikey=LEAKED-0c41d2 443 - 185.220.101.36 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - 200 0 0 {R.randint(2100, 2500) if hit else 312} {R.randint(15, 40)}\n")
        rows.sort()
        write(f"legacy-iis/u_ex2603{d:02d}.log", hdr + "".join(rows))
    # load balancer (ALB) in front of api-1, a few hundred lines on day 4
    rows = []
    for e in days[4][:150]:
        t, ip, user, m, target, st, b, ua, ref = e
        rows.append(f'https {t:%Y-%m-%dT%H:%M:%S}.{t.microsecond:06d}Z app/medisoft-prod/50dc6c495c0c9188 {ip}:{R.randint(1024, 65000)} 10.0.1.12:443 0.000 0.{R.randint(1, 90):03d} 0.000 {st} {st} {R.randint(200, 900)} {b} "{m} https://api.medisoft.example:443{target} HTTP/1.1" "{ua}" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:eu-west-3:123456789012:targetgroup/api/73e2d6bc24d8a067 "Root=1-{R.getrandbits(32):08x}-{R.getrandbits(96):024x}" "api.medisoft.example" "arn:aws:acm:eu-west-3:123456789012:certificate/12345678-1234-1234-1234-123456789012" 0 {t:%Y-%m-%dT%H:%M:%S}.{t.microsecond:06d}Z "forward" "-" "-" "10.0.1.12:443" "{st}" "-" "-"\n')
    write("loadbalancer/alb-2026-03-04.log", "".join(rows))
    # small files in other formats (a public website and a document store)
    site = [e for e in days[4] if e[7] in (CRAWLER,)][:40]
    write("misc/www-common.log", "".join(f'{e[1]} - - [{clf_time(e[0])}] "GET {e[4]} HTTP/1.1" {e[5]} {e[6]}\n' for e in site))
    write("misc/www-vhosts.log", "".join(f'www.medisoft.example:443 {combined(e)}' for e in site))
    write("misc/www-ltsv.log", "".join(f"time:{clf_time(e[0])}\thost:{e[1]}\tmethod:GET\turi:{e[4]}\tstatus:{e[5]}\tsize:{e[6]}\treqtime:0.0{R.randint(10, 99)}\tua:{e[7]}\n" for e in site))
    zeek = ["#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-", "#path\thttp",
            "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\ttrans_depth\tmethod\thost\turi\treferrer\tversion\tuser_agent\trequest_body_len\tresponse_body_len\tstatus_code\tstatus_msg",
            "#types\ttime\tstring\taddr\tport\taddr\tport\tcount\tstring\tstring\tstring\tstring\tstring\tstring\tcount\tcount\tcount\tstring"]
    for i, e in enumerate(site):
        zeek.append(f"{e[0].timestamp():.6f}\tC{i:05d}x\t{e[1]}\t{R.randint(1024, 65000)}\t10.0.2.10\t80\t1\tGET\twww.medisoft.example\t{e[4]}\t-\t1.1\t{e[7]}\t0\t{e[6]}\t{e[5]}\tOK")
    write("misc/zeek-http.log", "\n".join(zeek) + "\n")
    write("misc/haproxy.log", "".join(
        f"Mar  4 {e[0]:%H:%M:%S} lb1 haproxy[2211]: {e[1]}:{R.randint(1024, 65000)} [{e[0]:%d/%b/%Y:%H:%M:%S}.{e[0].microsecond // 1000:03d}] www~ web/web1 0/0/1/{R.randint(2, 40)}/{R.randint(3, 60)} {e[5]} {e[6]} - - ---- 3/3/0/0/0 0/0 \"GET {e[4]} HTTP/1.1\"\n"
        for e in site) + "Mar  4 23:59:59 lb1 haproxy[2211]: 198.51.100.7:51234 [04/Mar/2026:23:59:59.001] www/1: SSL handshake failure\n")
    write("misc/docs-s3.log", "".join(
        f'79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be medisoft-docs [{clf_time(e[0])}] {e[1]} - {R.getrandbits(64):016X} REST.GET.OBJECT public/brochure.pdf "GET /medisoft-docs/public/brochure.pdf HTTP/1.1" 200 - {e[6]} {e[6]} {R.randint(5, 40)} {R.randint(1, 9)} "-" "{e[7]}" - {R.getrandbits(64):016x}= SigV4 ECDHE-RSA-AES128-GCM-SHA256 - medisoft-docs.s3.eu-west-3.amazonaws.com TLSv1.2 - -\n'
        for e in site[:15]))
    write("misc/cdn-cloudfront.log", "".join(
        f"{e[0]:%Y-%m-%d}\t{e[0]:%H:%M:%S}\tCDG50-C1\t{e[6]}\t{e[1]}\tGET\td111111abcdef8.cloudfront.net\t{e[4]}\t{e[5]}\t-\t{e[7].replace(' ', '%20')}\t-\t-\tHit\t{R.getrandbits(64):016x}==\twww.medisoft.example\thttps\t{R.randint(100, 400)}\t0.00{R.randint(1, 9)}\t-\tTLSv1.3\tTLS_AES_128_GCM_SHA256\tHit\tHTTP/2.0\t-\t-\t{R.randint(1024, 65000)}\t0.00{R.randint(1, 9)}\tHit\ttext/html\t{e[6]}\t-\t-\n"
        for e in site[:20]))
    caddy = []
    for e in site[:20]:
        caddy.append(json.dumps({"level": "info", "ts": round(e[0].timestamp(), 3), "logger": "http.log.access", "msg": "handled request",
            "request": {"remote_ip": e[1], "proto": "HTTP/2.0", "method": "GET", "host": "status.medisoft.example", "uri": e[4],
                        "headers": {"User-Agent": [e[7]]}}, "duration": 0.0012, "size": e[6], "status": e[5]}, sort_keys=True) + "\n")
    write("misc/status-caddy.jsonl", "".join(caddy))
    # an export copy cut short: the first 60% of a gzip of api-1 traffic of 2026-03-01
    early = sorted(day_events(1, ps[:10]), key=lambda e: e[0])
    write("archive/api-1-2026-03-01.log.gz", "".join(combined(e, ' "-" rt=0.012') for e in early), gz=True, truncate_at=0.6)


if __name__ == "__main__":
    main()
