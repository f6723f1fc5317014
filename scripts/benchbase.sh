#!/usr/bin/env bash
# BenchBase (https://github.com/cmu-db/benchbase), built from its own sources, run through the raw JDBC driver and
# through doltsync with only the URL and driver class changed: TPC-C and YCSB by default, any other BenchBase workload
# with --workloads= (SmallBank, TATP, Twitter, ...: configured from BenchBase's own sample configuration), on MariaDB and
# PostgreSQL, 1, 4 and 8 terminals, interleaved raw/doltsync rounds. The doltsync side's schema and data are loaded
# through doltsync (BenchBase's loader with the doltsync URL: the bulk path real users take), the raw side's through
# the raw driver, side by side; --load-through=raw loads both raw and bootstraps Dolt from the loaded primary instead. Prints tx/s per side and their ratio, BenchBase's aborted, retried
# (deadlocks, serialization failures) and failed transactions per side, the journal backlog during and at the end
# of each doltsync round, the drain time, and at the end a correctness check per workload: `doltsync verify` (Dolt's
# head equals the primary in every table, row by row) and one Dolt commit per committed write transaction.
#
#   scripts/benchbase.sh /path/to/benchbase                    # everything, 1 round of 20 s per side and terminal count
#   scripts/benchbase.sh /path/to/benchbase --databases=mariadb --workloads=tpcc --terminals=4 --rounds=3 --seconds=60
#   scripts/benchbase.sh /path/to/benchbase --workloads=smallbank,tatp,twitter,voter --terminals=1 --seconds=10
#   BENCHBASE_HOME=/path/to/benchbase scripts/benchbase.sh --skip-build
#   scripts/benchbase.sh --databases=postgresql --workloads=tpcc --capture=wal   # the doltsync side in wal capture
#   scripts/benchbase.sh --help
#
# Needs the shared test servers (MariaDB 127.0.0.1:33306, PostgreSQL 127.0.0.1:35432, user doltsync/doltsync; start
# them with scripts/servers.sh start), the mysql and psql clients, `dolt` on PATH (a private `dolt sql-server` is
# started for the run on --dolt-port, data under a fresh directory in /tmp, stopped at the end), and a JDK >= 23 for
# BenchBase (BENCHBASE_JAVA_HOME; found under /usr/lib/jvm otherwise). Not part of CI.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$DOLTSYNC_ROOT"

usage() {
  sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  cat <<'EOF'

Options (defaults in brackets):
  <path> or BENCHBASE_HOME   BenchBase checkout (its pom.xml at the top)
  --databases=LIST           mariadb,postgresql  [mariadb,postgresql]
  --workloads=LIST           tpcc, ycsb, or any of BenchBase's benchmarks with a sample configuration for the
                             database (smallbank, tatp, twitter, voter, epinions, sibench, resourcestresser,
                             wikipedia, seats, auctionmark, hyadapt, otmetrics, chbenchmark, tpch, ...; chbenchmark
                             runs with TPC-C, whose tables its queries read; twitter without BenchBase's trace
                             files gets a synthetic trace over the loaded ids)  [tpcc,ycsb]
  --terminals=LIST           terminal counts  [1,4,8]
  --rounds=N                 rounds per terminal count; each runs raw and doltsync once, the order alternating  [1]
  --seconds=N                length of each round  [20]
  --tpcc.scale=N             TPC-C warehouses  [1]
  --ycsb.scale=N             YCSB scale factor (x 1000 rows)  [10]
  --<workload>.scale=N       another workload's scale factor  [small: see default_scale in the script]
  --load-through=SIDE        doltsync: load the doltsync side through doltsync; raw: load it raw, then bootstrap Dolt
                             [doltsync]
  --capture=MODE             doltsync.capture of the doltsync side: journal, or wal (PostgreSQL only: logical
                             decoding; backlog is then the slot's KiB behind the server's WAL)  [journal]
  --dolt-port=N              port of the private dolt sql-server  [33420]
  --drain-timeout=N          seconds allowed to drain the journal after a doltsync round  [900]
  --out=DIR                  where configs, logs and BenchBase's results go  [/tmp/benchbase-<time>]
  --skip-build               reuse BenchBase's and doltsync's last build
  --keep                     keep the primary databases/schemas and the Dolt data at the end
EOF
}

bb_home="${BENCHBASE_HOME:-}"
databases=mariadb,postgresql; workloads=tpcc,ycsb; terminals=1,4,8; rounds=1; seconds=20
tpcc_scale=1; ycsb_scale=10; dolt_port=33420; drain_timeout=900; out=""; skip_build=false; keep=false
load_through=doltsync; capture=journal; declare -A scales=()
for arg in "$@"; do
  case "$arg" in
    --help|-h) usage; exit 0 ;;
    --databases=*) databases="${arg#*=}" ;;
    --workloads=*) workloads="${arg#*=}" ;;
    --terminals=*) terminals="${arg#*=}" ;;
    --rounds=*) rounds="${arg#*=}" ;;
    --seconds=*) seconds="${arg#*=}" ;;
    --tpcc.scale=*) tpcc_scale="${arg#*=}" ;;
    --ycsb.scale=*) ycsb_scale="${arg#*=}" ;;
    --load-through=*) load_through="${arg#*=}" ;;
    --capture=*) capture="${arg#*=}" ;;
    --*.scale=*) w="${arg%%.scale=*}"; scales[${w#--}]="${arg#*=}" ;;
    --dolt-port=*) dolt_port="${arg#*=}" ;;
    --drain-timeout=*) drain_timeout="${arg#*=}" ;;
    --out=*) out="${arg#*=}" ;;
    --skip-build) skip_build=true ;;
    --keep) keep=true ;;
    --*) die "unknown option $arg (see --help)" ;;
    *) bb_home="$arg" ;;
  esac
done
[ -n "$bb_home" ] || { usage >&2; die "give the BenchBase checkout as the first argument or in BENCHBASE_HOME"; }
bb_home="$(cd "$bb_home" && pwd)" || die "no such directory: $bb_home"
[ -f "$bb_home/pom.xml" ] && grep -q '<artifactId>benchbase</artifactId>' "$bb_home/pom.xml" \
  || die "$bb_home is not a BenchBase checkout (no benchbase pom.xml)"

USER_DB=doltsync; PASS_DB=doltsync; PG_DATABASE=doltsync_test
export MYSQL_PWD="$PASS_DB" PGPASSWORD="$PASS_DB"
my() { mysql -N -B -u"$USER_DB" -h127.0.0.1 -P"$DOLTSYNC_MARIADB_PORT" "$@"; }
pg() { psql -X -q -A -t -v ON_ERROR_STOP=1 -U "$USER_DB" -h 127.0.0.1 -p "$DOLTSYNC_POSTGRES_PORT" "$PG_DATABASE" "$@"; }
dolt_sql() { MYSQL_PWD= mysql -N -B -uroot -h127.0.0.1 -P"$dolt_port" "$@"; }

# --- fail loudly when something needed is missing ------------------------------------------------------------------
command -v mysql >/dev/null || die "the mysql client is missing (apt-get install mariadb-client)"
command -v psql >/dev/null || die "the psql client is missing (apt-get install postgresql-client)"
export PATH="$HOME/go/bin:$PATH"
command -v dolt >/dev/null || die "dolt is not on PATH (scripts/dolt.sh install)"
IFS=, read -r -a db_list <<<"$databases"
IFS=, read -r -a wl_list <<<"$workloads"
IFS=, read -r -a term_list <<<"$terminals"
for db in "${db_list[@]}"; do
  case "$db" in
    mariadb) port_open "$DOLTSYNC_MARIADB_PORT" && my -e 'SELECT 1' >/dev/null \
               || die "MariaDB is not answering on 127.0.0.1:$DOLTSYNC_MARIADB_PORT as $USER_DB (scripts/servers.sh start)" ;;
    postgresql) port_open "$DOLTSYNC_POSTGRES_PORT" && pg -c 'SELECT 1' >/dev/null \
               || die "PostgreSQL is not answering on 127.0.0.1:$DOLTSYNC_POSTGRES_PORT as $USER_DB (scripts/servers.sh start)" ;;
    *) die "unknown database $db (mariadb, postgresql)" ;;
  esac
done
for wl in "${wl_list[@]}"; do [[ "$wl" =~ ^[a-z0-9]+$ ]] || die "unknown workload $wl (tpcc, ycsb, smallbank, ...)"; done
case "$load_through" in doltsync|raw) ;; *) die "--load-through is doltsync or raw, not $load_through" ;; esac
case "$capture" in journal) ;; wal) [ "$databases" = postgresql ] || die "--capture=wal needs --databases=postgresql" ;;
  *) die "--capture is journal or wal, not $capture" ;; esac
! port_open "$dolt_port" || die "port $dolt_port is taken: pick another with --dolt-port"

bb_java_home="${BENCHBASE_JAVA_HOME:-}"
if [ -z "$bb_java_home" ]; then
  for j in /usr/lib/jvm/*; do
    v="$("$j/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')" || continue
    if [ -n "$v" ] && [ "${v%%.*}" -ge 23 ] 2>/dev/null; then bb_java_home="$j"; break; fi
  done
fi
[ -n "$bb_java_home" ] && [ -x "$bb_java_home/bin/java" ] || die "BenchBase needs a JDK >= 23: set BENCHBASE_JAVA_HOME"
BB_JAVA="$bb_java_home/bin/java"

# --- builds ----------------------------------------------------------------------------------------------------------
profile_of() { case "$1" in mariadb) echo mariadb ;; postgresql) echo postgres ;; esac; }
if [ "$skip_build" != true ]; then
  for db in "${db_list[@]}"; do
    p="$(profile_of "$db")"
    log "building BenchBase ($p profile) in $bb_home"
    # --release 23: BenchBase compiles with -Werror and -source/-target 23, which a newer JDK warns about;
    # dir.xml: the runnable directory target/benchbase-<profile>/benchbase-<profile> instead of only archives
    (cd "$bb_home" && JAVA_HOME="$bb_java_home" ./mvnw -B -ntp -q -P "$p" package -DskipTests -Dfmt.skip=true \
        -Dmaven.gitcommitid.skip=true -Dmaven.compiler.release=23 -Ddescriptors=src/main/assembly/dir.xml) || die "BenchBase's build failed"
  done
  log "building doltsync's driver and command line"
  ./mvnw -B -ntp -q -pl driver,cli -am -DskipTests package dependency:build-classpath -DincludeScope=runtime \
      -Dmdep.outputFile=target/runtime-classpath.txt || die "doltsync's build failed"
fi
driver_jar="$(ls driver/target/doltsync-driver-*.jar 2>/dev/null | grep -v -e sources -e tests | head -n 1)"
cli_jar="$(ls cli/target/doltsync-cli-*-all.jar 2>/dev/null | head -n 1)"
[ -n "$driver_jar" ] && [ -n "$cli_jar" ] && [ -f driver/target/runtime-classpath.txt ] && [ -f cli/target/runtime-classpath.txt ] \
  || die "doltsync is not built: run without --skip-build"
# doltsync's jar and what it needs at run time: its own modules, jsqlparser and slf4j-api (BenchBase brings an SLF4J
# binding; the optional OpenLineage client is left out); for PostgreSQL also a MySQL-protocol driver for Dolt, which
# BenchBase's postgres profile does not ship
ds_cp=""
for m in driver spi jsqlparser-extensions; do
  j="$(ls "$m"/target/doltsync-"$m"-*.jar 2>/dev/null | grep -v -e sources -e tests | head -n 1)"
  [ -n "$j" ] || die "$m/target has no jar: run without --skip-build"
  ds_cp="$ds_cp${ds_cp:+:}$DOLTSYNC_ROOT/$j"
done
ds_cp="$ds_cp:$(tr ':' '\n' <driver/target/runtime-classpath.txt | grep -E '/(jsqlparser|slf4j-api)-[0-9][^/]*\.jar$' | paste -sd: -)"
mariadb_client="$(tr ':' '\n' <cli/target/runtime-classpath.txt | grep '/mariadb-java-client-' | head -n 1)"
[ -n "$mariadb_client" ] || die "mariadb-java-client is not on the command line's class path"

bb_dir() { echo "$bb_home/target/benchbase-$1/benchbase-$1"; }
# template_of <workload> <db>: our own configuration for TPC-C and YCSB, BenchBase's sample configuration otherwise
template_of() {
  if [ -f "benchmarks/benchbase/$1.xml" ]; then echo "benchmarks/benchbase/$1.xml"
  else echo "$(bb_dir "$(profile_of "$2")")/config/$(profile_of "$2")/sample_$1_config.xml"; fi
}
for db in "${db_list[@]}"; do
  [ -f "$(bb_dir "$(profile_of "$db")")/benchbase.jar" ] || die "BenchBase's $(profile_of "$db") build is missing: run without --skip-build"
  for wl in "${wl_list[@]}"; do
    [ -f "$(template_of "$wl" "$db")" ] || die "BenchBase has no $wl configuration for $db ($(template_of "$wl" "$db"))"
  done
done
# scale_of <workload>: small defaults so that a short run loads in seconds to a minute on a loaded machine
scale_of() {
  if [ -n "${scales[$1]:-}" ]; then echo "${scales[$1]}"; return; fi
  case "$1" in
    tpcc) echo "$tpcc_scale" ;; ycsb) echo "$ycsb_scale" ;;
    smallbank) echo 0.01 ;;                                     # x 1,000,000 accounts
    tatp|twitter|epinions|wikipedia|seats|auctionmark) echo 0.1 ;;
    tpch|chbenchmark|otmetrics) echo 0.1 ;;
    *) echo 1 ;;
  esac
}
# write_types <workload>: the transaction types that write (their committed count is compared with Dolt's commits);
# exact_writes <workload>: whether every committed one of them changes a row (otherwise Dolt may have fewer commits)
write_types() {
  case "$1" in
    tpcc|chbenchmark) echo "NewOrder Payment Delivery" ;;
    ycsb) echo "InsertRecord UpdateRecord DeleteRecord ReadModifyWriteRecord" ;;
    smallbank) echo "Amalgamate DepositChecking SendPayment TransactSavings WriteCheck" ;;
    tatp) echo "DeleteCallForwarding InsertCallForwarding UpdateLocation UpdateSubscriberData" ;;
    twitter) echo "InsertTweet" ;;
    voter) echo "Vote" ;;
    epinions) echo "UpdateUserName UpdateItemTitle UpdateReviewRating UpdateTrustRating" ;;
    sibench) echo "UpdateRecord" ;;
    resourcestresser) echo "IO1 IO2 Contention1 Contention2" ;;
    wikipedia) echo "AddWatchList RemoveWatchList UpdatePage" ;;
    seats) echo "DeleteReservation NewReservation UpdateCustomer UpdateReservation" ;;
    auctionmark) echo "CloseAuctions NewBid NewComment NewCommentResponse NewFeedback NewItem NewPurchase UpdateItem" ;;
    *) echo "" ;;
  esac
}
exact_writes() { case "$1" in tpcc|twitter) return 0 ;; *) return 1 ;; esac; }

ds_commit="$(git log -1 --format=%h)$(git diff --quiet HEAD -- driver spi jsqlparser-extensions cli || echo '+changes')"

# --- the run's private Dolt ------------------------------------------------------------------------------------------
run="bb$(date +%H%M%S)"
out="${out:-/tmp/benchbase-$run}"; mkdir -p "$out"
dolt_dir="$(mktemp -d /tmp/benchbase-dolt-XXXXXX)"
mkdir -p "$dolt_dir/data" "$dolt_dir/home"
cat >"$dolt_dir/config.yaml" <<EOF
log_level: warning
data_dir: $dolt_dir/data
listener:
  host: 127.0.0.1
  port: $dolt_port
  max_connections: 256
system_variables:
  local_infile: 1
EOF
export DOLT_ROOT_PATH="$dolt_dir/home"
dolt config --global --add metrics.disabled true >/dev/null
dolt config --global --add user.name doltsync-benchbase >/dev/null
dolt config --global --add user.email doltsync-benchbase@localhost >/dev/null
(cd "$dolt_dir/data" && exec dolt sql-server --config "$dolt_dir/config.yaml" \
    >"$out/dolt-server.log" 2>&1) &
dolt_pid=$!
created=()   # "mariadb <db>" / "postgresql <schema>" to drop at the end
cleanup() {
  local rc=$?
  kill "$dolt_pid" 2>/dev/null && wait "$dolt_pid" 2>/dev/null || true
  if [ "$keep" != true ]; then
    for c in "${created[@]+"${created[@]}"}"; do
      set -- $c
      if [ "$1" = mariadb ]; then my -e "DROP DATABASE IF EXISTS \`$2\`" || true
      else
        [ "$capture" != wal ] || drop_wal_slot "$2" || true
        pg -c "DROP SCHEMA IF EXISTS \"$2\" CASCADE" || true
      fi
    done
    rm -rf "$dolt_dir"
  else
    log "kept: ${created[*]+"${created[*]}"}; Dolt data in $dolt_dir"
  fi
  exit $rc
}
trap cleanup EXIT
wait_until 60 "the private dolt sql-server on port $dolt_port" port_open "$dolt_port"
log "private dolt sql-server on 127.0.0.1:$dolt_port (pid $dolt_pid, data in $dolt_dir); output in $out"

# --- helpers ---------------------------------------------------------------------------------------------------------
xml_escape() { local s="${1//&/&amp;}"; s="${s//</&lt;}"; printf '%s' "${s//>/&gt;}"; }
# config <workload> <db> <file> <type> <driver> <url> <scale> <terminals> <seconds>: the workload's configuration with
# the connection, scale, terminals and every phase's length filled in and every phase's rate unlimited
config() {
  local url; url="$(xml_escape "$6" | sed 's/[&|\\]/\\&/g')"
  sed -e "s|<type>[^<]*</type>|<type>$4</type>|" -e "s|<driver>[^<]*</driver>|<driver>$5</driver>|" \
      -e "s|<url>[^<]*</url>|<url>$url</url>|" -e "s|<username>[^<]*</username>|<username>$USER_DB</username>|" \
      -e "s|<password>[^<]*</password>|<password>$PASS_DB</password>|" \
      -e "s|<scalefactor>[^<]*</scalefactor>|<scalefactor>$7</scalefactor>|" \
      -e "s|<terminals>[^<]*</terminals>|<terminals>$8</terminals>|" -e "s|<time>[^<]*</time>|<time>$9</time>|g" \
      -e "s|<rate>[^<]*</rate>|<rate>unlimited</rate>|g" "$(template_of "$1" "$2")" >"$3"
  if [ "$1" = twitter ] && [ ! -s "$(bb_dir "$(profile_of "$2")")/data/twitter/twitter_tweetids.txt" ]; then
    twitter_traces "$7"
    sed -i -e "s|<tracefile>[^<]*</tracefile>|<tracefile>$out/twitter-$7-tweetids.txt</tracefile>|" \
        -e "s|<tracefile2>[^<]*</tracefile2>|<tracefile2>$out/twitter-$7-userids.txt</tracefile2>|" "$3"
  fi
}
# twitter_traces <scale>: Twitter's rounds replay a trace of (tweet id, user id) pairs from BenchBase's data/twitter;
# a checkout without those files (large files a snapshot may leave out) gets a uniform trace of 20,000 pairs over the
# ids its loader creates at that scale (20,000 tweets and 500 users x scale), the same for both sides
twitter_traces() {
  [ -s "$out/twitter-$1-tweetids.txt" ] && return 0
  awk -v s="$1" 'BEGIN { srand(10); t = int(20000 * s + 0.5); u = int(500 * s + 0.5); if (t < 1) t = 1; if (u < 1) u = 1
    for (i = 0; i < 20000; i++) { print 1 + int(rand() * t) > "/dev/stdout"; print 1 + int(rand() * u) > "/dev/stderr" } }' \
    >"$out/twitter-$1-tweetids.txt" 2>"$out/twitter-$1-userids.txt"
}
# benchbase <db> <side> <config> <result dir> <log> [BenchBase options...]: runs BenchBase's own main class
benchbase() {
  local db="$1" side="$2" cfg="$3" dir="$4" logf="$5"; shift 5
  local bb; bb="$(bb_dir "$(profile_of "$db")")"
  local cp="benchbase.jar:lib/*"
  if [ "$side" = doltsync ]; then
    cp="$cp:$ds_cp"
    [ "$db" = postgresql ] && cp="$cp:$mariadb_client"
  fi
  (cd "$bb" && "$BB_JAVA" -Dlog4j.configuration="file:$out/log4j.properties" -cp "$cp" com.oltpbenchmark.DBWorkload -b "$(benchmarks_of "$wl")" -c "$cfg" -d "$dir" "$@" >"$logf" 2>&1)
}
# benchmarks_of <workload>: BenchBase's -b list; CH-benCHmark's queries read TPC-C's tables, which BenchBase creates,
# loads and runs (its New-Order, Payment, ...) alongside when both are named
benchmarks_of() { case "$1" in chbenchmark) echo tpcc,chbenchmark ;; *) echo "$1" ;; esac; }
# doltsync_cli <args...>: the command line of this build, with the doltsync user's credentials
doltsync_cli() { DOLTSYNC_USER="$USER_DB" DOLTSYNC_PASSWORD="$PASS_DB" java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dorg.slf4j.simpleLogger.logFile=System.err -jar "$cli_jar" "$@"; }
# histogram <log> <section>: "Name count" lines of one of BenchBase's end-of-run histograms
histogram() {
  awk -v want="$2" '
    index($0, want) { on = 1; next }
    on && /^[[:space:]]*$/ { exit }
    on && /procedures\./ { n = $0; sub(/.*procedures\./, "", n); sub(/\/.*/, "", n);
                           c = $0; sub(/^[^[]*\[ */, "", c); sub(/\].*/, "", c); print n, c }' "$1"
}
section_total() { histogram "$1" "$2" | awk '{ s += $2 } END { print s + 0 }'; }
write_total() { # <log> <workload>: committed transactions of the workload's writing types
  local types; types="$(write_types "$2")"
  histogram "$1" "Completed Transactions" | awk -v t=" $types " 'index(t, " " $1 " ") { s += $2 } END { print s + 0 }'
}
throughput() { # <result dir>: requests/s of BenchBase's summary
  sed -n 's/.*"Throughput (requests\/second)": \([0-9.E-]*\).*/\1/p' "$1"/*.summary.json 2>/dev/null | head -n 1
}
# wal capture: the doltsync schema's slot (named as its publication, which holds the schema's tables)
wal_slot_of() {
  pg -c "SELECT p.pubname FROM pg_publication p JOIN pg_publication_namespace pn ON pn.pnpubid = p.oid
    JOIN pg_namespace n ON n.oid = pn.pnnspid WHERE n.nspname = '$1' LIMIT 1" 2>/dev/null
}
drop_wal_slot() { # <schema>: its slot (once no walsender holds it) and publication
  local slot; slot="$(wal_slot_of "$1")"; [ -n "$slot" ] || return 0
  for _ in $(seq 1 50); do
    [ "$(pg -c "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '$slot' AND active")" = 0 ] && break
    sleep 0.2
  done
  pg -c "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '$slot'" >/dev/null
  pg -c "DROP PUBLICATION IF EXISTS \"$slot\""
}
backlog() { # <db> <ds database or schema>: journaled transactions not yet applied (wal: KiB the slot is behind)
  if [ "$capture" = wal ]; then
    pg -c "SELECT COALESCE(pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn), 0)::bigint / 1024
      FROM pg_replication_slots WHERE slot_name = '$(wal_slot_of "$2")'" 2>/dev/null || echo "?"
  elif [ "$1" = mariadb ]; then my -e "SELECT COUNT(DISTINCT txn) FROM \`$2\`.doltsync_journal" 2>/dev/null || echo "?"
  else pg -c "SELECT count(DISTINCT txn) FROM \"$2\".doltsync_journal" 2>/dev/null || echo "?"; fi
}
dolt_commits() { dolt_sql -e "SELECT COUNT(*) FROM \`$1\`.dolt_log" 2>/dev/null || echo "?"; }
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

results="$out/results.tsv"; checks="$out/checks.tsv"
# BenchBase's own logging (WARN, its classes at INFO) plus doltsync's INFO lines, which say which tables it copies whole
# and why; both sides run with it
unzip -p "$(bb_dir "$(profile_of "${db_list[0]}")")/benchbase.jar" log4j.properties >"$out/log4j.properties" \
  || die "BenchBase's jar has no log4j.properties"
echo "log4j.logger.io.doltsync=INFO" >>"$out/log4j.properties"
printf 'db\tworkload\tterminals\tround\tside\ttx_s\tcompleted\taborted\tretried\tfailed\tunknown\tbacklog_max\tbacklog_end\tdrain_s\n' >"$results"
: >"$checks"

# --- one database x workload ----------------------------------------------------------------------------------------
run_workload() {
  local db="$1" wl="$2"
  local scale; scale="$(scale_of "$wl")"
  local raw_name="${run}_${wl}_raw" ds_name="${run}_${wl}_ds" dolt_db="${run}_${db}_${wl}"
  local type driver raw_url ds_primary_url
  if [ "$db" = mariadb ]; then
    type=MARIADB; driver=org.mariadb.jdbc.Driver
    my -e "CREATE DATABASE \`$raw_name\`; CREATE DATABASE \`$ds_name\`"
    created+=("mariadb $raw_name" "mariadb $ds_name")
    raw_url="jdbc:mariadb://127.0.0.1:$DOLTSYNC_MARIADB_PORT/$raw_name?useServerPrepStmts"
    ds_primary_url="jdbc:mariadb://127.0.0.1:$DOLTSYNC_MARIADB_PORT/$ds_name?useServerPrepStmts"
  else
    type=POSTGRES; driver=org.postgresql.Driver
    pg -c "CREATE SCHEMA \"$raw_name\"; CREATE SCHEMA \"$ds_name\""
    created+=("postgresql $raw_name" "postgresql $ds_name")
    local params="sslmode=disable&ApplicationName=$wl&reWriteBatchedInserts=true"
    raw_url="jdbc:postgresql://127.0.0.1:$DOLTSYNC_POSTGRES_PORT/$PG_DATABASE?$params&currentSchema=$raw_name"
    ds_primary_url="jdbc:postgresql://127.0.0.1:$DOLTSYNC_POSTGRES_PORT/$PG_DATABASE?$params&currentSchema=$ds_name"
  fi
  local ds_url="jdbc:doltsync:${ds_primary_url#jdbc:}&doltsync.target=jdbc:mariadb://127.0.0.1:$dolt_port/$dolt_db"
  [ "$capture" = journal ] || ds_url="$ds_url&doltsync.capture=$capture"
  local w="$out/$db-$wl"; mkdir -p "$w"

  log "$db $wl: loading the raw primary through the raw driver and the doltsync one through $load_through (scale $scale)"
  config "$wl" "$db" "$w/load-raw.xml" "$type" "$driver" "$raw_url" "$scale" 1 "$seconds"
  local load_side=raw
  if [ "$load_through" = doltsync ]; then
    load_side=doltsync
    config "$wl" "$db" "$w/load-ds.xml" "$type" io.doltsync.jdbc.DoltSyncDriver "$ds_url" "$scale" 1 "$seconds"
  else
    config "$wl" "$db" "$w/load-ds.xml" "$type" "$driver" "$ds_primary_url" "$scale" 1 "$seconds"
  fi
  local t0; t0=$(date +%s.%N)
  (benchbase "$db" raw "$w/load-raw.xml" "$w/load-raw" "$w/load-raw.log" --create=true --load=true \
     && elapsed "$t0" >"$w/load-raw.seconds") &
  local load_pid=$!
  local load_ok=true
  benchbase "$db" "$load_side" "$w/load-ds.xml" "$w/load-ds" "$w/load-ds.log" --create=true --load=true || load_ok=false
  local load_ds_s; load_ds_s=$(elapsed "$t0")
  wait "$load_pid" || load_ok=false
  if [ "$load_ok" != true ]; then  # one workload that cannot load does not end the others' runs
    log "$db $wl: BenchBase's load FAILED (see $w/load-raw.log and $w/load-ds.log); skipping $wl"
    printf '%s\t%s\tload_failed\n' "$db" "$wl" >>"$checks"
    return 0
  fi
  local load_raw_s; load_raw_s="$(cat "$w/load-raw.seconds")"
  log "$db $wl: loaded raw in $(printf %.1f "$load_raw_s") s, the doltsync side ($load_through) in $(printf %.1f "$load_ds_s") s; applying what is left to Dolt"
  t0=$(date +%s.%N)
  local load_backlog; load_backlog="$(backlog "$db" "$ds_name")"
  doltsync_cli apply --url "$ds_url" --timeout "$drain_timeout" >"$w/bootstrap.log" 2>&1 \
    || die "$db $wl: the bootstrap failed (see $w/bootstrap.log)"
  local boot_s; boot_s=$(elapsed "$t0")
  local commits_before; commits_before="$(dolt_commits "$dolt_db")"
  printf '%s\t%s\tload_s\t%.1f\t%.1f\t%s\n' "$db" "$wl" "$load_raw_s" "$load_ds_s" "$load_backlog" >>"$checks"
  printf '%s\t%s\tbootstrap_s\t%.1f\n' "$db" "$wl" "$boot_s" >>"$checks"
  log "$db $wl: $load_backlog journaled transactions left after the load, applied (or bootstrapped) in $(printf %.1f "$boot_s") s; Dolt has $commits_before commits"

  local ds_writes=0
  for t in "${term_list[@]}"; do
    config "$wl" "$db" "$w/raw-$t.xml" "$type" "$driver" "$raw_url" "$scale" "$t" "$seconds"
    config "$wl" "$db" "$w/ds-$t.xml" "$type" io.doltsync.jdbc.DoltSyncDriver "$ds_url" "$scale" "$t" "$seconds"
    for r in $(seq 1 "$rounds"); do
      local order="raw doltsync"; [ $(((r + t) % 2)) -eq 0 ] || order="doltsync raw"
      for side in $order; do
        local tag="t$t-r$r-$side" cfg; [ "$side" = raw ] && cfg="$w/raw-$t.xml" || cfg="$w/ds-$t.xml"
        log "$db $wl: $t terminals, round $r, $side"
        local poll_pid="" bmax="-" bend="-" drain="-"
        if [ "$side" = doltsync ]; then
          (while true; do backlog "$db" "$ds_name"; sleep 2; done) >"$w/$tag.backlog" 2>/dev/null &
          poll_pid=$!
        fi
        benchbase "$db" "$side" "$cfg" "$w/$tag" "$w/$tag.log" --execute=true \
          || log "$db $wl: BenchBase exited with an error in $tag (see $w/$tag.log)"
        if [ -n "$poll_pid" ]; then
          kill "$poll_pid" 2>/dev/null; wait "$poll_pid" 2>/dev/null || true
          bmax="$(grep -E '^[0-9]+$' "$w/$tag.backlog" | sort -n | tail -n 1)"
          bend="$(backlog "$db" "$ds_name")"
          t0=$(date +%s.%N)
          doltsync_cli apply --url "$ds_url" --timeout "$drain_timeout" >"$w/$tag.drain.log" 2>&1 \
            || log "$db $wl: the journal did not drain after $tag (see $w/$tag.drain.log)"
          drain=$(printf %.1f "$(elapsed "$t0")")
          ds_writes=$((ds_writes + $(write_total "$w/$tag.log" "$wl")))
        fi
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$db" "$wl" "$t" "$r" "$side" \
          "$(throughput "$w/$tag")" "$(section_total "$w/$tag.log" "Completed Transactions")" \
          "$(section_total "$w/$tag.log" "Aborted Transactions")" \
          "$(section_total "$w/$tag.log" "Rejected Transactions (Server Retry)")" \
          "$(( $(section_total "$w/$tag.log" "Unexpected SQL Errors") + $(section_total "$w/$tag.log" "Rejected Transactions (Retry Different)") ))" \
          "$(section_total "$w/$tag.log" "Unknown Status Transactions")" "${bmax:--}" "${bend:--}" "$drain" >>"$results"
        tail -n 1 "$results" | cut -f3-
      done
    done
  done

  log "$db $wl: checking Dolt's head against the primary"
  local verify_rc=0
  doltsync_cli verify --url "$ds_url" >"$w/verify.log" 2>&1 || verify_rc=$?
  local commits_after; commits_after="$(dolt_commits "$dolt_db")"
  local made="?"; [[ "$commits_before" =~ ^[0-9]+$ && "$commits_after" =~ ^[0-9]+$ ]] && made=$((commits_after - commits_before))
  printf '%s\t%s\tverify_rc\t%s\t%s\n' "$db" "$wl" "$verify_rc" "$(tail -n 1 "$w/verify.log")" >>"$checks"
  printf '%s\t%s\tcommits\t%s\t%s\n' "$db" "$wl" "$made" "$ds_writes" >>"$checks"
  # grep -c exits 1 when a log has no such line: not a failure (pipefail would end the script here)
  { grep -h -c -E '^\[(WARN|ERROR).*io\.doltsync' "$w"/t*-doltsync.log "$w"/load-ds.log 2>/dev/null || true; } | awk -v d="$db" -v wl="$wl" '{ s += $1 } END { printf "%s\t%s\tdoltsync_log_lines\t%d\n", d, wl, s }' >>"$checks"
}

for db in "${db_list[@]}"; do
  for wl in "${wl_list[@]}"; do
    run_workload "$db" "$wl"
    # the tables doltsync copied whole at commit (one line per SQL text and table and JVM), with the reasons
    { grep -h 'copies table' "$out/$db-$wl"/load-ds.log "$out/$db-$wl"/t*-doltsync.log 2>/dev/null || true; } \
      | sed 's/.*doltsync copies table/table/' | sort | uniq -c >"$out/$db-$wl/copies.txt"
    printf '%s\t%s\tcopies\t%s\t%s\n' "$db" "$wl" "$(awk '{ s += $1 } END { print s + 0 }' "$out/$db-$wl/copies.txt")" \
      "$(awk '{ print $3 }' "$out/$db-$wl/copies.txt" | sort -u | paste -sd, -)" >>"$checks"
  done
done

# --- the table -------------------------------------------------------------------------------------------------------
load_avg="$(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "BenchBase $(git -C "$bb_home" log -1 --format=%h 2>/dev/null || echo '?') through doltsync $ds_commit (source when the run started), $rounds x ${seconds}s rounds per side, load average at the end: $load_avg"
echo "tx/s: BenchBase's throughput (median of the rounds); aborted: the workload's own rollbacks; retried: deadlocks and"
echo "serialization failures BenchBase retried; failed: unexpected SQL errors; backlog: journaled transactions not yet in Dolt (--capture=wal: KiB of WAL the slot is behind)"
echo "(max while the round ran / when its JVM had exited, after its drain on shutdown); drain: seconds to empty the journal after the round."
echo
printf '%-10s %-5s %4s | %9s %9s %7s | %-15s | %-15s | %12s %8s\n' db workload term "raw tx/s" "ds tx/s" ratio \
  "raw ab/ret/fail" "ds ab/ret/fail" "backlog" "drain s"
for db in "${db_list[@]}"; do for wl in "${wl_list[@]}"; do for t in "${term_list[@]}"; do
  grep -q -P "^$db\t$wl\tload_failed" "$checks" && continue
  sel() { awk -F'\t' -v d="$db" -v w="$wl" -v t="$t" -v s="$1" '$1 == d && $2 == w && $3 == t && $5 == s' "$results"; }
  raw_tx="$(sel raw | cut -f6 | tr '\n' ' ' | median)"; ds_tx="$(sel doltsync | cut -f6 | tr '\n' ' ' | median)"
  # a round BenchBase could not run reports no throughput: shown as 0 (its log says why)
  [[ "$raw_tx" =~ ^[0-9.eE+-]+$ && "$raw_tx" != - ]] || raw_tx=0
  [[ "$ds_tx" =~ ^[0-9.eE+-]+$ && "$ds_tx" != - ]] || ds_tx=0
  ratio="$(awk -v a="$ds_tx" -v b="$raw_tx" 'BEGIN { if (b + 0 > 0) printf "%.1f%%", 100 * a / b; else print "-" }')"
  sums() { sel "$1" | awk -F'\t' '{ a += $8; r += $9; f += $10 + $11 } END { printf "%d/%d/%d", a, r, f }'; }
  bl="$(sel doltsync | awk -F'\t' '{ m = ($12 + 0 > m) ? $12 + 0 : m; e = $13 } END { printf "%d/%s", m, e }')"
  dr="$(sel doltsync | cut -f14 | tr '\n' ' ' | median)"
  printf '%-10s %-5s %4s | %9.1f %9.1f %7s | %-15s | %-15s | %12s %8s\n' "$db" "$wl" "$t" "$raw_tx" "$ds_tx" "$ratio" \
    "$(sums raw)" "$(sums doltsync)" "$bl" "$dr"
done; done; done
echo
failed=0
for db in "${db_list[@]}"; do for wl in "${wl_list[@]}"; do
  boot="$(awk -F'\t' -v d="$db" -v w="$wl" '$1 == d && $2 == w && $3 == "bootstrap_s" { print $4 }' "$checks")"
  vrc="$(awk -F'\t' -v d="$db" -v w="$wl" '$1 == d && $2 == w && $3 == "verify_rc" { print $4 }' "$checks")"
  vline="$(awk -F'\t' -v d="$db" -v w="$wl" '$1 == d && $2 == w && $3 == "verify_rc" { print $5 }' "$checks")"
  read -r made writes < <(awk -F'\t' -v d="$db" -v w="$wl" '$1 == d && $2 == w && $3 == "commits" { print $4, $5 }' "$checks")
  lines="$(awk -F'\t' -v d="$db" -v w="$wl" '$1 == d && $2 == w && $3 == "doltsync_log_lines" { print $4 }' "$checks")"
  read -r load_raw load_ds load_left < <(awk -F'\t' -v d="$db" -v w="$wl" '$1 == d && $2 == w && $3 == "load_s" { print $4, $5, $6 }' "$checks")
  copies="$(awk -F'\t' -v d="$db" -v w="$wl" '$1 == d && $2 == w && $3 == "copies" { print $4 " (" ($5 == "" ? "none" : $5) ")" }' "$checks")"
  if grep -q -P "^$db\t$wl\tload_failed" "$checks"; then
    printf '%s %s: LOAD FAILED (see %s/%s-%s/load-*.log)\n' "$db" "$wl" "$out" "$db" "$wl"; failed=1; continue
  fi
  verdict="EQUAL"; [ "$vrc" = 0 ] || { verdict="DIFFERS (verify exit $vrc: $vline; see $out/$db-$wl/verify.log)"; failed=1; }
  cverdict="one per committed write transaction"
  if [ "$made" != "$writes" ]; then
    if [ -z "$(write_types "$wl")" ]; then
      cverdict="not compared (the script does not know $wl's writing transaction types)"
    elif ! exact_writes "$wl" && [[ "$made" =~ ^[0-9]+$ ]] && [ "$made" -lt "$writes" ]; then
      # e.g. YCSB's DeleteRecord of a key already deleted, TATP's DeleteCallForwarding of none, a Vote over the
      # limit: a committed transaction that changed no row makes no Dolt commit
      cverdict="fewer, as expected where a write transaction changed no row ($wl is not exactly countable)"
    else
      cverdict="MISMATCH"; failed=1
    fi
  fi
  printf '%s %s: load raw %ss, doltsync side (%s) %ss, %s transactions left then applied in %ss; Dolt head vs primary: %s; Dolt commits %s vs BenchBase write transactions %s: %s; doltsync WARN/ERROR lines in BenchBase logs: %s; whole-table copies logged: %s\n' \
    "$db" "$wl" "$load_raw" "$load_through" "$load_ds" "$load_left" "$boot" "$verdict" "$made" "$writes" "$cverdict" "$lines" "$copies"
done; done
echo "results: $results; logs, configs and BenchBase's outputs: $out"
exit $failed
