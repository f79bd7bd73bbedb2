# scripts/check-inputs.sh - sourced by check-determinism.sh and check-races.sh: the inputs both
# run when none is given (one list, so the two checks stay on the same cases).
#
# default_check_inputs WORKDIR: appends to the caller's `inputs` array SampleLogs,
# ../shared/realworld when present, and a generated two-server dump of ~24 MB (several
# thousand hand-off batches, and an enumeration) written under WORKDIR.
default_check_inputs() {
  inputs+=(SampleLogs)
  [ -d ../shared/realworld ] && inputs+=(../shared/realworld)
  python3 scripts/gen-bench-logs.py --size 24 --servers 2 --seed 11 --out "$1/generated" >/dev/null 2>&1
  inputs+=("$1/generated/logs")
}
