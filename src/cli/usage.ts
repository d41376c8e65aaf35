// The `--help` text: the commands, then every flag of the option table (options.ts) by group,
// with its default, word-wrapped to 80 columns. Plain ASCII, so that it reads the same in any
// locale.

import { OPTION_TABLE, optionSynopsis, type OptionGroup, type OptionName } from './options.js';
import { wrapWithIndent } from './wrap.js';

const WIDTH = 80;
/** Where a flag's help starts. */
const HELP_COLUMN = 22;

const COMMANDS = `cluster-top: a terminal monitor for IPFS Cluster peers

Usage:
  cluster-top [options]                 live view of a peer, or of several side
                                        by side (needs a terminal)
  cluster-top --once [--json] [options] one snapshot, from two scrapes
  cluster-top dump [--openmetrics] [--format F] [URL|FILE|-]
                                        parse one payload and print it as JSON
                                        (none: stdin, unless it is a terminal)
  cluster-top record --out DIR [--append] [--duration D] [--metrics URL|--demo]
                                        save each scrape, for --replay
  cluster-top demo --serve [--port N] [--faults SPEC | --peers N]
                                        run the demo peer (or cluster) alone
  cluster-top config [--json] [options] the settings in force, and their sources
`;

const GROUPS: readonly (readonly [OptionGroup, string])[] = [
  ['source', 'Source (one of):'],
  ['scrape', 'Options:'],
  ['traces', 'Traces (Jaeger query API, 1.9 to v2 and v3):'],
  ['peer', 'On a peer host (flags > CLUSTER_TOP_* environment > service.json > defaults):'],
  ['commands', 'Command options:'],
  ['display', 'Display:'],
];

/** Said after the peer-host flags. */
const CREDENTIALS_NOTE =
  'Credentials come from those files or from CLUSTER_TOP_METRICS_TOKEN, CLUSTER_TOP_METRICS_BASIC_AUTH, ' +
  'CLUSTER_TOP_JAEGER_TOKEN, CLUSTER_TOP_JAEGER_BASIC_AUTH (or the same names ending in _FILE), never from an argument. ' +
  'Most options also read CLUSTER_TOP_<OPTION>, e.g. CLUSTER_TOP_METRICS, CLUSTER_TOP_INTERVAL.';

const FOOTER = [
  'Durations: 500ms, 2s, 1m30s, 1h. Sizes: 1048576, 512KiB, 10MB, 64MiB.',
  'Exit codes: 0 ok, 1 the peer could not be read, 2 usage error (including an unreadable --cacert or credential file, ' +
    'a --cert/--key pair that does not match, a busy --port, or an --out folder that holds a recording) or no terminal.',
  'Proxies: https_proxy, http_proxy and no_proxy (or in capitals), as curl reads them; loopback is never proxied.',
];

/** One flag's help lines: the synopsis, then its help and default from HELP_COLUMN on. */
export function optionHelpLines(name: OptionName): string[] {
  const spec = OPTION_TABLE[name];
  const synopsis = `  ${optionSynopsis(name)}`;
  const dflt = spec.default !== undefined ? ` (default ${spec.default})` : spec.defaultNote !== undefined ? ` (default: ${spec.defaultNote})` : '';
  const indent = ' '.repeat(HELP_COLUMN);
  const body = wrapWithIndent(spec.help + dflt, WIDTH - HELP_COLUMN, '');
  if (synopsis.length + 1 > HELP_COLUMN) return [synopsis, ...body.map((l) => indent + l)];
  return body.map((l, i) => (i === 0 ? synopsis.padEnd(HELP_COLUMN) : indent) + l);
}

/** The whole `--help` text, printed by `cluster-top --help`. */
export function usageText(): string {
  const lines = [COMMANDS.trimEnd()];
  const names = Object.keys(OPTION_TABLE) as OptionName[];
  for (const [group, title] of GROUPS) {
    lines.push('', title);
    for (const name of names) if (OPTION_TABLE[name].group === group) lines.push(...optionHelpLines(name));
    if (group === 'peer') lines.push(...wrapWithIndent(CREDENTIALS_NOTE, WIDTH - 2, '').map((l) => `  ${l}`));
  }
  lines.push('');
  for (const paragraph of FOOTER) lines.push(...wrapWithIndent(paragraph, WIDTH, ''));
  return lines.join('\n') + '\n';
}
