// frameRows: which painted lines become rows of one-column cells and which raw rows, how cell
// rows are padded and cut to the width (chars, per-column style numbers, blankFrom), how raw
// rows are cut by display width and carry OSC 8 links, and the style-number/SGR table.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import { frameRow, frameRows, styleNumber, styleSgr, type CellRow, type FrameRow, type RawRow } from '../../src/ui/frame-rows.js';
import { run, type StyledLine } from '../../src/ui/styled-line.js';
import type { TextStyle } from '../../src/ui/theme.js';

const ESC = '\u001B';
const RED_BOLD: TextStyle = { color: 'red', bold: true };
const GREEN: TextStyle = { color: 'green' };

function cells(row: FrameRow): CellRow {
  assert.equal(row.kind, 'cells', `expected a cells row, got ${JSON.stringify(row)}`);
  return row as CellRow;
}

function raw(row: FrameRow): RawRow {
  assert.equal(row.kind, 'raw', `expected a raw row, got ${JSON.stringify(row)}`);
  return row as RawRow;
}

/** The visible text of a raw row: its escapes removed. */
function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001B\[[0-9;]*m|\u001B\]8;[^\u0007]*\u0007/gu, '');
}

test('styleNumber: plain is 0 with ESC[0m; other styles are one number per attribute set, SGR from reset', () => {
  assert.equal(styleNumber({}), 0);
  assert.equal(styleNumber({ bold: false, dim: false, inverse: false }), 0);
  assert.equal(styleSgr(0), `${ESC}[0m`);
  const n = styleNumber(RED_BOLD);
  assert.notEqual(n, 0);
  assert.equal(styleNumber({ bold: true, color: 'red' }), n, 'equal styles share a number whatever the object');
  assert.equal(styleSgr(n), `${ESC}[0;1;31m`);
  assert.equal(styleSgr(styleNumber({ dim: true, inverse: true, color: 'cyan' })), `${ESC}[0;2;7;36m`);
  assert.equal(styleSgr(styleNumber(GREEN)), `${ESC}[0;32m`);
  assert.equal(styleSgr(styleNumber({ color: 'yellow', bold: true })), `${ESC}[0;1;33m`);
  assert.notEqual(styleNumber(GREEN), n);
});

test('a line of Latin, punctuation, blocks, box drawing, shapes and braille is a cells row', () => {
  const texts = ['cpu 12.5% ', '▁▂▃▄▅▆▇█', '─━│┌┐', '·…', '→↑', '●■▲', '⠁⣿', 'é ñ ß'];
  for (const text of texts) {
    const row = cells(frameRow([run(text)], 12));
    assert.equal(row.chars, text.padEnd(12).slice(0, 12));
  }
});

test('cells row: padded to the width with plain blanks, one style number per column, blankFrom after the last ink', () => {
  const row = cells(frameRow([run('ab', RED_BOLD), run('cd'), run('▁▂', GREEN)], 10));
  assert.equal(row.chars, 'abcd▁▂    ');
  assert.equal(row.chars.length, 10);
  const r = styleNumber(RED_BOLD);
  const g = styleNumber(GREEN);
  assert.deepEqual([...row.styles], [r, r, 0, 0, g, g, 0, 0, 0, 0]);
  assert.equal(row.blankFrom, 6);
});

test('cells row: trailing plain spaces are blank, trailing styled spaces are not', () => {
  assert.equal(cells(frameRow([run('ab   ')], 8)).blankFrom, 2);
  const inverse = cells(frameRow([run('ab'), run('   ', { inverse: true })], 8));
  assert.equal(inverse.blankFrom, 5);
  assert.equal(cells(frameRow([run('   ')], 8)).blankFrom, 0);
  assert.equal(cells(frameRow([], 8)).blankFrom, 0);
});

test('cells row: a line longer than the width is cut, and its styles with it', () => {
  const row = cells(frameRow([run('abcdef', GREEN), run('ghij', RED_BOLD)], 8));
  assert.equal(row.chars, 'abcdefgh');
  assert.equal(row.styles.length, 8);
  const g = styleNumber(GREEN);
  const r = styleNumber(RED_BOLD);
  assert.deepEqual([...row.styles], [g, g, g, g, g, g, r, r]);
  assert.equal(row.blankFrom, 8);
});

test('frameRows: exactly height rows of the width; missing lines blank, extra lines dropped', () => {
  const lines: StyledLine[] = [[run('one')], [run('two')], [run('three')]];
  const frame = frameRows(lines, 6, 2);
  assert.equal(frame.width, 6);
  assert.equal(frame.rows.length, 2);
  assert.equal(cells(frame.rows[1]).chars, 'two   ');
  const tall = frameRows(lines, 6, 5);
  assert.equal(tall.rows.length, 5);
  for (const row of tall.rows.slice(3)) assert.deepEqual({ ...cells(row), styles: [...cells(row).styles] }, { kind: 'cells', chars: '      ', styles: [0, 0, 0, 0, 0, 0], blankFrom: 0 });
});

test('wide, combining and emoji characters, and any linked run, make a raw row', () => {
  assert.equal(frameRow([run('load 日本')], 20).kind, 'raw');
  assert.equal(frameRow([run('cafe\u0301')], 20).kind, 'raw');
  assert.equal(frameRow([run('ok ✅')], 20).kind, 'raw');
  assert.equal(frameRow([run('a'), { text: 'trace', style: {}, link: 'http://j/t/1' }], 20).kind, 'raw');
  assert.equal(frameRow([run('tab\there')], 20).kind, 'raw', 'a control character is not a one-column cell');
});

test('raw row: each run is its SGR then its text', () => {
  const row = raw(frameRow([run('日本', RED_BOLD), run(' ok')], 20));
  assert.equal(row.text, `${styleSgr(styleNumber(RED_BOLD))}日本${ESC}[0m ok`);
});

test('raw row: a link is an OSC 8 hyperlink around the run text', () => {
  const row = raw(frameRow([run('see '), { text: 'trace 1', style: GREEN, link: 'http://jaeger/trace/1' }], 30));
  assert.equal(row.text, `${ESC}[0msee ${ESC}[0;32m${ESC}]8;;http://jaeger/trace/1\u0007trace 1${ESC}]8;;\u0007`);
});

test('raw row: wide characters past the width are cut so the row is at most width columns', () => {
  for (const width of [1, 5, 6, 7, 19, 20]) {
    const row = raw(frameRow([run('日'.repeat(10))], width));
    const shown = visible(row.text);
    assert.ok(stringWidth(shown) <= width, `width ${width}: ${shown} is ${stringWidth(shown)} columns`);
    assert.equal(stringWidth(shown), Math.min(20, width - (width % 2)), `width ${width}: as many whole characters as fit`);
  }
  const mixed = raw(frameRow([run('ab日本', GREEN), run('cd日')], 7));
  assert.equal(visible(mixed.text), 'ab日本c');
  const linked = raw(frameRow([{ text: '日本語', style: {}, link: 'http://x/1' }], 5));
  assert.equal(linked.text, `${ESC}[0m${ESC}]8;;http://x/1\u0007日本${ESC}]8;;\u0007`);
});

test('raw row: a combining mark stays with its letter at the cut', () => {
  const row = raw(frameRow([run('cafe\u0301 au lait')], 4));
  assert.equal(visible(row.text), 'cafe\u0301');
});

test('raw row: the text shown is a prefix of the line (a wide character that does not fit ends it)', () => {
  // 'ab日' does not fit in 3 columns; the row must show 'ab', not skip '日' and go on with 'x'.
  const row = raw(frameRow([run('ab日'), run('x')], 3));
  assert.equal(visible(row.text), 'ab');
});

test('every character the cells path accepts is one column wide', () => {
  for (let cp = 0x20; cp < 0x3000; cp++) {
    if (cp === 0xad) continue; // soft hyphen: string-width says 0, wcwidth and terminals say 1
    const ch = String.fromCodePoint(cp);
    if (frameRow([run(ch)], 1).kind === 'cells') assert.equal(stringWidth(ch), 1, `U+${cp.toString(16)} ${ch}`);
  }
});
