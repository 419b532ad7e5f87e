-- (b) Recommendations on a cold cache: each request is for a user nobody asked for before, so every answer
-- gathers candidates (up to ~1,000 around the user's activity) and ranks them. Each thread walks its own
-- slice of the seeded users once, then stops: only first (cold) requests are measured. BENCH_FIRST and BENCH_COUNT
-- pick the users (1-based, default all), so that two passes at different concurrency each meet cold users.
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
local common = require("common")
local users, next_index, step, received, slice
local thread_counter = 0

function setup(thread)
  thread:set("offset", thread_counter)
  thread_counter = thread_counter + 1
end

function init(args)
  local all = common.read_lines(os.getenv("BENCH_WORK") .. "/users.txt")
  local first = tonumber(os.getenv("BENCH_FIRST") or "1")
  local count = tonumber(os.getenv("BENCH_COUNT") or tostring(#all))
  users = {}
  for i = first, math.min(#all, first + count - 1) do users[#users + 1] = all[i] end
  step = tonumber(os.getenv("BENCH_THREADS") or "1")
  next_index = offset + 1
  slice = math.floor(#users / step)
  received = 0
end

function request()
  local user = users[((next_index - 1) % #users) + 1]
  next_index = next_index + step
  return wrk.format("GET", "/api/users/" .. user .. "/recommendations?k=10")
end

function response(status, headers, body)
  received = received + 1
  if received >= slice then wrk.thread:stop() end
end

function done(summary, latency, requests) common.report(summary, latency) end
