// The built binary in a real terminal (tmux, a private server socket) against a hostile peer on
// 127.0.0.1 whose label values and HELP text carry CSI, OSC, DCS, 8-bit C1, DEL, backspaces, CR
// and bidi controls (HOSTILE_TEXT). The pane must show them as visible escapes, `capture-pane -e`
// must hold no escape but colours, and the raw byte stream (pipe-pane) no OSC, DCS, C1 or bidi
// character and none of the hostile sequences; the window title stays untouched.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { startFaultyPeer } from '../support/faulty-peer.js';
import { TMUX_ENV, TmuxServer } from '../support/tmux-session.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const socket = `cluster-top-hostile-${process.pid}`;
const PROMPT = 'PROMPT$';
const env = TMUX_ENV;
const dir = mkdtempSync(join(tmpdir(), 'cluster-top-hostile-'));
const streamFile = join(dir, 'pane.bytes');

const server = new TmuxServer(socket, env);
const tmux = (...args: string[]): string => server.run(...args);
const capture = (session: string, escapes = false): string[] => server.capture(session, escapes);
const until = (session: string, check: (rows: string[]) => boolean, what: string, timeoutMs = 20_000): Promise<string[]> =>
  server.until(session, check, what, timeoutMs);

after(() => {
  server.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('cluster-top against a hostile peer in a real terminal (tmux)', () => {
  it('shows escape-laden label values as visible escapes; no raw control sequence reaches the terminal', async (t) => {
    const peer = await startFaultyPeer(t, 'escapes');
    const s = 'hostile';
    tmux('new-session', '-d', '-s', s, '-x', '200', '-y', '40', 'env', `PS1=${PROMPT} `, 'bash', '--norc', '--noprofile');
    tmux('pipe-pane', '-o', '-t', s, `cat >> ${streamFile}`);
    const titleBefore = tmux('display', '-p', '-t', s, '#{pane_title}').trim();
    tmux('send-keys', '-t', s, `cd ${root} && node bin/cluster-top.js --metrics ${peer.url} --interval 500ms --timeout 5s --no-traces`, 'Enter');
    await until(s, (r) => r.some((l) => l.includes('● ok')), 'the dashboard');

    // Filter to the hostile method, then open its chart: the title shows the name at full width.
    tmux('send-keys', '-t', s, '/');
    await until(s, (r) => r.some((l) => l.includes('/_')), 'the filter prompt');
    tmux('send-keys', '-t', s, '-l', 'Evil');
    tmux('send-keys', '-t', s, 'Enter');
    let rows = await until(s, (r) => r.some((l) => l.startsWith('› Evil.\\x1b[2J')), 'the hostile row');
    tmux('send-keys', '-t', s, 'Enter');
    rows = await until(s, (r) => r.some((l) => l.includes('━━ Evil.')), 'the chart of the hostile method');
    const title = rows.find((l) => l.includes('━━ Evil.')) ?? '';
    for (const visible of ['Evil.\\x1b[2J\\x1b[31mRed\\x1b]0;pwned\\x07\\x1b]8;;http://x.invalid/\\x1b\\Link', '\\x1bP1;2|dcs\\x1b\\\\x9b31mC1\\x9dosc\\x07\\x7fDel\\x08\\x08\\x08Bs\\r\\tCr\\u202eRtl\\u2066Iso\\u2069End']) {
      assert.ok(title.includes(visible), `${JSON.stringify(visible)} in ${JSON.stringify(title)}`);
    }

    // capture-pane -e: colours only.
    const styled = capture(s, true).join('\n');
    // eslint-disable-next-line no-control-regex
    const unstyled = styled.replace(/\x1b\[[0-9;:]*m/g, '');
    assert.doesNotMatch(unstyled, /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/, 'capture-pane -e holds only colour escapes');

    tmux('send-keys', '-t', s, 'q');
    await until(s, (r) => r.some((l) => l.startsWith(PROMPT)) && !r.some((l) => l.includes('RPC latency')), 'the shell prompt');
    tmux('pipe-pane', '-t', s);

    // The byte stream the terminal received: CSI sequences of the renderer only.
    const stream = readFileSync(streamFile).toString('latin1');
    assert.ok(stream.includes('Evil.\\x1b[2J'), 'the visible escapes went through');
    for (const raw of ['\x1b]0;pwned', '\x1b]8;;http://x.invalid', '\x1bP1;2|dcs', 'Evil.\x1b', '\x7fDel', '\b\b\bBs', '\r\tCr']) {
      assert.ok(!stream.includes(raw), `raw ${JSON.stringify(raw)} reached the terminal`);
    }
    // No OSC, DCS, SOS, PM or APC at all, and no 8-bit C1 or bidi control (UTF-8: C2 80–9F, E2 80 AA–AE, E2 81 A6–A9).
    assert.doesNotMatch(stream, /\x1b[\]PX^_]/, 'no string sequence');
    assert.doesNotMatch(stream, /\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]/, 'no C1 or bidi character');
    assert.equal(tmux('display', '-p', '-t', s, '#{pane_title}').trim(), titleBefore, 'the window title was not changed');
  });
});
