// `--help` is made from the option table: every flag is in it with its default, within 80
// columns, in ASCII; and the README's options table names every flag, with the same defaults.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { DEFAULTS, ENV_OPTIONS, OPTION_TABLE, OPTIONS, type OptionName } from '../../src/cli/options.js';
import { usageText } from '../../src/cli/usage.js';
import { parseCommandLine } from '../../src/cli/args.js';

const NAMES = Object.keys(OPTION_TABLE) as OptionName[];
const README = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'README.md'), 'utf8');

/** How a flag is written, without its short form: `--metrics URL`. */
const longForm = (name: OptionName): string => `--${name}${OPTION_TABLE[name].value === undefined ? '' : ` ${OPTION_TABLE[name].value}`}`;

test('--help lists every flag of the table, with its default, in ASCII lines of at most 80 columns', () => {
  const help = usageText();
  for (const line of help.split('\n')) {
    assert.ok(line.length <= 80, `too long (${line.length}): ${line}`);
    assert.ok(/^[\x20-\x7e]*$/.test(line), `not printable ASCII: ${line}`);
  }
  for (const name of NAMES) {
    const spec = OPTION_TABLE[name];
    const synopsis = `\n  ${spec.short === undefined ? '' : `-${spec.short}, `}${longForm(name)}`;
    const at = [' ', '\n'].map((after) => help.indexOf(synopsis + after)).find((i) => i >= 0) ?? -1;
    assert.ok(at >= 0, `--${name} in --help`);
    if (spec.default !== undefined) {
      const entry = help.slice(at, help.indexOf('\n  -', at + 1));
      assert.ok(entry.replace(/\s+/g, ' ').includes(`(default ${spec.default})`), `--${name}'s default in ${entry}`);
    }
  }
  assert.match(help, /--interval D {8}time between scrapes \(default 2s\)/);
  assert.match(help, /\(default 64MiB\)/);
  assert.match(help, /--lookback D {8}how far back to search \(default 1h\)/);
});

test("the README's options table names every flag, and gives the same defaults", () => {
  const section = README.slice(README.indexOf('## Commands and options'), README.indexOf('\n## ', README.indexOf('## Commands and options') + 3));
  const rows = section.split('\n').filter((l) => l.startsWith('| `'));
  for (const name of NAMES) {
    const row = rows.find((r) => r.split('|')[1].includes(`\`${longForm(name)}\``));
    assert.ok(row !== undefined, `the README's options table has no row for \`${longForm(name)}\``);
    const dflt = OPTION_TABLE[name].default;
    if (dflt !== undefined) assert.ok(row.split('|')[2].includes(`\`${dflt}\``), `README: --${name}'s default \`${dflt}\` in ${row}`);
  }
});

test('parseArgs and the environment read what the table says', () => {
  for (const name of NAMES) {
    assert.equal(OPTIONS[name].type, OPTION_TABLE[name].type);
    assert.equal(ENV_OPTIONS[name], OPTION_TABLE[name].env);
  }
  const command = parseCommandLine([]);
  assert.equal(command.kind, 'monitor');
  if (command.kind !== 'monitor') return;
  const o = command.options;
  assert.deepEqual(
    [o.metricsUrl, o.intervalMs, o.windowMs, o.quantile, o.maxBodyBytes, o.maxSamples, o.traces?.jaegerUrl, o.traces?.lookbackMs, o.traces?.limit, o.traces?.refreshMs],
    [DEFAULTS.metricsUrl, DEFAULTS.intervalMs, DEFAULTS.windowMs, DEFAULTS.quantile, DEFAULTS.maxBodyBytes, DEFAULTS.maxSamples, DEFAULTS.jaegerUrl, DEFAULTS.lookbackMs, DEFAULTS.limit, DEFAULTS.tracesIntervalMs],
  );
});
