#!/usr/bin/env bash
# Runs every doltsync benchmark in one run and prints a summary table of absolute figures and ratios:
# wrapper overhead (raw driver vs p6spy vs doltsync with mirroring off; H2, MariaDB, PostgreSQL), write
# throughput with mirroring on, mirror rate vs Dolt's own commit rate, lag at half that rate, bootstrap
# vs LOAD DATA, and JMH micro-benchmarks of the SQL classifier and analyzer. About 10-15 minutes on 2 cores.
#
#   scripts/bench.sh                      the full run (take figures on a quiet machine only)
#   scripts/bench.sh --quick              a smoke run of a few minutes: proves it works, figures are noise
#   scripts/bench.sh --suites=overhead,jmh --overhead.rounds=9    any subset, any option (--help lists them)
#   scripts/bench.sh tpcc --tpcc.seconds=30 --tpcc.terminals=1,4  a suite by name (same as --suites=tpcc); TPC-C
#                                         is not in the default run: 1, 4 and 8 terminals, 3 rounds of 60 s per
#                                         side, MariaDB and PostgreSQL take about an hour and a half
#   scripts/bench.sh tpcc --tpcc.databases=postgresql --tpcc.capture=wal   the doltsync side in wal capture
#                                         (doltsync.capture=wal: PostgreSQL logical decoding instead of the journal)
#
# Starts the servers with scripts/servers.sh if they are not running (BENCH_SKIP_SERVERS=true to skip) and
# builds the benchmarks module and what it needs (BENCH_SKIP_BUILD=true to reuse the last build).
# BENCH_JAVA_OPTS adds JVM options (e.g. -Dbench.startup.kinds=true: the start-up suite prints ms per statement kind).
# The CSV of every row goes to benchmarks/target/bench-results.csv (--out=...).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$DOLTSYNC_ROOT"

args=()
suites=""
for arg in "$@"; do
  if [ "$arg" = "--help" ]; then BENCH_SKIP_SERVERS=true; fi
  case "$arg" in
    --*) args+=("$arg") ;;
    *) suites="${suites:+$suites,}$arg" ;;   # a bare word names a suite
  esac
done
if [ -n "$suites" ]; then args+=("--suites=$suites"); fi
if [ "${BENCH_SKIP_SERVERS:-false}" != true ]; then
  scripts/servers.sh start
fi
if [ "${BENCH_SKIP_BUILD:-false}" != true ]; then
  log "building the benchmarks module"
  ./mvnw -q -B -ntp -Dmaven.test.skip=true -pl benchmarks -am package
fi
[ -f benchmarks/target/bench-classpath.txt ] || die "benchmarks not built: run without BENCH_SKIP_BUILD"

exec java -Xms1g -Xmx1g ${BENCH_JAVA_OPTS:-} \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.log.io.doltsync.internal.mirror.Bootstrap=info \
  -Dorg.slf4j.simpleLogger.showDateTime=true \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/bench-classpath.txt)" \
  io.doltsync.bench.BenchMain ${args[@]+"${args[@]}"}
