// Which Jaeger service is this cluster's: IPFS Cluster reports `<service_name>-<peername>`
// (default `cluster-daemon-<hostname>`), one service per peer. Keep the services matching
// `^<service_name>(-|$)`; one match is used, several go to a picker with the one naming this
// host first; an explicit service always wins. Pure: the caller passes the host name.

/** Default `service_name` of IPFS Cluster's tracing config. */
export const DEFAULT_SERVICE_PREFIX = 'cluster-daemon';

/** The outcome of choosing. */
export type ServiceChoice =
  /** Use this service. */
  | { readonly kind: 'one'; readonly service: string }
  /** Several peers report here: offer these, this host's first. */
  | { readonly kind: 'several'; readonly services: readonly string[] }
  /** Nothing matches; `available` is what Jaeger knows. */
  | { readonly kind: 'none'; readonly available: readonly string[] };

/** How to choose. */
export interface ChooseOptions {
  /** An explicit service (`--service`): used as is. */
  readonly service?: string;
  /** The `service_name` prefix (default `cluster-daemon`). */
  readonly servicePrefix?: string;
  /** This machine's host name (`os.hostname()`), to put its peer first. */
  readonly hostname?: string;
}

/** Chooses among the services Jaeger lists. */
export function chooseService(available: readonly string[], options: ChooseOptions): ServiceChoice {
  if (options.service !== undefined && options.service !== '') return { kind: 'one', service: options.service };
  const prefix = options.servicePrefix === undefined || options.servicePrefix === '' ? DEFAULT_SERVICE_PREFIX : options.servicePrefix;
  const pattern = new RegExp(`^${escapeRegExp(prefix)}(-|$)`);
  const matches = [...new Set(available)].filter((s) => pattern.test(s)).sort();
  if (matches.length === 0) return { kind: 'none', available: [...available].sort() };
  if (matches.length === 1) return { kind: 'one', service: matches[0] };
  const own = ownService(matches, prefix, options.hostname ?? '');
  return { kind: 'several', services: own === undefined ? matches : [own, ...matches.filter((s) => s !== own)] };
}

/** The service naming this host: `<prefix>-<hostname>`, else `<prefix>-<short hostname>` (case-insensitive). */
function ownService(matches: readonly string[], prefix: string, hostname: string): string | undefined {
  if (hostname === '') return undefined;
  const short = hostname.split('.')[0];
  for (const name of [hostname, short]) {
    const wanted = `${prefix}-${name}`.toLowerCase();
    const hit = matches.find((s) => s.toLowerCase() === wanted);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
