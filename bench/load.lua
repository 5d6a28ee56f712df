-- Public readers for wrk: requests spread at random over the pages given after
-- "--" (the grid, searches, review and document pages), by bench/load.py.
--
--   wrk -t2 -c200 -d60s --latency -s bench/load.lua http://127.0.0.1:8000 -- /trends/ /search/?q=neglect ...
--
-- LOAD_THINK_MS=1000 makes each connection pause a random 0.5–1.5 s between
-- requests, as a person reading does; unset, every connection asks again at
-- once (the harshest case). The done hook prints one "BENCH {json}" line:
-- requests, seconds, latency percentiles (microseconds), wrk's socket errors
-- and how many responses were not 200.

local think = tonumber(os.getenv("LOAD_THINK_MS") or "0")
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for _, path in ipairs(args) do
    paths[#paths + 1] = path
  end
  if #paths == 0 then
    error("give the paths to request after --")
  end
  math.randomseed(os.time() * 1000 + (seed or 0))
  not_ok = 0
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function response(status, headers, body)
  if status ~= 200 then
    not_ok = not_ok + 1
  end
end

if think > 0 then
  function delay()
    return math.random(math.floor(think / 2), math.floor(think * 3 / 2))
  end
end

function done(summary, latency, requests)
  local not_200 = 0
  for _, thread in ipairs(threads) do
    not_200 = not_200 + (thread:get("not_ok") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "seconds": %.6f, "p50": %d, "p90": %d, "p95": %d, "p99": %d, '
    .. '"max": %d, "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d, '
    .. '"not_200": %d}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout, not_200))
end
