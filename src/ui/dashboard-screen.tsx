// The whole screen, drawn from the view-model: paints it (dashboard-lines) and hands the frame
// to the screen writer from ScreenContext after each commit in which the view-model changed.
//
// Why not Ink's own <Box>/<Text>: Ink 6.8 lays out, re-tokenizes and re-measures every cell of
// the screen for every frame, changed or not (6–25 ms a frame at 120×40, more than htop spends
// in a second), then rewrites each changed line whole. The screen writer compares cells and
// sends only changed runs. Ink still hosts the React tree, its hooks and the keyboard.

import { memo } from 'react';
import type { DashboardView } from '../model/dashboard-view.js';
import { dashboardLines } from './dashboard-lines.js';
import { useFrame } from './use-frame.js';

/** Props of DashboardScreen. */
export interface DashboardScreenProps {
  /** Everything to draw. */
  readonly view: DashboardView;
  /** Colours on or off. */
  readonly color: boolean;
}

/** Draws the dashboard through the ScreenContext's sink; renders nothing into Ink's tree. */
export const DashboardScreen = memo(function DashboardScreen({ view, color }: DashboardScreenProps) {
  useFrame(view, color, dashboardLines);
  return null;
});
