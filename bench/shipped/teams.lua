-- wrk script: Teams message activities from one person in their 1:1 chat with the bot.
-- env MODE: ask ("how is on-time delivery doing"), status, submit (a prompt card's Action.Submit
-- that stores an actual: KPIs from env KPIS, comma-separated "N" ids, rotated; period env PERIOD;
-- a different value each time, so every submit stores a new value; as the Submit of the "are you
-- sure?" card, so a value far from a KPI's usual level is stored too instead of asked about).
-- env USER_ID (29:...), TENANT, CONVERSATION.
local mode = os.getenv("MODE") or "ask"
local user = os.getenv("USER_ID") or "29:bench-carlos"
local tenant = os.getenv("TENANT") or "72f988bf-86f1-41af-91ab-2d7cd011db47"
local conversation = os.getenv("CONVERSATION") or "a:bench-carlos"
local period = os.getenv("PERIOD") or "2026-11"
local kpis = {}
for id in string.gmatch(os.getenv("KPIS") or "", "[^,]+") do kpis[#kpis + 1] = id end

local head = '{"type":"message","id":"%d","channelId":"msteams","serviceUrl":"http://127.0.0.1:3979/",'
  .. '"from":{"id":"' .. user .. '","name":"Bench User"},"recipient":{"id":"28:scorecardbot-local","name":"ScorecardBot"},'
  .. '"conversation":{"conversationType":"personal","tenantId":"' .. tenant .. '","id":"' .. conversation .. '"},'
  .. '"channelData":{"tenant":{"id":"' .. tenant .. '"}},"locale":"en-US",'
local text = { ask = "how is on-time delivery doing", status = "status" }

local threads = {}
local counter = 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  n = tid * 1000000
  server_errors = 0
  wrk.method = "POST"
  wrk.path = "/api/messages"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  n = n + 1
  local body
  if mode == "submit" then
    local kpi = kpis[(n % #kpis) + 1]
    local value = string.format("%.2f", 90 + (n % 997) / 100)
    body = string.format(head, n) .. '"replyToId":"prompt-1","value":{"_action":"scorecard.actual.submit","_data":{"kpi":"'
      .. kpi .. '","period":"' .. period .. '","confirm":"true"},"value":"' .. value .. '","comment":"bench ' .. n .. '"}}'
  else
    body = string.format(head, n) .. '"text":"' .. text[mode] .. '","textFormat":"plain"}'
  end
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status >= 500 then server_errors = server_errors + 1 end
end

function done(summary, latency, requests)
  local errors = 0
  for _, t in ipairs(threads) do errors = errors + t:get("server_errors") end
  io.write(string.format("WRK requests=%d duration_s=%.2f rps=%.0f p50_ms=%.2f p99_ms=%.2f non2xx=%d 5xx=%d socket_errors=%d answered=0\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status, errors,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
