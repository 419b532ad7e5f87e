-- (c) Event ingestion: batches of 100 views by random users of random active leads; 202 means durable in PostgreSQL.
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
local common = require("common")
local users, leads
local batch = 100

function init(args)
  users = common.read_lines(os.getenv("BENCH_WORK") .. "/users.txt")
  leads = common.read_lines(os.getenv("BENCH_WORK") .. "/leads.txt")
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
end

function request()
  local parts = {}
  for i = 1, batch do
    parts[i] = string.format('{"userId":"%s","leadId":"%s","kind":"view"}', users[math.random(#users)], leads[math.random(#leads)])
  end
  return wrk.format("POST", "/api/events", { ["Content-Type"] = "application/json" }, "[" .. table.concat(parts, ",") .. "]")
end

function done(summary, latency, requests) common.report(summary, latency, batch) end
