// The V8 flags cluster-top runs with, set by the launchers (src/cli/launch.ts,
// scripts/bundle-entry.cjs) before any other code of cluster-top is loaded: V8 compares its flags
// with those a code cache was written under, and the heap's young generation starts growing as
// soon as code loads.

import { setFlagsFromString } from 'node:v8';

/**
 * Sets cluster-top's V8 flags (idempotent). Each can be set at run time because V8 reads it
 * again whenever it is used, unlike --max-semi-space-size or --max-old-space-size, which only
 * count on the command line.
 *
 * - `--no-regexp-tier-up`: V8 first compiles a regular expression to bytecode, and to machine
 *   code once it runs again. string-width's /^\p{RGI_Emoji}$/v (thousands of alternatives),
 *   which the first frame tries on every non-ASCII segment, takes ~20 ms to compile to bytecode
 *   and ~6 ms more to machine code on a quiet machine; straight to machine code, ~6 ms.
 * - `--semi-space-growth-factor=1`: the live view runs for hours and allocates per scrape,
 *   nearly all of it dead by the next. V8 would grow its young generation from 2 × 2 MB up to
 *   2 × 16 MB for that (every page of it resident once a scavenge has used it); held at its
 *   first size, scavenges stay frequent and cheap. Set after the code had loaded, it came too
 *   late: loading had already doubled the young generation (RSS over 100 000 scrapes at full
 *   speed: ~99 MiB then, ~90 MiB set first).
 * - `--heap-growing-percent=50`: V8 would let the old generation grow well past what is live
 *   (13 MiB) before collecting it: over 100 000 scrapes at full speed the heap reached ~47 MiB
 *   and RSS 125–142 MiB; with the growing factor held at 1.5, 29–34 MiB and 94–98 MiB, with no
 *   CPU cost measurable at 1 s. (--optimize-for-size went lower still, but cost a third more
 *   CPU at 1 s.)
 */
export function setRuntimeFlags(): void {
  setFlagsFromString('--no-regexp-tier-up');
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--heap-growing-percent=50');
}

/**
 * Lets the young generation grow again, as V8 does by default (up to 2 × 16 MB): for reading a
 * Prometheus-compatible server (from its first full frame on: src/cli/prometheus-source.ts),
 * whose answers are a few large JSON bodies per refresh (~1.6 MB at 200 peers), each parsed
 * into objects that all live until the refresh is taken in. Held at its first size, every such
 * parse filled the young generation several times over, so the whole parsed answer was copied by
 * scavenges and promoted, and the old generation collected it: garbage collection was half of
 * the main thread's busy time. The direct fleet measured no gain from a bigger one and keeps the
 * small one (figures for both in the README's bench section).
 */
export function letYoungGenerationGrow(): void {
  setFlagsFromString('--semi-space-growth-factor=2');
}
