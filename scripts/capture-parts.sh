#!/usr/bin/env bash
# Where capture's cost on MariaDB goes, one part at a time, with no doltsync code in the loop: a raw connection runs
# TPC-C New-Order or Payment and adds, per variant, the statements doltsync's capture adds (the commit-time image read,
# full or of only the changed columns; the journal block, full or half payload); prints client CPU, the serving
# MariaDB thread's CPU and wall time per transaction (io.doltsync.bench.tpcc.CaptureParts).
#
#   scripts/capture-parts.sh <neworder|payment|delivery> <transactions per batch> <rounds> <variant,...> [payload bytes]
#   scripts/capture-parts.sh payment 100 10 commit,read,readnarrow,journal,journalhalf,read+journal
#
# Needs the benchmarks module built (./mvnw -pl benchmarks -am -Dmaven.test.skip=true package) and MariaDB running.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec java -Xmx512m -cp "benchmarks/target/classes:$(cat benchmarks/target/bench-classpath.txt)" \
  io.doltsync.bench.tpcc.CaptureParts "$@"
