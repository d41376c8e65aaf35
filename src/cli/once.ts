// `cluster-top --once [--json]`: two scrapes `--interval` apart (or a whole recording), then one
// plain snapshot that fits 80 columns, or JSON for scripts.

import type { PeerFeed } from '../feed/peer-feed.js';
import type { TraceRowsResult } from '../sources/jaeger/trace-rows.js';
import { PeerMonitor } from '../feed/peer-monitor.js';
import { RESTART_NOTE } from '../model/history.js';
import { rpcRows, type PeerSnapshot } from '../model/snapshot.js';
import { notesWithTracingOff } from '../model/failure-hints.js';
import type { MonitorOptions } from './args.js';
import { formatSnapshotText, formatTraceRowsText } from './format-text.js';
import { stringifyForTerminal } from '../util/terminal-json.js';
import type { ApiReport } from '../model/cluster-api/api-report.js';
import { formatApiText } from './format-api.js';

/** Where the one-shot output goes. */
export interface OnceIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Waits `ms` milliseconds (injectable for tests). */
  readonly sleep: (ms: number) => Promise<void>;
  /** Fetches the trace rows (null when traces are off). */
  readonly traces: (() => Promise<TraceRowsResult>) | null;
  /** The text snapshot in ASCII only (`--ascii`, or a locale that is not UTF-8). */
  readonly ascii?: boolean;
  /** Reads the cluster's REST API once (null or absent when it is off). */
  readonly api?: (() => Promise<ApiReport>) | null;
}

/** Runs the one-shot snapshot; resolves to the exit code. */
export async function runOnce(feed: PeerFeed, options: MonitorOptions, io: OnceIo, isReplay: boolean): Promise<number> {
  const traces = io.traces?.() ?? null; // runs while the metrics are scraped
  const api = io.api?.() ?? null; // so does the REST API
  const monitor = new PeerMonitor({
    target: feed.target,
    poll: () => feed.poll(),
    intervalMs: options.intervalMs,
    windowMs: options.windowMs,
    maxSamples: options.maxSamples,
    quantile: options.quantile,
    variant: options.variant,
  });
  const errors: string[] = [];
  let scrapes = 0;
  const pollOnce = async (): Promise<boolean> => {
    const outcome = await monitor.step();
    if (outcome.ok) {
      if (outcome.notice !== undefined && !errors.includes(outcome.notice)) errors.push(outcome.notice);
      scrapes++;
      return true;
    }
    if (outcome.kind === 'replay-end') return false;
    errors.push(outcome.message);
    return !isReplay ? false : true;
  };
  if (isReplay) {
    while (await pollOnce());
  } else if (await pollOnce()) {
    await io.sleep(options.intervalMs);
    await pollOnce();
  }
  monitor.publish();
  const traceRows = await traces;
  const apiReport = await api;
  const { snapshot: built, restartedAtMs } = monitor.getState().status;
  if (scrapes === 0 || built === null) {
    io.stderr(`cluster-top: cannot read ${feed.target}: ${errors[0] ?? 'no scrapes'}\n`);
    return 1;
  }
  const notes = notesWithTracingOff(built.notes, options.peer.tracingOff);
  const snapshot = { ...built, notes: restartedAtMs !== null ? [...notes, RESTART_NOTE] : notes };
  // The REST API's failure is one line (in `errors`, or on stderr beside the text); the metrics decide the exit code.
  if (apiReport?.error != null) {
    if (options.json) errors.push(apiReport.error);
    else io.stderr(`cluster-top: ${apiReport.error}\n`);
  }
  if (options.json) io.stdout(formatSnapshotJson(snapshot, errors, traceRows, apiReport) + '\n');
  else {
    const ascii = io.ascii === true;
    const apiText = apiReport === null ? '' : formatApiText(apiReport, Date.now(), ascii);
    io.stdout(formatSnapshotText(snapshot, errors, scrapes, ascii) + apiText + (traceRows === null ? '' : formatTraceRowsText(traceRows, Date.now(), ascii)));
  }
  return 0;
}

/** The `--json` document: stable keys for scripts (`api` only when the REST API is read); non-finite numbers become null. */
export function formatSnapshotJson(snapshot: PeerSnapshot, errors: readonly string[], traces: TraceRowsResult | null, api: ApiReport | null = null): string {
  // The rows in place of the bucket rates they come from, before the notes (the keys' order is stable).
  const { methodRates, missing: _inNotes, notes, ...head } = snapshot;
  const rest = { ...head, rpc: rpcRows(methodRates, snapshot.quantile), notes };
  const traceFields = traces === null ? {} : {
    service: traces.service,
    traces: traces.rows,
    ...(traces.error === null ? {} : { tracesError: traces.error }),
  };
  return stringifyForTerminal({ ...rest, errors, ...traceFields, ...(api === null ? {} : { api }) });
}
