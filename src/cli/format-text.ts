// The plain-text snapshot of `--once`: a few labelled lines and an RPC table, at most 80 columns,
// every remote string escaped. Notes and errors are word-wrapped whole; other lines are cut, with
// `…`, or `~` in ASCII (where every character outside ASCII becomes its stand-in or an escape).

import { rpcRows, type PeerSnapshot } from '../model/snapshot.js';
import { formatDurationCompact } from '../model/traces/format-duration.js';
import { relativeAge } from '../model/traces/relative-age.js';
import type { TraceRowsResult } from '../sources/jaeger/trace-rows.js';
import { formatBytes, formatCount, formatDuration, formatInterval, formatMs, formatPercent, formatRate, quantileName } from '../model/units.js';
import { oneLine } from '../util/escape-control.js';
import { UNICODE_GLYPHS } from '../model/glyphs.js';
import { asciiFit, asciiText } from './ascii-text.js';
import { wrapWithIndent } from './wrap.js';

const WIDTH = 80;
const NONE = '-';
/** The most of one note or error shown: cluster-top's own words, quoting short excerpts of remote text. */
const MESSAGE_MAX = 2000;

/** Renders a snapshot as text lines no wider than 80 columns (`ascii`: in ASCII only). */
export function formatSnapshotText(snapshot: PeerSnapshot, errors: readonly string[], scrapes: number, ascii = false): string {
  const clip = (line: string): string => clipLine(line, ascii);
  const cell = (text: string, max: number): string => remoteCell(text, max, ascii);
  const lines: string[] = [];
  const q = quantileName(snapshot.quantile);
  lines.push(clip(`cluster-top  ${cell(snapshot.target, 50)}`));
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
  const rows = rpcRows(snapshot.methodRates, snapshot.quantile);
  if (rows.length > 0) {
    lines.push(`${'RPC method'.padEnd(52)}${q.padStart(14)}${'calls/s'.padStart(14)}`);
    for (const row of rows) {
      lines.push(clip(`${cell(row.method, 52).padEnd(52)}${formatMs(row.latencyMs).padStart(14)}${formatRate(row.callsPerSecond).padStart(14)}`));
    }
  }
  for (const note of snapshot.notes) lines.push(...wrapMessage('note', note, ascii));
  for (const error of errors) lines.push(...wrapMessage('error', error, ascii));
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

/** `line` cut to 80 columns, ending with the ellipsis of its character set when cut. */
export function clipLine(line: string, ascii: boolean): string {
  if (ascii) return asciiFit(line, WIDTH);
  const chars = [...line];
  return chars.length <= WIDTH ? line : chars.slice(0, WIDTH - 1).join('') + UNICODE_GLYPHS.ellipsis;
}

/** Remote text in at most `max` columns: escaped, in ASCII when asked, cut with the set's ellipsis. */
export function remoteCell(text: string, max: number, ascii: boolean): string {
  const escaped = oneLine(text, max);
  return ascii ? asciiFit(escaped, max) : escaped;
}

/** `label: message`, escaped and word-wrapped to 80 columns, later lines under the message. */
export function wrapMessage(label: string, message: string, ascii: boolean): string[] {
  const escaped = oneLine(message, MESSAGE_MAX);
  const text = `${label}: ${ascii ? asciiText(escaped) : escaped}`;
  return wrapWithIndent(text, WIDTH, ' '.repeat(label.length + 2));
}

/** The trace rows as a table after the metrics: name, duration, spans, errors, age, in the live traces list's formats. */
export function formatTraceRowsText(result: TraceRowsResult, nowMs: number, ascii = false): string {
  const clip = (line: string): string => clipLine(line, ascii);
  const cell = (text: string, max: number): string => remoteCell(text, max, ascii);
  const lines = [''];
  if (result.error !== null) lines.push(...wrapMessage('traces', result.error, ascii));
  if (result.service === null) return lines.join('\n') + '\n';
  lines.push(clip(`traces of ${cell(result.service, 60)}: ${result.rows.length}`));
  if (result.rows.length > 0) {
    lines.push(`${'trace'.padEnd(47)}${'duration'.padStart(9)}${'spans'.padStart(6)}${'errs'.padStart(5)}  age`);
    const ownPrefix = `${result.service}: `;
    for (const row of result.rows) {
      const name = row.name.startsWith(ownPrefix) ? row.name.slice(ownPrefix.length) : row.name;
      lines.push(clip(`${cell(name, 47).padEnd(47)}${formatDurationCompact(row.durationMs * 1000).padStart(9)}${String(row.spans).padStart(6)}` +
        `${String(row.errors).padStart(5)}  ${relativeAge(row.startTime, nowMs)}`));
    }
  }
  return lines.join('\n') + '\n';
}
