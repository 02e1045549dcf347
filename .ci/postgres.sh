#!/usr/bin/env bash
# Makes sure a PostgreSQL server is listening on 127.0.0.1:${PGPORT:-5432} with the
# test role the integration tests use. Installs the Debian package when it is missing.
# Safe to run again: an already running server is left alone.
set -euo pipefail
PGPORT="${PGPORT:-5432}"
PGDATA_DIR="${SCORECARD_PGDATA:-/tmp/scorecardbot-pg}"

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  echo "postgres: installing the Debian package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
PGBIN=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n1)")

if "$PGBIN/pg_isready" -h 127.0.0.1 -p "$PGPORT" -q; then
  echo "postgres: already listening on $PGPORT"
else
  RUNAS=()
  if [ "$(id -u)" = 0 ]; then RUNAS=(runuser -u postgres --); fi
  if [ ! -s "$PGDATA_DIR/PG_VERSION" ]; then
    mkdir -p "$PGDATA_DIR"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDATA_DIR"
    "${RUNAS[@]}" "$PGBIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w \
    -o "-h 127.0.0.1 -p $PGPORT -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
  echo "postgres: started on $PGPORT ($PGDATA_DIR)"
fi
# The test role. A server started here trusts local connections; a cluster the Debian package
# started itself asks for passwords over TCP, so the role is then created over its Unix socket.
if ! PGPASSWORD=scorecard psql -h 127.0.0.1 -p "$PGPORT" -U scorecard -d postgres -tAc "SELECT 1" >/dev/null 2>&1; then
  CREATE="DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname='scorecard') THEN CREATE ROLE scorecard LOGIN SUPERUSER PASSWORD 'scorecard'; ELSE ALTER ROLE scorecard LOGIN SUPERUSER PASSWORD 'scorecard'; END IF; END \$\$;"
  if ! psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -qc "$CREATE" >/dev/null 2>&1; then
    runuser -u postgres -- psql -p "$PGPORT" -d postgres -qc "$CREATE"
  fi
  PGPASSWORD=scorecard psql -h 127.0.0.1 -p "$PGPORT" -U scorecard -d postgres -tAc "SELECT 1" >/dev/null
fi
echo "postgres: role scorecard ready"
