#!/usr/bin/env bash
# Runs every test of the product: unit, repository (SQLite and PostgreSQL), integration.
# Needs a PostgreSQL server on 127.0.0.1:5432 (started by .ci/postgres.sh, which installs it when missing);
# SCORECARD_TEST_POSTGRES overrides the connection string.
set -euo pipefail
cd "$(dirname "$0")"
[ "${SKIP_POSTGRES_SETUP:-}" = 1 ] || bash .ci/postgres.sh
dotnet restore ScorecardBot.sln
dotnet build ScorecardBot.sln --no-restore -c Release
dotnet test ScorecardBot.sln --no-build -c Release --logger "console;verbosity=normal" "$@"
