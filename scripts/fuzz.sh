#!/usr/bin/env bash
# scripts/fuzz.sh - builds the libFuzzer harness (Fuzz/) with address sanitizer and runs targets.
#
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
#   SECONDS  longest run per target (default 600); a target also stops after $FUZZ_RUNS
#            executions (default 5000000), whichever comes first.
#   TARGET   names from `FUZZ_TARGET=list Fuzz/.build/debug/LogForensicsFuzz` (default: all).
# Environment: FUZZ_WORK (default /tmp/logforensics-fuzz) holds seeds, the growing corpus per
#   target and crash artifacts, all outside the repo; FUZZ_NO_BUILD=1 skips the build;
#   FUZZ_NICE (default 10).
# Seeds are made from SampleLogs/ and ../shared/realworld/ (read in place, when present) by
# scripts/fuzz-seeds.py. Prints one line per target: executions, seconds, result. Exits 1 if
# any target crashed, leaked or timed out; the input is in $FUZZ_WORK/crashes/<target>/.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-600}"
shift || true
runs="${FUZZ_RUNS:-5000000}"
work="${FUZZ_WORK:-/tmp/logforensics-fuzz}"
nice_level="${FUZZ_NICE:-10}"
bin="$repo/Fuzz/.build/debug/LogForensicsFuzz"

# Debug configuration (incremental, per-file builds) compiled with -O for speed; -O keeps
# preconditions and overflow traps, which are what the targets look for.
if [[ "${FUZZ_NO_BUILD:-0}" != 1 ]]; then
  (cd "$repo/Fuzz" && nice -n "$nice_level" swift build -c debug --product LogForensicsFuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -O 2>&1 | grep -v 'Cannot export local symbol')
fi

if [[ ! -d "$work/seeds" ]]; then
  sources=("$repo/SampleLogs")
  [[ -d "$repo/../shared/realworld" ]] && sources+=("$repo/../shared/realworld")
  python3 "$repo/scripts/fuzz-seeds.py" "$work/seeds.tmp" "${sources[@]}"
  mv "$work/seeds.tmp" "$work/seeds"
fi

if [[ $# -eq 0 ]]; then
  mapfile -t targets < <(FUZZ_TARGET=list "$bin")
else
  targets=("$@")
fi

status=0
printf '%-22s %12s %8s  %s\n' target executions seconds result
for t in "${targets[@]}"; do
  case "$t" in
    line-splitter) seeds=splitter; maxlen=4096; dict= ;;
    time) seeds=time; maxlen=256; dict=time ;;
    templater) seeds=templater; maxlen=2048; dict=templater ;;
    json-lines) seeds=json; maxlen=4096; dict=lines ;;
    nginx-format) seeds=nginx; maxlen=4096; dict=lines ;;
    apache-format) seeds=apache; maxlen=4096; dict=lines ;;
    gzip) seeds=gzip; maxlen=16384; dict= ;;
    *) seeds=lines; maxlen=4096; dict=lines ;;
  esac
  dictarg=()
  [[ -n "$dict" ]] && dictarg=(-dict="$repo/Fuzz/dict/$dict.dict")
  mkdir -p "$work/corpus/$t" "$work/crashes/$t"
  log="$work/$t.log"
  start=$(date +%s)
  set +e
  FUZZ_TARGET="$t" nice -n "$nice_level" "$bin" \
    -runs="$runs" -max_total_time="$seconds" -max_len="$maxlen" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$work/crashes/$t/" "${dictarg[@]}" \
    "$work/corpus/$t" "$work/seeds/$seeds" >"$log" 2>&1
  rc=$?
  set -e
  elapsed=$(($(date +%s) - start))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [[ $rc -eq 0 ]]; then
    result=ok
  else
    status=1
    result="FAILED (exit $rc): $(grep -m1 -oE 'ERROR: [A-Za-z]+: [^ ]+.*|Fatal error: .*|deadly signal|Test unit written to .*' "$log" | head -1)"
  fi
  printf '%-22s %12s %8s  %s\n' "$t" "${execs:-?}" "$elapsed" "$result"
done
exit $status
