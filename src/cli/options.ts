// The flags cluster-top accepts (node:util parseArgs' table) and the CLUSTER_TOP_* variable that
// stands in for each flag that can also come from the environment. Documented in usage.ts and
// README.md; keep the three in step.

/** parseArgs' option table. */
export const OPTIONS = {
  metrics: { type: 'string' },
  interval: { type: 'string' },
  window: { type: 'string' },
  quantile: { type: 'string' },
  timeout: { type: 'string' },
  'max-body': { type: 'string' },
  'max-samples': { type: 'string' },
  'promql-compat': { type: 'string' },
  jaeger: { type: 'string' },
  'no-traces': { type: 'boolean' },
  service: { type: 'string' },
  lookback: { type: 'string' },
  limit: { type: 'string' },
  'traces-interval': { type: 'string' },
  demo: { type: 'boolean' },
  replay: { type: 'string' },
  once: { type: 'boolean' },
  json: { type: 'boolean' },
  ascii: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  openmetrics: { type: 'boolean' },
  format: { type: 'string' },
  out: { type: 'string' },
  duration: { type: 'string' },
  serve: { type: 'boolean' },
  port: { type: 'string' },
  faults: { type: 'string' },
  config: { type: 'string' },
  'no-config': { type: 'boolean' },
  cacert: { type: 'string' },
  insecure: { type: 'boolean' },
  'metrics-token-file': { type: 'string' },
  'metrics-basic-auth-file': { type: 'string' },
  'jaeger-token-file': { type: 'string' },
  'jaeger-basic-auth-file': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

/** A flag's name without the dashes. */
export type OptionName = keyof typeof OPTIONS;

/** The flags that may also be set in the environment, and their variables. */
export const ENV_OPTIONS: Readonly<Partial<Record<OptionName, string>>> = {
  metrics: 'CLUSTER_TOP_METRICS',
  interval: 'CLUSTER_TOP_INTERVAL',
  window: 'CLUSTER_TOP_WINDOW',
  quantile: 'CLUSTER_TOP_QUANTILE',
  timeout: 'CLUSTER_TOP_TIMEOUT',
  'max-body': 'CLUSTER_TOP_MAX_BODY',
  'max-samples': 'CLUSTER_TOP_MAX_SAMPLES',
  'promql-compat': 'CLUSTER_TOP_PROMQL_COMPAT',
  jaeger: 'CLUSTER_TOP_JAEGER',
  'no-traces': 'CLUSTER_TOP_NO_TRACES',
  service: 'CLUSTER_TOP_SERVICE',
  lookback: 'CLUSTER_TOP_LOOKBACK',
  limit: 'CLUSTER_TOP_LIMIT',
  'traces-interval': 'CLUSTER_TOP_TRACES_INTERVAL',
  ascii: 'CLUSTER_TOP_ASCII',
  config: 'CLUSTER_TOP_CONFIG',
  cacert: 'CLUSTER_TOP_CACERT',
  insecure: 'CLUSTER_TOP_INSECURE',
};
