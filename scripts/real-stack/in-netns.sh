#!/usr/bin/env bash
# Runs inside the private network namespace that run.sh makes (`unshare -n`): only a loopback
# interface exists, so nothing the stack does can leave the machine (libp2p's NAT port mapping
# in the cluster peers, which cannot be turned off, finds no gateway). Brings lo up, starts the
# stack, runs the real-stack test, stops the stack. Usage: in-netns.sh RUN_DIR
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUN_DIR="${1:?usage: in-netns.sh RUN_DIR}"
trap 'bash "$RS_SCRIPT_DIR/stop.sh" "$RUN_DIR"' EXIT
trap 'exit 130' INT TERM

if [ -n "${RS_IN_PRIVATE_NETNS:-}" ]; then
  ip link set lo up || { rs_log "cannot bring up lo in the private network namespace"; exit 1; }
fi
start=$SECONDS
bash "$RS_SCRIPT_DIR/start.sh" "$RUN_DIR" || exit 1
rs_log "stack started in $((SECONDS - start))s"
cd "$RS_ROOT" || exit 1
# One file after the other, in this order: cluster-api stops peer 3 for good (it restarts it first
# when real-stack, which stops it last, ran before). REAL_STACK_TESTS picks some of them.
rc=0
for name in ${REAL_STACK_TESTS:-real-stack cluster-api}; do
  rs_log "running $name.real.js"
  REAL_STACK_RUN_DIR="$RUN_DIR" node --test "$RS_ROOT/dist/test/real/$name.real.js" || rc=1
done
exit "$rc"
