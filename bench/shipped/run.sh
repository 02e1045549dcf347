#!/usr/bin/env bash
# The shipped host under load: src/ScorecardBot published Release + ReadyToRun, started as a new
# user would start it (the logistics sample seeded on first start, default settings and logging),
# with the Teams door in local mode and the Slack door signed, against a fake connector / Slack Web
# API (sink.js). Beside it, in the same run, the peers: the Bot Framework JS SDK echo bot (Teams)
# and @slack/bolt (Slack), installed with npm from this folder's package.json into a temporary
# folder (PEERS_DIR to reuse one). HOST_DIR runs an already published host instead of publishing.
#
#   bash bench/shipped/run.sh SCENARIO [DB]   one scenario, one result line
#   bash bench/shipped/run.sh all             every scenario on SQLite and PostgreSQL, then the peers
#
# SCENARIO: teams-ask | teams-status | teams-submit | slack-ask | slack-submit   (DB: sqlite | postgres)
#           peer-teams-ask | peer-teams-submit | peer-slack-ask | peer-slack-submit
# Load: wrk -t2 -c$CONNECTIONS (32) for $DURATION s (10) after a 3 s warm-up, one person (Carlos
# Mendoza of the sample) in their 1:1 chat. A submit stores an actual: the person's KPIs in turn,
# period 2026-11, a new value every time. Result line: rps, p50, p99, replies delivered (sink or
# HTTP answer) of requests sent, 5xx, socket errors, the bot's RSS (idle before the run, highest
# during it). PostgreSQL: a fresh database on SCORECARD_BENCH_POSTGRES (default the local server
# the tests use), dropped afterwards. BENCH_LOGS=DIR keeps the host's, peers' and sink's logs there. Needs dotnet, node/npm, wrk (apt-get install wrk), sqlite3, psql.
set -euo pipefail
cd "$(dirname "$0")"
HERE=$(pwd)
ROOT=$(cd ../.. && pwd)
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
WARMUP=${WARMUP:-3}
BOT_PORT=${BOT_PORT:-3978}
SINK_PORT=3979
SECRET=bench-signing-secret
TENANT=72f988bf-86f1-41af-91ab-2d7cd011db47
PG_SERVER=${SCORECARD_BENCH_POSTGRES:-Host=127.0.0.1;Port=5432;Username=scorecard;Password=scorecard}
PERIOD=2026-11
for tool in dotnet node npm wrk curl sqlite3 psql; do command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 2; }; done

OUT=$(mktemp -d)
PIDS=()
PG_DB=""
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -z "${BENCH_LOGS:-}" ] || cp "$OUT"/*.log "$BENCH_LOGS"/ 2>/dev/null || true
  [ -z "$PG_DB" ] || psql_admin -c "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$OUT"
}
trap cleanup EXIT

pg_part() { tr ';' '\n' <<<"$PG_SERVER" | awk -F= -v k="$1" 'tolower($1)==tolower(k) {print $2}'; }
psql_admin() { PGPASSWORD=$(pg_part Password) psql -h "$(pg_part Host)" -p "$(pg_part Port)" -U "$(pg_part Username)" -d postgres -qtA "$@"; }
psql_bench() { PGPASSWORD=$(pg_part Password) psql -h "$(pg_part Host)" -p "$(pg_part Port)" -U "$(pg_part Username)" -d "$PG_DB" -qtA "$@"; }

wait_http() { # url
  for _ in $(seq 1 300); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done
  echo "not up: $1" >&2; exit 1
}

start_sink() {
  SINK_PORT=$SINK_PORT SINK_PEOPLE="29:bench-carlos=carlos.mendoza@prairieline.example,U0CARLOS=carlos.mendoza@prairieline.example" \
    node "$HERE/sink.js" >"$OUT/sink.log" 2>&1 &
  PIDS+=($!)
  wait_http "http://127.0.0.1:$SINK_PORT/count"
}

# Waits until the sink has taken no reply for a second (replies of an earlier run still arriving;
# at most 90 s, the backlog of queued Slack buttons included).
settle() { local last=-1 now; for _ in $(seq 1 90); do now=$(sink_count "$1"); [ "$now" = "$last" ] && return 0; last=$now; sleep 1; done; }

sink_count() { curl -s "http://127.0.0.1:$SINK_PORT/count" | node -e "let s='';process.stdin.on('data',c=>s+=c).on('end',()=>console.log(JSON.parse(s)['$1']))"; }

HOST=${HOST_DIR:-$OUT/host}
publish_host() {
  [ -x "$HOST/ScorecardBot" ] && return 0
  dotnet publish "$ROOT/src/ScorecardBot" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$OUT/host" --nologo -v q >"$OUT/publish.log" 2>&1 || { cat "$OUT/publish.log" >&2; exit 1; }
}

BOT_PID=""
start_host() { # db
  publish_host
  local db=$1 connection provider
  if [ "$db" = postgres ]; then
    PG_DB="scorecard_bench_$$_$RANDOM"
    psql_admin -c "CREATE DATABASE \"$PG_DB\"" >/dev/null
    provider=Postgres; connection="$PG_SERVER;Database=$PG_DB"
  else
    provider=Sqlite; connection="Data Source=$OUT/bench-$RANDOM.db"
  fi
  (cd "$OUT" && exec env \
    Urls="http://127.0.0.1:$BOT_PORT" \
    Database__Provider=$provider ConnectionStrings__Scorecard="$connection" Database__SeedSample=logistics \
    Teams__AllowLocalMode=true Teams__LocalTenantId=$TENANT \
    Teams__AllowedServiceUrls__0="http://127.0.0.1:$SINK_PORT" \
    Teams__RateLimits__PerTenantPerSecond=1000000 Teams__RateLimits__PerBotPerSecond=1000000 \
    Teams__RateLimits__PerConversationPerSecond=1000000 Teams__RateLimits__PerConversationPer30Seconds=1000000 \
    Slack__SigningSecret=$SECRET Slack__BotToken=xoxb-bench Slack__TeamId=T0BENCH \
    Slack__ApiBaseUrl="http://127.0.0.1:$SINK_PORT/api/" Slack__AllowedResponseUrlHosts__0=127.0.0.1 \
    Slack__AllowLoopbackHttpResponseUrls=true \
    Charts__SigningKey="$(node -e "console.log(require('node:crypto').randomBytes(32).toString('base64'))")" \
    "$HOST/ScorecardBot") >"$OUT/host-$db.log" 2>&1 &
  BOT_PID=$!
  PIDS+=($BOT_PID)
  wait_http "http://127.0.0.1:$BOT_PORT/healthz"
  # The sample organization answers for the bench's Slack workspace (Teams' local mode already
  # lets an unclaimed tenant act in it).
  local sql="UPDATE \"Organizations\" SET \"SlackTeamId\" = 'T0BENCH' WHERE \"Name\" = 'Prairie Line Logistics';"
  local kpis_sql="SELECT k.\"Id\" FROM \"Kpis\" k JOIN \"People\" p ON p.\"Id\" = k.\"OwnerId\" WHERE p.\"Email\" = 'carlos.mendoza@prairieline.example' ORDER BY k.\"Name\";"
  if [ "$db" = postgres ]; then
    psql_bench -c "$sql" >/dev/null
    KPIS=$(psql_bench -c "$kpis_sql" | tr -d '-' | tr 'A-F' 'a-f' | paste -sd,)
  else
    sqlite3 "${connection#Data Source=}" "$sql"
    KPIS=$(sqlite3 "${connection#Data Source=}" "$kpis_sql" | tr -d '-' | tr 'A-F' 'a-f' | paste -sd,)
  fi
  [ -n "$KPIS" ] || { echo "no KPIs of the bench person found" >&2; exit 1; }
  export KPIS PERIOD
}

stop_host() {
  kill "$BOT_PID" 2>/dev/null || true
  wait "$BOT_PID" 2>/dev/null || true
  BOT_PID=""
  if [ -n "$PG_DB" ]; then psql_admin -c "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)" >/dev/null 2>&1 || true; PG_DB=""; fi
}

PEERS=""
install_peers() {
  [ -z "$PEERS" ] || return 0
  PEERS=${PEERS_DIR:-$OUT/peers}
  mkdir -p "$PEERS"
  cp "$HERE/package.json" "$HERE/peer-teams.js" "$HERE/peer-slack.js" "$PEERS/"
  [ -d "$PEERS/node_modules/botbuilder" ] && [ -d "$PEERS/node_modules/@slack/bolt" ] \
    || (cd "$PEERS" && npm install --no-audit --no-fund --silent >/dev/null)
}

start_peer() { # teams|slack
  install_peers
  (cd "$PEERS" && NODE_ENV=production PORT=$BOT_PORT SLACK_SIGNING_SECRET=$SECRET exec node "peer-$1.js") >"$OUT/peer-$1.log" 2>&1 &
  BOT_PID=$!
  PIDS+=($BOT_PID)
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$BOT_PORT/" && break; sleep 0.2; done
  export KPIS=${KPIS:-00000000000000000000000000000001} PERIOD
}

rss_mb() { ps -o rss= -p "$BOT_PID" | awk '{printf "%.0f", $1 / 1024}'; }

# Highest RSS of the bot while a command runs.
with_rss() {
  local file="$OUT/rss"; : >"$file"
  ( while kill -0 "$BOT_PID" 2>/dev/null; do rss_mb >>"$file"; echo >>"$file"; sleep 0.5; done ) &
  local sampler=$!
  "$@"
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  PEAK_RSS=$(sort -n "$file" | tail -1)
}

# wrk with a script; prints the WRK line into $OUT/wrk.txt
load() { # seconds script url
  wrk -t2 -c"$CONNECTIONS" -d"$1s" --timeout 10s --latency -s "$2" "$3" >"$OUT/wrk.txt" 2>&1 || { cat "$OUT/wrk.txt" >&2; exit 1; }
}

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" "$OUT/wrk.txt"; }

report() { # label delivered [processed-per-second]
  local requests; requests=$(field requests)
  printf '%-30s rps=%-6s p50=%-9s p99=%-9s delivered=%s/%s 5xx=%s socket_errors=%s rss_idle=%sMB rss_load=%sMB%s\n' \
    "$1" "$(field rps)" "$(field p50_ms)ms" "$(field p99_ms)ms" "$2" "$requests" "$(field 5xx)" "$(field socket_errors)" "$IDLE_RSS" "$PEAK_RSS" \
    "${3:+ processed_per_s=$3}"
}

# One message first: the person is linked on first contact (Teams' member lookup, Slack's users.info),
# as they would be long before any load.
prime_teams() {
  curl -s -o /dev/null -X POST "http://127.0.0.1:$BOT_PORT/api/messages" -H 'content-type: application/json' -d '{"type":"message","id":"0",
    "channelId":"msteams","serviceUrl":"http://127.0.0.1:'"$SINK_PORT"'/","from":{"id":"29:bench-carlos","name":"Bench User"},
    "recipient":{"id":"28:scorecardbot-local"},"conversation":{"conversationType":"personal","tenantId":"'"$TENANT"'","id":"a:bench-carlos"},
    "channelData":{"tenant":{"id":"'"$TENANT"'"}},"text":"help"}'
}

prime_slack() {
  local ts sig body
  IFS=$'\t' read -r ts sig body < <(SLACK_SIGNING_SECRET=$SECRET node "$HERE/sign.js" command 1 "prime$RANDOM")
  curl -s -o /dev/null -X POST "http://127.0.0.1:$BOT_PORT/slack/commands" -H 'content-type: application/x-www-form-urlencoded' \
    -H "X-Slack-Request-Timestamp: $ts" -H "X-Slack-Signature: $sig" --data-raw "$body"
}

teams() { # label mode
  local url="http://127.0.0.1:$BOT_PORT"
  prime_teams
  MODE=$2 load "$WARMUP" "$HERE/teams.lua" "$url"
  settle teams
  IDLE_RSS=$(rss_mb)
  local before; before=$(sink_count teams)
  MODE=$2 with_rss load "$DURATION" "$HERE/teams.lua" "$url"
  settle teams
  report "$1" $(( $(sink_count teams) - before ))
}

slack() { # label mode path
  local url="http://127.0.0.1:$BOT_PORT" count=$(( DURATION * 6000 ))
  [ "$3" = /slack/events ] || prime_slack
  SLACK_SIGNING_SECRET=$SECRET node "$HERE/sign.js" "$2" 20000 "warm$RANDOM" >"$OUT/warm.txt"
  SIGNED_FILE="$OUT/warm.txt" SLACK_PATH=$3 load "$WARMUP" "$HERE/slack.lua" "$url"
  SLACK_SIGNING_SECRET=$SECRET node "$HERE/sign.js" "$2" "$count" "run$RANDOM" >"$OUT/signed.txt"
  settle slack
  IDLE_RSS=$(rss_mb)
  local before start; before=$(sink_count slack); start=$(date +%s%3N)
  SIGNED_FILE="$OUT/signed.txt" SLACK_PATH=$3 with_rss load "$DURATION" "$HERE/slack.lua" "$url"
  settle slack
  if [ "$2" = command ]; then report "$1" "$(field answered)"; return; fi
  # A button is acknowledged at once and run in the background (Slack wants the ack within 3 s);
  # what counts is how fast the answers reach response_url: answers over the time until the last one.
  local delivered=$(( $(sink_count slack) - before ))
  report "$1" "$delivered" "$(( delivered * 1000 / ($(sink_count slackAt) - start) ))"
}

scenario() { # name db
  case $1 in
    teams-ask) teams "$1 $2" ask ;;
    teams-status) teams "$1 $2" status ;;
    teams-submit) teams "$1 $2" submit ;;
    slack-ask) slack "$1 $2" command /slack/commands ;;
    slack-submit) slack "$1 $2" submit /slack/interactions ;;
    peer-teams-ask) teams "botbuilder-js echo (ask)" ask ;;
    peer-teams-submit) teams "botbuilder-js echo (submit)" submit ;;
    peer-slack-ask) slack "@slack/bolt (command)" command /slack/events ;;
    peer-slack-submit) slack "@slack/bolt (block_actions)" submit /slack/events ;;
    *) echo "unknown scenario $1" >&2; exit 2 ;;
  esac
}

start_sink
case ${1:-all} in
  all)
    echo "# $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg), wrk -t2 -c$CONNECTIONS -d${DURATION}s"
    for db in ${DBS:-sqlite postgres}; do
      start_host "$db"
      for s in teams-ask teams-status teams-submit slack-ask slack-submit; do scenario "$s" "$db"; done
      stop_host
    done
    start_peer teams; scenario peer-teams-ask; scenario peer-teams-submit; stop_host
    start_peer slack; scenario peer-slack-ask; scenario peer-slack-submit; stop_host
    ;;
  peer-teams-*) start_peer teams; scenario "$1" ;;
  peer-slack-*) start_peer slack; scenario "$1" ;;
  *) start_host "${2:-sqlite}"; scenario "$1" "${2:-sqlite}" ;;
esac
