#!/usr/bin/env bash
# Outbox load script: 2,000 prompts through a fake platform capped at 100 messages/s.
# Run 1 drains without interruption; run 2 kills the runner (SIGKILL) half-way and restarts it.
# Each run reports the platform's own counts: shown (distinct keys), raw posts, repeats it
# deduplicated, 429s, and the seconds between the first and the last message shown.
#   bench/outbox/run.sh [sqlite|postgres]
# The runner is published ReadyToRun, as infra/Dockerfile publishes the host: a restart runs
# precompiled code. JIT=1 runs the plain build instead; BIN=path/OutboxBench.dll any other build.
set -euo pipefail
cd "$(dirname "$0")"
PROVIDER="${1:-sqlite}"
COUNT=2000
RATE=100
PORT=5299
if [ -z "${BIN:-}" ]; then
  if [ "${JIT:-0}" = 1 ]; then
    dotnet build -c Release -v q -nologo . >/dev/null
    BIN=bin/Release/net10.0/OutboxBench.dll
  else
    arch="$(uname -m)"; case "$arch" in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; esac
    dotnet publish -c Release -a "$arch" --self-contained false -p:PublishReadyToRun=true -v q -nologo -o bin/r2r . >/dev/null
    BIN=bin/r2r/OutboxBench.dll
  fi
fi
echo "runner: $BIN"
WORK="$(cd ../.. && pwd)/artifacts/bench"; mkdir -p "$WORK"   # ignored by git: the SQLite databases
PG_SERVER="${SCORECARD_TEST_POSTGRES:-Host=127.0.0.1;Port=5432;Username=scorecard;Password=scorecard}"

database() { # a fresh database per run
  local name="outbox_bench_$1_$$"
  if [ "$PROVIDER" = postgres ]; then
    PGPASSWORD=scorecard psql -h 127.0.0.1 -U scorecard -d postgres -qc "CREATE DATABASE $name" >/dev/null
    echo "$PG_SERVER;Database=$name"
  else
    rm -f "$WORK/$name.db"*; echo "Data Source=$WORK/$name.db"
  fi
}

run_once() { # $1 = label, $2 = kill when the platform has shown this many (0: never)
  local db; db="$(database "$1")"
  dotnet "$BIN" channel --port $PORT --rate $RATE & local channel=$!
  sleep 2
  local start; start=$(date +%s.%N)
  if [ "$2" = 0 ]; then
    dotnet "$BIN" run --channel "http://127.0.0.1:$PORT/" --provider "$PROVIDER" --db "$db" --count $COUNT --rate $RATE
  else
    dotnet "$BIN" run --channel "http://127.0.0.1:$PORT/" --provider "$PROVIDER" --db "$db" --count $COUNT --rate $RATE & local runner=$!
    until [ "$(curl -s http://127.0.0.1:$PORT/stats | sed -E 's/.*"shown":([0-9]+).*/\1/')" -ge "$2" ]; do sleep 0.2; done
    kill -9 "$runner"; wait "$runner" 2>/dev/null || true
    echo "killed the runner (SIGKILL) at: $(curl -s http://127.0.0.1:$PORT/stats)"
    dotnet "$BIN" run --channel "http://127.0.0.1:$PORT/" --provider "$PROVIDER" --db "$db" --count $COUNT --rate $RATE
  fi
  local end; end=$(date +%s.%N)
  echo "[$1] platform: $(curl -s http://127.0.0.1:$PORT/stats)"
  echo "[$1] wall clock incl. start-up and seeding: $(echo "$end - $start" | bc) s (bound: $COUNT / $RATE = $((COUNT / RATE)) s, x1.05 = $(echo "$COUNT / $RATE * 1.05" | bc -l | cut -c1-5) s)"
  kill "$channel"; wait "$channel" 2>/dev/null || true
}

run_once uninterrupted 0
# the databases stay for inspection; drop outbox_bench_* afterwards
run_once killed $((COUNT / 2))
