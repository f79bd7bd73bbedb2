#!/usr/bin/env python3
"""scripts/check-truth.py - compare a forensics JSON report with the ground truth of gen-bench-logs.py.

Usage: python3 scripts/check-truth.py REPORT.json DUMP/ground-truth.json

Prints every finding as TRUE (its IPs or users belong to the campaign) or FALSE POSITIVE (only benign
actors), the severity of each, and the report's exposure against the ids the campaign really took.
Exit status 1 when a benign actor has a finding of severity medium or higher, or when a campaign part
with requests has no finding.
"""
import json, sys

report, truth = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
bad_ips, bad_users = set(), set()
for part in truth["parts"]:
    if isinstance(part.get("ips"), list):
        bad_ips.update(part["ips"])
    if part.get("account"):
        bad_users.add(part["account"])
mass = [p for p in truth["parts"] if not isinstance(p.get("ips"), list)]
print(f"truth: {truth['lines']} lines, {truth['first_time']} .. {truth['end_time']}, "
      f"{truth['world']['accounts']} accounts; campaign parts: "
      + ("; ".join(f"{p['name']} ({p['requests']} requests, {p['ok']} ids taken)" for p in truth["parts"]) or "none")
      + f"; exposed distinct ids {truth['exposed_distinct_ids']}")
medium_or_more = {"medium", "high", "critical"}
failures = 0
for f in report.get("findings", []):
    ips, users = set(f["actors"]["ips"]), set(f["actors"]["users"])
    campaign = bool(ips & bad_ips or users & bad_users) or (mass and not users)
    r = f["exposure"]["records"]
    label = "TRUE" if campaign else "FALSE POSITIVE"
    if not campaign and f["severity"] in medium_or_more:
        failures += 1
    endpoints = ", ".join(e if isinstance(e, str) else e.get("template", str(e)) for e in f.get("endpoints", [])[:2])
    print(f"  {f['id']} {f['kind']} [{f['severity']}] {label}: {len(ips)} IPs, users {sorted(users)[:3]}, "
          f"{f['requests']} requests, exposure {r['estimate']} ({r['low']}-{r['high']}) on {endpoints}")
    if not campaign:
        print(f"      ips {sorted(ips)[:5]} agents {f['actors']['userAgents'][:2]}")
found_parts = 0
for part in truth["parts"]:
    if not part["requests"]:
        continue
    hit = any((isinstance(part.get("ips"), list) and set(f["actors"]["ips"]) & set(part["ips"])) or
              (not isinstance(part.get("ips"), list) and not f["actors"]["users"]) for f in report.get("findings", []))
    print(f"  campaign part '{part['name']}': {'found' if hit else 'NOT FOUND'}")
    failures += 0 if hit else 1
ex = report["summary"]["exposure"]["records"]
t = truth["exposed_distinct_ids"]
print(f"exposure: report estimate {ex['estimate']} (low {ex['low']}, high {ex['high']}) vs truth {t}"
      + (f" ({(ex['estimate'] - t) / t:+.2%})" if t else ""))
sys.exit(1 if failures else 0)
