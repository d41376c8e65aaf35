// The fault schedule of `cluster-top demo --serve --faults SPEC`: which misbehaviour the demo peer
// shows, and when. Pure: parsing, and questions about the schedule at a time since the start.
//
//   SPEC  := ITEM ( "," ITEM )*
//   ITEM  := NAME | NAME "@" START | NAME "@" START "-" END
//   START, END := a duration from the server's start: 0, 500ms, 10s, 1m30s, 2h
//
// A condition (every fault but the two events) named alone is on all the time; `NAME@START` is on
// from START until the next item of the schedule starts (or for ever when none starts later);
// `NAME@START-END` is on from START until END. The events `restart` and `counter-reset` happen once,
// at START (at 0 when named alone), and take no END.
// Example: `refused@10s-20s,stall@30s,restart@40s` refuses connections from 10 s to 20 s, stalls
// every answer from 30 s to 40 s, and restarts the peer at 40 s.

import { parseDuration } from '../../util/parse-units.js';

/** Every fault the demo peer can inject. */
export const FAULT_NAMES = [
  // The connection or the HTTP exchange:
  'refused', // nothing listens: connection refused
  'http-500', // HTTP 500 with an HTML error page
  'stall', // headers, then no byte
  'drip', // the payload, 8 bytes every 250 ms
  'truncated', // half the payload, then the connection closes
  'gzip-bomb', // a few MB of gzip that inflate to 4 GiB, streamed
  'huge-body', // a 2 GiB body, streamed without Content-Length
  'garbage', // 4 KiB of seeded random bytes
  'invalid-utf8', // a label value and a HELP text that are not UTF-8
  // The payload's content:
  'escapes', // ANSI/OSC/DCS, C1, DEL, backspace and bidi controls in label values and HELP text
  'churn', // 100 series with new label values at every scrape
  'duplicates', // some series twice, the second time with another value
  'huge-labels', // ten 1 MiB label values (one of them an RPC method name)
  'million-series', // a million extra series, streamed
  // Events:
  'counter-reset', // every counter drops back to zero and counts on
  'restart', // a new process: counters drop, process_start_time_seconds changes
] as const;

/** A fault's name. */
export type FaultName = (typeof FAULT_NAMES)[number];

/** Faults that happen once rather than last. */
export const EVENT_FAULTS: ReadonlySet<FaultName> = new Set<FaultName>(['counter-reset', 'restart']);

/** One item of a schedule, times in ms since the server's start. */
export interface FaultWindow {
  readonly fault: FaultName;
  /** When it starts (an event: when it happens). */
  readonly fromMs: number;
  /** When it ends (exclusive); Infinity for ever; equal to fromMs for an event. */
  readonly toMs: number;
}

/** A parsed SPEC: its items in the order given. */
export type FaultSchedule = readonly FaultWindow[];

/** Milliseconds of `0` or a duration such as `500ms`, `10s`, `1m30s`; null if invalid. */
function parseOffset(text: string): number | null {
  return text === '0' ? 0 : parseDuration(text);
}

/** Parses a SPEC; the error names the item at fault and lists the known names when one is unknown. */
export function parseFaultSpec(spec: string): { readonly schedule: FaultSchedule } | { readonly error: string } {
  const items = spec.split(',').map((s) => s.trim());
  if (spec.trim() === '') return { schedule: [] };
  const parsed: { fault: FaultName; fromMs: number; toMs: number | null }[] = [];
  for (const item of items) {
    const m = /^([a-z0-9-]+)(?:@([^-]+)(?:-(.+))?)?$/.exec(item);
    const shown = JSON.stringify(item.slice(0, 60));
    if (m === null) return { error: `--faults: ${shown} is not NAME, NAME@START or NAME@START-END` };
    const fault = FAULT_NAMES.find((f) => f === m[1]);
    if (fault === undefined) return { error: `--faults: unknown fault ${JSON.stringify(m[1].slice(0, 40))} (known: ${FAULT_NAMES.join(', ')})` };
    const fromMs = m[2] === undefined ? 0 : parseOffset(m[2]);
    if (fromMs === null) return { error: `--faults: ${shown}: START must be a duration like 10s, 1m30s or 500ms` };
    let toMs: number | null = null;
    if (m[3] !== undefined) {
      if (EVENT_FAULTS.has(fault)) return { error: `--faults: ${shown}: ${fault} is an event and takes no END` };
      toMs = parseOffset(m[3]);
      if (toMs === null) return { error: `--faults: ${shown}: END must be a duration like 20s` };
      if (toMs <= fromMs) return { error: `--faults: ${shown}: END must be after START` };
    } else if (m[2] === undefined && !EVENT_FAULTS.has(fault)) toMs = Infinity;
    parsed.push({ fault, fromMs, toMs });
  }
  const starts = parsed.map((p) => p.fromMs);
  const schedule = parsed.map(({ fault, fromMs, toMs }): FaultWindow => {
    if (EVENT_FAULTS.has(fault)) return { fault, fromMs, toMs: fromMs };
    if (toMs !== null) return { fault, fromMs, toMs };
    const later = starts.filter((s) => s > fromMs);
    return { fault, fromMs, toMs: later.length > 0 ? Math.min(...later) : Infinity };
  });
  return { schedule };
}

/** The conditions on at `elapsedMs`, in schedule order, without repeats. */
export function activeFaults(schedule: FaultSchedule, elapsedMs: number): FaultName[] {
  const on: FaultName[] = [];
  for (const w of schedule) {
    if (EVENT_FAULTS.has(w.fault) || on.includes(w.fault)) continue;
    if (elapsedMs >= w.fromMs && elapsedMs < w.toMs) on.push(w.fault);
  }
  return on;
}

/** The events that happen after `afterMs` and at or before `untilMs`, in time order. */
export function dueEvents(schedule: FaultSchedule, afterMs: number, untilMs: number): FaultWindow[] {
  return schedule.filter((w) => EVENT_FAULTS.has(w.fault) && w.fromMs > afterMs && w.fromMs <= untilMs).sort((a, b) => a.fromMs - b.fromMs);
}

/** The schedule in words, e.g. `refused 10s–20s, stall 30s–40s, restart at 40s`. */
export function describeSchedule(schedule: FaultSchedule): string {
  if (schedule.length === 0) return 'no faults';
  const t = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`);
  return schedule
    .map((w) => {
      if (EVENT_FAULTS.has(w.fault)) return `${w.fault} at ${t(w.fromMs)}`;
      if (w.fromMs === 0 && w.toMs === Infinity) return `${w.fault} always`;
      return w.toMs === Infinity ? `${w.fault} from ${t(w.fromMs)}` : `${w.fault} ${t(w.fromMs)}-${t(w.toMs)}`;
    })
    .join(', ');
}
