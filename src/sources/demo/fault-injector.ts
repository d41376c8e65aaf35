// Runs a fault schedule (fault-spec.ts) on the demo peer's server: answers /metrics the way the
// faults on at that moment say (fault-payloads.ts for the content, fault-responses.ts for the
// exchange), applies the one-off events (counter reset, restart) when their time comes, and closes
// and reopens the listening socket for `refused`.

import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { activeFaults, dueEvents, type FaultName, type FaultSchedule } from './fault-spec.js';
import { captureCounters, garbage, rebaseCounters, withChurn, withDuplicates, withEscapes, withHugeLabels, withInvalidUtf8 } from './fault-payloads.js';
import { serveDrip, serveGzipBomb, serveHtml500, serveHugeBody, serveMillionSeries, serveStall, serveTruncated } from './fault-responses.js';
import { advanceTo, type DemoPeerState } from './peer-state.js';
import { renderMetrics, type SharedFigures } from './render.js';

const TEXT_TYPE = 'text/plain; version=0.0.4; charset=utf-8; escaping=underscores';
/** How often the listener is opened or closed to follow `refused`, ms. */
const LISTEN_CHECK_MS = 50;

/** The fault side of a demo peer. */
export interface FaultInjector {
  /** Answers a GET/HEAD of /metrics under the faults on now; false (nothing done) for any other request. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** Starts following the schedule on the bound address (call once the server listens). */
  start(port: number, host: string): void;
  /** Replaces the schedule, timed from now; resolves once the listener follows it. */
  setFaults(schedule: FaultSchedule): Promise<void>;
  /** The conditions on now. */
  active(): FaultName[];
  /** Stops the timer; true when the server is listening (and so must be closed). */
  stop(): boolean;
}

/** What the injector acts on. */
export interface FaultInjectorOptions {
  readonly server: Server;
  readonly state: DemoPeerState;
  readonly now: () => number;
  readonly schedule: FaultSchedule;
  /** What the peer's cluster shares at a time (the demo cluster's pinset). */
  readonly shared?: (nowMs: number) => SharedFigures;
}

/** Exchange-level faults, the first one on wins. */
const EXCHANGE_FAULTS: readonly FaultName[] = ['refused', 'stall', 'drip', 'http-500', 'truncated', 'gzip-bomb', 'huge-body', 'garbage', 'invalid-utf8', 'million-series'];

/** Creates the injector of one server. */
export function createFaultInjector(options: FaultInjectorOptions): FaultInjector {
  const { server, state, now } = options;
  let schedule = options.schedule;
  let baseMs = now();
  let eventsUntilMs = -1;
  let baseline: Map<string, number> | null = null;
  let startTimeSeconds: number | null = null;
  let generation = 0;
  let address: { port: number; host: string } | null = null;
  let listening = true;
  let busy = false;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const elapsed = (): number => now() - baseMs;
  const refusing = (): boolean => activeFaults(schedule, elapsed()).includes('refused');

  /** The page as the peer renders it now, after any counter reset or restart. */
  const render = (): string => {
    const at = now();
    advanceTo(state, at);
    const raw = renderMetrics(state, options.shared?.(at));
    const t = elapsed();
    for (const event of dueEvents(schedule, eventsUntilMs, t)) {
      baseline = captureCounters(raw);
      if (event.fault === 'restart') startTimeSeconds = Math.floor(now() / 1000);
    }
    eventsUntilMs = Math.max(eventsUntilMs, t);
    return baseline === null ? raw : rebaseCounters(raw, baseline, startTimeSeconds);
  };

  /** Opens or closes the listener to match `refused`. */
  const sync = (): void => {
    if (busy || address === null || stopped) return;
    const want = !refusing();
    if (want === listening) return;
    busy = true;
    if (!want) {
      // While nothing listens, this timer is all that keeps a `demo --serve` process alive.
      timer?.ref();
      server.close(() => {
        listening = false;
        busy = false;
      });
      server.closeAllConnections();
      return;
    }
    server.listen(address.port, address.host, () => {
      listening = true;
      busy = false;
      timer?.unref();
    });
  };

  return {
    handle(req, res) {
      const path = (req.url ?? '/').split('?')[0];
      if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
      const on = activeFaults(schedule, elapsed());
      let text = render();
      if (on.includes('escapes')) text = withEscapes(text);
      if (on.includes('churn')) text = withChurn(text, generation++);
      if (on.includes('duplicates')) text = withDuplicates(text);
      if (on.includes('huge-labels')) text = withHugeLabels(text);
      const exchange = EXCHANGE_FAULTS.find((f) => on.includes(f));
      const body = Buffer.from(text, 'utf8');
      switch (exchange) {
        case 'refused':
          req.socket.destroy(); // the listener is about to close
          return true;
        case 'stall':
          serveStall(res);
          return true;
        case 'drip':
          serveDrip(res, body);
          return true;
        case 'http-500':
          serveHtml500(res);
          return true;
        case 'truncated':
          serveTruncated(res, body);
          return true;
        case 'gzip-bomb':
          serveGzipBomb(req, res);
          return true;
        case 'huge-body':
          serveHugeBody(req, res);
          return true;
        case 'million-series':
          serveMillionSeries(req, res, text);
          return true;
        case 'garbage':
          return send(res, garbage(generation++), req.method === 'HEAD');
        case 'invalid-utf8':
          return send(res, withInvalidUtf8(text), req.method === 'HEAD');
        default:
          return send(res, body, req.method === 'HEAD');
      }
    },
    start(port, host) {
      address = { port, host };
      timer = setInterval(sync, LISTEN_CHECK_MS);
      timer.unref();
      sync();
    },
    async setFaults(next) {
      schedule = next;
      baseMs = now();
      eventsUntilMs = -1;
      for (let i = 0; i < 200 && (busy || listening === refusing()); i++) {
        sync();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    active: () => activeFaults(schedule, elapsed()),
    stop() {
      stopped = true;
      clearInterval(timer);
      return listening || busy;
    },
  };
}

/** A 200 answer with `body` as the text format. */
function send(res: ServerResponse, body: Buffer, head: boolean): true {
  res.writeHead(200, { 'Content-Type': TEXT_TYPE, 'Content-Length': body.length });
  res.end(head ? undefined : body);
  return true;
}
