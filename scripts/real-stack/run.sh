#!/usr/bin/env bash
# The real-stack test: install (pinned, cached) → start Kubo, Jaeger and two IPFS Cluster peers
# on loopback → run dist/test/real/real-stack.real.js, then cluster-api.real.js (REAL_STACK_TESTS="…"
# runs some of them) → always stop every process by PID.
# Run it after `tsc -p tsconfig.json` (npm run test:real does both).
#
# Exit status: 0 when the test passed, or when installation could not reach the package
# registries (then one line `REAL-STACK SKIPPED: <cause>` is printed); non-zero on any other
# failure, in particular any failure once the stack is up.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

for name in ${REAL_STACK_TESTS:-real-stack cluster-api}; do
  TEST_JS="$RS_ROOT/dist/test/real/$name.real.js"
  [ -f "$TEST_JS" ] || { rs_log "missing $TEST_JS: run tsc -p tsconfig.json first"; exit 1; }
done

t0=$SECONDS
bash "$RS_SCRIPT_DIR/install.sh" || { rs_log "installation failed (not a registry problem): see above"; exit 1; }
if [ -f "$RS_SKIP_MARKER" ]; then
  exit 0   # install.sh printed the REAL-STACK SKIPPED line
fi
rs_log "install step took $((SECONDS - t0))s"

RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/cluster-top-real-stack.XXXXXX")"
finish() {
  local rc=$?
  bash "$RS_SCRIPT_DIR/stop.sh" "$RUN_DIR"
  if [ "$rc" -eq 0 ]; then
    rm -rf "$RUN_DIR"
  else
    rs_log "failed (exit $rc); logs kept in $RUN_DIR/logs"
    [ -f "$RUN_DIR/start-failed" ] || for f in "$RUN_DIR"/logs/peer1.log "$RUN_DIR"/logs/peer2.log "$RUN_DIR"/logs/jaeger.log "$RUN_DIR"/logs/kubo.log; do
      [ -f "$f" ] && { rs_log "--- last lines of $f"; tail -n 15 "$f" >&2; }
    done
  fi
  rs_log "install + stack + test took $((SECONDS - t0))s"
  exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT TERM

# A private network namespace keeps every packet on this machine; without one, only run on the
# host's network when asked to explicitly.
if unshare -n true 2>/dev/null; then
  RS_IN_PRIVATE_NETNS=1 timeout --kill-after=30 900 unshare -n bash "$RS_SCRIPT_DIR/in-netns.sh" "$RUN_DIR"
elif [ -n "${REAL_STACK_HOST_NETWORK:-}" ]; then
  rs_log "no private network namespace (unshare -n refused); REAL_STACK_HOST_NETWORK is set: host network"
  timeout --kill-after=30 900 bash "$RS_SCRIPT_DIR/in-netns.sh" "$RUN_DIR"
else
  echo "REAL-STACK SKIPPED: cannot make a private network namespace (unshare -n refused), and the cluster peers' NAT port mapping would probe the LAN; set REAL_STACK_HOST_NETWORK=1 to run on the host network anyway"
  exit 0
fi
