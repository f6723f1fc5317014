#!/usr/bin/env bash
# Issue 10's primary-side capture cost: interleaved rounds of the small write transactions through the raw
# driver and through one or two builds of doltsync (applier in other JVMs, or none), each round in a JVM of
# its own, printing tx/s and the primary's counters per transaction (io.doltsync.bench.mirror.CaptureCost).
#
#   [RATE=<tx/s>] scripts/capture-cost.sh <mariadb|postgresql> <txn|auto> <rounds> <seconds> <applier:on|off> <name=driver-jar-dir>...
#
# Each <name=dir> is a doltsync build: dir holds doltsync-driver, doltsync-spi and
# doltsync-jsqlparser-extensions jars (copy them aside to compare builds). RATE paces the writer (at most that many transactions a second), so an applier can keep up. Needs the benchmarks module built
# (./mvnw -pl benchmarks -am -Dmaven.test.skip=true package) and the servers running.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
db=$1 workload=$2 rounds=$3 seconds=$4 applier=$5 rate=${RATE:-0}
shift 5
deps=$(tr ':' '\n' < benchmarks/target/bench-classpath.txt | grep -v '/target/doltsync-' | paste -sd:)
names=() cps=()
for spec in "$@"; do
  name=${spec%%=*} dir=${spec#*=}
  names+=("$name")
  cps+=("benchmarks/target/classes:$(ls "$dir"/doltsync-*.jar | paste -sd:):$deps")
done
raw_cp=${cps[0]}
java_opts=(-Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
run() { java "${java_opts[@]}" -cp "$1" io.doltsync.bench.mirror.CaptureCost "${@:2}"; }
run "$raw_cp" setup "$db" "${names[@]}"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait' EXIT  # the appliers drain up to 10 s on SIGTERM: wait for them
if [ "$applier" = on ]; then
  for i in "${!names[@]}"; do
    java "${java_opts[@]}" -cp "${cps[$i]}" io.doltsync.bench.mirror.CaptureCost applier "$db" "${names[$i]}" &
    pids+=($!)
  done
fi
# first doltsync connection of each build creates its journal (and, with the applier on, bootstraps)
for i in "${!names[@]}"; do run "${cps[$i]}" writer "$db" "${names[$i]}" "$workload" 1 > /dev/null; done
sides=(raw "${names[@]}")
for ((r = 0; r < rounds; r++)); do
  for ((k = 0; k < ${#sides[@]}; k++)); do
    s=$(( (r + k) % ${#sides[@]} ))
    side=${sides[$s]}
    if [ "$side" = raw ]; then cp=$raw_cp; else cp=${cps[$((s - 1))]}; fi
    echo "round $r load $(cut -d' ' -f1 /proc/loadavg) $(run "$cp" writer "$db" "$side" "$workload" "$seconds" "$rate" | grep RESULT)"
  done
done
