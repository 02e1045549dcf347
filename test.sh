#!/usr/bin/env bash
# Runs every test of the product: unit, repository (SQLite and PostgreSQL), integration, browser.
# Installs what the tests need when it is missing (Debian packages: postgresql, chromium, nodejs),
# then starts a PostgreSQL cluster of its own for the run: a temporary data folder, a free port on
# 127.0.0.1, the current user (the `postgres` OS user when run as root), stopped and removed at the
# end. No other server is touched. SCORECARD_TEST_POSTGRES=<connection string> uses that server
# instead (it must let the user create and drop databases). Extra arguments go to `dotnet test`
# (e.g. --filter). The last line sums the test projects: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"

# --- what the tests need -------------------------------------------------------------------
apt_install() { # package...
  local sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  echo "test.sh: installing the Debian package(s) $*"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
bash .ci/chromium.sh

# --- a PostgreSQL cluster of our own -------------------------------------------------------
PGDATA_DIR=""
PGBIN=""
RUNAS=()
# Runs a PostgreSQL program as the cluster's owner, from its data folder (the owner may not be
# allowed into the current folder).
as_owner() { (cd "$PGDATA_DIR" && "${RUNAS[@]}" "$@"); }
stop_postgres() {
  [ -n "$PGDATA_DIR" ] || return 0
  as_owner "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PGDATA_DIR"
  PGDATA_DIR=""
}
trap stop_postgres EXIT
trap 'exit 130' INT TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [ -z "${SCORECARD_TEST_POSTGRES:-}" ]; then
  ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || apt_install postgresql
  PGBIN=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n1)")
  PGDATA_DIR=$(mktemp -d -t scorecardbot-test-pg.XXXXXX)
  if [ "$(id -u)" = 0 ]; then
    # PostgreSQL refuses to run as root: the cluster belongs to the postgres OS user.
    RUNAS=(runuser -u postgres --)
    chown postgres: "$PGDATA_DIR"
  fi
  PGUSER_NAME=$(as_owner id -un)
  as_owner "$PGBIN/initdb" -D "$PGDATA_DIR" -U "$PGUSER_NAME" --auth=trust -E UTF8 >/dev/null
  started=""
  for _ in $(seq 1 20); do
    PGPORT_FREE=$((20000 + RANDOM % 40000))
    port_in_use "$PGPORT_FREE" && continue
    # Listens on 127.0.0.1 only, its socket in its own data folder; durability off: test data.
    if as_owner "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $PGPORT_FREE -k $PGDATA_DIR -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null; then
      started=1
      break
    fi
  done
  if [ -z "$started" ]; then
    echo "test.sh: could not start PostgreSQL; its log:" >&2
    cat "$PGDATA_DIR/server.log" >&2 || true
    exit 1
  fi
  export SCORECARD_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT_FREE;Username=$PGUSER_NAME"
  echo "test.sh: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT_FREE for this run ($PGDATA_DIR)"
fi

# --- build and test ------------------------------------------------------------------------
dotnet restore ScorecardBot.sln
dotnet build ScorecardBot.sln --no-restore -c Release
log=$(mktemp)
status=0
dotnet test ScorecardBot.sln --no-build -c Release "$@" 2>&1 | tee "$log" || status=$?
stop_postgres
# One closing line for the whole run, summed over the test projects.
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit $status
