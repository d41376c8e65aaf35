// Groups IPFS Cluster's unbounded operation names. Its REST API and IPFS client spans are named
// `Recv.<host>:<path>:<METHOD>` / `Sent.<host>:<path>:<METHOD>` (ochttp's FormatSpanName), so
// every CID, and every Host header a client sends, makes a new operation. The group key drops
// the host, keeps direction and method, and replaces each CID path segment by `{cid}` (peer IDs
// by `{peer}`): `Recv.127.0.0.1:9094:/pins/bafy…:POST` → `POST /pins/{cid}`. Other names
// (`cluster/Pin`, `Recv.Cluster.Pin`) are their own group.

/** `(Recv|Sent).[proxy:]<host>:<path>:<METHOD>`; the host ends at the first `:/`. */
const REST_NAME = /^(Recv|Sent)\.(proxy:)?(.*?):(\/[^]*):([A-Z]+)$/;

/** CIDv0, and CIDv1 in base32 (`bafy…`, `bafk…`), base36 (`k51…`), base58btc (`z…`) or base16 (`f01…`). */
const CID = /^(?:Qm[1-9A-HJ-NP-Za-km-z]{44}|b[a-z2-7]{50,}|B[A-Z2-7]{50,}|k[0-9a-z]{48,}|z[1-9A-HJ-NP-Za-km-z]{44,}|f01[0-9a-f]{60,})$/;

/** An Ed25519 libp2p peer ID (`12D3KooW…`). */
const PEER_ID = /^12D3KooW[1-9A-HJ-NP-Za-km-z]{44}$/;

/** The parts of a REST-style span name, or null for any other name. */
export interface RestOperation {
  /** `Recv` (server side), `Sent` (client side). */
  readonly direction: 'Recv' | 'Sent';
  /** True for the IPFS proxy endpoint (`Recv.proxy:…`). */
  readonly proxy: boolean;
  /** `host:port` as the client sent it. */
  readonly host: string;
  /** The URL path, CIDs included. */
  readonly path: string;
  /** HTTP method. */
  readonly method: string;
}

/** Splits `Recv.127.0.0.1:9094:/pins/bafy…:POST`; null for a name of another shape. */
export function parseRestOperation(name: string): RestOperation | null {
  const m = REST_NAME.exec(name);
  if (m === null) return null;
  return { direction: m[1] as 'Recv' | 'Sent', proxy: m[2] !== undefined, host: m[3], path: m[4], method: m[5] };
}

/** The path with every CID segment as `{cid}` and every peer-ID segment as `{peer}`. */
export function templatePath(path: string): string {
  return path
    .split('/')
    .map((seg) => (CID.test(seg) ? '{cid}' : PEER_ID.test(seg) ? '{peer}' : seg))
    .join('/');
}

/**
 * The group key of an operation name: `POST /pins/{cid}` for a Recv REST name,
 * `proxy POST /api/v0/add` for the IPFS proxy, `Sent POST /api/v0/pin/ls` for IPFS calls,
 * and the name itself for anything else.
 */
export function operationGroup(name: string): string {
  const rest = parseRestOperation(name);
  if (rest === null) return name;
  const prefix = rest.direction === 'Sent' ? 'Sent ' : rest.proxy ? 'proxy ' : '';
  return `${prefix}${rest.method} ${templatePath(rest.path)}`;
}
