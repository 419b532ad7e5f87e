#!/usr/bin/env bash
# Builds LeadRecs and runs every test project against a private Redis and PostgreSQL that it starts (and always
# stops), then the dashboard's tests in headless Chromium (Tests/Dashboard). Ends with one line, "N passed, N failed",
# summed over all of them; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

work_dir="$(mktemp -d /tmp/leadrecs-test.XXXXXX)"
# A state file of this run's own: a developer's services (default .run/services.env) are left alone.
export LEADRECS_SERVICES_STATE="$work_dir/services.env"
# Test data is thrown away, so crash safety buys nothing here.
export LEADRECS_PG_FSYNC=off
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

cleanup() {
  local status=$?
  scripts/services.sh stop || true
  rm -rf "$work_dir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

finish() {
  scripts/services.sh stop || true
  echo "$1 passed, $2 failed"
  [[ "$2" -eq 0 ]]
}

# Counter attribute of a trx file, or empty when it is absent.
trx_count() {
  grep -o '<Counters [^>]*>' "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]*' || true
}

if ! scripts/services.sh start; then
  echo "test.sh: could not start Redis and PostgreSQL" >&2
  finish 0 1
fi
eval "$(scripts/services.sh env)"

# Installs a Debian package when the program it provides is missing (Chromium for the dashboard's browser
# tests, no browser download; Prometheus' promtool and server for the metrics tests).
ensure_program() { # program path or name, package
  command -v "$1" >/dev/null 2>&1 && return 0
  if [[ $(id -u) -ne 0 ]]; then
    echo "test.sh: $1 is missing; install it (apt-get install $2) or run as root" >&2
    return 1
  fi
  echo "test.sh: installing $2" >&2
  # As in scripts/services.sh: package scripts must not start system-wide daemons that nobody stops.
  local own_policy=0 status=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    own_policy=1
  fi
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; } || status=$?
  ((own_policy)) && rm -f /usr/sbin/policy-rc.d
  return "$status"
}

# The metrics tests check the exposition with promtool and scrape the service with a real Prometheus.
ensure_program promtool prometheus || echo "test.sh: prometheus is missing; the monitoring tests will fail" >&2

build_flags=()
# In CI nothing may outlive the run: a lingering MSBuild node or compiler server can hold the log's pipe open.
[[ "${CI:-}" == "true" ]] && build_flags+=(--disable-build-servers)
if ! dotnet build LeadRecs.sln -c Release "${build_flags[@]}"; then
  echo "test.sh: build failed" >&2
  finish 0 1
fi

passed=0
failed=0
while IFS= read -r project; do
  name="$(basename "$project" .csproj)"
  trx="$work_dir/$name.trx"
  status=0
  # --blame-hang-timeout: a hung test fails the run instead of eating CI's time budget.
  dotnet test "$project" -c Release --no-build --blame-hang-timeout 10m --logger "trx;LogFileName=$trx" || status=$?
  project_passed=0
  project_failed=0
  if [[ -f "$trx" ]]; then
    project_passed=$(trx_count "$trx" passed)
    for counter in failed error timeout aborted; do
      project_failed=$((project_failed + $(trx_count "$trx" "$counter")))
    done
  fi
  # A test host that crashed, or a run that failed without counting it, still counts as a failure.
  if [[ $status -ne 0 && $project_failed -eq 0 ]]; then
    echo "test.sh: dotnet test $name exited $status without a failed test" >&2
    project_failed=1
  fi
  # The chaos suite's figures (one "FAULTS <scenario>: ..." line each), passed or not, from the test output in the trx.
  [[ -f "$trx" ]] && grep -o 'FAULTS [^&<]*' "$trx" | sort -u || true
  passed=$((passed + ${project_passed:-0}))
  failed=$((failed + project_failed))
done < <(find Tests -name '*.csproj' -not -path '*/bin/*' -not -path '*/obj/*' | sort)

# Node test suites (Tests/*/package.json: the Kubernetes manifests, the dashboard in headless Chromium against the
# app built above). npm ci installs their pinned packages; each suite's TAP summary is added to the totals, and a
# suite that fails without counting a failure counts as one.
node_count() { # tap file, counter name
  grep -E "^# $2 [0-9]+$" "$1" 2>/dev/null | tail -n 1 | grep -oE '[0-9]+$' || echo 0
}
while IFS= read -r package; do
  dir="$(dirname "$package")"
  name="$(basename "$dir")"
  tap="$work_dir/$name.tap"
  status=0
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "test.sh: Node.js 20+ and npm are needed for $dir" >&2
    status=1
  elif [[ "$name" == "Dashboard" ]] && ! ensure_program /usr/bin/chromium chromium; then
    echo "test.sh: could not install chromium for $dir" >&2
    status=1
  elif ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error); then
    echo "test.sh: npm ci failed in $dir" >&2
    status=1
  else
    (cd "$dir" && LEADRECS_DASHBOARD_SKIP_BUILD=1 node --test --test-concurrency=1 --test-timeout=240000 \
      --test-reporter=spec --test-reporter-destination=stdout \
      --test-reporter=tap --test-reporter-destination="$tap") || status=$?
  fi
  node_passed=$(node_count "$tap" pass)
  node_failed=$(($(node_count "$tap" fail) + $(node_count "$tap" cancelled)))
  if [[ $status -ne 0 && $node_failed -eq 0 ]]; then
    echo "test.sh: node tests in $dir exited $status without a failed test" >&2
    node_failed=1
  fi
  passed=$((passed + node_passed))
  failed=$((failed + node_failed))
done < <(find Tests -mindepth 2 -maxdepth 2 -name package.json -not -path '*/node_modules/*' | sort)

finish "$passed" "$failed"
