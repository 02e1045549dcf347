#!/usr/bin/env bash
# Batch ingest: 10,000 actuals in one POST /api/v1/actuals against the real bot (dotnet run of the
# host, Release) on a fresh database; the key is made the way an admin makes one, in the local chat.
#   bench/api/run.sh [sqlite|postgres] [rows]
set -euo pipefail
cd "$(dirname "$0")"
PROVIDER="${1:-sqlite}"
ROWS="${2:-10000}"
PORT=5298
ROOT="$(cd ../.. && pwd)"
dotnet build -c Release -v q -nologo . >/dev/null
dotnet build -c Release -v q -nologo "$ROOT/src/ScorecardBot" >/dev/null
PG_SERVER="${SCORECARD_TEST_POSTGRES:-Host=127.0.0.1;Port=5432;Username=scorecard;Password=scorecard}"
NAME="api_bench_$$"
WORK="$ROOT/artifacts/bench"; mkdir -p "$WORK"   # ignored by git: databases and logs of the runs
if [ "$PROVIDER" = postgres ]; then
  PGPASSWORD=scorecard psql -h 127.0.0.1 -U scorecard -d postgres -qc "CREATE DATABASE $NAME" >/dev/null
  DB="$PG_SERVER;Database=$NAME"; DBPROVIDER=Postgres
else
  rm -f "$WORK/$NAME.db"*; DB="Data Source=$WORK/$NAME.db"; DBPROVIDER=Sqlite
fi

dotnet "$ROOT/src/ScorecardBot/bin/Release/net10.0/ScorecardBot.dll" --urls "http://127.0.0.1:$PORT" \
  --Database:Provider=$DBPROVIDER --ConnectionStrings:Scorecard="$DB" --Api:MaxRequestBytes=8388608 \
  --LocalChat:Enabled=true --Logging:LogLevel:Default=Warning >"$WORK/$NAME.log" 2>&1 & BOT=$!
trap 'kill $BOT 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; do sleep 0.5; done

# Dana Whitfield is the sample organization's admin; the secret is on the card the bot answers with.
DANA=$(curl -s "http://127.0.0.1:$PORT/local/people" | grep -o '"id":"[^"]*","name":"Dana Whitfield"' | cut -d'"' -f4)
KEY=$(curl -s -X POST "http://127.0.0.1:$PORT/local/messages" -H 'content-type: application/json' \
  -d "{\"personId\":\"$DANA\",\"conversation\":\"direct\",\"text\":\"apikey create \\\"Bench $$\\\" scope write\"}" | grep -o 'sbk_[a-z2-7]\{12\}_[A-Za-z0-9_-]\{43\}' | head -1)

echo "[$PROVIDER] load: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet bin/Release/net10.0/ApiBench.dll "http://127.0.0.1:$PORT/" "$KEY" "$ROWS" "$BOT"
echo "[$PROVIDER] load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "(the database $NAME stays for inspection)"
