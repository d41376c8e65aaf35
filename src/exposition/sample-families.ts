// Which lines of a payload the parser reads in full, for readers that use only some families (the
// live monitors): samples that a kept family can own, and the metadata lines that can decide the
// family of such a sample. The parser still checks every other line as it would (an invalid line
// is rejected wherever it is) and matches it against the previous payload's, but keeps nothing of it.

import { ByteInterner } from './byte-interner.js';
import { SAMPLE_SUFFIXES, familyCandidates } from './families.js';

/** Every family a sample of one of `sampleNames` can belong to: what must be kept to read them. */
export function familiesOfSamples(sampleNames: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const name of sampleNames) for (const f of familyCandidates(name)) out.add(f);
  return out;
}

/** Verdict bits on a name: keep its samples, keep its metadata lines. */
const SAMPLES = 1;
const METADATA = 2;
/** Names whose verdict is remembered (a real peer has ~150; beyond this, all are forgotten). */
const MAX_NAMES = 4096;

/**
 * The kept families, as verdicts on metric names. A sample is kept when its name, or its name
 * without a type suffix (`_bucket`, `_total`, …), is a kept family; a metadata line when its name
 * is such a name or the family of one (`x` for a kept `x_total`). Every line that can decide a
 * kept sample's family is then kept, so it gets the family, type, help and unit it gets in the
 * whole payload. One instance may serve any number of targets.
 */
export class SampleFamilies {
  private names = new ByteInterner();
  private readonly verdicts = new Map<string, number>();

  /** `families`: the family names to keep (see `familiesOfSamples`). */
  constructor(private readonly families: ReadonlySet<string>) {}

  /** True when the samples named `b[s, e)` are kept. */
  samplesKept(b: Uint8Array, s: number, e: number): boolean {
    return (this.verdict(b, s, e) & SAMPLES) !== 0;
  }

  /** True when the HELP, TYPE and UNIT lines of name `b[s, e)` are kept. */
  metadataKept(b: Uint8Array, s: number, e: number): boolean {
    return (this.verdict(b, s, e) & METADATA) !== 0;
  }

  private verdict(b: Uint8Array, s: number, e: number): number {
    if (this.names.size > MAX_NAMES) {
      this.names = new ByteInterner();
      this.verdicts.clear();
    }
    const name = this.names.get(b, s, e);
    let verdict = this.verdicts.get(name);
    if (verdict === undefined) {
      const samples = familyCandidates(name).some((f) => this.families.has(f));
      const metadata = samples || SAMPLE_SUFFIXES.some((suffix) => this.families.has(name + suffix));
      verdict = (samples ? SAMPLES : 0) | (metadata ? METADATA : 0);
      this.verdicts.set(name, verdict);
    }
    return verdict;
  }
}
