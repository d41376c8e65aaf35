// ScreenWriter end to end: everything it writes is played on a ScreenModel of the frame's size,
// and after every show the screen must show each painted row (cut to the width by display
// width, blank-padded) in the attributes it was painted in. A seeded fast-check property drives
// random sequences of frames, edits of the last frame (the common case: a few cells change),
// size changes and invalidate() after the screen was disturbed. Plus: an unchanged frame writes
// nothing, and invalidate() or a size change makes the next frame a whole repaint.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { ScreenWriter } from '../../src/ui/screen-writer.js';
import { line, run, type StyledLine, type StyledRun } from '../../src/ui/styled-line.js';
import type { TextStyle } from '../../src/ui/theme.js';
import { ScreenModel, styleKey } from './screen-model.js';

const ESC = '\u001B';
const CLEAR = `${ESC}[0m${ESC}[H${ESC}[2J`;

/** A ScreenWriter whose output is played on `screen` and kept. */
function writerOn(screen: { model: ScreenModel }): { writer: ScreenWriter; writes: string[] } {
  const writes: string[] = [];
  const writer = new ScreenWriter({
    write(text: string) {
      writes.push(text);
      screen.model.write(text);
      return true;
    },
  });
  return { writer, writes };
}

/** What a `width`-column row showing `styled` holds: per cell, its text and style key. */
function expectedRow(styled: StyledLine, width: number): { texts: string[]; keys: string[] } {
  const texts = new Array<string>(width).fill(' ');
  const keys = new Array<string>(width).fill('');
  let col = 0;
  for (const r of styled) {
    for (const ch of r.text) {
      const w = stringWidth(ch);
      if (w === 0) {
        if (col > 0) texts[texts[col - 1] === '' ? col - 2 : col - 1] += ch;
        continue;
      }
      if (col + w > width) return { texts, keys }; // the row shows a prefix of the line
      texts[col] = ch;
      keys[col] = styleKey(r.style);
      if (w === 2) (texts[col + 1] = ''), (keys[col + 1] = styleKey(r.style));
      col += w;
    }
  }
  return { texts, keys };
}

/** Asserts that `model` shows `lines` as a frame of its size. */
function assertShows(model: ScreenModel, lines: readonly StyledLine[], note: string): void {
  for (let r = 0; r < model.rows; r++) {
    const want = expectedRow(lines[r] ?? [], model.columns);
    const texts = Array.from({ length: model.columns }, (_, c) => model.cellText(r, c));
    assert.deepEqual(texts, want.texts, `${note}: text of row ${r}`);
    assert.deepEqual(model.rowStyleKeys(r), want.keys, `${note}: styles of row ${r}`);
  }
}

// ---- the property ----

const COMMON = ['a', 'b', 'x', 'Z', '0', '7', ' ', ' ', '.', ':', '%', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█', '─', '━', '·', '…'];
const RARE = ['日', 'e\u0301'];
const STYLES: TextStyle[] = [{}, {}, { bold: true }, { dim: true }, { inverse: true }, { color: 'green' }, { color: 'red', bold: true }, { color: 'cyan', dim: true, inverse: true }];
const SIZES = [
  { width: 20, height: 5 },
  { width: 12, height: 3 },
  { width: 7, height: 4 },
];
const LINK = 'http://jaeger:16686/trace/4bf92f3577b34da6';

const unitArb = fc.oneof({ arbitrary: fc.constantFrom(...COMMON), weight: 150 }, { arbitrary: fc.constantFrom(...RARE), weight: 1 });
const textArb = fc.oneof(
  fc.array(unitArb, { maxLength: 10 }).map((units) => units.join('')),
  fc.tuple(unitArb, fc.nat(9)).map(([unit, n]) => unit.repeat(n)), // a plateau, as in a sparkline
);
const styleArb = fc.constantFrom(...STYLES);
const runArb: fc.Arbitrary<StyledRun> = fc
  .record({
    text: textArb,
    style: styleArb,
    link: fc.oneof({ arbitrary: fc.constant(undefined), weight: 20 }, { arbitrary: fc.constant(LINK), weight: 1 }),
  })
  .map(({ text, style, link }) => (link === undefined ? { text, style } : { text, style, link }));
const lineArb = fc.array(runArb, { maxLength: 4 });
const rowArb = fc.nat(6);

type Step =
  | { kind: 'frame'; lines: StyledRun[][] }
  | { kind: 'setLine'; row: number; runs: StyledRun[] }
  | { kind: 'setRun'; row: number; index: number; run: StyledRun }
  | { kind: 'restyle'; row: number; index: number; style: TextStyle }
  | { kind: 'dropRun'; row: number; index: number }
  | { kind: 'shift'; row: number; unit: string }
  | { kind: 'pokes'; row: number; pokes: { index: number; at: number; unit: string }[] }
  | { kind: 'same' }
  | { kind: 'resize'; size: number; invalidate: boolean }
  | { kind: 'invalidate'; junk: string };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('frame' as const), lines: fc.array(lineArb, { maxLength: 7 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('setLine' as const), row: rowArb, runs: lineArb }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('setRun' as const), row: rowArb, index: fc.nat(4), run: runArb }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('restyle' as const), row: rowArb, index: fc.nat(4), style: styleArb }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('dropRun' as const), row: rowArb, index: fc.nat(4) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('shift' as const), row: rowArb, unit: unitArb }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('pokes' as const), row: rowArb, pokes: fc.array(fc.record({ index: fc.nat(4), at: fc.nat(9), unit: unitArb }), { minLength: 1, maxLength: 3 }) }), weight: 5 },
  { arbitrary: fc.constant({ kind: 'same' as const }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('resize' as const), size: fc.nat(SIZES.length - 1), invalidate: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('invalidate' as const), junk: fc.constantFrom(`${ESC}[31;7m#junk#`, `${ESC}[3;2H${ESC}[1m日日`, `${ESC}[2J${ESC}[36m`) }), weight: 1 },
);

/** `lines` after `step` (a new array; runs are never mutated). */
function edit(lines: readonly StyledRun[][], step: Step): StyledRun[][] {
  const next = lines.map((l) => [...l]);
  const at = (row: number): StyledRun[] => {
    while (next.length <= row) next.push([]);
    return next[row];
  };
  switch (step.kind) {
    case 'frame':
      return step.lines.map((l) => [...l]);
    case 'setLine':
      at(step.row).splice(0, Infinity, ...step.runs);
      break;
    case 'setRun': {
      const runs = at(step.row);
      runs[Math.min(step.index, runs.length)] = step.run;
      break;
    }
    case 'restyle': {
      const runs = at(step.row);
      if (runs.length > 0) {
        const i = step.index % runs.length;
        runs[i] = { ...runs[i], style: step.style };
      }
      break;
    }
    case 'dropRun': {
      const runs = at(step.row);
      if (runs.length > 0) runs.splice(step.index % runs.length, 1);
      break;
    }
    case 'shift': {
      // A sparkline scrolling left: the first character goes, a new one comes at the end.
      const runs = at(step.row);
      if (runs.length === 0) runs.push(run(step.unit));
      else {
        runs[0] = { ...runs[0], text: runs[0].text.replace(/^.\p{M}*/su, '') };
        runs[runs.length - 1] = { ...runs[runs.length - 1], text: runs[runs.length - 1].text + step.unit };
      }
      break;
    }
    case 'pokes': {
      // A few characters replaced here and there (a counter ticking, a gauge moving).
      const runs = at(step.row);
      for (const { index, at: position, unit } of step.pokes) {
        if (runs.length === 0) break;
        const i = index % runs.length;
        const chars = [...runs[i].text];
        if (chars.length === 0) continue;
        chars[position % chars.length] = unit;
        runs[i] = { ...runs[i], text: chars.join('') };
      }
      break;
    }
    default:
  }
  return next;
}

test('property: after every show the screen shows exactly the painted frame, text and attributes', () => {
  fc.assert(
    fc.property(fc.nat(SIZES.length - 1), fc.array(stepArb, { minLength: 1, maxLength: 14 }), (firstSize, steps) => {
      let size = SIZES[firstSize];
      const screen = { model: new ScreenModel(size.width, size.height) };
      const { writer } = writerOn(screen);
      let lines: StyledRun[][] = [];
      writer.show(lines, size.width, size.height);
      steps.forEach((step, i) => {
        if (step.kind === 'resize') {
          const old = screen.model;
          size = SIZES[step.size];
          // A new size: what the terminal shows now is anyone's guess; its attributes are kept.
          if (size.width !== old.columns || size.height !== old.rows) {
            screen.model = new ScreenModel(size.width, size.height);
            screen.model.write(`${ESC}[33m~resized~${ESC}[H`);
            screen.model.current = old.current;
          }
          if (step.invalidate) writer.invalidate();
        } else if (step.kind === 'invalidate') {
          screen.model.write(step.junk); // something else wrote to the terminal
          writer.invalidate();
        } else lines = edit(lines, step);
        writer.show(lines, size.width, size.height);
        assertShows(screen.model, lines, `after step ${i} (${step.kind})`);
      });
    }),
    { seed: 20240611, numRuns: 300, includeErrorInReport: true },
  );
});

// ---- deterministic examples ----

test('an unchanged frame writes nothing', () => {
  const screen = { model: new ScreenModel(20, 3) };
  const { writer, writes } = writerOn(screen);
  const lines: StyledLine[] = [line('peers 4', { bold: true }), [run('日本 '), run('ok', { color: 'green' })], line('▁▂▃▄')];
  writer.show(lines, 20, 3);
  assert.equal(writes.length, 1);
  writer.show(lines.map((l) => l.map((r) => ({ ...r }))), 20, 3);
  assert.equal(writes.length, 1, 'equal lines, new objects: nothing written');
  assertShows(screen.model, lines, 'after two shows');
});

test('invalidate(): the next frame is drawn whole and repairs a disturbed screen', () => {
  const screen = { model: new ScreenModel(20, 3) };
  const { writer, writes } = writerOn(screen);
  const lines: StyledLine[] = [line('title', { color: 'cyan', bold: true }), line(''), line('cpu ▁▂▃', { color: 'green' })];
  writer.show(lines, 20, 3);
  screen.model.write(`${ESC}[2;3H${ESC}[7mstray text${ESC}[1;1Hxx`);
  writer.invalidate();
  writer.show(lines, 20, 3);
  assert.equal(writes.length, 2);
  assert.ok(writes[1].startsWith(CLEAR), JSON.stringify(writes[1]));
  assertShows(screen.model, lines, 'after invalidate');
});

test('a size change makes the next frame a whole repaint of the new size', () => {
  const screen = { model: new ScreenModel(20, 3) };
  const { writer, writes } = writerOn(screen);
  const lines: StyledLine[] = [line('abc'), line('def')];
  writer.show(lines, 20, 3);
  screen.model = new ScreenModel(15, 2);
  writer.show(lines, 15, 2);
  assert.equal(writes.length, 2);
  assert.ok(writes[1].startsWith(CLEAR), JSON.stringify(writes[1]));
  assertShows(screen.model, lines, 'after the resize');
});

test('a full-width row followed by a change elsewhere keeps its last column', () => {
  const screen = { model: new ScreenModel(8, 2) };
  const { writer } = writerOn(screen);
  writer.show([line('abcdefgh'), line('x')], 8, 2);
  writer.show([line('abcdefgh'), line('y')], 8, 2);
  assert.equal(screen.model.rowText(0), 'abcdefgh');
});
