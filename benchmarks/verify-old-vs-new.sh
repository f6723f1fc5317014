#!/usr/bin/env bash
# verify's comparison, this build against an older build of the driver, in interleaved rounds (old, new, new, old)
# on the same tables: MariaDB and PostgreSQL primaries, with no drift and with 1% drift (VerifyCost's phases).
# Each round is its own JVM with -Xmx256m. Needs the servers of scripts/servers.sh and a built benchmarks module
# (./mvnw -q -B -ntp -Dmaven.test.skip=true -pl benchmarks -am package). The older driver jar is built from any
# commit without touching this tree, e.g.:
#   git archive <commit> | tar -x -C /tmp/old && (cd /tmp/old && ./mvnw -q -B -ntp -Dmaven.test.skip=true -pl driver -am package)
#   OLD_DRIVER_JAR=/tmp/old/driver/target/doltsync-driver-0.1.0-SNAPSHOT.jar benchmarks/verify-old-vs-new.sh 100000
# Arguments: rows (default 100000), rounds of each order pair (default 1: old, new, new, old).
# ORDER="new old new" changes the order of one pair (on a big table, where an old round takes minutes).
# Without OLD_DRIVER_JAR only this build runs (its rounds). Lines starting with RESULT are the figures.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rows="${1:-100000}"
pairs="${2:-1}"
new_cp="benchmarks/target/classes:$(cat benchmarks/target/bench-classpath.txt)"
old_cp=""
if [ -n "${OLD_DRIVER_JAR:-}" ]; then
  old_cp="$(echo "$new_cp" | tr ':' '\n' | sed "s#.*/doltsync-driver-[^/]*\.jar\$#${OLD_DRIVER_JAR}#" | paste -sd:)"
fi
name="vcost_$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
run() { java -Xmx256m -Drows="$rows" ${VERIFY_BENCH_OPTS:-} -cp "$1" io.doltsync.bench.verify.VerifyCost "${@:2}"; }
trap 'run "$new_cp" teardown "$name"' EXIT
run "$new_cp" setup "$name"
for state in no_drift drift; do
  if [ "$state" = drift ]; then run "$new_cp" drift "$name"; fi
  for ((i = 0; i < pairs; i++)); do
    for build in ${ORDER:-old new new old}; do
      if [ "$build" = new ]; then
        run "$new_cp" round "$name" "new,$state,rows=$rows"
      elif [ -n "$old_cp" ]; then
        run "$old_cp" round "$name" "old,$state,rows=$rows"
      fi
    done
  done
done
