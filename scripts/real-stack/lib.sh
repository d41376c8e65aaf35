# shellcheck shell=bash
# Shared settings of the real-stack scripts: pinned versions, where binaries are cached, ports.
# Sourced by install.sh, start.sh, stop.sh and run.sh; it sets variables and defines helpers only.

RS_SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RS_ROOT="$(cd "$RS_SCRIPT_DIR/../.." && pwd)"

# Pinned versions. A cached binary is reused only when `go version -m` reports this exact
# module version (and the same Go toolchain is not required: the binary is self-contained).
RS_CLUSTER_MOD=github.com/ipfs-cluster/ipfs-cluster
RS_CLUSTER_VERSION=v1.1.6
RS_KUBO_MOD=github.com/ipfs/kubo
RS_KUBO_VERSION=v0.43.0   # v0.43.1 replaces go-libp2p with a fork the module proxy refuses (403)
RS_JAEGER_MOD=github.com/jaegertracing/jaeger
RS_JAEGER_VERSION=v1.76.0   # the module tag of Jaeger v2.13

# Binaries live outside the work tree so that a fresh clone on the same machine (as CI makes)
# reuses them; <project>/.cache/real-stack is a symlink to that folder (override with
# CLUSTER_TOP_REAL_STACK_HOME, e.g. to a folder inside the project).
RS_HOME="${CLUSTER_TOP_REAL_STACK_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/cluster-top/real-stack}"
RS_LINK="$RS_ROOT/.cache/real-stack"
RS_BIN="$RS_HOME/bin"
# Written by install.sh when the registries cannot be reached; run.sh reads it.
RS_SKIP_MARKER="$RS_HOME/SKIPPED"

# Ports, all on 127.0.0.1. Peer 1's metrics endpoint is 8888 as in a default peer.
: "${RS_KUBO_API_PORT:=15001}"
: "${RS_KUBO_GATEWAY_PORT:=18080}"
: "${RS_KUBO_SWARM_PORT:=14001}"
: "${RS_JAEGER_AGENT_PORT:=6831}"
: "${RS_JAEGER_QUERY_PORT:=16686}"
: "${RS_JAEGER_QUERY_GRPC_PORT:=16685}"
: "${RS_JAEGER_METRICS_PORT:=18888}"
: "${RS_JAEGER_HEALTH_PORT:=13133}"
: "${RS_PEER1_METRICS_PORT:=8888}"
: "${RS_PEER2_METRICS_PORT:=8889}"
: "${RS_PEER3_METRICS_PORT:=8890}"
: "${RS_PEER1_PORT_BASE:=9094}"   # REST API; +1 proxy, +2 cluster swarm, +3 pinning-service API
: "${RS_PEER2_PORT_BASE:=9194}"
: "${RS_PEER3_PORT_BASE:=9294}"

rs_log() { printf '[real-stack] %s\n' "$*" >&2; }

# A binary counts as installed when its stamp file names the pinned module@version.
rs_installed() { # name module version
  [ -x "$RS_BIN/$1" ] && [ "$(cat "$RS_BIN/$1.stamp" 2>/dev/null)" = "$2@$3" ]
}
