#!/usr/bin/env bash
# scripts/mem-1m-ids.sh - peak memory of `forensics analyze` on a log with >= 1 million distinct patient ids.
#
# Generates (once, deterministic) a combined-format log of LINES requests (default 2,000,000) by
# 3,000 staff accounts (one IP each) reading random ids of 100000-9999999 (about 1.7 M distinct
# ids with the default size), plus a sequential enumeration of 200,000 ids by a stolen account
# from another IP, then runs the release binary (no JSON output, like the benchmark) with
# /usr/bin/time -v and prints the peak RSS.
#
# Usage: scripts/mem-1m-ids.sh [LINES] [LOGFILE]   (build first: swift build -c release --product forensics --static-swift-stdlib)
set -euo pipefail
LINES=${1:-2000000}
LOG=${2:-/tmp/mem-1m-ids.log}
BIN=${BIN:-.build/release/forensics}
if [ ! -s "$LOG" ]; then
  python3 - "$LINES" "$LOG" <<'PY'
import random, sys
n, path = int(sys.argv[1]), sys.argv[2]
R = random.Random(1000000)
uas = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36",
       "MediSoftDesktop/4.12.1 (Windows 10; fr-FR)", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:123.0) Gecko/20100101 Firefox/123.0"]
months = ["Jan"]
attack = 200_000
with open(path, "w") as f:
    t = 0
    seq = 5_000_000
    ids = set(range(5_000_000, 5_000_000 + attack))
    for i in range(n):
        t += 1 if i % 3 == 0 else 0
        day, s = 1 + t // 86400, t % 86400
        ts = f"{day:02d}/Jan/2026:{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d} +0000"
        if i % 10 == 0 and seq < 5_000_000 + attack:
            line = f'185.220.101.34 - sec.victim [{ts}] "GET /api/v1/patients/{seq} HTTP/1.1" 200 2100 "-" "python-requests/2.31.0"\n'
            seq += 1
        else:
            u = R.randrange(3000)
            ip = f"{10 + u % 200}.{(u * 7) % 250}.{u // 250}.{u % 250}"
            pid = R.randrange(100_000, 10_000_000)
            ids.add(pid)
            line = f'{ip} - dr.user{u} [{ts}] "GET /api/v1/patients/{pid} HTTP/1.1" 200 {R.randrange(1500, 9000)} "-" "{uas[u % 3]}"\n'
        f.write(line)
open(path + ".ids", "w").write(str(len(ids)) + "\n")
PY
fi
echo "log: $LOG ($(wc -l < "$LOG") lines)"
echo "distinct patient ids: $(cat "$LOG.ids")"
/usr/bin/time -v "$BIN" analyze "$LOG" --threads 1 --no-progress > /tmp/mem-1m-ids.summary 2> /tmp/mem-1m-ids.time || true
grep -E "^  \[|Records exposed" /tmp/mem-1m-ids.summary | head -5
grep -E "Elapsed|Maximum resident" /tmp/mem-1m-ids.time
awk '/Maximum resident/ {printf "peak RSS: %.1f MiB\n", $6 / 1024}' /tmp/mem-1m-ids.time
