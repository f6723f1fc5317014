#!/usr/bin/env bash
# Installs PostgreSQL from apt and runs a private cluster for the tests.
#   scripts/postgres.sh start | stop | status
# The cluster listens on 127.0.0.1:$DOLTSYNC_POSTGRES_PORT with its own data directory and socket
# directory, and has a database `doltsync_test` owned by role `doltsync` (password `doltsync`). Idempotent.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DIR="$DOLTSYNC_SERVERS/postgres"
PORT="$DOLTSYNC_POSTGRES_PORT"
# As root the cluster runs as the `postgres` user, who may not be able to reach a checkout under a private
# home directory: then keep the cluster under /var/tmp instead.
if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$(dirname "$DIR")" 2>/dev/null; then
  DIR="/var/tmp/doltsync-servers-$(printf '%s' "$DOLTSYNC_ROOT" | md5sum | cut -c1-8)/postgres"
fi

pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

# PostgreSQL refuses to run as root: as root, run it as the `postgres` system user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  if port_open "$PORT"; then log "postgres already listening on 127.0.0.1:$PORT"; return 0; fi
  [ -n "$(pg_bindir)" ] || apt_install postgresql postgresql-client
  local bin; bin="$(pg_bindir)"
  mkdir -p "$DIR"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$DIR"; fi
  if [ ! -f "$DIR/data/PG_VERSION" ]; then
    log "initialising postgres cluster in $DIR/data"
    as_owner "$bin/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
  fi
  log "starting postgres on 127.0.0.1:$PORT"
  as_owner "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c max_connections=300 -c max_prepared_transactions=64 -c fsync=on -c wal_level=logical -c max_replication_slots=64 -c max_wal_senders=64" >/dev/null
  wait_until 60 "postgres on port $PORT" as_owner "$bin/pg_isready" -h 127.0.0.1 -p "$PORT"
  as_owner psql -h 127.0.0.1 -p "$PORT" -U postgres -qtA -c "SELECT 1 FROM pg_roles WHERE rolname='doltsync'" | grep -q 1 \
    || as_owner psql -h 127.0.0.1 -p "$PORT" -U postgres -q -c "CREATE ROLE doltsync LOGIN SUPERUSER PASSWORD 'doltsync'"
  as_owner psql -h 127.0.0.1 -p "$PORT" -U postgres -qtA -c "SELECT 1 FROM pg_database WHERE datname='doltsync_test'" | grep -q 1 \
    || as_owner psql -h 127.0.0.1 -p "$PORT" -U postgres -q -c "CREATE DATABASE doltsync_test OWNER doltsync"
}

stop() {
  local bin; bin="$(pg_bindir)"
  [ -f "$DIR/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null && log "stopped postgres"
  return 0
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if port_open "$PORT"; then echo "postgres on $PORT: up"; else echo "postgres on $PORT: down"; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
