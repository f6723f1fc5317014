#!/usr/bin/env bash
# Issue 10's client CPU per captured transaction: raw and doltsync capture-only (doltsync.applier=false)
# connections in interleaved rounds in one JVM, workloads txn (insert + update), auto (auto-commit update by key)
# and neworder (TPC-C-like New-Order); prints tx/s, client CPU, primary server CPU and the measuring thread's
# allocated bytes per transaction
# (io.doltsync.bench.mirror.CaptureCpu).
#
#   [JARS=<dir>] scripts/capture-cpu.sh <mariadb|postgresql|h2> <rounds> <seconds> [txn,auto,neworder] [extra JVM options...]
#
# JARS: a directory holding doltsync-driver, doltsync-spi and doltsync-jsqlparser-extensions jars to measure instead
# of this tree's build (copy them aside to compare builds). Extra JVM options, e.g. a JFR recording:
# -XX:StartFlightRecording=filename=cpu.jfr,settings=profile
# Needs the benchmarks module built (./mvnw -pl benchmarks -am -Dmaven.test.skip=true package) and the servers running.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
db=$1 rounds=$2 seconds=$3 workloads=${4:-txn,auto,neworder}
shift $(( $# < 4 ? $# : 4 ))
cp=$(cat benchmarks/target/bench-classpath.txt)
if [ -n "${JARS:-}" ]; then
  cp="$(ls "$JARS"/doltsync-*.jar | paste -sd:):$(tr ':' '\n' <<< "$cp" | grep -v '/target/doltsync-' | paste -sd:)"
fi
exec java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "$@" \
  -cp "benchmarks/target/classes:$cp" \
  io.doltsync.bench.mirror.CaptureCpu "$db" "$rounds" "$seconds" "$workloads"
