#!/usr/bin/env bash
# Sets up everything the tests need on a fresh Debian machine (Dolt from the Go module proxy, MariaDB and
# PostgreSQL from apt, each started on 127.0.0.1 with its own port and data directory), then builds and
# runs every test of every module. Idempotent: servers already running are reused.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$DOLTSYNC_ROOT"
scripts/servers.sh start
export PATH="$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin:$PATH"
./mvnw -B -ntp verify "$@"
