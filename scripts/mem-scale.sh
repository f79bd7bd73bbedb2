#!/usr/bin/env bash
# scripts/mem-scale.sh - the two memory targets of issue #5: peak RSS of `forensics analyze` on
#   (a) a mass distributed enumeration: IDS distinct exposed patient ids read by ACTORS actors
#       (one IP each, no account; default 15 M ids, 200 k actors) from 09:00 to about 15:00 local,
#       among the practices' traffic (~16 M lines, ~2.2 GB of text),
#   (b) benign traffic only: BENIGN_LINES lines of the practices' world (default 50 M, ~10 GB of text).
#
#   scripts/mem-scale.sh [--ids N] [--actors N] [--benign-lines N] [--only mass|benign] [--no-build]
#
# Dumps are generated once (one gzip stream each) in bench-data/ by scripts/gen-bench-logs.py.
# Prints the counts (lines, distinct exposed ids, actors), peak RSS, wall and CPU time, and what
# forensics found (findings, estimated exposure) against the generator's ground truth.
# Targets: (a) <= 300 MiB, (b) <= 100 MiB. See docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
IDS=15000000 ACTORS=200000 BENIGN=50000000 ONLY="" BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --ids) IDS=$2; shift 2 ;;
    --actors) ACTORS=$2; shift 2 ;;
    --benign-lines) BENIGN=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 1 ;;
  esac
done
if [ "$BUILD" = 1 ]; then
  swift build -c release --product forensics --static-swift-stdlib >&2 || swift build -c release --product forensics >&2
  BIN="$(swift build -c release --show-bin-path)/forensics"
fi
BIN=${BIN:-.build/release/forensics}
TMP=$(mktemp -d /tmp/lf-mem.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"

run() {  # run NAME DIR TARGET_MIB
  local name=$1 d=$2 target=$3
  local rc=0
  /usr/bin/time -f '%e %U %S %M' -o "$TMP/time" "$BIN" analyze "$d/logs" --quiet --json "$TMP/report.json" || rc=$?
  [ "$rc" -eq 0 ] || [ "$rc" -eq 3 ] || { echo "forensics failed ($rc)" >&2; return 1; }
  read -r wall u s m < <(tail -n 1 "$TMP/time")
  python3 - "$d/ground-truth.json" "$TMP/report.json" "$name" "$wall" "$u" "$s" "$m" "$target" <<'PY'
import json, sys
truth, rep = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
name, wall, u, s, m, target = sys.argv[3], float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7]), int(sys.argv[8])
actors = sum(p.get("actors", 0) for p in truth["parts"])
print(f"{name}: {truth['lines']} lines, {truth['text_bytes'] / 1e9:.2f} GB text, {truth['world']['accounts']} staff accounts, "
      f"{actors} campaign actors, {truth['exposed_distinct_ids']} distinct exposed ids (truth)")
fs = rep.get("findings", [])
kinds = {}
for f in fs:
    k = f"{f.get('kind')}/{f.get('severity')}"
    kinds[k] = kinds.get(k, 0) + 1
ex = rep.get("summary", {}).get("exposure", {})
print(f"  forensics: {len(fs)} findings {kinds or ''}; exposure {ex}")
print(f"  peak RSS {m / 1024:.1f} MiB (target <= {target} MiB: {'met' if m / 1024 <= target else 'NOT met'}); "
      f"wall {wall:.1f} s, CPU {u + s:.1f} s")
PY
}
gen() {  # gen DIR ARGS...: generate once
  local d=$1; shift
  if [ ! -s "$d/ground-truth.json" ]; then
    rm -rf "$d"; echo "generating $d ..." >&2
    python3 scripts/gen-bench-logs.py --servers 1 --out "$d" "$@" >&2
  fi
}
if [ "$ONLY" != benign ]; then
  # 09:00-15:00 local, among the practices' daytime traffic: at night the campaign's ids would be
  # the only ones on the endpoint, and the campaign rule cannot see it (see docs/performance.md).
  D="bench-data/mass-${IDS}ids-${ACTORS}actors-day"
  gen "$D" --mass-ids "$IDS" --mass-actors "$ACTORS" --mass-start 9
  run "mass enumeration" "$D" 300
fi
if [ "$ONLY" != mass ]; then
  D="bench-data/benign-${BENIGN}lines"
  gen "$D" --benign --lines "$BENIGN"
  run "benign only" "$D" 100
fi
