// `npm run bench`: every performance figure in one table, each beside the peer it is compared
// with, measured in the same run (medians; ratios rather than single absolute times).
// `npm run bench -- --json` prints the same rows as JSON.

import { cpus } from 'node:os';
import { runParseBench, type Row as ParseRow } from './parse-bench.js';
import { runPollBench } from './poll-bench.js';

/** One line of the summary table. */
interface SummaryRow {
  readonly figure: string;
  readonly ours: string;
  readonly peer: string;
  readonly ratio: string;
  readonly target: string;
  readonly met: boolean;
}

const json = process.argv.includes('--json');
const log = json ? (): void => undefined : (line: string): void => console.log(line);

const parseRows = await quietly(runParseBench);
const pollRows = await runPollBench();
const summary: SummaryRow[] = [];
for (const r of parseRows) {
  summary.push({
    figure: `parse steady state, ${r.payload}`,
    ours: `${(r.warmMBps / 1000).toFixed(2)} GB/s`,
    peer: `${r.baselineMBps.toFixed(1)} MB/s`,
    ratio: `${r.warmRatio.toFixed(1)}×`,
    target: r.bytes > 500_000 && r.bytes < 2_000_000 ? '≥ 20× and ≥ 1 GB/s' : '≥ 20×',
    met: r.warmRatio >= 20 && (!(r.bytes > 500_000 && r.bytes < 2_000_000) || r.warmMBps >= 1000),
  });
  summary.push({
    figure: `parse first scrape, ${r.payload}`,
    ours: `${r.coldMBps.toFixed(1)} MB/s`,
    peer: `${r.baselineMBps.toFixed(1)} MB/s`,
    ratio: `${r.coldRatio.toFixed(2)}×`,
    target: '≥ 1.5×',
    met: r.coldRatio >= 1.5,
  });
}
const retained = parseRows.find((r: ParseRow) => r.retainedBytesPerSeries !== null);
if (retained !== undefined) {
  summary.push({
    figure: `retained bytes per series, ${retained.payload}`,
    ours: retained.retainedBytesPerSeries!.toFixed(0),
    peer: '-',
    ratio: '-',
    target: '≤ 500',
    met: retained.retainedBytesPerSeries! <= 500,
  });
}
for (const r of pollRows) {
  summary.push({
    figure: r.figure,
    ours: `${r.ours.toFixed(3)} ms`,
    peer: `${r.peer.toFixed(3)} ms (fetch + parse-prometheus-text-format)`,
    ratio: `${r.ratio.toFixed(1)}× cheaper`,
    target: r.target,
    met: r.met,
  });
}

if (json) console.log(JSON.stringify({ machine: machine(), parse: parseRows, poll: pollRows, summary }, null, 2));
else {
  log('');
  log(`cluster-top bench on ${machine()}`);
  const widths = [44, 14, 46, 14, 20];
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join(' ');
  log(line(['figure', 'ours', 'peer (same run)', 'ratio', 'target']) + ' met');
  for (const r of summary) log(line([r.figure, r.ours, r.peer, r.ratio, r.target]) + (r.met ? ' yes' : ' NO'));
}

/** Runs `f` with console.log silenced when printing JSON (the parse bench prints its own table). */
async function quietly<T>(f: () => Promise<T>): Promise<T> {
  if (!json) return f();
  const original = console.log;
  console.log = () => undefined;
  try {
    return await f();
  } finally {
    console.log = original;
  }
}

function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
}
