// The fleet's targets: `--targets FILE` read as one target a line (`URL` or `name=URL`, `#`
// comments, blank lines skipped), added to every `--metrics` (`URL` or `name=URL` too), and each given a unique label —
// its name when one was given, else host:port of its URL.

import { parseHttpUrl } from '../sources/http-target.js';
import { escapeControl } from '../util/escape-control.js';

/** One target as given: its URL, and the peer's name when the line named it. */
export interface TargetSpec {
  readonly url: string;
  readonly name: string | null;
}

/** A target with the label the fleet shows. */
export interface LabelledTarget {
  /** Unique among the fleet's targets. */
  readonly label: string;
  readonly url: string;
  /** The name given to it, taken as the peer's own name (its Jaeger service is `<prefix>-<name>`). */
  readonly peerName: string | null;
}

/** Most targets a file may list. */
export const MAX_TARGETS = 1000;

/** The targets of a `--targets` file's text, or the first problem as `source:line: what`. */
export function parseTargets(text: string, source: string): TargetSpec[] | { readonly error: string } {
  const out: TargetSpec[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') continue;
    const where = `${source}:${i + 1}`;
    if (out.length === MAX_TARGETS) return { error: `${where}: more than ${MAX_TARGETS} targets` };
    const { name, url } = splitNamedTarget(line);
    if (name !== null && (name === '' || /\s/.test(name))) return { error: `${where}: a name has no blanks (name=URL)` };
    const parsed = parseHttpUrl(url);
    if ('error' in parsed) return { error: `${where}: ${escapeControl(url.slice(0, 80))}: ${parsed.error} (one target a line: URL or name=URL)` };
    out.push({ url, name });
  }
  return out;
}

/** `name=URL` as its name and URL (an equals sign before any `:` or `/`: a URL's query may hold one too); a bare URL has no name. */
export function splitNamedTarget(text: string): TargetSpec {
  const eq = text.indexOf('=');
  const named = eq > 0 && !/[:/]/.test(text.slice(0, eq));
  return named ? { name: text.slice(0, eq).trim(), url: text.slice(eq + 1).trim() } : { name: null, url: text };
}

/** Labels every target uniquely: its name, else host:port; repeats get `#2`, `#3`. */
export function labelTargets(specs: readonly TargetSpec[]): LabelledTarget[] {
  const seen = new Map<string, number>();
  return specs.map((spec) => {
    const base = spec.name ?? hostPort(spec.url);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { label: n === 1 ? base : `${base}#${n}`, url: spec.url, peerName: spec.name };
  });
}

function hostPort(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
