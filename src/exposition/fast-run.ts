// The steady-state loop: consumes consecutive lines whose bytes match the previous scrape's line at
// the same position (series key up to the value, or the whole metadata/comment line), reading only
// the values. A template keeps of each line only what follows the prefix it shares with the line
// before (template.ts): that prefix is compared with the line before in this payload, which
// matched. It stops at the first line that does not match (or whose prefix has no matched line
// before it); `Pass` then reads that line in full.

import type { Pass } from './pass.js';
import { REC_EOF, REC_META, REC_SAMPLE, REC_SKIP, REC_UNSAFE, type Template } from './template.js';
import { fastOut, readFastValue } from './fast-value.js';
import { equalUpTo } from './bytes-equal.js';

/** Advances `pass` over the lines that match the template's next records. */
export function fastRun(pass: Pass): void {
  const T = pass.tpl as Template;
  const b = pass.buf;
  const n = b.length;
  const dv = pass.view;
  const tdv = T.view;
  const { start: tStart, len: tLen, kind: tKind, aux: tAux, shared: tShared } = T.records;
  const tSeries = T.series;
  const nt = T.count;
  const om = pass.om;
  const series = pass.series;
  const inOrder = pass.inOrder;
  const recs = pass.recs;
  let rStart = recs.start;
  let { pos, rec, count, nrec, values, skippedSamples, matchedAt } = pass;
  const maxCount = pass.maxSamples;
  while (pos < n && rec < nt) {
    const kind = tKind[rec];
    const kl = tLen[rec];
    const sh = tShared[rec];
    if (pos + kl > n) break;
    // The shared prefix against the line before (it matched the record before), the rest against the template.
    if (sh > 0 && (matchedAt < 0 || equalUpTo(dv, pos, dv, matchedAt, 0, sh) !== sh)) break;
    if (equalUpTo(dv, pos, tdv, tStart[rec] - sh, sh, kl) !== kl) break;
    const p = pos + kl;
    let aux = -1;
    let end: number;
    if (kind === REC_SAMPLE || kind === REC_SKIP) {
      if (count + skippedSamples >= maxCount) break; // the sample cap: Pass stops at this line
      // Most values are small non-negative integers followed by LF: read those inline.
      let q = p;
      let v = 0;
      let c = 0;
      while (q < n && (c = b[q] - 0x30) >= 0 && c <= 9) {
        v = v * 10 + c;
        q++;
      }
      if (q < n && c === 0x0a - 0x30 && q > p && q - p <= 15) {
        end = q;
      } else {
        if (p >= n) break;
        end = readFastValue(b, n, p, om, kind === REC_SKIP);
        if (end < 0) break;
        v = fastOut.value;
      }
      if (kind === REC_SAMPLE) {
        if (count === values.length) values = pass.growValues(count);
        values[count] = v;
        if (!inOrder) series[count] = tSeries[tAux[rec]];
        aux = count++;
      } else skippedSamples++;
    } else {
      // The line must end here: at a LF, or (text format only) at the end of the payload.
      if (kind === REC_UNSAFE || (p < n ? b[p] !== 0x0a : om)) break;
      end = p;
      if (kind === REC_META) {
        aux = tAux[rec];
        pass.matchedMeta(rec);
      } else if (kind === REC_EOF) {
        pass.sawEof = true;
      }
    }
    if (nrec === rStart.length) {
      recs.grow(nrec);
      rStart = recs.start;
    }
    rStart[nrec] = pos;
    if (!inOrder) {
      recs.len[nrec] = kl;
      recs.kind[nrec] = kind;
      recs.aux[nrec] = aux;
    }
    nrec++;
    rec++;
    matchedAt = pos;
    pos = end < n ? end + 1 : n;
    if (kind === REC_EOF) break;
  }
  pass.pos = pos;
  pass.rec = rec;
  pass.matchedAt = matchedAt;
  pass.count = count;
  pass.skippedSamples = skippedSamples;
  pass.nrec = nrec;
  pass.values = values;
}
