// Entry point of the exposition parser: reads one /metrics payload (text 0.0.4 or OpenMetrics 1.0)
// into families, interned series and values. Never throws; a rejected payload gives line:column.
// The target's caps (SeriesTable limits) bound what is kept; a cut payload says so in `truncated`.

import type { Exposition, ExpositionFormat, Family, ParseResult, Series } from './types.js';
import { SeriesTable, type SeriesDraft } from './series-table.js';
import { SeriesPool } from './series-pool.js';
import type { SampleFamilies } from './sample-families.js';
import { Pass, REC_META_NEW } from './pass.js';
import { frontCode, giveSpareRecords, REC_META, Template } from './template.js';
import { buildDeclared, buildFamilies, resolveFamily, type MetaEntry } from './families.js';
import { CappedIntern, withoutSamples } from './capped-intern.js';

/** Options of `parseExposition`. */
export interface ParseOptions {
  /** Grammar to read the payload with (from the response's Content-Type). */
  readonly format: ExpositionFormat;
  /**
   * Interning state of the target, reused across its scrapes; when omitted, a fresh one that shares
   * nothing (series or layout) with other tables.
   */
  readonly table?: SeriesTable;
  /**
   * Read only these families (the rest of the payload is checked, not kept); every family when
   * omitted. Give a target's table the same instance on every scrape.
   */
  readonly keep?: SampleFamilies;
}

const encoder = new TextEncoder();

/** Parses one payload. Never throws: a rejected payload returns the first error's line and column. */
export function parseExposition(input: Uint8Array | string, options: ParseOptions): ParseResult {
  try {
    const format = options.format;
    if (format !== 'text' && format !== 'openmetrics') {
      return { ok: false, error: { line: 1, column: 1, message: `unknown exposition format ${JSON.stringify(format)}` } };
    }
    const bytes = typeof input === 'string' ? encoder.encode(input) : input;
    const table = options.table ?? new SeriesTable({}, new SeriesPool());
    table.trimCaches();
    const pass = new Pass(bytes, format, table, options.keep ?? null);
    if (!pass.run()) {
      giveSpareRecords(pass.recs);
      return { ok: false, error: locate(bytes, pass.errPos, pass.errMsg) };
    }
    return { ok: true, exposition: finish(pass, table) };
  } catch (e) {
    const message = 'internal parser error: ' + (e instanceof Error ? e.message : String(e));
    return { ok: false, error: { line: 1, column: 1, message } };
  }
}

/** Resolves families, interns new series, picks what can be reused, and stores the next template. */
function finish(pass: Pass, table: SeriesTable): Exposition {
  const { format, count } = pass;
  const T = pass.tpl;
  const values = pass.values.length === count ? pass.values : pass.values.slice(0, count);
  const ts = pass.timestamps;
  const timestamps = ts === null ? null : ts.length === count ? ts : ts.slice(0, count);
  const exemplars = pass.exemplars;
  // Another table's template (this table's first payload): its series must be charged to this
  // table, and its records stay with that table.
  const foreign = T !== null && T !== table.template;
  const allInOrder = T !== null && pass.inOrder && pass.rec === T.count;
  if (allInOrder && !foreign) {
    // Every line matched the previous payload's, in order: same series, same families, same layout.
    giveSpareRecords(pass.recs);
    return { format, families: T.families, series: T.series, values, timestamps, exemplars };
  }
  if (T !== null) pass.diverge();
  const metaSame = T !== null && pass.metaSame && pass.metaMatched === T.meta.length;
  const declared = metaSame ? T.declared : buildDeclared(collectMeta(pass), format);
  const familyOf = metaSame ? T.familyOf : new Map<string, string>();
  const family = (name: string): string => {
    let f = familyOf.get(name);
    if (f === undefined) {
      f = resolveFamily(name, declared, format);
      familyOf.set(name, f);
    }
    return f;
  };
  const scratch = pass.series;
  const capped = new CappedIntern(table, scratch, count);
  if (foreign) {
    internInOrder(pass, T, capped, family);
  } else {
    if (T !== null && !metaSame) {
      // Series carried over from the template were resolved under other metadata: re-check them.
      for (let i = 0; i < count; i++) {
        const s = scratch[i];
        if (s === null) continue;
        const f = family(s.name);
        if (f !== s.family) capped.intern(i, f, draftOf(s));
      }
    }
    const { pendingIndex, pendingDraft, pendingHash } = pass;
    for (let k = 0; k < pendingIndex.length; k++) {
      const draft = pendingDraft[k];
      capped.intern(pendingIndex[k], family(draft.name), draft, pendingHash[k]);
    }
  }
  const truncated = capped.truncation(pass.stopped);
  if (capped.dropped.length > 0) {
    // Some series were refused: hand out the rest, and keep no template (the next payload is read
    // in full, so refused series are tried again).
    const kept = withoutSamples(capped.dropped.sort((a, b) => a - b), count, scratch, values, timestamps, exemplars);
    giveSpareRecords(pass.recs);
    table.template = null;
    return { format, families: buildFamilies(declared, kept.series, format), ...kept, truncated };
  }

  let series: readonly Series[];
  let families: ReadonlyMap<string, Family>;
  if (metaSame && sameSeries(scratch, T.series, count)) {
    series = T.series;
    families = T.families;
  } else {
    series = scratch.slice(0, count) as Series[];
    families = buildFamilies(declared, series, format);
  }
  const meta = metaSame ? T.meta : rebaseMeta(pass);
  // The next template keeps the records' bytes front-coded, not the payload (which the caller may
  // read the next scrape into); a payload cut at the cap as the last one was, or whose every line
  // matched another table's template, has the same bytes as that template.
  const bytes = (pass.stoppedInOrder || allInOrder) && T !== null ? T.sharedWith(pass.recs, pass.nrec) : frontCode(pass.buf, pass.recs, pass.nrec);
  if (T !== null && !foreign) giveSpareRecords(T.records);
  pass.recs.fit(pass.nrec);
  const hashes = T !== null && series === T.series ? T.knownSeriesHashes : null;
  table.keepTemplate(new Template(format, bytes, pass.recs, pass.nrec, series, meta, declared, families, familyOf, pass.keep, hashes));
  return truncated === undefined
    ? { format, families, series, values, timestamps, exemplars }
    : { format, families, series, values, timestamps, exemplars, truncated };
}

/**
 * Interns every series of a payload read against another table's template, in sample order, as
 * if it had been read without one (the table's caps then cut it the same way): those found in
 * the template from their series there (the pool hands back that very object), the rest from
 * their drafts.
 */
function internInOrder(pass: Pass, T: Template, capped: CappedIntern, family: (name: string) => string): void {
  const { count, pendingIndex, pendingDraft, pendingHash } = pass;
  const scratch = pass.series;
  const carried = scratch.slice(0, count);
  scratch.fill(null, 0, count);
  const inOrder = T.series;
  const hashes = T.seriesHashes();
  for (let i = 0, k = 0; i < count; i++) {
    const s = carried[i];
    if (s !== null) {
      // Most are the template's series at the same index, whose hashes the template keeps.
      capped.intern(i, family(s.name), draftOf(s), i < inOrder.length && inOrder[i] === s ? hashes[i] : undefined);
    } else {
      const draft = pendingDraft[k];
      capped.intern(pendingIndex[k], family(draft.name), draft, pendingHash[k]);
      k++;
    }
  }
}

/** A draft of the series `s` (under a family to be resolved again). */
function draftOf(s: Series): SeriesDraft {
  return { id: -1, name: s.name, family: '', labels: s.labels, le: s.le, quantile: s.quantile };
}

/** True when the first `count` entries of `a` are exactly the series of `b`. */
function sameSeries(a: readonly (Series | null)[], b: readonly Series[], count: number): boolean {
  if (b.length !== count) return false;
  for (let i = 0; i < count; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The payload's metadata lines in order (from the template where matched, else newly read). */
function collectMeta(pass: Pass): MetaEntry[] {
  const out: MetaEntry[] = [];
  const { kind, aux } = pass.recs;
  const old = pass.tpl?.meta ?? [];
  for (let r = 0; r < pass.nrec; r++) {
    if (kind[r] === REC_META) out.push(old[aux[r]]);
    else if (kind[r] === REC_META_NEW) out.push(pass.newMeta[aux[r]]);
  }
  return out;
}

/** Like `collectMeta`, and points each metadata record's `aux` at its entry in the returned list. */
function rebaseMeta(pass: Pass): MetaEntry[] {
  const out: MetaEntry[] = [];
  const { kind, aux } = pass.recs;
  const old = pass.tpl?.meta ?? [];
  for (let r = 0; r < pass.nrec; r++) {
    if (kind[r] !== REC_META && kind[r] !== REC_META_NEW) continue;
    out.push(kind[r] === REC_META ? old[aux[r]] : pass.newMeta[aux[r]]);
    kind[r] = REC_META;
    aux[r] = out.length - 1;
  }
  return out;
}

/** Turns a byte offset into a 1-based line and byte column. */
function locate(bytes: Uint8Array, pos: number, message: string): { line: number; column: number; message: string } {
  let line = 1;
  let lineStart = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < pos; i = bytes.indexOf(0x0a, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: pos - lineStart + 1, message };
}
