// The plain-text snapshot of `--once`: a few labelled lines and an RPC table, at most 80 columns,
// every remote string escaped.

import type { PeerSnapshot } from '../model/snapshot.js';
import { formatDurationCompact } from '../model/traces/format-duration.js';
import { relativeAge } from '../model/traces/relative-age.js';
import type { TraceRowsResult } from '../sources/jaeger/trace-rows.js';
import { formatBytes, formatCount, formatDuration, formatInterval, formatMs, formatPercent, formatRate, quantileName } from '../model/units.js';
import { escapeControl, oneLine } from '../util/escape-control.js';

const WIDTH = 80;
const NONE = '-';

/** Renders a snapshot as text lines no wider than 80 columns. */
export function formatSnapshotText(snapshot: PeerSnapshot, errors: readonly string[], scrapes: number): string {
  const lines: string[] = [];
  const q = quantileName(snapshot.quantile);
  lines.push(clip(`cluster-top  ${oneLine(snapshot.target, 50)}`));
  lines.push(clip(`window ${formatInterval(snapshot.windowMs)}, ${scrapes} scrape${scrapes === 1 ? '' : 's'}, ${rangeText(snapshot)}`));
  const c = snapshot.cluster;
  lines.push('');
  lines.push(clip(`pins ${formatCount(c.pins)}  queued ${formatCount(c.pinQueued)}  pinning ${formatCount(c.pinning)}  ` +
    `pin errors ${formatCount(c.pinErrors)}  IPFS pins ${formatCount(c.ipfsPins)}`));
  const r = snapshot.rates;
  lines.push(clip(`disk ${diskText(c.informerDisk)}  pins/s ${formatRate(r.pinAdd)}  ` +
    `blocks/s ${formatRate(r.blocksAdded)}  added ${r.blocksAddedSize === null ? NONE : formatBytes(r.blocksAddedSize) + '/s'}`));
  const p = snapshot.process;
  lines.push(clip(`peer up ${formatDuration(p.uptimeSeconds)}  RSS ${formatBytes(p.residentMemoryBytes)}  ` +
    `CPU ${formatPercent(p.cpuPercent)}  goroutines ${formatCount(p.goroutines)}`));
  lines.push(clip(`open fds ${formatCount(p.openFds)} of ${formatCount(p.maxFds)}  libp2p connections ${formatCount(p.libp2pConnections)}`));
  lines.push('');
  if (snapshot.rpc.length > 0) {
    lines.push(`${'RPC method'.padEnd(52)}${q.padStart(14)}${'calls/s'.padStart(14)}`);
    for (const row of snapshot.rpc) {
      lines.push(`${oneLine(row.method, 52).padEnd(52)}${formatMs(row.latencyMs).padStart(14)}${formatRate(row.callsPerSecond).padStart(14)}`);
    }
  }
  for (const note of snapshot.notes) lines.push(...wrap(`note: ${note}`));
  for (const error of errors) lines.push(clip(`error: ${oneLine(error, 72)}`));
  return lines.join('\n') + '\n';
}

function rangeText(snapshot: PeerSnapshot): string {
  if (snapshot.from === null || snapshot.to === null) return 'no data';
  const span = (snapshot.to - snapshot.from) / 1000;
  return `${span.toFixed(span < 10 ? 1 : 0)}s sampled, to ${new Date(snapshot.to).toISOString()}`;
}

function diskText(v: number | null): string {
  if (v === null) return NONE;
  return v < 0 ? `${formatBytes(-v)} used` : `${formatBytes(v)} free`;
}

function clip(line: string): string {
  return line.length <= WIDTH ? line : line.slice(0, WIDTH - 1) + '…';
}

/** Splits a long local note at spaces into lines of at most 80 columns. */
function wrap(text: string): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of escapeControl(text).split(' ')) {
    if (line.length > 0 && line.length + 1 + word.length > WIDTH) {
      out.push(line);
      line = '  ' + word;
    } else line = line.length === 0 ? word : line + ' ' + word;
  }
  if (line.length > 0) out.push(clip(line));
  return out;
}

/** The trace rows as a table after the metrics: name, duration, spans, errors, age, in the live traces list's formats. */
export function formatTraceRowsText(result: TraceRowsResult, nowMs: number): string {
  const lines = [''];
  if (result.error !== null) lines.push(clip(`traces: ${oneLine(result.error, 72)}`));
  if (result.service === null) return lines.join('\n') + '\n';
  lines.push(clip(`traces of ${oneLine(result.service, 60)}: ${result.rows.length}`));
  if (result.rows.length > 0) {
    lines.push(`${'trace'.padEnd(47)}${'duration'.padStart(9)}${'spans'.padStart(6)}${'errs'.padStart(5)}  age`);
    const ownPrefix = `${result.service}: `;
    for (const row of result.rows) {
      const name = row.name.startsWith(ownPrefix) ? row.name.slice(ownPrefix.length) : row.name;
      lines.push(clip(`${oneLine(name, 47).padEnd(47)}${formatDurationCompact(row.durationMs * 1000).padStart(9)}${String(row.spans).padStart(6)}` +
        `${String(row.errors).padStart(5)}  ${relativeAge(row.startTime, nowMs)}`));
    }
  }
  return lines.join('\n') + '\n';
}
