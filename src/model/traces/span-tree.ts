// The parent/child structure of a trace and its pre-order walk, computed without recursion so
// that a 10 000-deep chain or a reference cycle cannot overflow the stack. Spans that no root
// reaches (members of a cycle and their descendants) are not lost: the earliest of them is
// promoted to a top-level entry marked 'cycle', and the walk continues from there.

import type { Trace } from './types.js';

/** How a span's parent is found. */
export type ParentRule =
  /** Jaeger UI ≥ 1.8 (and the timeline): the first CHILD_OF/FOLLOWS_FROM reference whose span is in the trace. */
  | 'first-resolvable'
  /** Jaeger UI 1.0 (Jaeger 1.9): `references[0]` only, whatever its type or trace. */
  | 'first-reference';

/** Why a span is at the top level of the walk. */
export type TopKind =
  /** It has no references. */
  | 'root'
  /** It has references, but none resolves to a span of this trace ("missing parent"). */
  | 'orphan'
  /** Its parent chain loops, so no root reaches it; the walk starts again from it. */
  | 'cycle';

/** Parent links and the pre-order walk of one trace, by index into `trace.spans`. */
export interface SpanTree {
  /** Parent index of each span, or -1. */
  readonly parent: Int32Array;
  /** Span indices in pre-order: top-level entries by start time, children by start time. */
  readonly order: Int32Array;
  /** Depth of each span in the walk (0 at the top level). */
  readonly depth: Int32Array;
  /** Children count of each span as walked (a cycle's back edge is not counted). */
  readonly childCount: Int32Array;
  /** For each span: why it is top-level, or null when it has a parent in the walk. */
  readonly top: readonly (TopKind | null)[];
}

/** Builds the tree of `trace` with the given parent rule; O(n log n), iterative. */
export function buildSpanTree(trace: Trace, rule: ParentRule = 'first-resolvable'): SpanTree {
  const spans = trace.spans;
  const n = spans.length;
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) if (!index.has(spans[i].spanID)) index.set(spans[i].spanID, i);

  const parent = new Int32Array(n).fill(-1);
  const top: (TopKind | null)[] = new Array<TopKind | null>(n).fill(null);
  const children: number[][] = Array.from({ length: n }, () => []);
  const roots: number[] = [];
  for (let i = 0; i < n; i++) {
    const refs = spans[i].references;
    let p: number | undefined;
    if (rule === 'first-reference') p = refs.length > 0 ? index.get(refs[0].spanID) : undefined;
    else for (const ref of refs) if ((p = index.get(ref.spanID)) !== undefined) break;
    if (p === undefined) {
      top[i] = refs.length === 0 ? 'root' : 'orphan';
      roots.push(i);
    } else {
      parent[i] = p;
      children[p].push(i);
    }
  }
  const byStart = (a: number, b: number): number => spans[a].startTimeUs - spans[b].startTimeUs;
  for (const list of children) if (list.length > 1) list.sort(byStart);
  roots.sort(byStart);

  const order = new Int32Array(n);
  const depth = new Int32Array(n);
  const childCount = new Int32Array(n);
  const visited = new Uint8Array(n);
  let filled = 0;
  const stack: number[] = [];
  const walkFrom = (start: number): void => {
    visited[start] = 1;
    depth[start] = 0;
    stack.push(start);
    while (stack.length > 0) {
      const i = stack.pop()!;
      order[filled++] = i;
      const kids = children[i];
      // Push in reverse so the earliest child is walked first.
      for (let k = kids.length - 1; k >= 0; k--) {
        const c = kids[k];
        if (visited[c] === 1) continue; // the back edge of a cycle
        visited[c] = 1;
        depth[c] = depth[i] + 1;
        childCount[i]++;
        stack.push(c);
      }
    }
  };
  for (const r of roots) walkFrom(r);
  if (filled < n) {
    const rest: number[] = [];
    for (let i = 0; i < n; i++) if (visited[i] === 0) rest.push(i);
    rest.sort(byStart);
    for (const i of rest) {
      if (visited[i] === 1) continue;
      top[i] = 'cycle';
      parent[i] = -1;
      walkFrom(i);
    }
  }
  return { parent, order, depth, childCount, top };
}
