#!/usr/bin/env bash
# A private, throw-away PostgreSQL 15 server with PostGIS and pgRouting, for the routing comparison,
# the routing benchmark and the tests of the resource database on PostGIS. It listens on a unix socket inside its own directory only (no TCP), trusts
# local connections, and runs with fsync off: it holds nothing worth keeping.
#
#   pg_private.sh start DIR   create DIR (must not exist), initdb into it, start the server, create
#                             database `muster` with the pgrouting extension; prints the libpq
#                             environment (PGHOST=DIR PGPORT=... PGUSER=postgres PGDATABASE=muster)
#   pg_private.sh stop DIR    stop the server of DIR if it runs (DIR is left for the caller)
#   pg_private.sh run CMD...  start a server in a new temporary directory, run CMD with the libpq
#                             environment set, stop the server and remove the directory on exit
#
# PostgreSQL refuses to run as root: as root (CI), the server runs as the `postgres` system user,
# which owns DIR; otherwise it runs as the caller. Binaries: $PG_BIN or /usr/lib/postgresql/15/bin.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_PORT=${PG_PORT:-5432}  # names the socket file only: no TCP listener is opened

die() {
  echo "pg_private: $*" >&2
  exit 1
}

# Runs a command as the server's owner, from a directory that owner can enter.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd "$DIR" && runuser -u postgres -- "$@")
  else
    (cd "$DIR" && "$@")
  fi
}

start() {
  [ -x "$PG_BIN/initdb" ] || die "no PostgreSQL binaries in $PG_BIN (install postgresql-15 and postgresql-15-pgrouting: scripts/install-deps.sh)"
  [ ! -e "$DIR" ] || die "$DIR exists: give a new directory"
  # The socket path (DIR/.s.PGSQL.PORT) must fit in sockaddr_un (107 bytes).
  [ ${#DIR} -le 90 ] || die "$DIR is too long for a unix socket path: use a shorter directory"
  mkdir -p "$DIR"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root needs the postgres system user (installed with postgresql-15)"
    chown postgres: "$DIR"
    runuser -u postgres -- test -w "$DIR" ||
      die "the postgres user cannot write $DIR: put it under a directory every user can enter, e.g. /tmp"
  fi

  as_owner "$PG_BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$DIR/initdb.log" 2>&1 ||
    { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
  cat >>"$DIR/data/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$DIR'
port = $PG_PORT
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 256MB
work_mem = 64MB
max_connections = 20
EOF
  as_owner "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start >/dev/null ||
    { cat "$DIR/server.log" >&2; die "the server did not start"; }
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$DIR" -p "$PG_PORT" -U postgres -d postgres \
    -c "CREATE DATABASE muster" >/dev/null
  # pgRouting 3.4's control file requires PostGIS: CASCADE installs it too.
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$DIR" -p "$PG_PORT" -U postgres -d muster \
    -c "CREATE EXTENSION pgrouting CASCADE" >/dev/null 2>&1 ||
    { stop; die "CREATE EXTENSION pgrouting failed (install postgresql-15-pgrouting)"; }
  echo "PGHOST=$DIR PGPORT=$PG_PORT PGUSER=postgres PGDATABASE=muster"
}

stop() {
  if [ -f "$DIR/data/postmaster.pid" ]; then
    as_owner "$PG_BIN/pg_ctl" -D "$DIR/data" -m fast -w -t 60 stop >/dev/null 2>&1 ||
      as_owner "$PG_BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
}

run() {
  [ $# -gt 0 ] || die "run needs a command"
  PARENT=$(mktemp -d /tmp/muster-pg.XXXXXX)
  chmod 755 "$PARENT"  # the postgres user must enter it
  DIR="$PARENT/pg"
  trap 'stop; rm -rf "$PARENT"' EXIT
  trap 'exit 130' INT TERM
  start >/dev/null
  PGHOST="$DIR" PGPORT="$PG_PORT" PGUSER=postgres PGDATABASE=muster "$@"
}

command=${1:-}
case "$command" in
  start | stop)
    [ $# -eq 2 ] || die "usage: pg_private.sh $command DIR"
    DIR=$(realpath -m "$2")
    "$command"
    ;;
  run)
    shift
    run "$@"
    ;;
  *) die "usage: pg_private.sh start DIR | stop DIR | run CMD..." ;;
esac
