#!/usr/bin/env bash
# doltsync's client-side cost per captured write: thread CPU µs and bytes allocated per write, raw and doltsync
# capture-only in interleaved rounds of a fixed number of writes, for the writes suite's two shapes (txn: insert +
# update by key, one transaction; auto: auto-commit update by key); prints medians, quartiles and ranges over the
# rounds and of the paired difference doltsync - raw (io.doltsync.bench.mirror.ClientCost).
#
#   [JARS=<dir>] scripts/client-cost.sh <mariadb|postgresql> <rounds> <writes per round> [txn,auto] [raw,doltsync] [extra JVM options...]
#
# JARS: a directory holding doltsync-driver, doltsync-spi and doltsync-jsqlparser-extensions jars to measure instead
# of this tree's build (copy them aside to compare builds). Extra JVM options, e.g. a JFR recording of doltsync
# alone: scripts/client-cost.sh mariadb 5 5000 auto doltsync -XX:StartFlightRecording=filename=cc.jfr,settings=profile
# Needs the benchmarks module built (./mvnw -pl benchmarks -am -Dmaven.test.skip=true package) and the servers running.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
db=$1 rounds=$2 writes=$3 workloads=${4:-txn,auto} sides=${5:-raw,doltsync}
shift $(( $# < 5 ? $# : 5 ))
cp=$(cat benchmarks/target/bench-classpath.txt)
if [ -n "${JARS:-}" ]; then
  cp="$(ls "$JARS"/doltsync-*.jar | paste -sd:):$(tr ':' '\n' <<< "$cp" | grep -v '/target/doltsync-' | paste -sd:)"
fi
exec java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "$@" \
  -cp "benchmarks/target/classes:$cp" \
  io.doltsync.bench.mirror.ClientCost "$db" "$rounds" "$writes" "$workloads" "$sides"
