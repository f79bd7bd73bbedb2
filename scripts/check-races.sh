#!/usr/bin/env bash
# check-races.sh: builds forensics with ThreadSanitizer and runs it, with two threads, on
# SampleLogs, ../shared/realworld (when present) and a generated two-server dump; fails on
# any data race ThreadSanitizer reports, and prints the reports.
#
# A race between the parsing and the analysis thread changes reports only rarely (dea9a04:
# once in a hundred runs, only when an IP had more than 64 user agents), so repeating runs
# (scripts/check-determinism.sh) may miss one that ThreadSanitizer sees on the first run.
#
# Usage: scripts/check-races.sh [--build-path DIR] [INPUT...]   (default build path .build-tsan)
set -euo pipefail
cd "$(dirname "$0")/.."

build=.build-tsan
inputs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build-path) build="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) inputs+=("$1"); shift ;;
  esac
done

traits=()
[ -f /usr/include/isa-l/igzip_lib.h ] && traits=(--traits ISAL)
swift build -c release --product forensics --sanitize=thread --build-path "$build" "${traits[@]}"
bin="$build/release/forensics"

work=$(mktemp -d /tmp/races.XXXXXX)
trap 'rm -rf "$work"' EXIT
# shellcheck source=scripts/check-inputs.sh
. scripts/check-inputs.sh
[ ${#inputs[@]} -eq 0 ] && default_check_inputs "$work"

fail=0
for input in "${inputs[@]}"; do
  for extra in "" "--all-sessions"; do
    rm -f "$work"/tsan.*
    set +e
    # shellcheck disable=SC2086
    TSAN_OPTIONS="halt_on_error=0 log_path=$work/tsan" "$bin" analyze "$input" --quiet $extra \
      --json "$work/report.json" --timeline "$work/timeline.txt" >/dev/null 2>"$work/err"
    status=$?
    set -e
    reports=$(cat "$work"/tsan.* 2>/dev/null | grep -c 'WARNING: ThreadSanitizer' || true)
    echo "$input ${extra:-(default)}: exit $status, $reports ThreadSanitizer report(s)"
    if [ "$reports" -ne 0 ]; then
      cat "$work"/tsan.* >&2
      fail=1
    elif [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then
      echo "unexpected exit status $status" >&2
      head -5 "$work/err" >&2
      fail=1
    fi
  done
done
if [ "$fail" -ne 0 ]; then
  echo "race check FAILED" >&2
  exit 1
fi
echo "race check passed: no ThreadSanitizer report"
