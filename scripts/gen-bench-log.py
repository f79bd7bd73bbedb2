#!/usr/bin/env python3
"""Write a large, realistic nginx combined access log (patient API + web traffic) to stdout.

Usage: python3 scripts/gen-bench-log.py SIZE_MB [SEED] | gzip -6 > bench.log.gz

Deterministic for a given size and seed. Lines look like the API in SampleLogs/ (many practices,
crawlers, health checks, a lab integration and one enumeration), so the benchmark exercises the
same code paths as real use: varied IPs, user agents, paths with ids, queries, and escapes.
"""
import random, sys
from datetime import datetime, timedelta, timezone

size = int(float(sys.argv[1]) * 1_000_000)
R = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
UAS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:123.0) Gecko/20100101 Firefox/123.0",
    "MediSoftDesktop/4.12.1 (Windows 10; fr-FR)",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "kube-probe/1.29",
    "python-requests/2.31.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Mobile/15E148 Safari/604.1",
]
USERS = ["-"] * 6 + [f"dr.user{i}" for i in range(3000)]
IPS = [f"{R.randint(1, 223)}.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}" for _ in range(20000)]
out = sys.stdout.buffer
t = datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=1)))
written = 0
buf = []
seq = 500000
while written < size:
    t += timedelta(milliseconds=R.randint(1, 40))
    r = R.random()
    if r < 0.55:
        path = f"/api/v1/patients/{R.randint(100000, 999999)}"
    elif r < 0.70:
        path = f"/api/v1/patients/{R.randint(100000, 999999)}/observations?limit=20&_count=50"
    elif r < 0.78:
        seq += 1
        path = f"/api/v1/patients/{seq}?access_token=eyJhbGciOiJIUzI1NiJ9.leaked"
    elif r < 0.85:
        path = "/healthz"
    elif r < 0.93:
        path = R.choice(["/", "/tarifs", "/contact", "/static/app.3f9a.js", "/static/style.css", "/blog/rgpd-et-sante?utm_source=news"])
    else:
        path = f"/api/v1/lab-results?page={R.randint(1, 400)}&size=100"
    st = 200 if R.random() < 0.93 else R.choice([301, 304, 401, 403, 404, 404, 500])
    line = (f'{R.choice(IPS)} - {R.choice(USERS)} [{t.strftime("%d/%b/%Y:%H:%M:%S %z")}] "GET {path} HTTP/1.1" {st} '
            f'{R.randint(150, 9000)} "-" "{R.choice(UAS)}" "-" rt=0.0{R.randint(10, 99)}\n')
    buf.append(line)
    written += len(line)
    if len(buf) >= 10000:
        out.write("".join(buf).encode())
        buf = []
out.write("".join(buf).encode())
