#!/usr/bin/env bash
# check-determinism.sh: runs `forensics analyze` many times on the same inputs and checks that
# every run writes the same bytes (JSON report, timeline, evidence report) and exits the same.
#
# Byte-identical output is part of the evidence promise, and a data race between the
# pipeline's threads would show as a rare difference between runs, not as a failing test.
# So each input is analysed RUNS times with the default two threads, with and without
# `--all-sessions`, and the reports must also equal those of `--threads 1` (one thread, no
# hand-offs) and of `--inflate zlib`.
#
# Usage: scripts/check-determinism.sh [--bin PATH] [--runs N] [--keep DIR] [INPUT...]
#   --bin   the forensics binary (default: the release build, built if missing)
#   --runs  runs per input and mode (default 10)
#   --keep  where differing outputs are kept (default /tmp/determinism-diff)
#   INPUT   inputs to analyse (default: SampleLogs, ../shared/realworld when present, and a
#           generated two-server dump of ~24 MB that spans several thousand hand-off batches)
# Exit status 0 when every run agreed, 1 when any differed (the differing files are kept).
set -euo pipefail
cd "$(dirname "$0")/.."

bin=""
runs=10
keep=/tmp/determinism-diff
inputs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) inputs+=("$1"); shift ;;
  esac
done

if [ -z "$bin" ]; then
  swift build -c release --product forensics >/dev/null
  bin="$(swift build -c release --show-bin-path)/forensics"
fi

work=$(mktemp -d /tmp/determinism.XXXXXX)
trap 'rm -rf "$work"' EXIT

# shellcheck source=scripts/check-inputs.sh
. scripts/check-inputs.sh
[ ${#inputs[@]} -eq 0 ] && default_check_inputs "$work"

# The zlib backend is compared only when this build has another default (ISA-L).
modes=("default::" "threads1::--threads 1" "allsessions::--all-sessions")
set +e
"$bin" analyze SampleLogs --quiet --inflate isal --json "$work/probe.json" >/dev/null 2>&1
probe=$?
set -e
if [ "$probe" -eq 0 ] || [ "$probe" -eq 3 ]; then
  modes+=("zlib::--inflate zlib")
fi

fail=0
total=0
for input in "${inputs[@]}"; do
  ref_json=""
  for mode in "${modes[@]}"; do
    name=${mode%%::*}
    extra=${mode#*::}
    n=$runs
    # The two-thread runs are the suspects: the default and --all-sessions, which also lists
    # the sessions of actors that no finding names (a race once showed only there). One
    # thread and the zlib backend are the reference.
    case "$name" in default|allsessions) ;; *) n=2 ;; esac
    first=""
    for r in $(seq 1 "$n"); do
      # The same output names every run: the evidence report quotes its command line and
      # the names of its sibling outputs.
      out="$work/out/report"
      rm -rf "$work/out"
      mkdir -p "$work/out"
      set +e
      # shellcheck disable=SC2086
      "$bin" analyze "$input" --quiet $extra --json "$out.json" --timeline "$out.txt" --report "$out.html" \
        --run-timestamp 2026-01-01T00:00:00Z >/dev/null 2>"$out.err"
      status=$?
      set -e
      total=$((total + 1))
      if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then
        echo "FAIL: $input ($name, run $r) exited with $status" >&2
        head -5 "$out.err" >&2
        fail=1
      fi
      sig="$status $(cat "$out.json" "$out.txt" "$out.html" | sha256sum | cut -c1-16)"
      if [ -z "$first" ]; then
        first=$sig
        rm -rf "$work/$name-first"
        cp -r "$work/out" "$work/$name-first"
      elif [ "$sig" != "$first" ]; then
        echo "DIFFERS: $input ($name): run $r gave [$sig], run 1 gave [$first]" >&2
        mkdir -p "$keep"
        cp -r "$work/out" "$keep/$(basename "$input")-$name-run$r"
        cp -r "$work/$name-first" "$keep/$(basename "$input")-$name-run1"
        fail=1
      fi
    done
    # Every mode writes the same JSON (the HTML report and timeline follow from it, and the
    # list of sessions is the only thing --all-sessions changes).
    if [ "$name" != allsessions ]; then
      if [ -z "$ref_json" ]; then
        ref_json="$work/$name-first/report.json"
        cp "$ref_json" "$work/reference.json"
        ref_json="$work/reference.json"
      elif ! cmp -s "$ref_json" "$work/$name-first/report.json"; then
        echo "DIFFERS: $input: $name JSON is not the default run's" >&2
        mkdir -p "$keep"
        cp "$work/$name-first/report.json" "$keep/$(basename "$input")-$name.json"
        cp "$ref_json" "$keep/$(basename "$input")-default.json"
        fail=1
      fi
    fi
    echo "$input ($name): $n runs, [$first]"
  done
done

if [ "$fail" -ne 0 ]; then
  echo "determinism check FAILED ($total runs); outputs kept in $keep" >&2
  exit 1
fi
echo "determinism check passed: $total runs, identical outputs per input"
