#!/usr/bin/env bash
# scripts/bench.sh - the benchmark suite of issue #5: every tool on the same dump, in one run.
#
#   scripts/bench.sh [--size MB] [--servers N] [--runs N] [--seed N] [--scale] [--slice-lines N]
#                    [--input DIR] [--no-build] [--callgrind] [--callgrind-lines N]
#
#   --size MB        text size of the generated dump (default 200), in bench-data/ (cached)
#   --servers N      one gzip stream per server (default 2; use 1 for the single-stream target)
#   --runs N         best of N wall times per command (default 3)
#   --scale          also time 1x, 2x and 4x the size (zcat and forensics) and print seconds per GB
#   --slice-lines N  plain slice for the allocation count (default 1000000)
#   --input DIR      benchmark an existing directory of .gz files instead of generating one
#   --no-build       use $BIN (default .build/release/forensics) as it is
#   --callgrind      also count instructions (valgrind --tool=callgrind, repeatable where wall
#                    times are not) on a gzip slice of the first stream: zcat's and igzip's,
#                    and forensics' per line by stage, with --threads 1
#   --callgrind-lines N  lines of that slice (default 500000)
#
# Prints the machine, the input (gzip bytes, text bytes, lines), then a Markdown table: best-of-N
# wall time of `zcat`, `igzip -dc` and GoAccess when installed, `forensics analyze --quiet` with the
# default backend, each `--inflate` backend when the binary has that option, and `--threads 1`;
# ratio to zcat, lines/s, MB/s of text, CPU seconds and peak RSS (/usr/bin/time, largest process).
# Then allocations per line (an LD_PRELOAD counter built with gcc into /tmp, on a plain slice).
# forensics exits 3 on these dumps (they contain an enumeration): 0 and 3 both count as success.
# See docs/performance.md for what each number means.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=200 SERVERS=2 RUNS=3 SEED=7 SCALE=0 SLICE=1000000 INPUT="" BUILD=1 CALLGRIND=0 CG_LINES=500000
while [ $# -gt 0 ]; do
  case "$1" in
    --size) SIZE=$2; shift 2 ;;
    --servers) SERVERS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --scale) SCALE=1; shift ;;
    --slice-lines) SLICE=$2; shift 2 ;;
    --input) INPUT=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --callgrind) CALLGRIND=1; shift ;;
    --callgrind-lines) CG_LINES=$2; CALLGRIND=1; shift 2 ;;
    -h|--help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 1 ;;
  esac
done
TMP=$(mktemp -d /tmp/lf-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

# ---------------------------------------------------------------- build
if [ "$BUILD" = 1 ]; then
  # The documented fast build: ISA-L, and the Swift runtime linked statically (about 4 MiB
  # less resident memory than the shared libraries); each falls back when unavailable.
  if grep -q ISAL Package.swift && swift build -c release --product forensics --traits ISAL --static-swift-stdlib >&2; then
    echo "build: release with --traits ISAL --static-swift-stdlib" >&2
  elif swift build -c release --product forensics --static-swift-stdlib >&2; then
    echo "build: release --static-swift-stdlib (no ISAL trait)" >&2
  else
    swift build -c release --product forensics >&2
    echo "build: release (no ISAL trait, shared Swift runtime)" >&2
  fi
  BIN="$(swift build -c release --show-bin-path)/forensics"
fi
BIN=${BIN:-.build/release/forensics}
[ -x "$BIN" ] || { echo "no forensics binary at $BIN" >&2; exit 1; }

# ---------------------------------------------------------------- input
dump() {  # dump SIZE_MB -> directory of .gz logs (generated once, cached in bench-data/)
  local d="bench-data/w${1}MB-${SERVERS}srv-s${SEED}"
  if [ ! -s "$d/ground-truth.json" ]; then
    rm -rf "$d"
    echo "generating $d ..." >&2
    python3 scripts/gen-bench-logs.py --size "$1" --servers "$SERVERS" --seed "$SEED" --out "$d" >&2
  fi
  echo "$d/logs"
}
LOGS=${INPUT:-$(dump "$SIZE")}
mapfile -t FILES < <(find "$LOGS" -type f -name '*.gz' | sort)
[ "${#FILES[@]}" -gt 0 ] || { echo "no .gz files under $LOGS" >&2; exit 1; }
GZ_BYTES=$(cat "${FILES[@]}" | wc -c)
read -r LINES TEXT_BYTES < <(zcat "${FILES[@]}" | wc -lc)

echo "## Benchmark $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
     "$(free -g | awk '/Mem:/{print $2}') GiB RAM, load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- toolchain: $(swift --version 2>&1 | grep -m1 -i 'swift version' || echo unknown); binary $BIN"
echo "- input: $LOGS: ${#FILES[@]} gzip stream(s), $GZ_BYTES bytes gzip, $TEXT_BYTES bytes text, $LINES lines"
echo "- best of $RUNS runs; forensics exit status 3 (findings) counts as success"
echo

# ---------------------------------------------------------------- timing helpers
# measure NAME CMD...: best wall time of RUNS runs; CPU (user+sys) and peak RSS of that run.
declare -A WALL CPU RSS
measure() {
  local name=$1; shift
  local best="" cpu="" rss="" u sy m
  for _ in $(seq "$RUNS"); do
    local s e rc=0
    s=$(date +%s.%N)
    /usr/bin/time -f '%U %S %M' -o "$TMP/time" "$@" > /dev/null 2> "$TMP/err" || rc=$?
    e=$(date +%s.%N)
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
      echo "failed ($rc): $* ($(tail -n 3 "$TMP/err" | tr '\n' ' '))" >&2; return 1
    fi
    local d; d=$(echo "$e - $s" | bc -l)
    if [ -z "$best" ] || (( $(echo "$d < $best" | bc -l) )); then
      best=$d
      read -r u sy m < <(tail -n 1 "$TMP/time")
      cpu=$(echo "$u + $sy" | bc -l); rss=$m
    fi
  done
  WALL[$name]=$best CPU[$name]=$cpu RSS[$name]=$rss
}
row() {  # row NAME LABEL
  local n=$1 zc=${CPU[zcat]}
  [ -n "${WALL[$n]:-}" ] || return 0
  if (( $(echo "$zc < 0.01" | bc -l) )); then zc=0.01; fi  # /usr/bin/time has 10 ms resolution
  printf '| %s | %.2f | %.2f | %.0f | %.1f | %.2f | %.2f | %.0f |\n' "$2" "${WALL[$n]}" \
    "$(echo "${WALL[$n]} / ${WALL[zcat]}" | bc -l)" "$(echo "$LINES / ${WALL[$n]}" | bc -l)" \
    "$(echo "$TEXT_BYTES / 1000000 / ${WALL[$n]}" | bc -l)" "${CPU[$n]}" \
    "$(echo "${CPU[$n]} / $zc" | bc -l)" "$(echo "${RSS[$n]} / 1024" | bc -l)"
}

# ---------------------------------------------------------------- the runs
measure zcat zcat "${FILES[@]}"
if command -v igzip > /dev/null; then measure igzip igzip -dc "${FILES[@]}"; fi
if command -v goaccess > /dev/null; then
  measure goaccess sh -c 'zcat "$@" | goaccess - --log-format=COMBINED --no-progress -o "$0"' "$TMP/goaccess.json" "${FILES[@]}"
fi
measure default "$BIN" analyze "$LOGS" --quiet
BACKENDS=()
HELP=$("$BIN" analyze --help 2>&1 || true)
if grep -q -- '--inflate' <<< "$HELP"; then
  { zcat "${FILES[0]}" || true; } | head -n 100 | gzip > "$TMP/tiny.gz"
  for b in zlib isal; do
    rc=0; "$BIN" analyze "$TMP/tiny.gz" --quiet --inflate "$b" > /dev/null 2>&1 || rc=$?
    if [ "$rc" -eq 0 ] || [ "$rc" -eq 3 ]; then
      BACKENDS+=("$b"); measure "inflate-$b" "$BIN" analyze "$LOGS" --quiet --inflate "$b"
    else
      echo "note: --inflate $b is not available in this binary (exit $rc)" >&2
    fi
  done
fi
measure threads1 "$BIN" analyze "$LOGS" --quiet --threads 1

echo "| command | wall s | × zcat | lines/s | MB/s text | CPU s | CPU × zcat | peak RSS MiB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
row zcat '`zcat FILES > /dev/null`'
row igzip '`igzip -dc FILES > /dev/null`'
row goaccess '`zcat FILES \| goaccess - --log-format=COMBINED -o out.json`'
row default '`forensics analyze DIR --quiet` (default backend, 2 threads)'
for b in "${BACKENDS[@]}"; do row "inflate-$b" "\`forensics analyze DIR --quiet --inflate $b\`"; done
row threads1 '`forensics analyze DIR --quiet --threads 1`'
[ -n "${WALL[goaccess]:-}" ] && printf '\nforensics (default) is %.1f × faster than GoAccess.\n' "$(echo "${WALL[goaccess]} / ${WALL[default]}" | bc -l)"
[ -z "${WALL[igzip]:-}" ] && echo "(igzip not installed: skipped)"
[ -z "${WALL[goaccess]:-}" ] && echo "(goaccess not installed: skipped)"

# ---------------------------------------------------------------- allocations per line
echo
if command -v gcc > /dev/null; then
  cat > "$TMP/alloc-count.c" <<'C'
/* Counts malloc-family calls (atomics, all threads); prints them at exit to $ALLOC_COUNT_FILE or stderr. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
static unsigned long long n_malloc, n_calloc, n_realloc, n_memalign;
#define COUNT(c) __atomic_fetch_add(&(c), 1, __ATOMIC_RELAXED)
void *malloc(size_t n) { COUNT(n_malloc); return __libc_malloc(n); }
void *calloc(size_t a, size_t b) { COUNT(n_calloc); return __libc_calloc(a, b); }
void *realloc(void *p, size_t n) { COUNT(n_realloc); return __libc_realloc(p, n); }
void *memalign(size_t al, size_t n) { COUNT(n_memalign); return __libc_memalign(al, n); }
void *aligned_alloc(size_t al, size_t n) { COUNT(n_memalign); return __libc_memalign(al, n); }
int posix_memalign(void **out, size_t al, size_t n) {
  COUNT(n_memalign);
  void *p = __libc_memalign(al, n);
  if (!p) return ENOMEM;
  *out = p;
  return 0;
}
__attribute__((destructor)) static void report(void) {
  char buf[200];
  int len = snprintf(buf, sizeof buf, "%llu malloc %llu calloc %llu realloc %llu memalign\n",
                     n_malloc, n_calloc, n_realloc, n_memalign);
  const char *path = getenv("ALLOC_COUNT_FILE");
  int fd = path ? open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644) : 2;
  if (fd >= 0 && write(fd, buf, len) < 0) { /* nothing to do */ }
  if (path && fd >= 0) close(fd);
}
C
  SHIM=/tmp/lf-alloc-count.so
  gcc -O2 -shared -fPIC -o "$SHIM" "$TMP/alloc-count.c"
  { zcat "${FILES[0]}" || true; } | head -n "$SLICE" > "$TMP/slice.log"
  head -n 1000 "$TMP/slice.log" > "$TMP/small.log"
  SL=$(wc -l < "$TMP/slice.log"); SM=$(wc -l < "$TMP/small.log")
  allocs() {  # allocs FILE [options] -> total count
    ALLOC_COUNT_FILE="$TMP/allocs" LD_PRELOAD="$SHIM" "$BIN" analyze "$1" --quiet "${@:2}" > /dev/null 2>&1 || true
    awk '{print $1 + $3 + $5 + $7}' "$TMP/allocs"
  }
  echo "| allocations (plain slice of the first stream) | slice: $SL lines | first $SM lines | per line (difference) |"
  echo "|---|---:|---:|---:|"
  for opts in "" "--threads 1"; do
    # shellcheck disable=SC2086
    A1=$(allocs "$TMP/slice.log" $opts); A0=$(allocs "$TMP/small.log" $opts)
    printf '| `forensics analyze SLICE --quiet%s` | %d | %d | %.2f |\n' "${opts:+ $opts}" "$A1" "$A0" "$(echo "($A1 - $A0) / ($SL - $SM)" | bc -l)"
  done
else
  echo "(gcc not installed: allocations per line skipped)"
fi

# ---------------------------------------------------------------- linearity
if [ "$SCALE" = 1 ] && [ -z "$INPUT" ]; then
  echo
  echo "| input | text GB | lines | zcat s | forensics s | × zcat | forensics s per GB text |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for m in 1 2 4; do
    L=$(dump $((SIZE * m)))
    mapfile -t F < <(find "$L" -type f -name '*.gz' | sort)
    read -r N B < <(zcat "${F[@]}" | wc -lc)
    measure "z$m" zcat "${F[@]}"
    measure "f$m" "$BIN" analyze "$L" --quiet
    printf '| %d × %s MB | %.3f | %d | %.2f | %.2f | %.2f | %.2f |\n' "$m" "$SIZE" "$(echo "$B / 1000000000" | bc -l)" "$N" \
      "${WALL[z$m]}" "${WALL[f$m]}" "$(echo "${WALL[f$m]} / ${WALL[z$m]}" | bc -l)" "$(echo "${WALL[f$m]} * 1000000000 / $B" | bc -l)"
  done
fi

# ---------------------------------------------------------------- instruction counts
# Wall times on a shared 2-core machine vary by ±25 % within minutes; instruction counts of the
# same binary on the same input do not. Counted with --threads 1 (the same work as two
# threads, minus the hand-off) on a stripped copy of the binary: valgrind 3.19 cannot read
# the DWARF 5 debug information Swift writes. Under valgrind the CPU's SHA extensions are
# hidden, so the chain-of-custody hash costs several times what it does in a real run: it is
# its own row. Stages are inclusive counts of the functions named (mangled); a renamed
# function shows as n/a.
if [ "$CALLGRIND" = 1 ]; then
  echo
  if ! command -v valgrind > /dev/null || ! command -v callgrind_annotate > /dev/null; then
    echo "(valgrind not installed: instruction counts skipped)"
  else
    { zcat "${FILES[0]}" || true; } | head -n "$CG_LINES" | gzip -6 > "$TMP/cg-slice.gz"
    CL=$(zcat "$TMP/cg-slice.gz" | wc -l)
    strip --strip-debug -o "$TMP/forensics-cg" "$BIN"
    cg_total() {  # cg_total OUT CMD... -> total instructions
      valgrind --tool=callgrind --callgrind-out-file="$1" "${@:2}" > /dev/null 2> "$TMP/cg.err" || true
      { callgrind_annotate "$1" 2>/dev/null || true; } | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1; exit}'
    }
    # zcat is a shell script around `gzip -dc`: valgrind counts gzip itself.
    Z=$(cg_total "$TMP/cg-zcat.out" gzip -dc "$TMP/cg-slice.gz")
    I=""
    if command -v igzip > /dev/null; then I=$(cg_total "$TMP/cg-igzip.out" igzip -dc "$TMP/cg-slice.gz"); fi
    F=$(cg_total "$TMP/cg-forensics.out" "$TMP/forensics-cg" analyze "$TMP/cg-slice.gz" --quiet --threads 1)
    callgrind_annotate --inclusive=yes --threshold=100 "$TMP/cg-forensics.out" > "$TMP/cg-incl.txt" 2>/dev/null
    stage() {  # stage PATTERN -> inclusive instructions of the largest function matching PATTERN
      { grep -E "$1" "$TMP/cg-incl.txt" || true; } | awk '{gsub(",", "", $1); if ($1 > m) m = $1} END {print m + 0}'
    }
    per() { if [ "$1" -gt 0 ]; then printf '%.0f' "$(echo "$1 / $CL" | bc -l)"; else echo n/a; fi; }
    echo "| instructions, gzip slice of $CL lines (callgrind) | total | per line | × zcat |"
    echo "|---|---:|---:|---:|"
    printf '| `zcat SLICE` (`gzip -dc`) | %d | %s | 1.00 |\n' "$Z" "$(per "$Z")"
    [ -n "$I" ] && printf '| `igzip -dc SLICE` | %d | %s | %.2f |\n' "$I" "$(per "$I")" "$(echo "$I / $Z" | bc -l)"
    printf '| `forensics analyze SLICE --quiet --threads 1` | %d | %s | %.2f |\n' "$F" "$(per "$F")" "$(echo "$F / $Z" | bc -l)"
    for st in "inflate (backend)|DeflateDecoderA2aDP7inflate" \
              "SHA-256 of the input (no SHA extensions under valgrind)|CCryptoBoringSSL_SHA256_Update" \
              "split and parse lines|LineHandler.*V6handleyyAA05SplitC0VF" \
              "template paths|RequestTemplatingC9templatedyAA9TemplatedVAA0A5EventVzF" \
              "analyse events|AnalysisEngineC7consumeyyAA12RequestFactsV_AA9TemplatedVtF " \
              "end of run (sessions, unions, detection)|AnalysisEngineC6finishAA0C7OutcomeVyF"; do
      n=$(stage "${st#*|}")
      printf '| &nbsp;&nbsp;of which: %s | %d | %s | %.2f |\n' "${st%%|*}" "$n" "$(per "$n")" "$(echo "$n / $Z" | bc -l)"
    done
  fi
fi
