#!/bin/sh
# scripts/bench-ingest.sh - ingestion-only timing (no analysis) against zcat, with peak RSS.
# Usage: scripts/bench-ingest.sh FILE.log.gz [SLICE_LINES]
# Builds the release CLI, times `zcat FILE`, `forensics analyze FILE --skip-analysis` with the
# default threads and with --threads 1, and the same on a plain slice of SLICE_LINES lines
# (default 200000) written to /tmp. Run it on an idle machine: numbers are wall/user seconds.
set -eu
file=${1:?usage: $0 FILE.log.gz [SLICE_LINES]}
lines=${2:-200000}
slice=/tmp/bench-ingest-slice.log
cd "$(dirname "$0")/.."
swift build -c release --product forensics >/dev/null
bin=.build/release/forensics
zcat "$file" | head -n "$lines" >"$slice"
t() { /usr/bin/time -f "%e s wall  %U s user  %M KB peak RSS  $1" "$@" >/dev/null; }
t sh -c "zcat '$file' >/dev/null"
t "$bin" analyze "$file" --quiet --skip-analysis
t "$bin" analyze "$file" --quiet --skip-analysis --threads 1
t "$bin" analyze "$slice" --quiet --skip-analysis --threads 1
echo "slice: $(wc -c <"$slice") bytes, $lines lines"
