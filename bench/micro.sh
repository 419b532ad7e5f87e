#!/usr/bin/env bash
# The microbenchmarks, one command: builds bench/Microbenchmarks in Release and runs its BenchmarkDotNet benchmarks
# (vectorising and scoring 1,000 candidates for one user: baseline, deep scorer, vectoriser, raw ONNX Runtime, managed
# network, top-10 ranking), each in its own process, with MicroConfig's job (1 launch, 5 warm-up and 15 measured
# iterations of ~0.25 s: about 3-4 minutes in all on 2 busy cores, most of it building BenchmarkDotNet's project and
# training the model once per benchmark process). Writes BenchmarkDotNet's reports under bench/results/micro/results/
# (GitHub markdown, JSON, CSV, HTML), its log to bench/results/micro/micro.log, and bench/results/micro/summary.md: the
# table with the commit, the time and the machine's load before and after. Prints that summary.
#
#   bench/micro.sh                        # every benchmark
#   bench/micro.sh --filter '*Deep*'      # any BenchmarkDotNet option; --job short replaces the configured job
#
# The machine may be shared: the figures are only as quiet as it is (see the load in summary.md); `nice -n 10` to yield.
# ./test.sh builds this project with the solution and never runs it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

out=bench/results/micro
args=("$@")
[[ " ${args[*]-} " == *" --filter "* || " ${args[*]-} " == *" -f "* ]] || args+=(--filter '*')

dotnet build bench/Microbenchmarks -c Release -v quiet -nologo
mkdir -p "$out"
rm -rf "$out/results" "$out"/*.log
load_before="$(uptime)"
echo "micro: running BenchmarkDotNet (log: $out/micro.log); load: $load_before" >&2
status=0
# The full log is long; show one line per benchmark as it starts.
dotnet bench/Microbenchmarks/bin/Release/net10.0/Microbenchmarks.dll --artifacts "$out" "${args[@]}" >"$out/micro.log" 2>&1 &
runner=$!
tail -n +1 -f "$out/micro.log" --pid "$runner" | grep --line-buffered -E '^// (Benchmark:|\*\* Remained)' >&2 || true
wait "$runner" || status=$?
load_after="$(uptime)"

{
  echo "# Microbenchmarks"
  echo
  echo "\`bench/micro.sh${*:+ $*}\` at commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!bench/results' || echo ' (with local changes)'), $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo
  echo "- load before: \`${load_before# }\`"
  echo "- load after: \`${load_after# }\`"
  echo
  for report in "$out"/results/*-report-github.md; do
    [[ -f "$report" ]] && cat "$report"
  done
} >"$out/summary.md"
cat "$out/summary.md"
if [[ $status -ne 0 ]]; then
  echo "micro: BenchmarkDotNet exited $status; see $out/micro.log" >&2
fi
exit "$status"
