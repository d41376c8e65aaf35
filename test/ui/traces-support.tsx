// Test support for the traces pane: the fixture search of cluster-daemon-peer0 (docs/jaeger-api.md
// §7) as the traces loop would report it, the pane's view-model and frame at a given size, and
// unstyled frames with OSC 8 hyperlinks reduced to their text.

import { glyphsFor } from '../../src/model/glyphs.js';
import { INITIAL_TRACES_DISPLAY, type TracesDisplay } from '../../src/model/traces-display.js';
import { buildTracesPane, type TracesPane as TracesPaneModel, type TracesPaneInput } from '../../src/model/traces-pane-view.js';
import { INITIAL_TRACES_STATUS, type TracesSearch, type TracesStatus } from '../../src/model/traces-status.js';
import { traceFromJaegerJson } from '../../src/model/traces/from-jaeger-json.js';
import { summarizeTrace } from '../../src/model/traces/summary.js';
import type { Trace } from '../../src/model/traces/types.js';
import { buildWaterfall } from '../../src/model/traces/waterfall.js';
import { tracesPaneLines } from '../../src/ui/traces-pane.js';
import { fixture } from '../sources/jaeger/loopback-jaeger.js';
import { paneText } from './support.js';

/** The fixture's service and "now" (2026-11-24T21:15:00Z). */
export const SERVICE = 'cluster-daemon-peer0';
export const NOW_MS = 1795554900000;

/** The fixture's traces, in `data[]` order. */
export function fixtureTraces(): Trace[] {
  const body = JSON.parse(fixture('search-cluster-daemon-peer0.json')) as { data: unknown[] };
  return body.data.map((t) => traceFromJaegerJson(t)!);
}

/** `traces` moved in time by `deltaMs` (to sit next to another clock). */
export function shifted(traces: readonly Trace[], deltaMs: number): Trace[] {
  const d = deltaMs * 1000;
  return traces.map((t) => ({
    ...t,
    spans: t.spans.map((s) => ({ ...s, startTimeUs: s.startTimeUs + d, logs: s.logs.map((l) => ({ ...l, timestampUs: l.timestampUs + d })) })),
  }));
}

/** The fixture as one successful v1 search, fetched `agoMs` before NOW_MS. */
export function fixtureSearch(agoMs = 2000, traces: readonly Trace[] = fixtureTraces()): TracesSearch {
  return {
    service: SERVICE,
    summaries: traces.map((t) => summarizeTrace(t)),
    traces: new Map(traces.map((t) => [t.traceID, t])),
    operation: undefined,
    minDurationUs: undefined,
    fetchedAtMs: NOW_MS - agoMs,
  };
}

/** The loop's status after the fixture search, with `changes`. */
export function fixtureStatus(changes: Partial<TracesStatus> = {}): TracesStatus {
  return { ...INITIAL_TRACES_STATUS, services: [SERVICE], service: SERVICE, search: fixtureSearch(), ...changes };
}

/** The trace of the fixture whose ID starts with `prefix`. */
export function traceStarting(prefix: string): Trace {
  return fixtureTraces().find((t) => t.traceID.startsWith(prefix))!;
}

/** The pane's view-model: fixture status, default display, `columns`-wide terminal, `height` rows with the title. */
export function pane(input: Partial<TracesPaneInput> & { columns?: number } = {}): TracesPaneModel {
  const { columns = 80, ...rest } = input;
  const display: TracesDisplay = rest.display ?? INITIAL_TRACES_DISPLAY;
  const status = rest.status ?? fixtureStatus();
  const opened = status.opened?.trace ?? null;
  return buildTracesPane({
    status,
    display,
    waterfall: opened === null ? null : buildWaterfall(opened),
    focused: true,
    width: columns - 1,
    height: 12,
    nowMs: NOW_MS,
    glyphs: glyphsFor(false),
    jaegerUrl: 'http://127.0.0.1:16686',
    hyperlinks: false,
    refreshMs: 10_000,
    lookbackMs: 3_600_000,
    ...rest,
  });
}

/** The status with trace `prefix` opened (as the loop reports it). */
export function openedStatus(prefix: string, changes: Partial<TracesStatus> = {}): TracesStatus {
  const trace = traceStarting(prefix);
  return fixtureStatus({ opened: { traceID: trace.traceID, trace, error: null }, ...changes });
}

/** The display with trace `prefix` open on `mode`. */
export function openedDisplay(prefix: string, changes: Partial<TracesDisplay> = {}): TracesDisplay {
  return { ...INITIAL_TRACES_DISPLAY, mode: 'trace', openTrace: traceStarting(prefix).traceID, ...changes };
}

/** The pane's painted lines as text, unstyled (hyperlinks are attributes of runs, so only their text shows). */
export function frameOf(p: TracesPaneModel): string {
  return paneText(tracesPaneLines(p.view, false));
}
