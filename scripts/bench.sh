#!/usr/bin/env bash
# Benchmark: `forensics analyze` against `zcat` on the same gzipped combined log, in one run.
#
#   scripts/bench.sh [SIZE_MB]     (default 500; the file is cached in bench-data/)
#
# Prints both times, their ratio, throughput and the peak RSS of forensics. Uses a release
# build. The machine's description is printed first so results can be compared.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB="${1:-500}"
DATA="bench-data/combined-${SIZE_MB}MB.log.gz"
mkdir -p bench-data
if [ ! -s "$DATA" ]; then
  echo "generating $DATA (${SIZE_MB} MB of log text) ..." >&2
  python3 scripts/gen-bench-log.py "$SIZE_MB" | gzip -6 > "$DATA.tmp"
  mv "$DATA.tmp" "$DATA"
fi
swift build -c release --product forensics >&2
BIN="$(swift build -c release --show-bin-path)/forensics"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB"
echo "input:   $DATA ($(stat -c %s "$DATA") bytes gzip, $(zcat "$DATA" | wc -c) bytes text, $(zcat "$DATA" | wc -l) lines)"

best() {  # best of N runs of a command, in seconds
  local n=$1; shift
  local best=""
  for _ in $(seq "$n"); do
    local s e
    s=$(date +%s.%N)
    local rc=0
    "$@" > /dev/null || rc=$?
    e=$(date +%s.%N)
    # forensics exits 3 when it finds something (the benchmark log contains an enumeration).
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then echo "command failed ($rc): $*" >&2; exit 1; fi
    local d; d=$(echo "$e - $s" | bc -l)
    if [ -z "$best" ] || (( $(echo "$d < $best" | bc -l) )); then best=$d; fi
  done
  printf '%.3f' "$best"
}

RUNS="${RUNS:-3}"
T_ZCAT=$(best "$RUNS" sh -c "zcat '$DATA' > /dev/null")
T_FOR=$(best "$RUNS" "$BIN" analyze "$DATA" --quiet)
T_FOR1=$(best "$RUNS" "$BIN" analyze "$DATA" --quiet --threads 1)
RSS=$( { /usr/bin/time -v "$BIN" analyze "$DATA" --quiet > /dev/null || true; } 2>&1 | awk -F: '/Maximum resident/{gsub(/ /,"",$2); print $2}')
T_ING=$(best "$RUNS" "$BIN" analyze "$DATA" --quiet --skip-analysis)
TEXT_MB=$(echo "$(zcat "$DATA" | wc -c) / 1000000" | bc -l)

printf 'zcat FILE > /dev/null              %8.3f s\n' "$T_ZCAT"
printf 'forensics analyze FILE --quiet     %8.3f s   ratio %.2f x zcat   %.0f MB/s of text\n' "$T_FOR" "$(echo "$T_FOR / $T_ZCAT" | bc -l)" "$(echo "$TEXT_MB / $T_FOR" | bc -l)"
printf 'forensics analyze --threads 1      %8.3f s   ratio %.2f x zcat\n' "$T_FOR1" "$(echo "$T_FOR1 / $T_ZCAT" | bc -l)"
printf 'ingestion only (--skip-analysis)   %8.3f s   ratio %.2f x zcat\n' "$T_ING" "$(echo "$T_ING / $T_ZCAT" | bc -l)"
printf 'peak RSS (forensics, default)      %8.1f MiB\n' "$(echo "$RSS / 1024" | bc -l)"
