#!/usr/bin/env bash
# The chaos run (issue 8) as a program: concurrent writers mixing good transactions, poison values, writes that
# bypass doltsync on the primary and on Dolt, Dolt and the applier killed; then one reconcile, a clean verify,
# and every transaction in Dolt exactly once. Runs tck's ChaosRun (through ChaosTest) on each primary and
# prints its counts table. Needs the test servers (scripts/servers.sh start) and a dolt binary.
#
#   scripts/chaos.sh [--seconds N] [--primaries mariadb,postgresql,h2] [--seed S]
#
# Exit status: 0 every run held, 1 a run found a violation (its report is printed), 2 usage error.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds=60
primaries="mariadb,postgresql,h2"
seed=""

usage() { sed -n '7p' "$0" | sed 's/^#  *//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) [ $# -ge 2 ] || usage; seconds="$2"; shift 2 ;;
    --primaries) [ $# -ge 2 ] || usage; primaries="$2"; shift 2 ;;
    --seed) [ $# -ge 2 ] || usage; seed="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done
[[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -gt 0 ] || { echo "--seconds must be a positive integer" >&2; exit 2; }
[[ "$primaries" =~ ^[A-Za-z0-9_,]+$ ]] || { echo "--primaries: a comma-separated list such as mariadb,h2" >&2; exit 2; }
[ -z "$seed" ] || [[ "$seed" =~ ^-?[0-9]+$ ]] || { echo "--seed must be an integer" >&2; exit 2; }

export PATH="$HOME/go/bin:$PATH"
log="$(mktemp "${TMPDIR:-/tmp}/doltsync-chaos.XXXXXX")"
args=(-B -ntp -q -pl tck -am test -Dtest=ChaosTest -Dsurefire.failIfNoSpecifiedTests=false
  "-Dtck.chaosSeconds=$seconds" "-Dtck.primaries=${primaries^^}")
[ -z "$seed" ] || args+=("-Dtck.seed=$seed")
echo "[chaos] $seconds s of chaos on $primaries${seed:+, seed $seed}; load average: $(cut -d' ' -f1-3 /proc/loadavg); full log: $log" >&2
status=0
(cd "$ROOT" && ./mvnw "${args[@]}") >"$log" 2>&1 || status=1
# the counts table of each run: the "[tck] chaos on" block up to its last line
awk '/^\[tck\] chaos on /{show=1} show{print} /drained to healed/{show=0}' "$log"
if [ "$status" -ne 0 ]; then
  grep -E '^\[ERROR\]|violation|Expecting' "$log" | head -40 >&2
  echo "[chaos] a run failed; see $log" >&2
  exit 1
fi
echo "[chaos] every run held (load average now: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
