-- Shared by the wrk scripts: id lists written by `leadrecs seed`, and a JSON summary line for bench/run.sh.
local common = {}

function common.read_lines(path)
  local lines = {}
  for line in io.lines(path) do
    if #line > 0 then lines[#lines + 1] = line end
  end
  return lines
end

-- Printed once at the end; bench/run.sh picks up the line starting with RESULT.
function common.report(summary, latency, events_per_request)
  local seconds = summary.duration / 1e6
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    'RESULT {"requests":%d,"seconds":%.3f,"requestsPerSecond":%.1f,"failed":%d,"meanMs":%.3f,"p50Ms":%.3f,"p95Ms":%.3f,"p99Ms":%.3f,"maxMs":%.3f,"eventsPerRequest":%d}\n',
    summary.requests, seconds, summary.requests / seconds, failed, latency.mean / 1000,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    events_per_request or 0))
end

return common
