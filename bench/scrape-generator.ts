// Cheap, endless, peer-shaped scrapes for the long-run memory figure. Rendering the demo peer costs
// ~3 ms a payload, too slow for 100 000 of them, so this renders it three times (one second
// apart) and then evolves every line on its own: counters, histogram buckets/sums/counts and
// summary sums/counts grow by a mix of the two observed one-second increments (so each histogram
// stays cumulative and quantiles move), gauges swing around their first value. The series set and
// the line order never change, as with a real peer.

import { advanceTo, createDemoPeerState } from '../src/sources/demo/peer-state.js';
import { renderMetrics } from '../src/sources/demo/render.js';

/** One payload line: a comment (fixed bytes), or a sample (fixed prefix, evolving value). */
interface Line {
  readonly prefix: Buffer;
  readonly cumulative: boolean;
  readonly sample: boolean;
}

/** Endless scrapes of one generated peer, one second apart. */
export class ScrapeGenerator {
  private readonly lines: Line[] = [];
  private readonly base: Float64Array;
  private readonly value: Float64Array;
  private readonly stepA: Float64Array;
  private readonly stepB: Float64Array;
  private readonly scratch: Buffer;
  private seed = 0x9e3779b9;
  private count = 0;
  /** Scrape time of the next payload, unix ms. */
  tMs: number;

  constructor(startMs = Date.UTC(2026, 0, 1), seed?: number) {
    const state = createDemoPeerState({ seed, startMs });
    const texts: string[] = [];
    for (let s = 0; s < 3; s++) {
      advanceTo(state, startMs + s * 1000);
      texts.push(renderMetrics(state));
    }
    const [t0, t1, t2] = texts.map((t) => t.split('\n'));
    if (t0.length !== t1.length || t0.length !== t2.length) throw new Error('the demo peer changed its series set');
    const values: number[][] = [[], [], []];
    let type = '';
    for (let i = 0; i < t0.length; i++) {
      const line = t0[i];
      if (line === '' && i === t0.length - 1) break;
      if (line.startsWith('#')) {
        const m = /^# TYPE \S+ (\S+)/.exec(line);
        if (m !== null) type = m[1];
        this.lines.push({ prefix: Buffer.from(line + '\n', 'utf8'), cumulative: false, sample: false });
        continue;
      }
      const cut = line.lastIndexOf(' ');
      const name = line.slice(0, line.search(/[{ ]/));
      const cumulative =
        type === 'counter' || type === 'histogram' || (type === 'summary' && (name.endsWith('_sum') || name.endsWith('_count')));
      this.lines.push({ prefix: Buffer.from(line.slice(0, cut + 1), 'utf8'), cumulative, sample: true });
      for (const [k, t] of [t0, t1, t2].entries()) values[k].push(Number(t[i].slice(t[i].lastIndexOf(' ') + 1)));
    }
    const n = values[0].length;
    this.base = Float64Array.from(values[0]);
    this.value = Float64Array.from(values[0]);
    this.stepA = new Float64Array(n);
    this.stepB = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      this.stepA[j] = values[1][j] - values[0][j];
      this.stepB[j] = values[2][j] - values[1][j];
    }
    this.scratch = Buffer.alloc(Buffer.byteLength(texts[0]) * 2 + 64 * n);
    this.tMs = startMs;
  }

  /** The next payload (text format 0.0.4) and its scrape time. */
  next(): { body: Buffer; tMs: number } {
    const tri = this.count % 20 < 10 ? this.count % 10 : 10 - (this.count % 10);
    const a = this.random() & 3;
    const b = this.random() & 3;
    const out = this.scratch;
    let at = 0;
    let j = 0;
    for (const line of this.lines) {
      at += line.prefix.copy(out, at);
      if (!line.sample) continue;
      let v: number;
      if (line.cumulative) {
        if (this.count > 0) this.value[j] += a * Math.max(0, this.stepA[j]) + b * Math.max(0, this.stepB[j]);
        v = this.value[j];
      } else {
        v = this.base[j] + tri * this.stepA[j];
      }
      at += out.write(Number.isNaN(v) ? 'NaN' : String(v), at, 'latin1');
      out[at++] = 0x0a;
      j++;
    }
    const tMs = this.tMs;
    this.tMs += 1000;
    this.count++;
    // A view of the generator's own buffer, valid until the next call: the feed parses it at once
    // and keeps nothing of it (the parser copies what it keeps), as with a scraper's body.
    return { body: out.subarray(0, at), tMs };
  }

  private random(): number {
    this.seed = (Math.imul(this.seed, 1664525) + 1013904223) >>> 0;
    return this.seed >>> 16;
  }
}
