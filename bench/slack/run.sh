#!/usr/bin/env bash
# Signed slash-command acknowledgement: ScorecardBot's Slack endpoints vs @slack/bolt 5.1.0 HTTPReceiver,
# same machine, same run, same load (wrk -t2 -c32 -d10s, distinct signed bodies). Then shows that a
# replayed request and a future timestamp are refused by ours and accepted by Bolt.
# Needs: dotnet, node/npm, wrk (apt-get install wrk). npm installs Bolt (peer/) into a temporary folder
# outside the repository; BOLT_DIR names a folder to keep that install between runs.
set -euo pipefail
cd "$(dirname "$0")"
HERE=$(pwd)
OUT="$HERE/out"; mkdir -p "$OUT"
SECRET=${SLACK_SIGNING_SECRET:-bench-signing-secret}; export SLACK_SIGNING_SECRET=$SECRET
OURS_PORT=${OURS_PORT:-5301}; BOLT_PORT=${BOLT_PORT:-5302}
DURATION=${DURATION:-10s}; COUNT=${COUNT:-800000}
BOLT_DIR=${BOLT_DIR:-}
TEMP_BOLT=""
[ -n "$BOLT_DIR" ] || { TEMP_BOLT=$(mktemp -d); BOLT_DIR=$TEMP_BOLT; }

command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk" >&2; exit 1; }
if [ ! -d "$BOLT_DIR/node_modules/@slack/bolt" ]; then
  mkdir -p "$BOLT_DIR" && cp "$HERE/peer/package.json" "$BOLT_DIR"/
  (cd "$BOLT_DIR" && npm install --no-audit --no-fund --silent)
fi
cp "$HERE/peer/app.js" "$BOLT_DIR"/

dotnet build -c Release "$HERE/host" -o "$OUT/host" -v q -nologo >/dev/null

in_use() { curl -s -o /dev/null "http://127.0.0.1:$1/"; }
for port in "$OURS_PORT" "$BOLT_PORT"; do if in_use "$port"; then echo "port $port already in use" >&2; exit 1; fi; done

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [ -z "$TEMP_BOLT" ] || rm -rf "$TEMP_BOLT"; }
trap cleanup EXIT

Slack__SigningSecret=$SECRET ASPNETCORE_URLS=http://127.0.0.1:$OURS_PORT DOTNET_TieredPGO=1 \
  dotnet "$OUT/host/ScorecardBot.Slack.BenchHost.dll" >"$OUT/ours.log" 2>&1 & pids+=($!)
(cd "$BOLT_DIR" && NODE_ENV=production PORT=$BOLT_PORT QUIET=1 RECEIVER=http exec node app.js >"$OUT/bolt.log" 2>&1) & pids+=($!)

wait_up() { for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.1; done; echo "port $1 not up" >&2; exit 1; }
wait_up "$OURS_PORT"; wait_up "$BOLT_PORT"

load() { # name port path
  node "$HERE/sign-many.js" 60000 "warm-$1" >"$OUT/warm-$1.txt"
  SIGNED_FILE="$OUT/warm-$1.txt" SLACK_PATH=$3 wrk -t2 -c32 -d3s -s "$HERE/signed.lua" "http://127.0.0.1:$2" >/dev/null
  node "$HERE/sign-many.js" "$COUNT" "run-$1" >"$OUT/signed-$1.txt"
  SIGNED_FILE="$OUT/signed-$1.txt" SLACK_PATH=$3 wrk -t2 -c32 -d"$DURATION" --latency -s "$HERE/signed.lua" "http://127.0.0.1:$2" | tee "$OUT/wrk-$1.txt" | grep RESULT
}

echo "== ours: POST /slack/commands (/scorecard help)"; load ours "$OURS_PORT" /slack/commands
echo "== bolt 5.1.0 HTTPReceiver: POST /slack/events (/scorecard help)"; load bolt "$BOLT_PORT" /slack/events

probe() { # port path ts body -> status
  local sig; sig=$(node -e 'const c=require("node:crypto");const[,s,ts,b]=process.argv;console.log("v0="+c.createHmac("sha256",s).update(`v0:${ts}:${b}`).digest("hex"))' "$SECRET" "$3" "$4")
  curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$1$2" -H 'Content-Type: application/x-www-form-urlencoded' \
    -H "X-Slack-Request-Timestamp: $3" -H "X-Slack-Signature: $sig" --data-raw "$4"
}
now=$(date +%s); body="team_id=T1&user_id=U1&command=%2Fscorecard&text=help&trigger_id=replay-$now"
echo "== replay: the same signed request twice; then a timestamp 10 minutes in the future"
printf 'ours: first %s, replay %s, future %s\n' "$(probe "$OURS_PORT" /slack/commands "$now" "$body")" "$(probe "$OURS_PORT" /slack/commands "$now" "$body")" "$(probe "$OURS_PORT" /slack/commands $((now + 600)) "$body&f=1")"
printf 'bolt: first %s, replay %s, future %s\n' "$(probe "$BOLT_PORT" /slack/events "$now" "$body")" "$(probe "$BOLT_PORT" /slack/events "$now" "$body")" "$(probe "$BOLT_PORT" /slack/events $((now + 600)) "$body&f=1")"
rm -f "$OUT"/signed-*.txt "$OUT"/warm-*.txt
