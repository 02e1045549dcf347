#!/usr/bin/env bash
# Stress run of the outbox claim on PostgreSQL: two dispatchers drain 20,000 rows, ROUNDS times in a
# row (default 20), with no deadlock, no duplicate and every conversation in order
# (OutboxClaimStressTests; the timed suite runs a 2,000-row version). Needs the PostgreSQL server the
# tests use (SCORECARD_TEST_POSTGRES overrides the connection string).
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build tests/ScorecardBot.Data.Tests -c Release --nologo -v q >/dev/null
SCORECARD_STRESS=1 SCORECARD_STRESS_ROUNDS="${ROUNDS:-20}" dotnet test tests/ScorecardBot.Data.Tests --no-build -c Release \
  --filter "FullyQualifiedName~OutboxClaimStressTests" --logger "console;verbosity=normal"
