// What cluster-top sends a Prometheus-compatible server besides the query: the `--prometheus-header`
// flags, the headers of `--prometheus-header-file` (one `Name: value` a line, `#` comments: a
// tenant's X-Scope-OrgID, a proxy's key — secret, so a bad line is named by its number, never
// shown), and the server's own bearer token or basic auth (`--prometheus-token-file`, …, see
// sources/credentials.ts), merged into one set of headers read once at start.

import { readFile, stat } from 'node:fs/promises';
import { oneLine } from '../util/escape-control.js';

/** Most bytes a header file may hold. */
const MAX_HEADER_FILE_BYTES = 64 * 1024;

/** A header line: an HTTP token, a colon, a value without control characters (tabs aside). */
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/;

/** One `Name: value` (a flag's or a file line's) as [lower-case name, value], or null when it is not one. */
export function parseHeader(text: string): [string, string] | null {
  const m = HEADER_LINE.exec(text);
  if (m === null || /[\x00-\x08\x0a-\x1f\x7f]/.test(m[2])) return null;
  return [m[1].toLowerCase(), m[2]];
}

/** The headers of a header file's text; the error names the line by number only. Pure. */
export function parseHeaderLines(text: string, source: string): { headers: Record<string, string> } | { error: string } {
  const headers: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = parseHeader(line);
    if (header === null) return { error: `${oneLine(source, 200)} line ${i + 1}: not 'Name: value' (the line is not shown: it may be secret)` };
    if (headers[header[0]] !== undefined) return { error: `${oneLine(source, 200)} line ${i + 1}: ${header[0]} is given twice` };
    headers[header[0]] = header[1];
  }
  if (Object.keys(headers).length === 0) return { error: `${oneLine(source, 200)} holds no header` };
  return { headers };
}

/** Reads and parses a header file; a warning when other users can read it. */
export async function loadHeaderFile(path: string): Promise<{ headers: Record<string, string>; warning: string | null } | { error: string }> {
  const source = `--prometheus-header-file ${path}`;
  let text: string;
  let warning: string | null = null;
  try {
    const info = await stat(path);
    if (!info.isFile()) return { error: `${oneLine(source, 200)}: not a file` };
    if (info.size > MAX_HEADER_FILE_BYTES) return { error: `${oneLine(source, 200)}: larger than 64 KiB` };
    text = await readFile(path, 'utf8');
    if ((info.mode & 0o077) !== 0) warning = `${oneLine(source, 200)} can be read by other users (mode ${(info.mode & 0o777).toString(8)}); chmod 600 it`;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { error: `${oneLine(source, 200)}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? 'cannot read it')}` };
  }
  const parsed = parseHeaderLines(text, source);
  return 'error' in parsed ? parsed : { headers: parsed.headers, warning };
}

/**
 * The server's headers: the flags', the file's, and the credential's Authorization; a header
 * given by two of them is an error (which one should win is not for cluster-top to guess).
 */
export function mergeHeaders(sources: readonly { readonly from: string; readonly headers: Readonly<Record<string, string>> | undefined }[]): { headers: Record<string, string> } | { error: string } {
  const headers: Record<string, string> = {};
  const givenBy = new Map<string, string>();
  for (const { from, headers: given } of sources) {
    for (const [name, value] of Object.entries(given ?? {})) {
      const key = name.toLowerCase();
      const earlier = givenBy.get(key);
      if (earlier !== undefined) return { error: `the ${key} header is given by both ${earlier} and ${from}; keep one` };
      givenBy.set(key, from);
      headers[key] = value;
    }
  }
  return { headers };
}
