#!/usr/bin/env bash
# Installs (if needed) and starts, or stops, every server the tests use: MariaDB, PostgreSQL and two
# Dolt sql-servers (the main one and a remote with --remotesapi-port).
#   scripts/servers.sh start | stop | status | clean [--dry-run] [server...]
# clean drops the databases test runs left behind and purges Dolt's dropped databases (scripts/clean.sh).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
here="$(dirname "${BASH_SOURCE[0]}")"
case "${1:-}" in
  start) "$here/dolt.sh" install; "$here/mariadb.sh" start; "$here/postgres.sh" start
         "$here/dolt.sh" start; "$here/dolt.sh" start-remote ;;
  stop) "$here/dolt.sh" stop; "$here/mariadb.sh" stop; "$here/postgres.sh" stop ;;
  status) "$here/mariadb.sh" status; "$here/postgres.sh" status; "$here/dolt.sh" status ;;
  clean) shift; "$here/clean.sh" "$@" ;;
  *) echo "usage: $0 start|stop|status|clean [--dry-run] [server...]" >&2; exit 2 ;;
esac
