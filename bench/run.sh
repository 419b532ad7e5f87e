#!/usr/bin/env bash
# The load benchmark, one command: builds Release, starts Redis, PostgreSQL and the service on loopback (the API as a
# silo of the cluster itself, one process; --topology split: one silo and one API that is its Orleans client),
# seeds a simulated market through the API, and drives it with wrk (Debian) in four bounded phases:
#   (d) constant  a constant JSON answer from the API process: the machine's limit for this stack
#   (b) cold      recommendations for users never asked for before (every ranking computed), one pass over half
#                 the users at the set connections, and one over the other half at 2 connections (cold2: the latency
#                 of a computation that does not queue behind 31 others on 2 cores)
#   (a) zipf      recommendations for Zipf(1.1)-distributed users, 5% of requests are events (BENCH_EVENT_SHARE in
#                 the environment sets another share)
#   (c) events    event ingestion, 100 events per request, durable in PostgreSQL on 202
# Before the phases a deep model is trained on the seeded log by the retraining grain (admin API) and serves as
# stable, so the phases measure the production path (--model baseline skips that: the hand-weighted ranker).
# Prints requests/s, p50/p95/p99 as wrk saw them and, from the API's own histograms, per route (recommendations and
# events apart, since (a) mixes both), the cache hit rate by tier and the rankings computed on request and ahead
# during (a), the cores each process used per phase (bench/cpu_share.py), the ratio (a)/(d), and writes
# bench/results/latest.json. Everything runs on this machine's loopback and
# is stopped at the end.
#
#   bench/run.sh [--duration 15] [--connections 32] [--users 5000] [--leads 5000] [--days 14]
#                [--phases constant,cold,zipf,events] [--model deep|baseline] [--topology cohosted|split]
#                [--keep] [--no-build]
# --phases runs a subset (in the order above; keep constant in it to have the machine's limit of the same run);
# --keep leaves the work directory (silo and API logs, wrk output) and prints where it is; --no-build uses the
# Release binaries already built.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo="$PWD"

duration=15 connections=32 users=5000 leads=5000 days=14 phases=constant,cold,zipf,events model=deep topology=cohosted keep=0 build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --users) users="$2"; shift 2 ;;
    --leads) leads="$2"; shift 2 ;;
    --days) days="$2"; shift 2 ;;
    --phases) phases="$2"; shift 2 ;;
    --model) model="$2"; shift 2 ;;
    --topology) topology="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --no-build) build=0; shift ;;
    *) echo "usage: $0 [--duration S] [--connections N] [--users N] [--leads N] [--days N] [--phases LIST] [--model deep|baseline] [--topology cohosted|split] [--keep] [--no-build]" >&2; exit 2 ;;
  esac
done
for phase in ${phases//,/ }; do
  case "$phase" in constant|cold|zipf|events) ;; *) echo "bench: unknown phase '$phase'" >&2; exit 2 ;; esac
done
case "$model" in deep|baseline) ;; *) echo "bench: --model is deep or baseline" >&2; exit 2 ;; esac
case "$topology" in cohosted|split) ;; *) echo "bench: --topology is cohosted or split" >&2; exit 2 ;; esac
wants() { [[ ",$phases," == *",$1,"* ]]; }
threads=2

work="$(mktemp -d /tmp/leadrecs-bench.XXXXXX)"
export LEADRECS_SERVICES_STATE="$work/services.env" BENCH_WORK="$work" BENCH_WRK_DIR="$repo/bench/wrk" BENCH_THREADS="$threads"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  scripts/services.sh stop || true
  if ((keep)); then echo "bench: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "bench: installing wrk" >&2; apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_healthy() { # base URL: up to a minute, or stop with where to look
  for _ in $(seq 1 120); do curl -fs -o /dev/null "$1/health" && return 0; sleep 0.5; done
  echo "bench: $1 did not become healthy (logs in $work)" >&2; keep=1; exit 1
}

if ((build)); then
  echo "bench: building Release" >&2
  dotnet build LeadRecs.sln -c Release -v quiet -nologo >"$work/build.log" || { cat "$work/build.log"; exit 1; }
fi
scripts/services.sh start
eval "$(scripts/services.sh env)"
export ConnectionStrings__Redis="$LEADRECS_TEST_REDIS" ConnectionStrings__Postgres="$LEADRECS_TEST_POSTGRES"
export LeadRecs__Cluster__ClusterId="bench-$$" Logging__LogLevel__Default=Warning
# wrk is one client at machine speed: per-client rate limits and the bot filter would (rightly) throttle and flag it.
export LeadRecs__RateLimit__Enabled=false LeadRecs__Fraud__Enabled=false
# The admin key of this run only: the benchmark asks the retraining grain for a model through the admin API.
admin_key="bench-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
export LeadRecs__Admin__ApiKey="$admin_key"
dotnet Tools/bin/Release/net10.0/leadrecs.dll migrate --connection "$ConnectionStrings__Postgres" >/dev/null

api_port=$(free_port)
if [[ "$topology" == split ]]; then
  silo_http=$(free_port)
  LeadRecs__Cluster__SiloPort=$(free_port) LeadRecs__Cluster__GatewayPort=$(free_port) \
    dotnet Silo/bin/Release/net10.0/LeadRecs.Silo.dll --urls "http://127.0.0.1:$silo_http" >"$work/silo.log" 2>&1 &
  pids+=($!)
  wait_healthy "http://127.0.0.1:$silo_http"
  dotnet Client.Api/bin/Release/net10.0/LeadRecs.Client.Api.dll --urls "http://127.0.0.1:$api_port" >"$work/api.log" 2>&1 &
else
  # One process: the API is the cluster's silo (LeadRecs:Cluster:HostSilo), so its silo metrics are its own.
  silo_http=$api_port
  LeadRecs__Cluster__HostSilo=true LeadRecs__Cluster__SiloPort=$(free_port) LeadRecs__Cluster__GatewayPort=$(free_port) \
    dotnet Client.Api/bin/Release/net10.0/LeadRecs.Client.Api.dll --urls "http://127.0.0.1:$api_port" >"$work/api.log" 2>&1 &
fi
pids+=($!)
wait_healthy "http://127.0.0.1:$api_port"
api="http://127.0.0.1:$api_port"

echo "bench: seeding $leads leads, $users users, $days days of history" >&2
dotnet Tools/bin/Release/net10.0/leadrecs.dll seed --api "$api" --users "$users" --leads "$leads" --days "$days" --out "$work" >&2
seeded_at=$(date +%s)

serving="baseline (hand-weighted ranker)"
if [[ "$model" == deep ]]; then
  echo "bench: training the deep model on the seeded log (retraining grain, admin API)" >&2
  curl -fsS -X POST -H "X-Api-Key: $admin_key" "$api/api/models/deep-ranker/retrain" >"$work/retrain.json"
  for _ in $(seq 1 300); do
    curl -fsS -H "X-Api-Key: $admin_key" "$api/api/models/deep-ranker" >"$work/model.json" 2>/dev/null || true
    serving=$(python3 bench/serving_model.py "$work/model.json" 2>/dev/null || true)
    [[ -n "$serving" ]] && break
    sleep 1
  done
  [[ -n "$serving" && "$serving" != FAILED* ]] || { echo "bench: no deep model: ${serving:-timed out}" >&2; exit 1; }
  # Every silo loads the new version before it takes traffic (ModelRegistryOptions.PollInterval bounds the wait).
  sleep 6
fi
echo "bench: serving $serving" >&2
echo "$serving" >"$work/serving.txt"
# Seeding leaves work behind: the seeded users' states, written one LeadRecs:Grains:UserFlushInterval (60 s) after
# seeding activated them, and autovacuum of the log. It would otherwise land in the first phase, (d), and lower the
# machine's limit that (a) is measured against.
python3 bench/cpu_share.py settle $((seeded_at + 65)) "${pids[@]}"

snapshot_metrics() { # phase, before|after: the silo's and the API's exposition (one scrape when they are one process)
  curl -fs "$api/metrics" >"$work/$1.api.$2"
  if [[ "$silo_http" == "$api_port" ]]; then cp "$work/$1.api.$2" "$work/$1.$2"
  else curl -fs "http://127.0.0.1:$silo_http/metrics" >"$work/$1.$2"; fi
}
run_phase() { # name, script, duration, connections
  echo "bench: phase $1 (${3}s, $4 connections)" >&2
  snapshot_metrics "$1" before
  python3 bench/cpu_share.py snap "$work/$1.cpu.before" "${pids[@]}"
  # In a subshell that then reads its children's CPU time (fields 16 and 17 of its stat): wrk's own, once it has exited.
  (
    wrk -t "$threads" -c "$4" -d "${3}s" --timeout 5s -s "bench/wrk/$2" "$api" >"$work/$1.wrk" 2>&1
    read -r -a stat </proc/$BASHPID/stat
    echo $((stat[15] + stat[16])) >"$work/$1.wrk.ticks"
  )
  python3 bench/cpu_share.py snap "$work/$1.cpu.after" "${pids[@]}"
  snapshot_metrics "$1" after
  grep '^RESULT ' "$work/$1.wrk" | sed 's/^RESULT //' >"$work/$1.json" || { cat "$work/$1.wrk"; exit 1; }
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  python3 - "$work" "$1" "$load" "$4" <<'PY'
import json, re, sys
work, phase, load, connections = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
def read(path):
    values = {}
    for line in open(path):
        m = re.match(r'^(leadrecs_recommendation_cache_lookups_total|leadrecs_recommendation_duration_seconds_count|leadrecs_recommendation_refreshes_total|leadrecs_recommendation_refreshes_skipped_total)\{([^}]*)\} (\S+)', line)
        if m:
            labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group(2)))
            key = (m.group(1), labels.get("tier", labels.get("path")), labels.get("result", ""))
            values[key] = values.get(key, 0) + float(m.group(3))
    return values
before, after = read(f"{work}/{phase}.before"), read(f"{work}/{phase}.after")
delta = {k: after.get(k, 0) - before.get(k, 0) for k in after}
result = json.load(open(f"{work}/{phase}.json"))
def rate(tier):
    hit = delta.get(("leadrecs_recommendation_cache_lookups_total", tier, "hit"), 0)
    miss = delta.get(("leadrecs_recommendation_cache_lookups_total", tier, "miss"), 0)
    return None if hit + miss == 0 else hit / (hit + miss)
paths = {p: delta.get(("leadrecs_recommendation_duration_seconds_count", p, ""), 0) for p in ("memory", "redis", "computed")}
served = sum(paths.values())
result["cache"] = {
    "memoryHitRate": rate("memory"), "redisHitRate": rate("redis"),
    "anyTierHitRate": None if served == 0 else (paths["memory"] + paths["redis"]) / served,
    "recommendationsByPath": paths,
}
result["cache"]["rankingsComputedOnRequest"] = paths["computed"]
result["cache"]["rankingsComputedAhead"] = delta.get(("leadrecs_recommendation_refreshes_total", None, ""), 0)
result["cache"]["refreshesSkippedOverBudget"] = delta.get(("leadrecs_recommendation_refreshes_skipped_total", None, ""), 0)

# Server-side latency per route from the API's http.server.request.duration histogram (successful answers), with
# linear interpolation inside a bucket: wrk's own percentiles mix recommendations and events in (a).
def buckets(path):
    out = {}
    for line in open(path):
        m = re.match(r'^http_server_request_duration_seconds_bucket\{(.*)\} (\S+)$', line.strip())  # routes hold braces
        if not m:
            continue
        labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
        if not labels.get("http_response_status_code", "").startswith("2"):
            continue
        key = (labels.get("http_route", ""), float(labels["le"]) if labels["le"] != "+Inf" else float("inf"))
        out[key] = out.get(key, 0) + float(m.group(2))
    return out
b0, b1 = buckets(f"{work}/{phase}.api.before"), buckets(f"{work}/{phase}.api.after")
def percentiles(route):
    # The route template as ASP.NET Core reports it; "/api/events" is mapped as a group, so it may end in a slash.
    same = lambda r: r.rstrip("/") == route
    bounds = sorted({le for (r, le) in b1 if same(r)})
    counts = [sum(v for (r, l), v in b1.items() if same(r) and l == le) - sum(v for (r, l), v in b0.items() if same(r) and l == le)
              for le in bounds]
    total = counts[-1] if counts else 0
    if total <= 0:
        return None
    def q(p):
        rank, lower, below = p * total, 0.0, 0.0
        for le, cumulative in zip(bounds, counts):
            if cumulative >= rank:
                if le == float("inf"):
                    return lower * 1000
                inside = cumulative - below
                return (lower + (le - lower) * ((rank - below) / inside if inside else 1)) * 1000
            lower, below = le, cumulative
        return lower * 1000
    return {"requests": total, "p50Ms": q(0.5), "p95Ms": q(0.95), "p99Ms": q(0.99)}
routes = {"recommendations": "/api/users/{userId}/recommendations", "events": "/api/events"}
result["server"] = {name: p for name, p in ((name, percentiles(route)) for name, route in routes.items()) if p}
result["loadAverage1m"] = load
sys.path.insert(0, "bench")
from cpu_share import share
result["cpuCores"] = share(f"{work}/{phase}.cpu.before", f"{work}/{phase}.cpu.after", int(open(f"{work}/{phase}.wrk.ticks").read()))
result["connections"] = connections
json.dump(result, open(f"{work}/{phase}.json", "w"))
PY
}

wants constant && run_phase constant constant.lua "$duration" "$connections"
# Cold first: every seeded user is still uncached (seeding only posts events). Threads stop after one pass.
if wants cold; then
  half=$((users / 2))
  BENCH_FIRST=1 BENCH_COUNT=$half run_phase cold cold.lua "$duration" "$connections"
  BENCH_FIRST=$((half + 1)) BENCH_COUNT=$((users - half)) run_phase cold2 cold.lua "$duration" 2
fi
wants zipf && run_phase zipf zipf.lua "$duration" "$connections"
wants events && run_phase events events.lua "$duration" "$connections"

python3 - "$work" "$repo/bench/results/latest.json" "$duration" "$connections" "$topology" <<'PY'
import json, sys, os, platform, datetime
work, out, duration, connections, topology = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
phases = {p: json.load(open(f"{work}/{p}.json")) for p in ("constant", "zipf", "cold", "cold2", "events") if os.path.exists(f"{work}/{p}.json")}
for name in ("cold", "cold2"):
    if name in phases:
        # One pass that ends before the duration: wrk divides by the whole duration, so the rate while the pass ran
        # is taken from Little's law (connections / mean latency) instead.
        p = phases[name]
        p["requestsPerSecond"] = p["connections"] / (p["meanMs"] / 1000) if p.get("meanMs") else p["requestsPerSecond"]
ev = phases.get("events")
if ev:
    ev["durableEventsPerSecond"] = (ev["requests"] - ev["failed"]) * ev["eventsPerRequest"] / ev["seconds"]
report = {
    "at": datetime.datetime.now(datetime.timezone.utc).isoformat(),
    "machine": {"cores": os.cpu_count(), "host": platform.node()},
    "durationSeconds": duration, "connections": connections, "topology": topology,
    "serving": open(f"{work}/serving.txt").read().strip() if os.path.exists(f"{work}/serving.txt") else None,
    "phases": phases,
    "ratioZipfToConstant": phases["zipf"]["requestsPerSecond"] / phases["constant"]["requestsPerSecond"]
        if "zipf" in phases and "constant" in phases else None,
}
os.makedirs(os.path.dirname(out), exist_ok=True)
json.dump(report, open(out, "w"), indent=2)
fmt = lambda v: "-" if v is None else f"{v:.3f}"
print(f"serving: {report['serving']}; topology: {topology}")
print(f"{'phase':10} {'conns':>5} {'req/s':>10} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'failed':>7} {'load':>5}  cache hit (memory / redis / any tier)")
for name, p in phases.items():
    c = p["cache"]
    cache = "" if name in ("constant", "events") else f"{fmt(c['memoryHitRate'])} / {fmt(c['redisHitRate'])} / {fmt(c['anyTierHitRate'])}"
    print(f"{name:10} {p['connections']:>5} {p['requestsPerSecond']:>10.0f} {p['p50Ms']:>8.2f} {p['p95Ms']:>8.2f} {p['p99Ms']:>8.2f} {p['failed']:>7} {p['loadAverage1m']:>5.1f}  {cache}")
print("CPU by process, in cores of the machine's " + str(os.cpu_count()) + " (from /proc, during each phase):")
for name, p in phases.items():
    print(f"  {name:10} " + "  ".join(f"{g} {v:.2f}" for g, v in p.get("cpuCores", {}).items()))
print("server-side latency by route (API histograms, successful answers):")
for name, p in phases.items():
    for route, s in p.get("server", {}).items():
        print(f"  {name:10} {route:16} {s['requests']:>8.0f} answers  p50 {s['p50Ms']:.2f} ms  p95 {s['p95Ms']:.2f} ms  p99 {s['p99Ms']:.2f} ms")
for name in ("zipf", "events"):
    if name in phases:
        c = phases[name]["cache"]
        print(f"{name} rankings computed: {c['rankingsComputedOnRequest']:.0f} on request, {c['rankingsComputedAhead']:.0f} ahead "
              f"(after events; {c['refreshesSkippedOverBudget']:.0f} skipped over the silo's budget)")
if ev:
    print(f"durable events/s: {ev['durableEventsPerSecond']:.0f}")
if ev and "constant" in phases:
    print(f"events phase / constant (requests/s): {ev['requestsPerSecond'] / phases['constant']['requestsPerSecond']:.3f}")
if report["ratioZipfToConstant"] is not None:
    print(f"ratio (a) zipf / (d) constant: {report['ratioZipfToConstant']:.2f}")
print(f"wrote {out}")
PY
