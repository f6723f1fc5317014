#!/usr/bin/env bash
# Installs MariaDB from apt and runs a private server for the tests.
#   scripts/mariadb.sh start | stop | status
# The server listens on 127.0.0.1:$DOLTSYNC_MARIADB_PORT with its own data directory and socket, and
# has a database `doltsync_test` owned by user `doltsync` (password `doltsync`). Idempotent.
# The binary log is on in ROW format with full images and column metadata (doltsync.capture=binlog reads it),
# kept one day and rotated at 256 MB; a server started by an older script keeps its settings until restarted.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DIR="$DOLTSYNC_SERVERS/mariadb"
PORT="$DOLTSYNC_MARIADB_PORT"
SOCK="$DIR/mariadb.sock"

client() { mariadb --protocol=socket -S "$SOCK" -uroot "$@"; }

start() {
  if port_open "$PORT"; then log "mariadb already listening on 127.0.0.1:$PORT"; return 0; fi
  command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || apt_install mariadb-server mariadb-client
  export PATH="$PATH:/usr/sbin"
  mkdir -p "$DIR"
  if [ ! -d "$DIR/data/mysql" ]; then
    log "initialising mariadb data directory $DIR/data"
    mariadb-install-db --no-defaults --user="$(id -un)" --datadir="$DIR/data" --auth-root-authentication-method=socket \
      >"$DIR/install.log" 2>&1 || { cat "$DIR/install.log" >&2; die "mariadb-install-db failed"; }
  fi
  log "starting mariadb on 127.0.0.1:$PORT"
  nohup mariadbd --no-defaults --user="$(id -un)" --datadir="$DIR/data" --socket="$SOCK" \
    --port="$PORT" --bind-address=127.0.0.1 --skip-name-resolve --pid-file="$DIR/pid" \
    --log-error="$DIR/server.log" --innodb-buffer-pool-size=256M --max-connections=500 \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
    --log-bin="$DIR/data/binlog" --server-id=1 --binlog-format=ROW --binlog-row-image=FULL \
    --binlog-row-metadata=FULL --binlog-annotate-row-events=OFF \
    --binlog-expire-logs-seconds=86400 --max-binlog-size=256M >/dev/null 2>&1 &
  wait_until 60 "mariadb on port $PORT" client -e 'select 1'
  client <<'SQL'
CREATE DATABASE IF NOT EXISTS doltsync_test;
CREATE USER IF NOT EXISTS 'doltsync'@'127.0.0.1' IDENTIFIED BY 'doltsync';
CREATE USER IF NOT EXISTS 'doltsync'@'localhost' IDENTIFIED BY 'doltsync';
GRANT ALL PRIVILEGES ON *.* TO 'doltsync'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'doltsync'@'localhost' WITH GRANT OPTION;
FLUSH PRIVILEGES;
SQL
}

stop() {
  if [ -f "$DIR/pid" ] && kill -0 "$(cat "$DIR/pid")" 2>/dev/null; then
    kill "$(cat "$DIR/pid")"; wait_until 60 "mariadb shutdown" bash -c "! kill -0 $(cat "$DIR/pid") 2>/dev/null"
    log "stopped mariadb"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if port_open "$PORT"; then echo "mariadb on $PORT: up"; else echo "mariadb on $PORT: down"; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
