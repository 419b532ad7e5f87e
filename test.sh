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
  passed=$((passed + ${project_passed:-0}))
  failed=$((failed + project_failed))
done < <(find Tests -name '*.csproj' -not -path '*/bin/*' -not -path '*/obj/*' | sort)

# What the dashboard's tests need, installed when missing: Debian's Chromium (no browser download) and the npm packages.
dashboard_prerequisites() {
  if [[ ! -x /usr/bin/chromium ]]; then
    if [[ $(id -u) -ne 0 ]]; then
      echo "test.sh: /usr/bin/chromium is missing; install it (apt-get install chromium) or run as root" >&2
      return 1
    fi
    echo "test.sh: installing chromium" >&2
    # As in scripts/services.sh: package scripts must not start system-wide daemons that nobody stops.
    local own_policy=0 status=0
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
      printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
      chmod +x /usr/sbin/policy-rc.d
      own_policy=1
    fi
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || status=$?
    ((own_policy)) && rm -f /usr/sbin/policy-rc.d
    ((status == 0)) || return "$status"
  fi
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "test.sh: Node.js 20+ and npm are needed for Tests/Dashboard" >&2
    return 1
  fi
  (cd Tests/Dashboard && npm ci --no-audit --no-fund --loglevel=error)
}

# The dashboard's tests: node's test runner (unit tests, and end-to-end ones against the app built above in headless
# Chromium). Their TAP summary is added to the totals; a run that fails without counting a failure counts as one.
tap="$work_dir/dashboard.tap"
status=0
if dashboard_prerequisites; then
  (cd Tests/Dashboard && LEADRECS_DASHBOARD_SKIP_BUILD=1 node --test --test-concurrency=1 --test-timeout=240000 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" ./*.test.mjs) || status=$?
else
  echo "test.sh: could not install what Tests/Dashboard needs" >&2
  status=1
fi
tap_count() { grep -E "^# $1 [0-9]+$" "$tap" 2>/dev/null | tail -1 | grep -o '[0-9]*$' || true; }
dashboard_passed=$(tap_count pass)
dashboard_fail=$(tap_count fail)
dashboard_cancelled=$(tap_count cancelled)
dashboard_failed=$((${dashboard_fail:-0} + ${dashboard_cancelled:-0}))
if [[ $status -ne 0 && $dashboard_failed -eq 0 ]]; then
  echo "test.sh: Tests/Dashboard exited $status without a failed test" >&2
  dashboard_failed=1
fi
passed=$((passed + ${dashboard_passed:-0}))
failed=$((failed + dashboard_failed))

finish "$passed" "$failed"
