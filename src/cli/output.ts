// Where one run of cluster-top writes: text and JSON on standard output, one-line messages on
// standard error; all of it in plain ASCII when `--ascii` (or CLUSTER_TOP_ASCII) asks for it or
// the locale does not promise UTF-8.

import { asciiJson, asciiText } from './ascii-text.js';
import type { CommandLine } from './command.js';
import { localeIsUtf8 } from './process-io.js';
import { SettingLayers } from './settings.js';
import { oneLine } from '../util/escape-control.js';

/** Where a run writes: text and JSON on stdout, text on stderr; in ASCII only when the terminal wants that. */
export interface Output {
  readonly ascii: boolean;
  readonly out: (text: string) => void;
  readonly outJson: (json: string) => void;
  readonly err: (text: string) => void;
}

/** The writers of a run, in ASCII only when `ascii`. */
export function output(ascii: boolean): Output {
  const text = ascii ? asciiText : (t: string) => t;
  return {
    ascii,
    out: (t) => void process.stdout.write(text(t)),
    outJson: (json) => void process.stdout.write(ascii ? asciiJson(json) : json),
    err: (t) => void process.stderr.write(text(t)),
  };
}

/** Plain ASCII output: `--ascii` (or CLUSTER_TOP_ASCII), or a locale that does not promise UTF-8. */
export function wantsAscii(flags: CommandLine['flags'] | null, argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  if (!localeIsUtf8(env)) return true;
  if (flags === null) return argv.includes('--ascii');
  try {
    return new SettingLayers(flags, env).boolean('ascii')?.value === true;
  } catch {
    return false; // a bad CLUSTER_TOP_ASCII is reported by the command builder
  }
}

/** One line on stderr, prefixed and escaped. */
export function sayer(o: Output): (text: string) => void {
  return (text) => o.err(`cluster-top: ${oneLine(text, 400)}\n`);
}

/** The usage-error message and exit code 2. */
export function usageError(o: Output, message: string): number {
  o.err(`cluster-top: ${oneLine(message, 300)}\nTry 'cluster-top --help'.\n`);
  return 2;
}

