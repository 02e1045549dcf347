-- wrk script: replays pre-signed slash-command bodies, each exactly once per thread slice.
-- env SIGNED_FILE (from sign-many.js), SLACK_PATH (/slack/commands for ours, /slack/events for Bolt).
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local nthreads = 2
  local path = os.getenv("SLACK_PATH") or "/slack/commands"
  requests = {}
  local n = 0
  for line in io.lines(os.getenv("SIGNED_FILE")) do
    if n % nthreads == tid then
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
  wrapped = 0
end

function request()
  idx = idx + 1
  if idx > #requests then
    idx = 1
    wrapped = wrapped + 1
  end
  return requests[idx]
end

-- rps counts only 2xx answers: a body used twice is a replay that ours refuses, which must not count.
function done(summary, latency, requests)
  local ok = summary.requests - summary.errors.status
  io.write(string.format("RESULT ok_rps=%.0f p50_ms=%.3f p99_ms=%.3f requests=%d non2xx=%d\n",
    ok / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.status))
end
