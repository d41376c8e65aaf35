// OSC 8 hyperlinks: which terminals get them (by their environment), never in ASCII mode, and
// the escape sequence with a URL that cannot break out of it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { osc8, terminalSupportsHyperlinks } from '../../src/model/hyperlinks.js';
import { openDashboardTraces } from '../../src/ui/dashboard-traces.js';

describe('terminalSupportsHyperlinks', () => {
  it('recognises the terminals that show OSC 8 links', () => {
    for (const env of [
      { WT_SESSION: 'x' },
      { TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '3.5.0' },
      { TERM_PROGRAM: 'WezTerm', TERM_PROGRAM_VERSION: '20240203-110809-5046fc22' },
      { TERM_PROGRAM: 'vscode', TERM_PROGRAM_VERSION: '1.95.3' },
      { TERM_PROGRAM: 'ghostty' },
      { VTE_VERSION: '7600' },
      { TERM: 'xterm-kitty' },
      { KONSOLE_VERSION: '230804' },
      { FORCE_HYPERLINK: '1', TMUX: '/tmp/tmux' },
    ]) {
      assert.equal(terminalSupportsHyperlinks(env), true, JSON.stringify(env));
    }
  });

  it('falls back to the plain URL elsewhere, in tmux and screen, and for old versions', () => {
    for (const env of [
      {},
      { TERM: 'xterm-256color' },
      { TERM_PROGRAM: 'tmux', TERM: 'tmux-256color' },
      { TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '3.0.15' },
      { TERM_PROGRAM: 'vscode', TERM_PROGRAM_VERSION: '1.71.0' },
      { VTE_VERSION: '4803' },
      { WT_SESSION: 'x', TMUX: '/tmp/tmux-0/default,1,0' },
      { VTE_VERSION: '7600', STY: '1234.pts-0' },
      { TERM: 'dumb', WT_SESSION: 'x' },
      { FORCE_HYPERLINK: '0', WT_SESSION: 'x' },
    ]) {
      assert.equal(terminalSupportsHyperlinks(env), false, JSON.stringify(env));
    }
  });

  it('never links in ASCII mode, whatever the terminal', () => {
    const options = { jaegerUrl: 'http://127.0.0.1:16686', service: null, lookbackMs: 3_600_000, limit: 20, refreshMs: 10_000 };
    const withLinks = openDashboardTraces(options, { ascii: false }, { WT_SESSION: 'x' })!;
    const ascii = openDashboardTraces(options, { ascii: true, hyperlinks: true }, { WT_SESSION: 'x' })!;
    const plain = openDashboardTraces(options, { ascii: false }, { TERM: 'xterm' })!;
    assert.deepEqual([withLinks.traces.hyperlinks, ascii.traces.hyperlinks, plain.traces.hyperlinks], [true, false, false]);
    for (const opened of [withLinks, ascii, plain]) opened.close();
    assert.equal(openDashboardTraces(null, { ascii: false }), null);
  });
});

describe('osc8', () => {
  it('wraps the text, and percent-encodes whatever could end the sequence', () => {
    assert.equal(osc8('http://h:16686/trace/ab', 'open'), '\u001B]8;;http://h:16686/trace/ab\u0007open\u001B]8;;\u0007');
    assert.equal(osc8('http://h/a\u0007b\u001B\\c d', 'x'), '\u001B]8;;http://h/a%07b%1B\\c%20d\u0007x\u001B]8;;\u0007');
  });
});
