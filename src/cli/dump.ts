// `cluster-top dump [--openmetrics] [--format prom2json|samples] [URL|FILE|-]`: parse one payload
// and print it as JSON — prom2json's shape by default, or a flat list of samples.

import { readFile } from 'node:fs/promises';
import { parseExposition } from '../exposition/parse.js';
import type { Exposition, ExpositionFormat } from '../exposition/types.js';
import type { ClientCertificate } from '../sources/http-agent.js';
import { createScraper, type ScrapeError } from '../sources/scrape.js';
import { formatGoFloat } from '../util/go-float.js';
import { oneLine } from '../util/escape-control.js';
import { stringifyForTerminal } from '../util/terminal-json.js';
import { DEFAULT_SERIES_LIMITS } from '../exposition/series-table.js';
import { truncationNotice } from '../model/truncation-notice.js';
import { familiesAsProm2json } from './prom2json.js';

/** What `dump` reads and how. */
export interface DumpRequest {
  readonly input: string;
  readonly openmetrics: boolean;
  readonly format: 'prom2json' | 'samples';
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  /** Extra request headers for a URL (credentials); never shown. */
  readonly headers?: Readonly<Record<string, string>>;
  /** PEM CA bundle replacing the default trust store (https only). */
  readonly ca?: Buffer;
  /** Accept any certificate (https only). */
  readonly insecure?: boolean;
  /** Client certificate (mTLS), for an https URL that asks for one. */
  readonly clientCert?: ClientCertificate;
  /** Rewords a failed scrape (kind, HTTP status, message) for the user. */
  readonly explain?: (error: ScrapeError) => string;
}

/** Streams and limits of `dump`. */
export interface DumpIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: (maxBytes: number) => Promise<Buffer>;
}

/** Runs `dump`; resolves to the exit code (1 on an unreadable or rejected payload). */
export async function runDump(request: DumpRequest, io: DumpIo): Promise<number> {
  let body: Buffer;
  let format: ExpositionFormat = request.openmetrics ? 'openmetrics' : 'text';
  try {
    if (request.input === '-') body = await io.readStdin(request.maxBodyBytes);
    else if (/^https?:\/\//i.test(request.input)) {
      const scraper = createScraper({
        url: request.input,
        timeoutMs: request.timeoutMs,
        maxBodyBytes: request.maxBodyBytes,
        headers: request.headers === undefined ? undefined : { ...request.headers },
        ca: request.ca,
        insecure: request.insecure,
        clientCert: request.clientCert,
      });
      const outcome = await scraper.scrape();
      scraper.close();
      if (!outcome.ok) {
        const message = request.explain?.(outcome.error) ?? outcome.error.message;
        io.stderr(`cluster-top dump: ${message}\n`);
        return 1;
      }
      body = outcome.body;
      if (!request.openmetrics) format = outcome.format;
    } else body = await readFile(request.input);
  } catch (err) {
    io.stderr(`cluster-top dump: cannot read ${oneLine(request.input, 100)}: ${oneLine((err as Error).message, 120)}\n`);
    return 1;
  }
  const parsed = parseExposition(body, { format });
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    io.stderr(`${line}:${column}: ${oneLine(message, 160)}\n`);
    return 1;
  }
  const doc = request.format === 'samples' ? samplesAsJson(parsed.exposition) : familiesAsProm2json(parsed.exposition);
  const cut = parsed.exposition.truncated;
  if (cut !== undefined) io.stderr(`cluster-top dump: ${truncationNotice(cut, DEFAULT_SERIES_LIMITS)}\n`);
  io.stdout(stringifyForTerminal(doc, 2) + '\n');
  return 0;
}

/** One JSON object per sample; non-finite values as the strings "NaN", "+Inf", "-Inf". */
export function samplesAsJson(exposition: Exposition): object[] {
  const out: object[] = [];
  exposition.series.forEach((series, i) => {
    const ts = exposition.timestamps?.[i];
    const exemplar = exposition.exemplars?.get(i);
    out.push({
      name: series.name,
      labels: series.labels,
      value: jsonNumber(exposition.values[i]),
      timestamp_ms: ts === undefined || Number.isNaN(ts) ? null : ts,
      ...(exemplar === undefined
        ? {}
        : { exemplar: { labels: exemplar.labels, value: jsonNumber(exemplar.value), timestamp_ms: exemplar.timestampMs ?? null } }),
    });
  });
  return out;
}

function jsonNumber(v: number): number | string {
  return Number.isFinite(v) ? v : formatGoFloat(v);
}
