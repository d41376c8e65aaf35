// The payload-level faults of the demo peer, as pure text transforms of a rendered /metrics page:
// counters rebased after a counter reset or a restart, hostile control sequences in label values
// and HELP text, churning series, duplicated series, 1 MiB label values, bytes that are not UTF-8,
// and random garbage. The streamed faults (a million series, huge bodies) are in fault-responses.ts.

import { createPrng } from './prng.js';

/** The RPC latency family whose method label the dashboard shows. */
export const LATENCY_FAMILY = 'ipfscluster_gorpc_libp2p_io_server_server_latency';

/**
 * Where `huge-labels` puts its series: a family that cluster-top reads (the pin count of peers
 * before v0.11; a current peer's `ipfscluster_pins` outranks it) but the demo peer does not expose.
 * The live monitors keep only the series of the families they read, so only there do the series
 * count against the caps on label text.
 */
export const READ_FAULT_FAMILY = 'cluster_cluster_pin_count';

const ESC = '\x1b';
/**
 * Text a hostile peer might send to take over a terminal: CSI (clear screen, colour), OSC (window
 * title, hyperlink), DCS, 8-bit C1 CSI and OSC, DEL, backspaces, CR, a tab, bidi override and isolate.
 */
export const HOSTILE_TEXT =
  `Evil.${ESC}[2J${ESC}[31mRed${ESC}]0;pwned\x07${ESC}]8;;http://x.invalid/${ESC}\\Link` +
  `${ESC}P1;2|dcs${ESC}\\\u009b31mC1\u009dosc\x07\x7fDel\b\b\bBs\r\tCr\u202eRtl\u2066Iso\u2069End`;

/** Sample lines of the counters in `text`: every counter, histogram line, and summary `_sum`/`_count`. */
function forEachCounterLine(lines: string[], visit: (index: number, key: string, value: number) => void): void {
  let type = '';
  let family = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('# TYPE ')) {
      const parts = line.split(' ');
      family = parts[2] ?? '';
      type = parts[3] ?? '';
      continue;
    }
    if (line === '' || line.startsWith('#') || !line.startsWith(family)) continue;
    const counter = type === 'counter' || type === 'histogram' || (type === 'summary' && !line.includes('quantile="'));
    if (!counter) continue;
    const sp = line.lastIndexOf(' ');
    const value = Number(line.slice(sp + 1));
    if (Number.isFinite(value)) visit(i, line.slice(0, sp), value);
  }
}

/** The current value of every counter line in `text`, by series key (what a reset subtracts). */
export function captureCounters(text: string): Map<string, number> {
  const out = new Map<string, number>();
  forEachCounterLine(text.split('\n'), (_, key, value) => out.set(key, value));
  return out;
}

const OPENED = 'libp2p_swarm_connections_opened_total';
const CLOSED = 'libp2p_swarm_connections_closed_total';

/**
 * `text` as a peer that was reset (or restarted) would show it: each counter minus its value at the
 * reset (never below 0), and, after a restart, `process_start_time_seconds` at the restart. A fresh
 * process has no connection yet: the closed-connection counter is rebased on the opened one's
 * value at the reset (same labels), so opened − closed starts at 0 and climbs back as connections
 * open, never going below 0.
 */
export function rebaseCounters(text: string, baseline: ReadonlyMap<string, number>, startTimeSeconds: number | null): string {
  const lines = text.split('\n');
  forEachCounterLine(lines, (i, key, value) => {
    const base = key.startsWith(CLOSED) ? (baseline.get(OPENED + key.slice(CLOSED.length)) ?? baseline.get(key) ?? 0) : (baseline.get(key) ?? 0);
    lines[i] = `${key} ${Math.max(0, value - base)}`;
  });
  if (startTimeSeconds !== null) {
    const at = lines.findIndex((l) => l.startsWith('process_start_time_seconds '));
    if (at >= 0) lines[at] = `process_start_time_seconds ${startTimeSeconds}`;
  }
  return lines.join('\n');
}

/** A label value in text format: backslash, quote and newline escaped. */
function labelValue(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text in text format: backslash and newline escaped. */
function helpText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Inserts `extra` lines after the last line of the RPC latency family (or at the end). */
function afterLatencyFamily(lines: string[], extra: readonly string[]): string[] {
  let last = -1;
  lines.forEach((l, i) => {
    if (l.startsWith(LATENCY_FAMILY + '_')) last = i;
  });
  const at = last < 0 ? lines.length - 1 : last + 1;
  return [...lines.slice(0, at), ...extra, ...lines.slice(at)];
}

/** Appends a gauge family before the final empty line. */
function appendFamily(text: string, name: string, help: string, samples: readonly string[]): string {
  const head = text.endsWith('\n') ? text.slice(0, -1) : text;
  return `${head}\n# HELP ${name} ${helpText(help)}\n# TYPE ${name} gauge\n${samples.join('\n')}\n`;
}

/** HOSTILE_TEXT as the HELP of the latency family, as a second RPC method, and in a family of its own. */
export function withEscapes(text: string): string {
  let lines = text.split('\n');
  const help = lines.findIndex((l) => l.startsWith(`# HELP ${LATENCY_FAMILY} `));
  if (help >= 0) lines[help] = `# HELP ${LATENCY_FAMILY} ${helpText(HOSTILE_TEXT)}`;
  // Copy the first method's lines under the hostile name, with the same counts.
  const first = /gorpc_server_method="((?:[^"\\]|\\.)*)"/.exec(lines.find((l) => l.startsWith(LATENCY_FAMILY + '_bucket')) ?? '');
  if (first !== null) {
    const copies = lines
      .filter((l) => l.startsWith(LATENCY_FAMILY + '_') && l.includes(`gorpc_server_method="${first[1]}"`))
      .map((l) => l.replace(`gorpc_server_method="${first[1]}"`, `gorpc_server_method="${labelValue(HOSTILE_TEXT)}"`));
    lines = afterLatencyFamily(lines, copies);
  }
  return appendFamily(lines.join('\n'), 'cluster_top_fault_escapes', HOSTILE_TEXT, [`cluster_top_fault_escapes{text="${labelValue(HOSTILE_TEXT)}"} 1`]);
}

/** 100 series whose `gen` label changes at every scrape (`generation`): the old ones disappear. */
export function withChurn(text: string, generation: number): string {
  const samples = Array.from({ length: 100 }, (_, i) => `cluster_top_fault_churn{gen="${generation}",i="${i}"} ${i}`);
  return appendFamily(text, 'cluster_top_fault_churn', 'Series that live for one scrape.', samples);
}

/** `ipfscluster_pins` and `process_cpu_seconds_total` written twice, the second time with a wrong value. */
export function withDuplicates(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    out.push(line);
    if (line.startsWith('ipfscluster_pins ') || line.startsWith('process_cpu_seconds_total ')) {
      out.push(`${line.slice(0, line.lastIndexOf(' '))} 987654321`);
    }
  }
  return out.join('\n');
}

/** Size of one huge label value. */
export const HUGE_LABEL_CHARS = 1024 * 1024;

/** Ten series with 1 MiB label values; the first is an RPC method (a `+Inf` bucket) with a 1 MiB name. */
export function withHugeLabels(text: string): string {
  const huge = (i: number): string => `${i}`.padEnd(HUGE_LABEL_CHARS, 'x');
  const lines = afterLatencyFamily(text.split('\n'), [`${LATENCY_FAMILY}_bucket{gorpc_server_method="${huge(0)}",le="+Inf"} 1`]);
  const samples = Array.from({ length: 9 }, (_, i) => `${READ_FAULT_FAMILY}{i="${i + 1}",v="${huge(i + 1)}"} 1`);
  return appendFamily(lines.join('\n'), READ_FAULT_FAMILY, 'Series with 1 MiB label values.', samples);
}

/** The payload with a HELP text and a label value that are not UTF-8 (overlong, surrogate, stray bytes). */
export function withInvalidUtf8(text: string): Buffer {
  return Buffer.concat([
    Buffer.from(text, 'utf8'),
    Buffer.from('# HELP cluster_top_fault_utf8 bad '),
    Buffer.from([0xff, 0xfe, 0xc0, 0xaf]),
    Buffer.from('\n# TYPE cluster_top_fault_utf8 gauge\ncluster_top_fault_utf8{v="'),
    Buffer.from([0xed, 0xa0, 0x80, 0x80]),
    Buffer.from('"} 1\n'),
  ]);
}

/** 4 KiB of random bytes from `seed`. */
export function garbage(seed: number): Buffer {
  const rng = createPrng(seed);
  const out = Buffer.alloc(4096);
  for (let i = 0; i < out.length; i++) out[i] = Math.floor(rng.next() * 256);
  return out;
}
