// The fleet's `--once` output: a table of peers within 80 columns (a peer that could not be read
// is a row saying why), the fleet summary and the fleet's RPC latency per method; or, with
// `--json`, the fleet report as a document. Every remote string is escaped.

import type { FleetReport } from '../model/fleet-report.js';
import type { ApiReport } from '../model/cluster-api/api-report.js';
import { formatBytes, formatCount, formatInterval, formatMs, formatRate, quantileName } from '../model/units.js';
import { stringifyForTerminal } from '../util/terminal-json.js';
import { clipLine, remoteCell, wrapMessage } from './format-text.js';

/** The fleet report as text lines no wider than 80 columns (`ascii`: in ASCII only). */
export function formatFleetText(report: FleetReport, ascii = false): string {
  const clip = (line: string): string => clipLine(line, ascii);
  const cell = (text: string, max: number): string => remoteCell(text, max, ascii);
  const q = quantileName(report.quantile);
  const f = report.fleet;
  const lines: string[] = [];
  const to = report.to === null ? 'no data' : `to ${new Date(report.to).toISOString()}`;
  lines.push(clip(`cluster-top  fleet of ${f.peersTotal} peer${f.peersTotal === 1 ? '' : 's'}, ${f.peersUp} read, window ${formatInterval(report.windowMs)}, ${to}`));
  const sync = f.pinsetDisagree.length === 0 ? '' : ` (out of sync: ${f.pinsetDisagree.map((n) => cell(n, 20)).join(', ')})`;
  lines.push(clip(`pinset ${formatCount(f.pinset)}${sync}  queued ${formatCount(f.pinQueued)}  pinning ${formatCount(f.pinning)}  pin errors ${formatCount(f.pinErrors)}`));
  lines.push('');
  lines.push(`${'peer'.padEnd(18)}${'state'.padEnd(6)}${'pins'.padStart(8)}${'queued'.padStart(7)}${'pinning'.padStart(8)}${'errors'.padStart(7)}${'free disk'.padStart(11)}${`worst ${q}`.padStart(15)}`);
  for (const peer of report.peers) {
    const c = peer.cluster;
    const worst = peer.rpc.find((r) => r.latencyMs !== null)?.latencyMs ?? null;
    const disk = c?.informerDisk ?? null;
    lines.push(clip(`${cell(peer.peer, 17).padEnd(18)}${(peer.up ? 'up' : 'down').padEnd(6)}${formatCount(c?.pins).padStart(8)}${formatCount(c?.pinQueued).padStart(7)}` +
      `${formatCount(c?.pinning).padStart(8)}${formatCount(c?.pinErrors).padStart(7)}${(disk === null ? '-' : disk < 0 ? `${formatBytes(-disk)} used` : formatBytes(disk)).padStart(11)}${formatMs(worst).padStart(15)}`));
  }
  for (const peer of report.peers) if (peer.error !== null) lines.push(...wrapMessage(peer.peer, peer.error, ascii));
  lines.push('');
  if (f.rpc.length > 0) {
    lines.push(`${'fleet RPC method'.padEnd(52)}${q.padStart(14)}${'calls/s'.padStart(14)}`);
    for (const row of f.rpc) lines.push(clip(`${cell(row.method, 52).padEnd(52)}${formatMs(row.latencyMs).padStart(14)}${formatRate(row.callsPerSecond).padStart(14)}`));
  }
  for (const error of report.errors) lines.push(...wrapMessage('error', error, ascii));
  return lines.join('\n') + '\n';
}

/** The `--json` document of a fleet: stable keys for scripts (`api` only when the REST API is read); non-finite numbers become null. */
export function formatFleetJson(report: FleetReport, api: ApiReport | null = null): string {
  return stringifyForTerminal(api === null ? report : { ...report, api });
}
