// The `--help` text: every command and flag, with defaults.

/** Usage text printed by `cluster-top --help`. */
export const USAGE = `cluster-top — a terminal monitor for IPFS Cluster peers

Usage:
  cluster-top [options]                 live view of a peer (needs a terminal)
  cluster-top --once [--json] [options] two scrapes --interval apart, then a snapshot
  cluster-top dump [--openmetrics] [--format prom2json|samples] [URL|FILE|-]
  cluster-top record --out DIR [--duration D] [--metrics URL | --demo]
  cluster-top demo --serve [--port N] [--faults SPEC]
                                        run the embedded demo peer alone
  cluster-top config [--json] [options] the settings in force, and their sources

Source (one of):
  --metrics URL       the peer's /metrics (default: from service.json, else
                      http://127.0.0.1:8888/metrics)
  --demo              the embedded demo peer (a simulated v1.1.x peer on 127.0.0.1)
  --replay DIR        a folder written by \`record\` (<unix-ms>.prom files)

Options:
  --interval D        time between scrapes (default 2s)
  --window D          window for rates and latency quantiles (default 1m)
  --quantile Q        latency quantile, 0..1 (default 0.95)
  --timeout D         per-scrape timeout (default: the smaller of --interval and 10s)
  --max-body N        largest accepted response, also after gunzip (default 64MiB)
  --max-samples N     most scrapes kept in memory (default 10000)
  --promql-compat V   rate() semantics of Prometheus 3 (default) or 2.42
  --once              print one snapshot and exit; --json prints it as JSON

Traces (Jaeger query API, 1.9 to v2 and v3):
  --jaeger URL        Jaeger query base URL (default http://127.0.0.1:16686)
  --service NAME      Jaeger service (default: the one matching service_name-*)
  --lookback D        how far back to search (default 1h)
  --limit N           most traces listed (default 20)
  --traces-interval D refresh of the traces list (default 10s)
  --no-traces         do not query Jaeger

On a peer host (flags > CLUSTER_TOP_* environment > service.json > defaults):
  --config PATH       the peer's service.json, or its folder (default:
                      $IPFS_CLUSTER_PATH/service.json, else ~/.ipfs-cluster/)
  --no-config         ignore service.json and the peer's CLUSTER_* variables
  --cacert FILE       PEM CAs to trust for https:// (instead of the system's)
  --insecure          do not verify TLS certificates (a warning is shown)
  --metrics-token-file FILE       bearer token for the metrics endpoint
  --metrics-basic-auth-file FILE  user:password for the metrics endpoint
  --jaeger-token-file FILE        bearer token for Jaeger
  --jaeger-basic-auth-file FILE   user:password for Jaeger
  Credentials come from those files or from CLUSTER_TOP_METRICS_TOKEN,
  CLUSTER_TOP_METRICS_BASIC_AUTH, CLUSTER_TOP_JAEGER_TOKEN,
  CLUSTER_TOP_JAEGER_BASIC_AUTH (or the same names ending in _FILE), never
  from an argument. Most options also read CLUSTER_TOP_<OPTION>, e.g.
  CLUSTER_TOP_METRICS, CLUSTER_TOP_INTERVAL.

  --ascii             no Unicode blocks or box lines (automatic without a UTF-8 locale)
  --no-color          no colours (NO_COLOR is honoured too)
  -h, --help          this text
  -V, --version       the version

Durations: 500ms, 2s, 1m, 1m30s. Sizes: 1048576, 512k, 10MB, 64MiB.
Exit codes: 0 ok, 1 the peer could not be read, 2 usage error (including an
unreadable --cacert or credential file) or no terminal.
`;
