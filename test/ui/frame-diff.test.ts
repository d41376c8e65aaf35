// frameUpdate, byte by byte: a whole repaint without a previous frame or after a size change;
// nothing for an unchanged frame; a cursor jump and only the changed cells for a change; short
// unchanged gaps re-sent, long ones jumped with CHA; SGR only where the style changes; a row
// that gets shorter cut with ESC[0m ESC[K; raw rows rewritten whole only when they change.
// Each update is also played on a ScreenModel to check the screen it leaves.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frameRows, styleNumber, styleSgr, type FrameRows } from '../../src/ui/frame-rows.js';
import { frameUpdate } from '../../src/ui/frame-diff.js';
import { line, run, type StyledLine } from '../../src/ui/styled-line.js';
import type { TextStyle } from '../../src/ui/theme.js';
import { ScreenModel, styleKey } from './screen-model.js';

const ESC = '\u001B';
const CLEAR = `${ESC}[0m${ESC}[H${ESC}[2J`;
const CUT = `${ESC}[0m${ESC}[K`;
const GREEN: TextStyle = { color: 'green' };
const BOLD: TextStyle = { bold: true };
const RED: TextStyle = { color: 'red' };

function frame(texts: readonly (string | StyledLine)[], width = 30, height = texts.length): FrameRows {
  return frameRows(texts.map((t) => (typeof t === 'string' ? line(t) : t)), width, height);
}

/** Regex source, escaped. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/**
 * A whole row `r` drawn as a regex source: its jump, then `content` and one ESC[0m ESC[K for
 * its tail in either order (erasing first is one way to keep the last column of a full row).
 */
function wholeRow(r: number, content: string): string {
  const jump = `${ESC}[${r + 1};1H`;
  return `(?:${literal(jump + content + CUT)}|${literal(jump + CUT + content)})`;
}

/** Asserts that `text` is exactly `prefix` then the whole rows given. */
function assertWholeRows(text: string, prefix: string, rows: readonly [number, string][]): void {
  const source = `^${literal(prefix)}${rows.map(([r, content]) => wholeRow(r, content)).join('')}$`;
  assert.match(text, new RegExp(source, 'u'));
}

/** A screen showing `prev` (drawn whole), then the update to `next` played on it; returns the update. */
function play(prev: FrameRows, next: FrameRows, screen: ScreenModel): string {
  const first = frameUpdate(null, prev, -1);
  screen.write(first.text);
  const update = frameUpdate(prev, next, first.style);
  screen.write(update.text);
  if (update.style >= 0) {
    const sgr = new ScreenModel(1, 1);
    sgr.write(styleSgr(update.style));
    assert.equal(styleKey(screen.current), styleKey(sgr.current), 'the style the update reports is the one in force');
  }
  return update.text;
}

test('no previous frame: clear, then every non-blank row from its first column, each cut with ESC[K', () => {
  const update = frameUpdate(null, frame(['ab', '', 'cd'], 10), -1);
  assertWholeRows(update.text, CLEAR, [[0, 'ab'], [2, 'cd']]);
  assert.equal(update.style, 0);
});

test('a size change repaints whole', () => {
  const prev = frame(['ab', 'cd'], 10);
  for (const next of [frame(['ab', 'cd'], 11), frame(['ab', 'cd', ''], 10), frame(['ab'], 10)]) {
    assert.ok(frameUpdate(prev, next, 0).text.startsWith(CLEAR));
  }
});

test('an unchanged frame writes nothing and keeps the style', () => {
  const lines = ['cpu ▁▂▃█', [run('peer', BOLD), run(' ok', GREEN)], [run('日本 raw')]];
  const update = frameUpdate(frame(lines), frame(lines), 7);
  assert.deepEqual(update, { text: '', style: 7 });
});

test('one changed cell in the middle of a row: a jump to it and that cell only', () => {
  const prev = frame(['title', 'hello world, peers 4'], 30);
  const next = frame(['title', 'hello world, peers 5'], 30);
  assert.equal(frameUpdate(prev, next, 0).text, `${ESC}[2;20H5`);
  assert.equal(frameUpdate(prev, next, -1).text, `${ESC}[2;20H${ESC}[0m5`, 'style unknown: set once');
  const screen = new ScreenModel(30, 2);
  play(prev, next, screen);
  assert.equal(screen.text(), 'title\nhello world, peers 5');
});

test('changes close together are sent as one run; far apart, the second after a column jump', () => {
  const base = 'aaaaaaaaaaaaaaaaaaaa';
  const near = frameUpdate(frame([base], 20), frame(['aaXaaYaaaaaaaaaaaaaa'], 20), 0);
  assert.equal(near.text, `${ESC}[1;3HXaaY`);
  const far = frameUpdate(frame([base], 20), frame(['aaXaaaaaaaaaYaaaaaaa'], 20), 0);
  assert.equal(far.text, `${ESC}[1;3HX${ESC}[13GY`);
});

test('a sparkline shifted by one column sends fewer bytes than the row, and shows the new row', () => {
  const values = '▁▁▁▁▁▁▂▂▂▂▂▂▃▃▃▃▃▃▅▅▅▅▅▅▇▇▇▇▇▇██████▇▇▇▇▇▇▅▅▅▅▅▅';
  const prevText = `cpu ${values.slice(0, 40)} 12%`;
  const nextText = `cpu ${values.slice(1, 41)} 12%`;
  const prev = frame([[run('cpu '), run(values.slice(0, 40), GREEN), run(' 12%')]], 60);
  const next = frame([[run('cpu '), run(values.slice(1, 41), GREEN), run(' 12%')]], 60);
  const screen = new ScreenModel(60, 1);
  const update = play(prev, next, screen);
  assert.ok(Buffer.byteLength(update) < Buffer.byteLength(nextText), `${Buffer.byteLength(update)} bytes: ${JSON.stringify(update)}`);
  assert.notEqual(prevText, nextText);
  assert.equal(screen.rowText(0), nextText.padEnd(60));
  for (let c = 4; c < 44; c++) assert.equal(styleKey(screen.cellStyle(0, c)), 'green', `column ${c}`);
});

test('a row that gets shorter is cut with ESC[0m ESC[K where the old text went on', () => {
  const prev = frame(['hello world'], 20);
  const next = frame(['hello'], 20);
  assert.equal(frameUpdate(prev, next, 0).text, `${ESC}[1;7H${CUT}`);
  const changed = frame(['help'], 20);
  assert.equal(frameUpdate(prev, changed, 0).text, `${ESC}[1;4Hp${CUT}`);
  const screen = new ScreenModel(20, 1);
  play(prev, changed, screen);
  assert.equal(screen.rowText(0), 'help'.padEnd(20));
});

test('a row that gets longer only sends the new tail, no erase', () => {
  const update = frameUpdate(frame(['hello'], 20), frame(['hello there'], 20), 0);
  assert.equal(update.text, `${ESC}[1;7Hthere`);
});

test('whole rows: an SGR only where the style changes, none when the row starts in the current style', () => {
  const lines = [[run('ab', BOLD), run('cd', BOLD), run('ef', RED), run('g')], [run('plain')]];
  const update = frameUpdate(null, frame(lines, 10), -1);
  const bold = styleSgr(styleNumber(BOLD));
  const red = styleSgr(styleNumber(RED));
  assertWholeRows(update.text, CLEAR, [[0, `${bold}abcd${red}ef${ESC}[0mg`], [1, 'plain']]);
  assert.equal(update.style, 0);
});

test('changed cells: an SGR when only the style changes, and none where it is already in force', () => {
  const prev = frame([[run('status: ok')]], 20);
  const next = frame([[run('status: '), run('ok', GREEN)]], 20);
  const green = styleSgr(styleNumber(GREEN));
  assert.equal(frameUpdate(prev, next, 0).text, `${ESC}[1;9H${green}ok`);
  assert.deepEqual(frameUpdate(prev, next, styleNumber(GREEN)), { text: `${ESC}[1;9Hok`, style: styleNumber(GREEN) });
  const screen = new ScreenModel(20, 1);
  play(prev, next, screen);
  assert.deepEqual(screen.rowStyleKeys(0).slice(6, 12), ['', '', 'green', 'green', '', '']);
  // Two changed cells in the same new style, far apart: one SGR, then a jump.
  const twice = frameUpdate(frame(['a..........b'], 20), frame([[run('A', RED), run('..........'), run('B', RED)]], 20), 0);
  assert.equal(twice.text, `${ESC}[1;1H${styleSgr(styleNumber(RED))}A${ESC}[12GB`);
});

test('a raw row is rewritten whole when it changed, and left alone when it did not', () => {
  const raw1: StyledLine = [run('日本 '), run('load 1', GREEN)];
  const raw2: StyledLine = [run('日本 '), run('load 2', GREEN)];
  const rawText = (l: StyledLine) => (frameRows([l], 20, 1).rows[0] as { text: string }).text;
  // Only the cells row changed: the raw row is not touched.
  assert.equal(frameUpdate(frame(['x', raw1], 20), frame(['y', raw1], 20), 0).text, `${ESC}[1;1Hy`);
  // The raw row changed: it is rewritten from its first column and cut.
  const update = frameUpdate(frame(['x', raw1], 20), frame(['x', raw2], 20), 0);
  assertWholeRows(update.text, '', [[1, rawText(raw2)]]);
  const screen = new ScreenModel(20, 2);
  play(frame(['x', raw1], 20), frame(['x', raw2], 20), screen);
  assert.equal(screen.rowText(1), `日本 load 2${' '.repeat(9)}`, 'two wide characters, 4 columns, then 7 narrow and 9 blank');
  assert.equal(screen.cellText(1, 0), '日');
  assert.equal(screen.cellText(1, 1), '');
  assert.equal(styleKey(screen.cellStyle(1, 5)), 'green');
});

test('a row turning from cells to raw or back is rewritten whole', () => {
  const toRaw = frameUpdate(frame(['abc']), frame(['日本']), 0);
  assertWholeRows(toRaw.text, '', [[0, `${ESC}[0m日本`]]);
  const toCells = frameUpdate(frame(['日本']), frame(['abc']), 0);
  assertWholeRows(toCells.text, '', [[0, 'abc']]);
  const toBlank = frameUpdate(frame(['日本']), frame(['']), 0);
  assertWholeRows(toBlank.text, '', [[0, '']]);
});

test('a row that fills the width keeps its last column on an xterm-like screen', () => {
  // Writing the last column leaves the cursor on it with a wrap pending; an ESC[K then erases
  // that column in xterm (and alacritty before 0.12, mintty before 2.9.1, conhost).
  const full = frame(['abcdefghij', [run('日本語日本')]], 10);
  const screen = new ScreenModel(10, 2);
  screen.write(frameUpdate(null, full, -1).text);
  assert.equal(screen.rowText(0), 'abcdefghij');
  assert.equal(screen.rowText(1), '日本語日本');
  const fromCells = new ScreenModel(10, 2);
  play(frame(['日本', 'x'], 10), frame(['abcdefghij', 'x'], 10), fromCells);
  assert.equal(fromCells.rowText(0), 'abcdefghij');
});
