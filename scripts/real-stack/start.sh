#!/usr/bin/env bash
# Starts the real stack on 127.0.0.1, every process in the background with its PID recorded:
#   Kubo (test profile: loopback only, no bootstrap, no mDNS; its own IPFS_PATH), shared by
#   every cluster peer; Jaeger all-in-one (thrift-compact UDP for the agent, query API, its own
#   metrics moved off 8888); three ipfs-cluster-service peers (crdt, loopback, no bootstrap list,
#   no mDNS, `daemon --stats --tracing`, sampling_prob 1), peer 2 bootstrapping to peer 1 and
#   peer 3 to both.
# Usage: start.sh RUN_DIR   (RUN_DIR is created; stop.sh RUN_DIR stops what is recorded there)
# Writes RUN_DIR/stack.json for the test. On failure it prints the logs' tails and exits 1
# (the processes it started stay recorded, for stop.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUN_DIR="${1:?usage: start.sh RUN_DIR}"
mkdir -p "$RUN_DIR/pids" "$RUN_DIR/logs"
RUN_DIR="$(cd "$RUN_DIR" && pwd)"
for b in ipfs jaeger ipfs-cluster-service ipfs-cluster-ctl; do
  [ -x "$RS_BIN/$b" ] || { rs_log "missing $RS_BIN/$b: run install.sh first"; exit 1; }
done

fail() {
  rs_log "start failed: $*"
  : >"$RUN_DIR/start-failed"
  for f in "$RUN_DIR"/logs/*.log; do
    [ -f "$f" ] || continue
    rs_log "--- tail of $f"
    tail -n 25 "$f" >&2
  done
  exit 1
}

# Refuse to start on a port that something already listens on (nothing else is ours to stop).
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$RS_KUBO_API_PORT" "$RS_KUBO_GATEWAY_PORT" "$RS_KUBO_SWARM_PORT" "$RS_JAEGER_QUERY_PORT" \
         "$RS_JAEGER_QUERY_GRPC_PORT" "$RS_JAEGER_METRICS_PORT" "$RS_JAEGER_HEALTH_PORT" \
         "$RS_PEER1_METRICS_PORT" "$RS_PEER2_METRICS_PORT" "$RS_PEER3_METRICS_PORT" \
         $(seq "$RS_PEER1_PORT_BASE" $((RS_PEER1_PORT_BASE + 3))) $(seq "$RS_PEER2_PORT_BASE" $((RS_PEER2_PORT_BASE + 3))) \
         $(seq "$RS_PEER3_PORT_BASE" $((RS_PEER3_PORT_BASE + 3))); do
  if port_busy "$p"; then fail "127.0.0.1:$p is already in use"; fi
done

# launch NAME ENV... -- COMMAND...: runs COMMAND in the background, logs to logs/NAME.log,
# records its PID in pids/NAME.
launch() {
  local name="$1"; shift
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  env "${envs[@]}" "$@" </dev/null >"$RUN_DIR/logs/$name.log" 2>&1 &
  echo $! >"$RUN_DIR/pids/$name"
  rs_log "started $name (pid $!)"
}

# wait_for WHAT SECONDS PIDNAME COMMAND...: retries COMMAND every 0.25 s until it succeeds.
wait_for() {
  local what="$1" secs="$2" pidname="$3"; shift 3
  local deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    if [ -n "$pidname" ] && ! kill -0 "$(cat "$RUN_DIR/pids/$pidname")" 2>/dev/null; then
      fail "$pidname exited while waiting for $what"
    fi
    [ "$SECONDS" -lt "$deadline" ] || fail "timed out after ${secs}s waiting for $what"
    sleep 0.25
  done
}
http_ok() { node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$1"; }

# --- Kubo -------------------------------------------------------------------------------------
export IPFS_TELEMETRY=off
KUBO_ENV=("IPFS_PATH=$RUN_DIR/kubo" "IPFS_TELEMETRY=off")
env "${KUBO_ENV[@]}" "$RS_BIN/ipfs" init --profile=test --empty-repo >"$RUN_DIR/logs/kubo-init.log" 2>&1 || fail "ipfs init"
kcfg() { env "${KUBO_ENV[@]}" "$RS_BIN/ipfs" config "$@" >>"$RUN_DIR/logs/kubo-init.log" 2>&1 || fail "ipfs config $*"; }
kcfg Addresses.API "/ip4/127.0.0.1/tcp/$RS_KUBO_API_PORT"
kcfg Addresses.Gateway "/ip4/127.0.0.1/tcp/$RS_KUBO_GATEWAY_PORT"
kcfg --json Addresses.Swarm "[\"/ip4/127.0.0.1/tcp/$RS_KUBO_SWARM_PORT\"]"
kcfg --json Bootstrap '[]'
kcfg --json Discovery.MDNS.Enabled false
kcfg --json Swarm.DisableNatPortMap true
kcfg --json Plugins.Plugins.telemetry.Config '{"Mode":"off"}'
launch kubo "${KUBO_ENV[@]}" -- "$RS_BIN/ipfs" daemon
KUBO_API="http://127.0.0.1:$RS_KUBO_API_PORT"
wait_for "Kubo's API" 60 kubo node -e 'fetch(process.argv[1], {method: "POST"}).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$KUBO_API/api/v0/id"

# --- Jaeger all-in-one ------------------------------------------------------------------------
cat >"$RUN_DIR/jaeger.yaml" <<YAML
service:
  extensions: [jaeger_storage, jaeger_query, healthcheckv2]
  pipelines:
    traces:
      receivers: [jaeger]
      processors: [batch]
      exporters: [jaeger_storage_exporter]
  telemetry:
    resource:
      service.name: jaeger
    metrics:
      level: basic
      readers:
        - pull:
            exporter:
              prometheus:
                host: 127.0.0.1
                port: $RS_JAEGER_METRICS_PORT
    logs:
      level: info
extensions:
  jaeger_query:
    enable_tracing: false
    storage:
      traces: memstore
    http:
      endpoint: 127.0.0.1:$RS_JAEGER_QUERY_PORT
    grpc:
      endpoint: 127.0.0.1:$RS_JAEGER_QUERY_GRPC_PORT
  jaeger_storage:
    backends:
      memstore:
        memory:
          max_traces: 100000
  healthcheckv2:
    use_v2: true
    http:
      endpoint: 127.0.0.1:$RS_JAEGER_HEALTH_PORT
receivers:
  jaeger:
    protocols:
      thrift_compact:
        endpoint: 127.0.0.1:$RS_JAEGER_AGENT_PORT
processors:
  batch:
exporters:
  jaeger_storage_exporter:
    trace_storage: memstore
YAML
launch jaeger -- "$RS_BIN/jaeger" --config "$RUN_DIR/jaeger.yaml"
JAEGER_QUERY="http://127.0.0.1:$RS_JAEGER_QUERY_PORT"
wait_for "Jaeger's query API" 60 jaeger http_ok "$JAEGER_QUERY/api/services"

# --- IPFS Cluster peers -----------------------------------------------------------------------
SECRET="$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')"
init_peer() { # n peername portBase metricsPort
  local dir="$RUN_DIR/peer$1"
  CLUSTER_SECRET="$SECRET" "$RS_BIN/ipfs-cluster-service" -c "$dir" init --consensus crdt \
    >"$RUN_DIR/logs/peer$1-init.log" 2>&1 || fail "ipfs-cluster-service init (peer $1)"
  node - "$dir/service.json" "$2" "$3" "$4" "$RS_KUBO_API_PORT" "$RS_JAEGER_AGENT_PORT" <<'JS' || fail "editing $dir/service.json"
const fs = require('node:fs');
const [file, peername, base, metricsPort, kuboPort, agentPort] = process.argv.slice(2);
const cfg = JSON.parse(fs.readFileSync(file, 'utf8'));
const tcp = (port) => `/ip4/127.0.0.1/tcp/${port}`;
const b = Number(base);
Object.assign(cfg.cluster, {
  peername,
  listen_multiaddress: [tcp(b + 2)],
  announce_multiaddress: [],
  peer_addresses: [],
  mdns_interval: '0s',
  enable_relay_hop: false,
  monitor_ping_interval: '2s',
});
cfg.consensus.crdt.trusted_peers = ['*'];
cfg.api.restapi.http_listen_multiaddress = tcp(b);
cfg.api.ipfsproxy.listen_multiaddress = tcp(b + 1);
cfg.api.ipfsproxy.node_multiaddress = tcp(kuboPort);
cfg.api.pinsvcapi.http_listen_multiaddress = tcp(b + 3);
cfg.ipfs_connector.ipfshttp.node_multiaddress = tcp(kuboPort);
// A pin of blocks nobody has fails in 10 s, not 2 min, so the REST API test sees a pin in error
// soon (the other tests pin blocks Kubo holds, which complete at once).
cfg.ipfs_connector.ipfshttp.pin_timeout = '10s';
Object.assign(cfg.observations.metrics, { enable_stats: true, prometheus_endpoint: tcp(metricsPort) });
Object.assign(cfg.observations.tracing, {
  enable_tracing: true,
  jaeger_agent_endpoint: `/ip4/127.0.0.1/udp/${agentPort}`,
  sampling_prob: 1,
  service_name: 'cluster-daemon',
});
fs.writeFileSync(file, JSON.stringify(cfg, null, 2) + '\n');
JS
  node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).id)' "$dir/identity.json"
}
PEER1_ID="$(init_peer 1 peer1 "$RS_PEER1_PORT_BASE" "$RS_PEER1_METRICS_PORT")"
PEER2_ID="$(init_peer 2 peer2 "$RS_PEER2_PORT_BASE" "$RS_PEER2_METRICS_PORT")"
PEER3_ID="$(init_peer 3 peer3 "$RS_PEER3_PORT_BASE" "$RS_PEER3_METRICS_PORT")"
PEER1_SWARM="/ip4/127.0.0.1/tcp/$((RS_PEER1_PORT_BASE + 2))/p2p/$PEER1_ID"
PEER2_SWARM="/ip4/127.0.0.1/tcp/$((RS_PEER2_PORT_BASE + 2))/p2p/$PEER2_ID"

launch peer1 -- "$RS_BIN/ipfs-cluster-service" -c "$RUN_DIR/peer1" daemon --stats --tracing
wait_for "peer 1's REST API" 90 peer1 http_ok "http://127.0.0.1:$RS_PEER1_PORT_BASE/health"
launch peer2 -- "$RS_BIN/ipfs-cluster-service" -c "$RUN_DIR/peer2" daemon --stats --tracing --bootstrap "$PEER1_SWARM"
wait_for "peer 2's REST API" 90 peer2 http_ok "http://127.0.0.1:$RS_PEER2_PORT_BASE/health"
# Peer 3 dials both: peers learn each other's addresses only from a connection (no mDNS here).
launch peer3 -- "$RS_BIN/ipfs-cluster-service" -c "$RUN_DIR/peer3" daemon --stats --tracing --bootstrap "$PEER1_SWARM,$PEER2_SWARM"
wait_for "peer 3's REST API" 90 peer3 http_ok "http://127.0.0.1:$RS_PEER3_PORT_BASE/health"
all_peers() { # host: every peer listed without errors
  local out
  out="$("$RS_BIN/ipfs-cluster-ctl" --host "$1" --enc json peers ls)" || return 1
  node -e '
    const ids = new Set(), text = process.argv[1];
    for (const m of text.matchAll(/"id":\s*"([^"]+)"[^{}]*?"error":\s*"([^"]*)"/g)) if (m[2] === "") ids.add(m[1]);
    process.exit(process.argv.slice(2).every((id) => ids.has(id)) ? 0 : 1);' "$out" "$PEER1_ID" "$PEER2_ID" "$PEER3_ID"
}
wait_for "every peer in peer 1's peerset" 90 peer2 all_peers "/ip4/127.0.0.1/tcp/$RS_PEER1_PORT_BASE"
wait_for "every peer in peer 2's peerset" 90 peer2 all_peers "/ip4/127.0.0.1/tcp/$RS_PEER2_PORT_BASE"
wait_for "every peer in peer 3's peerset" 90 peer3 all_peers "/ip4/127.0.0.1/tcp/$RS_PEER3_PORT_BASE"
wait_for "peer 1's metrics" 30 peer1 http_ok "http://127.0.0.1:$RS_PEER1_METRICS_PORT/metrics"
wait_for "peer 2's metrics" 30 peer2 http_ok "http://127.0.0.1:$RS_PEER2_METRICS_PORT/metrics"
wait_for "peer 3's metrics" 30 peer3 http_ok "http://127.0.0.1:$RS_PEER3_METRICS_PORT/metrics"

node - "$RUN_DIR/stack.json" <<JS
require('node:fs').writeFileSync(process.argv[2], JSON.stringify({
  runDir: '$RUN_DIR',
  ctl: '$RS_BIN/ipfs-cluster-ctl',
  kuboApi: '$KUBO_API',
  jaegerQuery: '$JAEGER_QUERY',
  versions: { cluster: '$RS_CLUSTER_VERSION', kubo: '$RS_KUBO_VERSION', jaeger: '$RS_JAEGER_VERSION' },
  peers: [
    { name: 'peer1', id: '$PEER1_ID', restApi: '/ip4/127.0.0.1/tcp/$RS_PEER1_PORT_BASE', metricsUrl: 'http://127.0.0.1:$RS_PEER1_METRICS_PORT/metrics' },
    { name: 'peer2', id: '$PEER2_ID', restApi: '/ip4/127.0.0.1/tcp/$RS_PEER2_PORT_BASE', metricsUrl: 'http://127.0.0.1:$RS_PEER2_METRICS_PORT/metrics' },
    { name: 'peer3', id: '$PEER3_ID', restApi: '/ip4/127.0.0.1/tcp/$RS_PEER3_PORT_BASE', metricsUrl: 'http://127.0.0.1:$RS_PEER3_METRICS_PORT/metrics' },
  ],
}, null, 2) + '\n');
JS
rs_log "stack is up: $RUN_DIR/stack.json"
