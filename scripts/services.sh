#!/usr/bin/env bash
# Private Redis and PostgreSQL for tests, a local cluster and benchmarks.
#
#   scripts/services.sh start   install what is missing, start both on free loopback ports
#   scripts/services.sh env     print the export lines (eval "$(scripts/services.sh env)")
#   scripts/services.sh restart-redis
#                               stop Redis and start it again on the same port and data directory (it reloads its
#                               append-only file: the Orleans membership table survives, as in production)
#   scripts/services.sh stop    stop both and delete their data
#
# Nothing is shared with a system-wide Redis or PostgreSQL: each start gets its own temporary data
# directories, random free ports and a random password, so runs on one machine don't see each other.
# State lives in $LEADRECS_SERVICES_STATE (default .run/services.env); give each concurrent user its own.
# LEADRECS_PG_FSYNC=off trades crash safety for speed (test.sh uses it; benchmarks should not).
# Redis always keeps an append-only file (fsync every second, cheap): the Orleans membership table lives there, and
# silos of a cluster must find it again after Redis restarts.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state_file="${LEADRECS_SERVICES_STATE:-$repo_root/.run/services.env}"
pg_user_name="leadrecs"
pg_database="leadrecs_test"

log() { echo "services: $*" >&2; }

find_pg_bin() {
  local dir
  # Newest major version first; Debian installs each under its own directory.
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
    if [[ -x "$dir/postgres" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

install_missing() {
  local packages=()
  command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1 || packages+=(redis-server)
  find_pg_bin >/dev/null || packages+=(postgresql)
  ((${#packages[@]} == 0)) && return 0
  if [[ $(id -u) -ne 0 ]]; then
    log "missing ${packages[*]}; install them (apt-get install ${packages[*]}) or run as root."
    return 1
  fi
  log "installing ${packages[*]}"
  # The packages' own scripts would start system-wide daemons that nobody stops; forbid that.
  local own_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    own_policy=1
  fi
  local status=0
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null; } || status=$?
  ((own_policy)) && rm -f /usr/sbin/policy-rc.d
  return $status
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    port_in_use "$port" || { echo "$port"; return 0; }
  done
  log "no free port found"
  return 1
}

# initdb and postgres refuse to run as root, so as root they run as an unprivileged OS user.
pg_os_user() {
  if [[ $(id -u) -ne 0 ]]; then
    id -un
  elif id postgres >/dev/null 2>&1; then
    echo postgres
  else
    useradd --system --no-create-home --shell /usr/sbin/nologin leadrecs-pg >/dev/null 2>&1 || true
    echo leadrecs-pg
  fi
}

as_pg() {
  if [[ $(id -u) -ne 0 ]]; then
    "$@"
  else
    runuser -u "$PG_OS_USER" -- "$@"
  fi
}

redis_up() { # port
  redis-server --port "$1" --bind 127.0.0.1 --dir "$SERVICES_DIR/redis" \
    --daemonize yes --pidfile "$SERVICES_DIR/redis/redis.pid" --logfile "$SERVICES_DIR/redis/redis.log" \
    --save "" --appendonly yes --appendfsync everysec >/dev/null
  for _ in $(seq 1 50); do
    redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null | grep -q PONG && return 0
    sleep 0.1
  done
  return 1
}

start_redis() {
  local attempt
  for attempt in 1 2 3 4 5; do
    REDIS_PORT="$(free_port)"
    redis_up "$REDIS_PORT" && return 0
    log "redis did not answer on port $REDIS_PORT (attempt $attempt)"
    stop_redis
  done
  return 1
}

# max_connections: every silo, API and test fixture keeps bounded Npgsql pools (grain storage, interaction log,
# artifacts; up to 72 connections a silo), and the test run has the failover processes and two in-process clusters
# open at once. At 200 a burst of lead activations could be refused ("53300: sorry, too many clients already").
start_postgres() {
  local pw_file="$SERVICES_DIR/pgpass" fsync="${LEADRECS_PG_FSYNC:-on}" attempt
  PG_PASSWORD="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s\n' "$PG_PASSWORD" >"$pw_file"
  chown "$PG_OS_USER" "$pw_file" "$SERVICES_DIR/pg"
  chmod 600 "$pw_file"
  as_pg "$PG_BIN/initdb" -D "$SERVICES_DIR/pg/data" -U "$pg_user_name" --pwfile="$pw_file" \
    -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$SERVICES_DIR/pg/initdb.log" 2>&1 ||
    { cat "$SERVICES_DIR/pg/initdb.log" >&2; return 1; }
  rm -f "$pw_file"
  for attempt in 1 2 3 4 5; do
    PG_PORT="$(free_port)"
    if as_pg "$PG_BIN/pg_ctl" -D "$SERVICES_DIR/pg/data" -l "$SERVICES_DIR/pg/postgres.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$SERVICES_DIR/pg -c fsync=$fsync -c max_connections=500" \
      start >/dev/null; then
      PGPASSWORD="$PG_PASSWORD" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U "$pg_user_name" "$pg_database"
      return 0
    fi
    log "postgres did not start on port $PG_PORT (attempt $attempt)"
    tail -n 5 "$SERVICES_DIR/pg/postgres.log" >&2 || true
  done
  return 1
}

write_state() {
  mkdir -p "$(dirname "$state_file")"
  {
    echo "SERVICES_DIR=$SERVICES_DIR"
    echo "PG_BIN=$PG_BIN"
    echo "PG_OS_USER=$PG_OS_USER"
    echo "REDIS_PORT=${REDIS_PORT:-}"
    echo "PG_PORT=${PG_PORT:-}"
    echo "PG_PASSWORD=${PG_PASSWORD:-}"
  } >"$state_file"
  chmod 600 "$state_file"
}

cmd_start() {
  if [[ -f "$state_file" ]]; then
    log "already started ($state_file); run stop first"
    return 1
  fi
  install_missing
  PG_BIN="$(find_pg_bin)" || { log "no PostgreSQL found under /usr/lib/postgresql"; return 1; }
  PG_OS_USER="$(pg_os_user)"
  SERVICES_DIR="$(mktemp -d /tmp/leadrecs-services.XXXXXX)"
  chmod 755 "$SERVICES_DIR"
  mkdir -p "$SERVICES_DIR/redis" "$SERVICES_DIR/pg"
  # Recorded before anything starts, so stop can clean up after a half-finished start.
  write_state
  start_redis
  write_state
  start_postgres
  write_state
  log "redis 127.0.0.1:$REDIS_PORT, postgres 127.0.0.1:$PG_PORT (database $pg_database)"
}

stop_redis() {
  local pid_file="$SERVICES_DIR/redis/redis.pid" pid
  [[ -f "$pid_file" ]] || return 0
  pid="$(cat "$pid_file")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
}

stop_postgres() {
  [[ -f "$SERVICES_DIR/pg/data/postmaster.pid" ]] || return 0
  as_pg "$PG_BIN/pg_ctl" -D "$SERVICES_DIR/pg/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
    as_pg "$PG_BIN/pg_ctl" -D "$SERVICES_DIR/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
}

cmd_stop() {
  [[ -f "$state_file" ]] || return 0
  # shellcheck disable=SC1090
  source "$state_file"
  stop_redis
  stop_postgres
  [[ "$SERVICES_DIR" == /tmp/leadrecs-services.* ]] && rm -rf "$SERVICES_DIR"
  rm -f "$state_file"
}

cmd_restart_redis() {
  [[ -f "$state_file" ]] || { log "not started ($state_file missing)"; return 1; }
  # shellcheck disable=SC1090
  source "$state_file"
  stop_redis
  redis_up "$REDIS_PORT" || { log "redis did not come back on port $REDIS_PORT"; return 1; }
  log "redis restarted on 127.0.0.1:$REDIS_PORT"
}

cmd_env() {
  [[ -f "$state_file" ]] || { log "not started ($state_file missing)"; return 1; }
  # shellcheck disable=SC1090
  source "$state_file"
  echo "export LEADRECS_TEST_REDIS='127.0.0.1:$REDIS_PORT'"
  echo "export LEADRECS_TEST_POSTGRES='Host=127.0.0.1;Port=$PG_PORT;Username=$pg_user_name;Password=$PG_PASSWORD;Database=$pg_database'"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  env) cmd_env ;;
  restart-redis) cmd_restart_redis ;;
  *)
    echo "usage: $0 start|stop|env|restart-redis" >&2
    exit 2
    ;;
esac
