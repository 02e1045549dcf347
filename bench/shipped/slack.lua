-- wrk script: replays pre-signed Slack bodies (from sign.js), each at most once.
-- env SIGNED_FILE, SLACK_PATH (/slack/commands, /slack/interactions; /slack/events for Bolt).
-- A slash command's reply is the HTTP answer: "delivered" counts 2xx answers that carry blocks.
local threads = {}
local counter = 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local path = os.getenv("SLACK_PATH") or "/slack/commands"
  requests = {}
  local n = 0
  for line in io.lines(os.getenv("SIGNED_FILE")) do
    if n % 2 == tid then
      local ts, sig, body = line:match("^(%d+)\t(%S+)\t(.*)$")
      requests[#requests + 1] = wrk.format("POST", path, {
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["X-Slack-Request-Timestamp"] = ts,
        ["X-Slack-Signature"] = sig,
      }, body)
    end
    n = n + 1
  end
  idx = 0
  answered = 0
  server_errors = 0
end

function request()
  idx = idx + 1
  if idx > #requests then idx = 1 end
  return requests[idx]
end

function response(status, headers, body)
  if status >= 500 then server_errors = server_errors + 1 end
  if status < 300 and body ~= nil and string.find(body, '"blocks"', 1, true) then answered = answered + 1 end
end

function done(summary, latency, requests)
  local answers, errors = 0, 0
  for _, t in ipairs(threads) do
    answers = answers + t:get("answered")
    errors = errors + t:get("server_errors")
  end
  io.write(string.format("WRK requests=%d duration_s=%.2f rps=%.0f p50_ms=%.2f p99_ms=%.2f non2xx=%d 5xx=%d socket_errors=%d answered=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status, errors,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, answers))
end
