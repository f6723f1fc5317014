#!/usr/bin/env bash
# Installs Dolt from the Go module proxy and starts/stops the test `dolt sql-server`s.
#   scripts/dolt.sh install          build dolt with `go install` unless the pinned build is on PATH
#   scripts/dolt.sh start            the main test server   (127.0.0.1:$DOLTSYNC_DOLT_PORT)
#   scripts/dolt.sh start-remote     a second server with --remotesapi-port, used as a push/pull remote
#   scripts/dolt.sh stop | status
# Idempotent: starting a running server, or installing an installed dolt, does nothing.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

GOBIN_DIR="$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"
export PATH="$GOBIN_DIR:$PATH"

installed_commit() {
  command -v dolt >/dev/null 2>&1 || return 1
  # `go version -m` reads the module version the binary was built from.
  go version -m "$(command -v dolt)" 2>/dev/null | awk '$1=="mod" && $2=="github.com/dolthub/dolt/go" {print $3}'
}

install_dolt() {
  if [ "$(installed_commit || true)" = "$DOLT_MODULE_VERSION" ]; then
    log "dolt $DOLT_MODULE_VERSION already installed at $(command -v dolt)"
    return 0
  fi
  command -v go >/dev/null 2>&1 || die "Go is needed to build Dolt (go install github.com/dolthub/dolt/go/cmd/dolt)"
  apt_install g++ libicu-dev
  log "building dolt $DOLT_MODULE_VERSION with go install (a few minutes on 2 cores)"
  CGO_ENABLED=1 GOFLAGS=-buildvcs=false go install "github.com/dolthub/dolt/go/cmd/dolt@$DOLT_MODULE_VERSION"
  log "installed $(dolt version | head -1) at $GOBIN_DIR/dolt"
}

# start_server <name> <port> [extra sql-server args...]
start_server() {
  local name="$1" port="$2"; shift 2
  local dir="$DOLTSYNC_SERVERS/dolt-$name"
  if port_open "$port"; then log "dolt ($name) already listening on 127.0.0.1:$port"; return 0; fi
  command -v dolt >/dev/null 2>&1 || install_dolt
  mkdir -p "$dir/data" "$dir/home"
  export DOLT_ROOT_PATH="$dir/home"
  dolt config --global --get metrics.disabled >/dev/null 2>&1 || dolt config --global --add metrics.disabled true >/dev/null
  dolt config --global --get user.name >/dev/null 2>&1 || {
    dolt config --global --add user.name doltsync-tests >/dev/null
    dolt config --global --add user.email doltsync-tests@localhost >/dev/null
  }
  log "starting dolt ($name) on 127.0.0.1:$port, data in $dir/data"
  (cd "$dir/data" && DOLT_REMOTE_PASSWORD="${DOLT_REMOTE_PASSWORD:-}" nohup dolt sql-server --data-dir "$dir/data" \
      --host 127.0.0.1 --port "$port" --socket "$dir/dolt.sock" --loglevel warning "$@" \
      >"$dir/server.log" 2>&1 & echo $! >"$dir/pid")
  wait_until 60 "dolt ($name) on port $port" port_open "$port"
}

stop_server() {
  local dir="$DOLTSYNC_SERVERS/dolt-$1"
  if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    kill "$(cat "$dir/pid")"; log "stopped dolt ($1)"
  fi
  rm -f "$dir/pid"
}

case "${1:-}" in
  install) install_dolt ;;
  start) install_dolt; start_server main "$DOLTSYNC_DOLT_PORT" ;;
  start-remote) install_dolt; start_server remote "$DOLTSYNC_DOLT_REMOTE_PORT" --remotesapi-port "$DOLTSYNC_DOLT_REMOTESAPI_PORT" ;;
  stop) stop_server main; stop_server remote ;;
  status) for p in "$DOLTSYNC_DOLT_PORT" "$DOLTSYNC_DOLT_REMOTE_PORT"; do
            if port_open "$p"; then echo "dolt on $p: up"; else echo "dolt on $p: down"; fi; done ;;
  *) echo "usage: $0 install|start|start-remote|stop|status" >&2; exit 2 ;;
esac
