// `parseExposition` of only some families of a payload (`FamilyFilter`), with errors placed at
// their line and column in the whole payload, as the unfiltered parse would place them.

import { parseExposition, type ParseOptions } from './parse.js';
import type { FamilyFilter } from './family-filter.js';
import type { ParseResult } from './types.js';

/** Parses the lines of `input` that `filter` keeps; a rejected line is reported where it is in `input`. */
export function parseFiltered(input: Uint8Array, filter: FamilyFilter, options: ParseOptions): ParseResult {
  if (options.format !== 'text' && options.format !== 'openmetrics') return parseExposition(input, options);
  const kept = filter.filter(input, options.format);
  const parsed = parseExposition(kept, options);
  if (parsed.ok) return parsed;
  const { line, column } = filter.originalPosition(input, parsed.error.line, parsed.error.column);
  return { ok: false, error: { line, column, message: parsed.error.message } };
}
