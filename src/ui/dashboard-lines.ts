// The whole screen painted from the view-model: the header, the visible panes (or the help
// overlay) and the key line on the frame's last row; or just the "terminal too small" line.

import type { DashboardView } from '../model/dashboard-view.js';
import { chartPaneLines } from './chart-pane.js';
import { clusterPaneLines } from './cluster-pane.js';
import { helpOverlayLines } from './help-overlay.js';
import { keyLine } from './key-line.js';
import { latencyPaneLines } from './latency-pane.js';
import { segmentLine } from './pane-title.js';
import { line, type StyledLine } from './styled-line.js';
import { tracesPaneLines } from './traces-pane.js';

/** Every line of the frame, `view.height` of them. */
export function dashboardLines(view: DashboardView, color: boolean): StyledLine[] {
  if (view.tooSmall !== null) return [line(view.tooSmall, { bold: true })];
  const body: StyledLine[] = [];
  if (view.help !== null) body.push(...helpOverlayLines(view.help, color));
  if (view.cluster !== null) body.push(...clusterPaneLines(view.cluster, color));
  if (view.latency !== null) body.push(...latencyPaneLines(view.latency, color));
  if (view.chart !== null) body.push(...chartPaneLines(view.chart, color));
  if (view.traces !== null) body.push(...tracesPaneLines(view.traces, color));
  const room = Math.max(0, view.height - 2);
  const out = [segmentLine(view.header.segments, color), ...body.slice(0, room)];
  while (out.length < view.height - 1) out.push([]);
  if (view.height >= 2) out.push(keyLine(view.keys, color));
  return out;
}
