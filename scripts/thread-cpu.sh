#!/bin/sh
# scripts/thread-cpu.sh - CPU seconds of each thread of `forensics analyze`, binaries run in turn.
# Usage: scripts/thread-cpu.sh RUNS INPUT BIN [BIN...]
#
# Runs each binary RUNS times, interleaved (A B A B ...), on INPUT (`--quiet`, a fixed run
# timestamp) under `perf record -e cpu-clock` (software sampling at 999 Hz: no hardware counters
# needed). Prints for each run the wall time and the CPU seconds of the analysis thread (the
# process's main thread), of the parsing thread (the busiest other thread) and of the rest
# (inflating, helpers), then for each binary the mean of the ratio analysis / parsing.
#
# The parsing thread's work does not change with the analysis code, so that ratio compares
# changes to the analysis thread on a machine whose speed swings from run to run (wall times
# moved by ±30 % between runs of one binary on the benchmark machine). Each run also writes
# its JSON report to /tmp/thread-cpu-NAME.json, so the binaries' reports can be compared.
set -eu
runs=${1:?usage: $0 RUNS INPUT BIN [BIN...]}
input=${2:?usage: $0 RUNS INPUT BIN [BIN...]}
shift 2
[ $# -ge 1 ] || { echo "usage: $0 RUNS INPUT BIN [BIN...]" >&2; exit 2; }
command -v perf >/dev/null || { echo "$0: needs perf (apt-get install linux-perf)" >&2; exit 2; }
data=$(mktemp /tmp/thread-cpu.XXXXXX)
results=$(mktemp /tmp/thread-cpu-results.XXXXXX)
trap 'rm -f "$data" "$results"' EXIT
r=1
while [ "$r" -le "$runs" ]; do
  for bin in "$@"; do
    name=$(basename "$bin")
    start=$(date +%s.%N)
    perf record -q -e cpu-clock -F 999 -o "$data" -- "$bin" analyze "$input" --quiet \
      --json "/tmp/thread-cpu-$name.json" --run-timestamp 2026-01-01T00:00:00Z >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    perf script -i "$data" -F pid,tid 2>/dev/null | awk -v name="$name" -v wall="$(echo "$end - $start" | bc)" '
      { split($1, id, "/"); pid = id[1]; tid = id[2]; n[tid]++; main = pid }
      END {
        parse = ""; best = -1; rest = 0
        for (t in n) if (t != main && n[t] > best) { best = n[t]; parse = t }
        for (t in n) if (t != main && t != parse) rest += n[t]
        a = n[main] / 999; p = (parse == "" ? 0 : n[parse] / 999)
        printf "%s wall %.2f analysis %.2f parsing %.2f rest %.2f ratio %.3f\n", name, wall, a, p, rest / 999, (p > 0 ? a / p : 0)
      }' | tee -a "$results"
  done
  r=$((r + 1))
done
echo "mean ratio analysis/parsing:"
awk '{ s[$1] += $11; c[$1]++ } END { for (k in s) printf "  %s %.3f (%d runs)\n", k, s[k] / c[k], c[k] }' "$results"
