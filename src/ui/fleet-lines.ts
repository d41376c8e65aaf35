// The fleet screen painted from its view-model: the two header lines, the peer list (selected
// row highlighted), the fleet latency pane, the selected peer's status line and the key line —
// with the `?` help in place of the lists when it is open; or just the "terminal too small" line.

import type { FleetCell } from '../model/fleet-columns.js';
import { COLUMN_GAP } from '../model/fleet-columns.js';
import type { FleetView } from '../model/fleet-view.js';
import { helpOverlayLines } from './help-overlay.js';
import { keyLine } from './key-line.js';
import { paneTitleLine, segmentLine } from './pane-title.js';
import { line, type StyledLine, type StyledRun } from './styled-line.js';
import { captionStyle, PLAIN, selectedStyle, toneStyle } from './theme.js';

/** Every line of the frame, `view.height` of them. */
export function fleetLines(view: FleetView, color: boolean): StyledLine[] {
  if (view.tooSmall !== null) return [line(view.tooSmall, { bold: true })];
  const out: StyledLine[] = view.header.map((segments) => segmentLine(segments, color));
  if (view.help !== null) return withKeys([...out, ...helpOverlayLines(view.help, color)], view, color);
  out.push(paneTitleLine(view.peersTitle, color));
  out.push([{ text: '  ', style: PLAIN }, ...cellsLine(view.caption, color)]);
  for (const row of view.rows) {
    const marker: StyledRun = { text: row.marker, style: row.selected ? selectedStyle(true) : PLAIN };
    const cells = cellsLine(row.cells, color);
    out.push(row.selected ? [marker, ...cells.map((r) => (r.text.trim() === '' ? r : { ...r, style: { ...r.style, ...selectedStyle(true) } }))] : [marker, ...cells]);
  }
  const latencyAt = view.height - 3 - view.latencyLines.length;
  while (out.length < latencyAt) out.push([]);
  out.push(paneTitleLine(view.latencyTitle, color));
  view.latencyLines.forEach((text, i) => out.push(line(text, i === 0 ? captionStyle(color) : PLAIN)));
  out.push(segmentLine(view.status, color));
  return withKeys(out, view, color);
}

/** `lines` fitted to the rows above the key line, then the key line. */
function withKeys(lines: readonly StyledLine[], view: FleetView, color: boolean): StyledLine[] {
  const frame = lines.slice(0, Math.max(0, view.height - 1));
  while (frame.length < view.height - 1) frame.push([]);
  if (view.height >= 2) frame.push(keyLine(view.keys, color));
  return frame;
}

/** Cells with a gap between each two. */
function cellsLine(cells: readonly FleetCell[], color: boolean): StyledRun[] {
  const runs: StyledRun[] = [];
  // A loop, not a closure made per row and frame (see src/feed/fleet-monitor.ts).
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) runs.push({ text: ' '.repeat(COLUMN_GAP), style: PLAIN });
    runs.push({ text: cells[i].text, style: toneStyle(cells[i].tone, color) });
  }
  return runs;
}
