-- (d) The machine's limit: a constant JSON answer (/alive) from the same process, nothing behind it.
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
local common = require("common")
wrk.path = "/alive"
function done(summary, latency, requests) common.report(summary, latency) end
