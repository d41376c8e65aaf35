// JSON that is safe to print on a terminal and still the same JSON: JSON.stringify already writes
// C0 controls as \u00XX, but leaves DEL, C1 controls, bidi marks and overrides, and the line and
// paragraph separators raw. Those can only occur inside strings, where `\uXXXX` means the same
// character, so replacing them keeps the document valid and its parsed value unchanged.

/** What JSON.stringify leaves raw but a terminal would act on. */
const RAW_UNSAFE = /[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `json` (the output of JSON.stringify) with every terminal-unsafe character as a `\uXXXX` escape. */
export function terminalSafeJson(json: string): string {
  return json.replace(RAW_UNSAFE, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** JSON.stringify, then `terminalSafeJson`. */
export function stringifyForTerminal(value: unknown, space?: number): string {
  return terminalSafeJson(JSON.stringify(value, null, space));
}
