#!/usr/bin/env bash
# Load test of the Teams endpoint: message activity in -> 200 ack -> card reply to a capture sink.
# Starts the minimal host (local mode, loopback only) on 127.0.0.1:3978 and capture.js (the connector
# the replies go to) on 127.0.0.1:3979, runs wrk (-t2 -c32) for DURATION seconds, prints rps and latency percentiles, and
# checks that every acknowledged message produced a reply. The reply backlog is 1,024 (REPLY_BACKLOG):
# full before the warm-up ends, so the measured run is the steady state in which turns are
# acknowledged only as fast as replies are sent, not acks racing ahead of a backlog still filling.
# Needs dotnet, node and wrk (apt-get install wrk).
# PEER=botbuilder runs the Bot Framework JS SDK echo bot of peer/ instead, for a side-by-side number from the
# same machine and load: npm installs it into a temporary folder (PEER_DIR keeps an installed copy between runs).
set -euo pipefail
cd "$(dirname "$0")"
HERE=$(pwd)
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
OUT=$(mktemp -d)
for tool in dotnet node npm wrk curl; do command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 2; }; done
case "${PEER:-}" in
  "") dotnet publish TeamsBenchHost -c Release -o "$OUT/host" --nologo -v q >/dev/null ;;
  botbuilder)
    PEER_DIR=${PEER_DIR:-$OUT/peer}
    if [ ! -d "$PEER_DIR/node_modules/botbuilder" ]; then
      mkdir -p "$PEER_DIR" && cp peer/package.json peer/echo.js "$PEER_DIR"/
      (cd "$PEER_DIR" && npm install --no-audit --no-fund --silent)
    fi
    cp peer/echo.js "$PEER_DIR"/ ;;
  *) echo "PEER must be empty (ScorecardBot) or botbuilder" >&2; exit 2 ;;
esac

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$OUT"; }
trap cleanup EXIT

CAPTURE_PORT=3979 QUIET=1 node "$HERE/capture.js" >"$OUT/capture.log" 2>&1 &
PIDS+=($!)
if [ -n "${PEER:-}" ]; then
  (cd "$PEER_DIR" && exec node echo.js) >"$OUT/host.log" 2>&1 &
else
ASPNETCORE_URLS=http://127.0.0.1:3978 \
Teams__AllowedServiceUrls__0=http://127.0.0.1:3979 \
Teams__AllowLocalMode=true \
Teams__RateLimits__PerTenantPerSecond=1000000 \
Teams__RateLimits__PerBotPerSecond=1000000 \
Teams__RateLimits__PerConversationPerSecond=1000000 \
Teams__RateLimits__PerConversationPer30Seconds=1000000 \
Teams__ReplyBacklog="${REPLY_BACKLOG:-1024}" \
"$OUT/host/TeamsBenchHost" >"$OUT/host.log" 2>&1 &
fi
PIDS+=($!)

for _ in $(seq 1 100); do
  curl -s -o /dev/null http://127.0.0.1:3979/count && curl -s -o /dev/null -X POST http://127.0.0.1:3978/api/messages -H 'content-type: application/json' -d '{"type":"ping"}' && break
  sleep 0.2
done

echo "warm-up (5 s)"
wrk -t2 -c"$CONNECTIONS" -d5s -s message.lua http://127.0.0.1:3978 >/dev/null
sleep 1
before=$(curl -s http://127.0.0.1:3979/count | tr -dc 0-9)
[ -n "${PEER:-}" ] || { echo "runtime before: $(curl -s http://127.0.0.1:3978/bench/stats)"; curl -s -o /dev/null -X POST http://127.0.0.1:3978/bench/latency/reset; }
echo "measured run (${DURATION} s, ${CONNECTIONS} connections)"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s message.lua http://127.0.0.1:3978 | tee "$OUT/wrk.txt"
[ -n "${PEER:-}" ] || { echo "runtime after:  $(curl -s http://127.0.0.1:3978/bench/stats)"; curl -s http://127.0.0.1:3978/bench/latency; echo; }
[ "${BENCH_ALLOC:-}" != 1 ] || curl -s http://127.0.0.1:3978/bench/alloc
sleep 2
after=$(curl -s http://127.0.0.1:3979/count | tr -dc 0-9)
requests=$(awk '/requests in/ {print $1}' "$OUT/wrk.txt")
replies=$((after - before - 1))
echo "acknowledged: $requests  replies captured: $replies"
grep -E "Non-2xx|Socket errors" "$OUT/wrk.txt" && { echo "errors during the run" >&2; exit 1; } || true
grep -iE "fail|error" "$OUT/host.log" | head -5 || true
