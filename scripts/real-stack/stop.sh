#!/usr/bin/env bash
# Stops every process recorded in RUN_DIR/pids by start.sh, by PID: SIGTERM, then SIGKILL after
# 10 s. A PID is signalled only while it still runs one of the stack's binaries (never a reused
# PID). Safe to run twice. Usage: stop.sh RUN_DIR
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUN_DIR="${1:?usage: stop.sh RUN_DIR}"
[ -d "$RUN_DIR/pids" ] || exit 0

ours() { # pid: true while it still runs one of the binaries in $RS_BIN
  local exe
  exe="$(readlink "/proc/$1/exe" 2>/dev/null)" || return 1
  case "$exe" in "$(readlink -f "$RS_BIN")"/*|"$RS_BIN"/*) return 0 ;; *) return 1 ;; esac
}

# Cluster peers first (they talk to Kubo and Jaeger while shutting down), then Jaeger and Kubo.
order=(peer2 peer1 jaeger kubo)
for f in "$RUN_DIR"/pids/*; do
  [ -f "$f" ] || continue
  case " ${order[*]} " in *" $(basename "$f") "*) ;; *) order+=("$(basename "$f")") ;; esac
done
for name in "${order[@]}"; do
  f="$RUN_DIR/pids/$name"
  [ -f "$f" ] || continue
  pid="$(cat "$f")"
  if ours "$pid"; then
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 40); do ours "$pid" || break; sleep 0.25; done
    if ours "$pid"; then
      rs_log "$name (pid $pid) ignored SIGTERM for 10 s: SIGKILL"
      kill -KILL "$pid" 2>/dev/null
    fi
    rs_log "stopped $name (pid $pid)"
  fi
  rm -f "$f"
done
exit 0
