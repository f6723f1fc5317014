#!/usr/bin/env bash
# Drops the databases (PostgreSQL: schemas) that test runs left on the shared test servers, and purges the
# copies Dolt keeps of dropped databases (its .dolt_dropped_databases folder, CALL dolt_purge_dropped_databases()).
# A test database is one named like the tests name them: <prefix>_<10 hex digits> (TestServers.uniqueName),
# e.g. wbbad_3f2a9c1b0e. Run it only when no tests are running: it cannot tell a finished run's databases
# from a running one's. Test JVMs drop their own at the end of their JUnit session
# (-Ddoltsync.test.keepDatabases=true keeps them); this is for what crashed or kept runs left.
#   scripts/clean.sh [--dry-run] [dolt] [dolt-remote] [mariadb] [postgres]     (default: all four)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TEST_NAME='^[A-Za-z0-9_]+_[0-9a-f]{10}$'
dry_run=false
servers=()
for arg in "$@"; do
  case "$arg" in
    --dry-run) dry_run=true ;;
    dolt|dolt-remote|mariadb|postgres) servers+=("$arg") ;;
    *) echo "usage: $0 [--dry-run] [dolt] [dolt-remote] [mariadb] [postgres]" >&2; exit 2 ;;
  esac
done
[ ${#servers[@]} -gt 0 ] || servers=(dolt dolt-remote mariadb postgres)

mysql_client() { if command -v mariadb >/dev/null 2>&1; then mariadb "$@"; else mysql "$@"; fi; }
dolt_sql() { mysql_client --protocol=tcp -h 127.0.0.1 -P "$1" -uroot -N -B -e "$2"; }
mariadb_sql() { mysql_client --protocol=tcp -h 127.0.0.1 -P "$DOLTSYNC_MARIADB_PORT" -udoltsync -pdoltsync -N -B -e "$1"; }
postgres_sql() { PGPASSWORD=doltsync psql -h 127.0.0.1 -p "$DOLTSYNC_POSTGRES_PORT" -U doltsync -d doltsync_test -qtA -c "$1"; }

# clean_server <label> <port> <list query runner> <drop statement format> [purge statement]
clean() {
  local label="$1" port="$2" run="$3" list="$4" drop="$5" purge="${6:-}"
  if ! port_open "$port"; then log "$label (127.0.0.1:$port) is not running; skipped"; return 0; fi
  local names count=0
  names="$($run "$list" | grep -E "$TEST_NAME" || true)"
  for name in $names; do
    if $dry_run; then echo "$label: would drop $name"; else $run "$(printf "$drop" "$name")" >/dev/null; fi
    count=$((count + 1))
  done
  if ! $dry_run && [ -n "$purge" ]; then $run "$purge" >/dev/null; fi
  log "$label: $( $dry_run && echo "would drop" || echo dropped ) $count test database(s)$( [ -n "$purge" ] && ! $dry_run && echo ", purged dropped databases" )"
}

for server in "${servers[@]}"; do
  case "$server" in
    dolt) clean "dolt" "$DOLTSYNC_DOLT_PORT" "dolt_sql $DOLTSYNC_DOLT_PORT" "SHOW DATABASES" \
            'DROP DATABASE IF EXISTS `%s`' "CALL dolt_purge_dropped_databases()" ;;
    dolt-remote) clean "dolt (remote)" "$DOLTSYNC_DOLT_REMOTE_PORT" "dolt_sql $DOLTSYNC_DOLT_REMOTE_PORT" "SHOW DATABASES" \
            'DROP DATABASE IF EXISTS `%s`' "CALL dolt_purge_dropped_databases()" ;;
    mariadb) clean "mariadb" "$DOLTSYNC_MARIADB_PORT" mariadb_sql "SHOW DATABASES" 'DROP DATABASE IF EXISTS `%s`' ;;
    postgres) clean "postgres" "$DOLTSYNC_POSTGRES_PORT" postgres_sql \
            "SELECT schema_name FROM information_schema.schemata" 'DROP SCHEMA IF EXISTS "%s" CASCADE' ;;
  esac
done
