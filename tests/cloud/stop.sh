#!/usr/bin/env bash
# Stops every daemon of the local test cloud that start.sh started (by its pid file; each
# daemon runs in its own process group, which is signalled as a whole) and waits until the
# processes are really gone. Idempotent. `stop.sh --purge` also deletes the state directory.
set -euo pipefail
# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

PURGE=0
for a in "$@"; do
  case "$a" in
    --purge) PURGE=1 ;;
    -h|--help) echo "usage: $0 [--purge]"; exit 0 ;;
    *) die "unknown argument: $a (usage: $0 [--purge])" ;;
  esac
done
[ "$(id -u)" = 0 ] || die "stop.sh must run as root"

# Stop order: API servers first, the database last.
ORDER=(glance-limits glance-api keystone swift-proxy swift-object swift-container swift-account memcached mariadb)
STOP_TIMEOUT="${OIM_TESTCLOUD_STOP_TIMEOUT:-30}"

# Processes (not zombies) whose command line names a file of our state directory, e.g.
# after a pid file was lost. Excludes this script and its pipeline.
leftovers() {
  [ -d "$STATE" ] || return 0
  ps -e -o pid=,stat=,args= 2>/dev/null | awk -v s="$STATE/" -v me="$$" '
    $2 !~ /^Z/ && index($0, s) > 0 && $1 != me && $0 !~ /stop\.sh/ && $0 !~ / awk / { print $1 }'
}

# wait_gone PIDS...: wait until none of the processes (nor their groups) exists except
# as zombies; returns 1 on timeout.
wait_gone() {
  local deadline=$(( $(date +%s) + STOP_TIMEOUT )) p alive
  while :; do
    alive=0
    for p in "$@"; do
      if pid_running "$p" || [ -n "$(group_pids "$p")" ]; then alive=1; break; fi
    done
    [ "$alive" = 0 ] && return 0
    [ "$(date +%s)" -ge "$deadline" ] && return 1
    sleep 0.1
  done
}

declare -A PIDS=()
for name in "${ORDER[@]}"; do
  f="$RUN/$name.pid"
  [ -f "$f" ] || continue
  pid=$(cat "$f" 2>/dev/null || true)
  if [[ "$pid" =~ ^[0-9]+$ ]] && pid_running "$pid"; then
    # The pid may have been recycled (e.g. after a reboot): only signal our own process.
    if service_pid "$name" >/dev/null; then
      PIDS[$name]=$pid
    else
      warn "$name: pid $pid in $f belongs to another process now: not signalling it"
      rm -f "$f" "$RUN/$name.start"
    fi
  elif [[ "$pid" =~ ^[0-9]+$ ]] && [ -n "$(group_pids "$pid")" ]; then
    # Leader gone but workers of its process group are left.
    PIDS[$name]=$pid
  else
    rm -f "$f" "$RUN/$name.start"
  fi
done

stopped_any=0
# 1) API servers and Swift, 2) memcached, 3) MariaDB (it flushes on SIGTERM).
for phase in "glance-limits glance-api keystone swift-proxy swift-object swift-container swift-account" "memcached" "mariadb"; do
  phase_pids=()
  for name in $phase; do
    pid="${PIDS[$name]:-}"
    [ -n "$pid" ] || continue
    log "stopping $name (pid $pid)"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    phase_pids+=("$pid")
    stopped_any=1
  done
  [ "${#phase_pids[@]}" -gt 0 ] || continue
  if ! wait_gone "${phase_pids[@]}"; then
    for pid in "${phase_pids[@]}"; do
      warn "process group $pid still alive after ${STOP_TIMEOUT} s: SIGKILL"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    done
    STOP_TIMEOUT=10 wait_gone "${phase_pids[@]}" || die "processes ${phase_pids[*]} do not die"
  fi
done
for name in "${ORDER[@]}"; do rm -f "$RUN/$name.pid" "$RUN/$name.start"; done

# Anything else still running from our state directory (lost pid file, foreign start).
mapfile -t extra < <(leftovers)
if [ "${#extra[@]}" -gt 0 ]; then
  warn "stray processes using $STATE: ${extra[*]}: SIGTERM"
  kill -TERM "${extra[@]}" 2>/dev/null || true
  if ! wait_gone "${extra[@]}"; then
    kill -KILL "${extra[@]}" 2>/dev/null || true
    STOP_TIMEOUT=10 wait_gone "${extra[@]}" || die "stray processes ${extra[*]} do not die"
  fi
  stopped_any=1
fi

# Dead children are reaped by PID 1, which can take a second or two: wait (bounded) so that
# `ps` right after stop.sh shows nothing of ours, not even zombies.
if [ "$stopped_any" = 1 ]; then
  for _ in $(seq 1 50); do
    z=0
    for pid in "${PIDS[@]}"; do [ -n "$(group_pids_all "$pid")" ] && { z=1; break; }; done
    [ "$z" = 0 ] && break
    sleep 0.1
  done
  log "all test cloud processes stopped"
else
  log "nothing running"
fi

if [ "$PURGE" = 1 ] && [ -d "$STATE" ]; then
  # Refuse to delete a directory that does not look like ours.
  if [ -d "$STATE/run" ] || [ -f "$STATE/env.sh" ] || [ -f "$STATE/mysql/my.cnf" ] || [ -z "$(ls -A "$STATE")" ]; then
    rm -rf -- "$STATE"
    log "purged $STATE"
  else
    die "$STATE does not look like a test cloud state directory: not deleting it"
  fi
fi
