-- (a) Recommendations for users drawn from a Zipf distribution (s = 1.1): a few users are very active, most
-- rarely ask. 5% of requests are events (a view of a random active lead), which make that user's ranking stale.
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
local common = require("common")
local users, leads, cdf
-- BENCH_EVENT_SHARE overrides the 5% (0 measures cache hits alone).
local event_share = tonumber(os.getenv("BENCH_EVENT_SHARE") or "0.05")

local function build_cdf(n, s)
  local weights, total = {}, 0
  for i = 1, n do
    weights[i] = 1 / (i ^ s)
    total = total + weights[i]
  end
  local c, acc = {}, 0
  for i = 1, n do
    acc = acc + weights[i] / total
    c[i] = acc
  end
  return c
end

local function zipf_index()
  local u, lo, hi = math.random(), 1, #cdf
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cdf[mid] < u then lo = mid + 1 else hi = mid end
  end
  return lo
end

function init(args)
  users = common.read_lines(os.getenv("BENCH_WORK") .. "/users.txt")
  leads = common.read_lines(os.getenv("BENCH_WORK") .. "/leads.txt")
  cdf = build_cdf(#users, 1.1)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
end

function request()
  local user = users[zipf_index()]
  if math.random() < event_share then
    local body = string.format('[{"userId":"%s","leadId":"%s","kind":"view"}]', user, leads[math.random(#leads)])
    return wrk.format("POST", "/api/events", { ["Content-Type"] = "application/json" }, body)
  end
  return wrk.format("GET", "/api/users/" .. user .. "/recommendations?k=10")
end

function done(summary, latency, requests) common.report(summary, latency) end
