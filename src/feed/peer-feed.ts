// One monitored target, wired end to end: a source of payloads (HTTP scrape or a recorded
// folder) → the exposition parser (with the target's own series table) → a PeerSample.
// This is the only place where sources, parser and model meet; the UI and the one-shot
// commands just call poll().

import { BodyBufferPool } from '../sources/body-buffer-pool.js';
import { parseExposition } from '../exposition/parse.js';
import { SampleFamilies, familiesOfSamples } from '../exposition/sample-families.js';
import { SeriesTable, type SeriesLimits } from '../exposition/series-table.js';
import type { ExpositionFormat } from '../exposition/types.js';
import { PeerSampleExtractor } from '../model/peer-sample.js';
import { SAMPLE_NAMES_READ } from '../model/cluster-catalogue.js';
import type { PollOutcome } from '../model/poll-outcome.js';
import { truncationNotice } from '../model/truncation-notice.js';
import { writeRecording } from '../sources/record.js';
import { listRecording, readRecorded } from '../sources/replay.js';
import type { ClientCertificate } from '../sources/http-agent.js';
import { createScraper } from '../sources/scrape.js';
import { oneLine } from '../util/escape-control.js';

/** A target that yields one PollOutcome per poll(). */
export interface PeerFeed {
  /** What is monitored: the URL or the replayed folder. */
  readonly target: string;
  /** Fetches and parses the next payload; never rejects. */
  poll(): Promise<PollOutcome>;
  /** Releases sockets and files. */
  close(): void;
}

/** Settings of an HTTP feed. */
export interface HttpFeedOptions {
  readonly url: string;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  /** Extra request headers (credentials); never shown. */
  readonly headers?: Readonly<Record<string, string>>;
  /** PEM CA bundle replacing the default trust store (https only). */
  readonly ca?: string | Buffer;
  /** Accept any certificate (https only). */
  readonly insecure?: boolean;
  /** Client certificate (mTLS), for an https endpoint that asks for one. */
  readonly clientCert?: ClientCertificate;
  /** When set, every successful payload is also saved there as `<unix-ms>.prom`. */
  readonly recordDir?: string;
  /** Caps on series and label text kept for this target (defaults: DEFAULT_SERIES_LIMITS). */
  readonly limits?: Partial<SeriesLimits>;
  /** Whether gzip may be asked for (default true); see ScraperOptions.gzip. */
  readonly gzip?: boolean;
  /** Body buffers shared with other feeds (a fleet's); by default the feed keeps one of its own. */
  readonly bodyPool?: BodyBufferPool;
}

/**
 * The families a PeerSample is made from: a feed's parser keeps only these (838 of a demo peer's
 * 1807 lines; the rest are checked and skipped), so its series table and samples hold them alone.
 */
const SAMPLE_FAMILIES = new SampleFamilies(familiesOfSamples(SAMPLE_NAMES_READ));

/** Parses one payload into a PollOutcome, with the feed's own interning table. */
class PayloadReader {
  private readonly table: SeriesTable;
  private readonly extractor = new PeerSampleExtractor();

  constructor(limits: Partial<SeriesLimits> = {}) {
    this.table = new SeriesTable(limits);
  }

  read(body: Uint8Array, format: ExpositionFormat, tMs: number, durationMs: number): PollOutcome {
    const parsed = parseExposition(body, { format, table: this.table, keep: SAMPLE_FAMILIES });
    if (!parsed.ok) {
      const { line, column, message } = parsed.error;
      return { ok: false, kind: 'parse', message: oneLine(`parse error at ${line}:${column}: ${message}`), atMs: tMs };
    }
    const sample = this.extractor.extract(parsed.exposition, tMs);
    const truncated = parsed.exposition.truncated;
    if (truncated === undefined) return { ok: true, sample, bytes: body.length, durationMs };
    return { ok: true, sample, bytes: body.length, durationMs, notice: oneLine(truncationNotice(truncated, this.table.limits)) };
  }
}

/** A feed that scrapes `options.url` on every poll. */
export function createHttpFeed(options: HttpFeedOptions): PeerFeed {
  const scraper = createScraper({
    url: options.url,
    timeoutMs: options.timeoutMs,
    maxBodyBytes: options.maxBodyBytes,
    headers: options.headers ? { ...options.headers } : undefined,
    ca: options.ca,
    insecure: options.insecure,
    clientCert: options.clientCert,
    gzip: options.gzip,
    // The body is parsed (the parser keeps no reference to it), then its buffer goes back to the
    // pool (the fleet's, or this feed's own); only a recording, written while another poll might
    // start, needs each body to stay as it is.
    bodyPool: options.recordDir === undefined ? (options.bodyPool ?? new BodyBufferPool(1)) : undefined,
  });
  const reader = new PayloadReader(options.limits);
  return {
    target: options.url,
    async poll(): Promise<PollOutcome> {
      const outcome = await scraper.scrape();
      if (!outcome.ok) {
        const { kind, status, message } = outcome.error;
        const atMs = outcome.startedMs;
        return status === undefined ? { ok: false, kind, message, atMs } : { ok: false, kind, status, message, atMs };
      }
      if (options.recordDir !== undefined) {
        try {
          await writeRecording(options.recordDir, outcome.startedMs, outcome.body, outcome.format);
        } catch (err) {
          return { ok: false, kind: 'io', message: oneLine(`cannot record: ${(err as Error).message}`), atMs: outcome.startedMs };
        }
      }
      try {
        return reader.read(outcome.body, outcome.format, outcome.startedMs, outcome.durationMs);
      } finally {
        outcome.release();
      }
    },
    close: () => scraper.close(),
  };
}

/** A feed that plays a folder written by `cluster-top record`, one file per poll, in time order. */
export async function createReplayFeed(dir: string, limits?: Partial<SeriesLimits>): Promise<PeerFeed & { readonly remaining: () => number }> {
  const files = await listRecording(dir);
  const reader = new PayloadReader(limits);
  let next = 0;
  return {
    target: dir,
    remaining: () => files.length - next,
    async poll(): Promise<PollOutcome> {
      const file = files[next];
      if (file === undefined) return { ok: false, kind: 'replay-end', message: 'end of recording', atMs: Date.now() };
      next++;
      let body: Buffer;
      try {
        body = await readRecorded(file.path);
      } catch (err) {
        return { ok: false, kind: 'io', message: oneLine(`cannot read ${file.path}: ${(err as Error).message}`), atMs: file.timestampMs };
      }
      return reader.read(body, file.format, file.timestampMs, 0);
    },
    close: () => undefined,
  };
}

/** A payload already in memory, as a recording's file would hold it. */
export interface HeldPayload {
  readonly body: Uint8Array;
  readonly format: ExpositionFormat;
  /** Scrape time, unix ms. */
  readonly tMs: number;
}

/**
 * A feed over payloads handed over by `next` (null at the end), parsed and turned into samples
 * exactly as a replay's files are; for drivers that generate scrapes instead of reading them
 * (the long-run memory bench).
 */
export function createPayloadFeed(target: string, next: () => HeldPayload | null): PeerFeed {
  const reader = new PayloadReader();
  return {
    target,
    async poll(): Promise<PollOutcome> {
      const payload = next();
      if (payload === null) return { ok: false, kind: 'replay-end', message: 'end of recording', atMs: Date.now() };
      return reader.read(payload.body, payload.format, payload.tMs, 0);
    },
    close: () => undefined,
  };
}
