#!/usr/bin/env bash
# A whole LeadRecs cluster on this machine's loopback: Redis and PostgreSQL (scripts/services.sh), the schema
# (leadrecs migrate), two silos and two API instances. Configuration goes in through the same keys the
# Kubernetes manifests set (ConnectionStrings__Redis, ConnectionStrings__Postgres, LeadRecs__Cluster__*).
#
#   scripts/cluster.sh up       build (Release) and start everything; prints the API addresses
#   scripts/cluster.sh status   which processes run and what /health says
#   scripts/cluster.sh down     stop everything and delete the data
#
# Each silo and API runs under a small supervisor (this script's "supervise"), as Kubernetes runs it under the kubelet:
# a process that exits non-zero (a silo that learnt it was declared dead ends itself that way) is started again.
#
# Ports: silos 11111/30000 and 11112/30001 (silo/gateway), silo probes 8091/8092, APIs 8081/8082
# (LEADRECS_CLUSTER_API_PORTS="8081 8082" to change the APIs').
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
run_dir="$repo_root/.run/cluster"
export LEADRECS_SERVICES_STATE="$run_dir/services.env"
cluster_id="${LEADRECS_CLUSTER_ID:-local}"
read -r -a api_ports <<<"${LEADRECS_CLUSTER_API_PORTS:-8081 8082}"
silo_ports=(11111 11112)
gateway_ports=(30000 30001)
probe_ports=(8091 8092)

log() { echo "cluster: $*" >&2; }

bin_of() { echo "$repo_root/$1/bin/Release/net10.0/$2"; }

start_process() { # name, dll, extra args...
  local name="$1" dll="$2"
  shift 2
  nohup "$repo_root/scripts/cluster.sh" supervise "$name" dotnet "$dll" "$@" >>"$run_dir/$name.log" 2>&1 &
  echo $! >"$run_dir/$name.pid"
}

# Runs a command and starts it again whenever it exits non-zero; exit 0 (a deliberate stop) ends the supervisor.
# SIGTERM is passed on to the command, so "down" still stops a silo gracefully (grains deactivate and flush).
cmd_supervise() { # name, command...
  local name="$1" child=0 code stopping=0
  shift
  trap 'stopping=1; ((child)) && kill -TERM "$child" 2>/dev/null' TERM INT
  while :; do
    "$@" &
    child=$!
    echo "$child" >"$run_dir/$name.child"
    code=0
    wait "$child" || code=$?
    # A trapped signal interrupts wait; wait again for the command's own exit.
    while kill -0 "$child" 2>/dev/null; do code=0; wait "$child" || code=$?; done
    ((stopping)) && exit 0
    if ((code == 0)); then
      log "$name exited normally; not restarting"
      exit 0
    fi
    log "$name exited with $code; starting it again"
    sleep 1
  done
}

wait_healthy() { # name, url
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "$2" 2>/dev/null; then
      log "$1 healthy ($2)"
      return 0
    fi
    sleep 0.5
  done
  log "$1 did not become healthy; see $run_dir/$1.log"
  return 1
}

cmd_up() {
  if [[ -f "$run_dir/services.env" ]]; then
    log "already up; run '$0 down' first"
    return 1
  fi
  mkdir -p "$run_dir"
  dotnet build "$repo_root/LeadRecs.sln" -c Release -v quiet -nologo >"$run_dir/build.log" || { cat "$run_dir/build.log"; return 1; }
  "$repo_root/scripts/services.sh" start
  eval "$("$repo_root/scripts/services.sh" env)"
  export ConnectionStrings__Redis="$LEADRECS_TEST_REDIS"
  export ConnectionStrings__Postgres="$LEADRECS_TEST_POSTGRES"
  export LeadRecs__Cluster__ClusterId="$cluster_id" LeadRecs__Cluster__ServiceId=leadrecs
  dotnet "$(bin_of Tools leadrecs.dll)" migrate --connection "$ConnectionStrings__Postgres"

  for i in 0 1; do
    LeadRecs__Cluster__SiloPort="${silo_ports[$i]}" LeadRecs__Cluster__GatewayPort="${gateway_ports[$i]}" \
      start_process "silo$((i + 1))" "$(bin_of Silo LeadRecs.Silo.dll)" --urls "http://127.0.0.1:${probe_ports[$i]}"
  done
  for i in 0 1; do wait_healthy "silo$((i + 1))" "http://127.0.0.1:${probe_ports[$i]}/health"; done
  for i in 0 1; do
    start_process "api$((i + 1))" "$(bin_of Client.Api LeadRecs.Client.Api.dll)" --urls "http://127.0.0.1:${api_ports[$i]}"
  done
  for i in 0 1; do wait_healthy "api$((i + 1))" "http://127.0.0.1:${api_ports[$i]}/health"; done
  log "up: APIs at http://127.0.0.1:${api_ports[0]} and http://127.0.0.1:${api_ports[1]}; logs in $run_dir"
}

cmd_status() {
  local name pid
  for name in silo1 silo2 api1 api2; do
    if [[ -f "$run_dir/$name.pid" ]] && pid="$(cat "$run_dir/$name.pid")" && kill -0 "$pid" 2>/dev/null; then
      echo "$name running (pid $pid)"
    else
      echo "$name not running"
    fi
  done
  for i in 0 1; do
    echo "silo$((i + 1)) /health: $(curl -s -m 2 "http://127.0.0.1:${probe_ports[$i]}/health" || echo unreachable)"
    echo "api$((i + 1)) /health: $(curl -s -m 2 "http://127.0.0.1:${api_ports[$i]}/health" || echo unreachable)"
  done
}

cmd_down() {
  local name pid
  # APIs first, then silos (SIGTERM: graceful, grains deactivate and flush), then the servers.
  for name in api1 api2 silo1 silo2; do
    [[ -f "$run_dir/$name.pid" ]] || continue
    pid="$(cat "$run_dir/$name.pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    # The supervised process, if it outlived its supervisor's 10 s.
    [[ -f "$run_dir/$name.child" ]] && kill -9 "$(cat "$run_dir/$name.child")" 2>/dev/null || true
    rm -f "$run_dir/$name.pid" "$run_dir/$name.child"
  done
  "$repo_root/scripts/services.sh" stop
  log "down"
}

case "${1:-}" in
  up) cmd_up ;;
  status) cmd_status ;;
  down) cmd_down ;;
  supervise) shift; cmd_supervise "$@" ;;
  *) echo "usage: $0 up|status|down" >&2; exit 2 ;;
esac
