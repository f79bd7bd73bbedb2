#!/usr/bin/env python3
"""scripts/fuzz-seeds.py - builds seed corpora for the fuzz targets in a directory OUTSIDE the repo.

Usage: fuzz-seeds.py OUT_DIR SOURCE_DIR...

Reads every file under the source directories in place (SampleLogs/, ../shared/realworld; .gz
files are decompressed in memory) and writes small seeds to OUT_DIR/<kind>/: a few chunks of
lines per file, request targets, timestamps, format strings with lines, and small gzip
streams (whole, truncated, multi-member, with trailing bytes). Nothing is written in the repo.
"""
import gzip
import hashlib
import os
import random
import re
import sys
import zlib

CHUNK_LINES = 8
CHUNKS_PER_FILE = 4
MAX_SEED = 4096

NGINX_FORMATS = [
    '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"',
    '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for" rt=$request_time uid=$cookie_uid',
    '$time_iso8601 $host $remote_addr "$request_method $request_uri $server_protocol" $status $bytes_sent $request_time $upstream_response_time',
    '{"time":"$time_iso8601","ip":"$remote_addr","req":"$request","status":$status,"ua":"$http_user_agent"}',
    '$msec $remote_addr $request_method $uri $args $status',
]
APACHE_FORMATS = [
    '%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i"',
    '%h %l %u %t "%r" %>s %b',
    '%v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i"',
    '%a %{%Y-%m-%d %H:%M:%S}t %m %U%q %H %>s %B %D %{X-Forwarded-For}i',
    '%h %{c}a %{msec}t [%{%d/%b/%Y %T}t.%{usec_frac}t %{%z}t] \\"%r\\" %s %b %T',
]
TIMES = [
    b"10/Oct/2000:13:55:36 -0700", b"17/Feb/2026:08:15:02.123 +0100", b"17/feb/2026:08:15:02",
    b"2026-02-17T08:15:02.123456+01:00", b"2026-02-17 08:15:02Z", b"2026-02-17T08:15:02+0100",
    b"2026-02-17t08:15:02,5-03", b"1700000000", b"1700000000.123", b"1700000000123",
    b"1700000000123456", b"1700000000123456789", b"0000-01-01T00:00:00Z", b"9999-12-31T23:59:60.999999Z",
]
PATTERNS = [b"", b"/api/patients/{id}", b"/fhir/Patient?identifier={id} /ws/GetPatient?nir={id}"]


def read(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        try:
            d = zlib.decompressobj(31)
            data = d.decompress(data, 4 << 20)
        except zlib.error:
            return data, True
    return data, False


def write(out, kind, blob):
    blob = blob[:MAX_SEED] if kind != "gzip" else blob[:16384]
    name = hashlib.sha1(blob).hexdigest()
    os.makedirs(os.path.join(out, kind), exist_ok=True)
    with open(os.path.join(out, kind, name), "wb") as f:
        f.write(blob)


def chunks(lines, rng):
    starts = [0] + sorted(rng.sample(range(len(lines)), min(CHUNKS_PER_FILE - 1, len(lines))))
    for s in dict.fromkeys(starts):
        yield b"\n".join(lines[s:s + CHUNK_LINES]) + b"\n"


def main():
    out, sources = sys.argv[1], sys.argv[2:]
    rng = random.Random(6)
    targets, times = set(), set(TIMES)
    for src in sources:
        for root, _, files in os.walk(src):
            for fn in sorted(files):
                path = os.path.join(root, fn)
                if fn.endswith((".md", ".bz2", ".zip", ".xz", ".zst")):
                    continue
                raw = open(path, "rb").read()
                if raw[:2] == b"\x1f\x8b":
                    write(out, "gzip", bytes([rng.randrange(256)]) + raw)
                data, broken = read(path)
                if broken:
                    continue
                lines = data.split(b"\n")[:20000]
                for c in chunks(lines, rng):
                    write(out, "lines", c)
                    write(out, "splitter", bytes(rng.randrange(256) for _ in range(4)) + c)
                    write(out, "json", bytes([rng.randrange(8)]) + c)
                    gz = gzip.compress(c, mtime=0)
                    write(out, "gzip", bytes([rng.randrange(256)]) + gz)
                    write(out, "gzip", bytes([rng.randrange(256)]) + gz[: len(gz) // 2])
                    write(out, "gzip", bytes([rng.randrange(256)]) + gz + gzip.compress(c[:40], mtime=0) + b"\0\0")
                    write(out, "gzip", bytes([rng.randrange(256)]) + gz + b"garbage")
                    write(out, "nginx", NGINX_FORMATS[rng.randrange(len(NGINX_FORMATS))].encode() + b"\n" + c)
                    write(out, "apache", APACHE_FORMATS[rng.randrange(len(APACHE_FORMATS))].encode() + b"\n" + c)
                    for line in c.split(b"\n"):
                        for m in re.finditer(rb'"(?:GET|POST|PUT|DELETE|HEAD|PATCH|OPTIONS) (\S+)|"(?:uri|request_uri|path)"\s*:\s*"([^"]+)"', line):
                            targets.add(m.group(1) or m.group(2))
                        for m in re.finditer(rb"\[([0-9]{2}/[A-Za-z]{3}/[^\]]+)\]|([0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9:.,]+(?:Z|[+-][0-9:]+)?)|\b(1[0-9]{9}(?:\.[0-9]+)?)\b", line):
                            times.add(m.group(1) or m.group(2) or m.group(3))
    for fmt in NGINX_FORMATS:
        write(out, "nginx", fmt.encode() + b"\n")
    for fmt in APACHE_FORMATS:
        write(out, "apache", fmt.encode() + b"\n")
    for t in sorted(times)[:400]:
        write(out, "time", t)
    ts = sorted(targets)
    rng.shuffle(ts)
    for i in range(0, min(len(ts), 1200), 4):
        write(out, "templater", PATTERNS[(i // 4) % len(PATTERNS)] + b"\n" + b"\n".join(ts[i:i + 4]) + b"\n")
    for kind in sorted(os.listdir(out)):
        print(f"{kind}: {len(os.listdir(os.path.join(out, kind)))} seeds")


if __name__ == "__main__":
    main()
