// The one place widths and heights come from: the terminal size, followed through stdout's
// 'resize' events (Ink 6.8's useStdout does not re-render on resize), turned into a layout.

import { useEffect, useMemo, useState } from 'react';
import { useStdout } from 'ink';
import { computeLayout, type DashboardLayout, type TracesRoom } from '../model/dashboard-layout.js';

/** A terminal size in cells. */
export interface TerminalSize {
  readonly columns: number | undefined;
  readonly rows: number | undefined;
}

/** The terminal size, updated on every resize. */
export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState<TerminalSize>(() => ({ columns: stdout.columns, rows: stdout.rows }));
  useEffect(() => {
    const onResize = () => setSize({ columns: stdout.columns, rows: stdout.rows });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}

/** The dashboard layout for the current terminal size (`latencyRows`, `tracesRows`: see LayoutOptions). */
export function useLayout(chartOpen: boolean, traces: TracesRoom = 'compact', latencyRows?: number, tracesRows?: number): DashboardLayout {
  const { columns, rows } = useTerminalSize();
  return useMemo(
    () => computeLayout(columns, rows, { chartOpen, traces, latencyRows, tracesRows }),
    [columns, rows, chartOpen, traces, latencyRows, tracesRows],
  );
}
