#!/usr/bin/env bash
# Shared helpers for the server scripts: paths, ports, logging and a readiness wait.
# Every server binds to 127.0.0.1 on a port of its own and keeps its data under $DOLTSYNC_SERVERS.

set -euo pipefail

DOLTSYNC_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DOLTSYNC_SERVERS="${DOLTSYNC_SERVERS:-$DOLTSYNC_ROOT/.servers}"

# Ports (override through the environment if they clash with something on your machine).
DOLTSYNC_MARIADB_PORT="${DOLTSYNC_MARIADB_PORT:-33306}"
DOLTSYNC_POSTGRES_PORT="${DOLTSYNC_POSTGRES_PORT:-35432}"
DOLTSYNC_DOLT_PORT="${DOLTSYNC_DOLT_PORT:-33307}"
DOLTSYNC_DOLT_REMOTE_PORT="${DOLTSYNC_DOLT_REMOTE_PORT:-33308}"
DOLTSYNC_DOLT_REMOTESAPI_PORT="${DOLTSYNC_DOLT_REMOTESAPI_PORT:-33350}"

# The Dolt commit to build. The issue asks for b15770fe (tag v2.3.1); the Go module proxy refuses that
# pseudo-version, so we build the newest commit the proxy serves. See README "Servers".
DOLT_MODULE_VERSION="${DOLT_MODULE_VERSION:-v0.40.5-0.20260424001550-011a27ff4303}"
DOLT_WANTED_COMMIT="${DOLT_MODULE_VERSION##*-}"

log() { printf '[doltsync] %s\n' "$*" >&2; }
die() { printf '[doltsync] ERROR: %s\n' "$*" >&2; exit 1; }

# wait_until <seconds> <description> <command...>: polls the command every 0.25 s.
wait_until() {
  local timeout="$1" what="$2"; shift 2
  local deadline=$(( $(date +%s) + timeout ))
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      die "$what did not become ready within ${timeout}s"
    fi
    sleep 0.25
  done
}

# port_open <port>: true when something listens on 127.0.0.1:<port>.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "apt-get install ${missing[*]}"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
