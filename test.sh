#!/usr/bin/env bash
# Runs every test of the product: unit, repository (SQLite and PostgreSQL), integration, browser.
# Needs a PostgreSQL server on 127.0.0.1:5432: .ci/postgres.sh starts one (installing the Debian
# package when missing) unless SKIP_POSTGRES_SETUP=1. SCORECARD_TEST_POSTGRES overrides the
# connection string. Extra arguments go to `dotnet test` (e.g. --filter).
set -euo pipefail
cd "$(dirname "$0")"
[ "${SKIP_POSTGRES_SETUP:-}" = 1 ] || bash .ci/postgres.sh
dotnet restore ScorecardBot.sln
dotnet build ScorecardBot.sln --no-restore -c Release
log=$(mktemp)
status=0
dotnet test ScorecardBot.sln --no-build -c Release "$@" 2>&1 | tee "$log" || status=$?
# One closing line for the whole run, summed over the test projects.
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit $status
