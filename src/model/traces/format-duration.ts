// The duration text of every trace view (the live list, waterfall, span details and the
// `--once` traces table), from microseconds, in the compact form of the current Jaeger UI that
// fits narrow cells: `53μs`, `47.9ms`, `412ms`, `30.0s`, `5.8m`. The micro sign is the Greek
// letter mu, as Jaeger UI prints it, or `u` with ASCII glyphs.

const MS = 1000;

/** 2 significant digits under 10, 3 under 100, then whole units: `53μs`, `4.0ms`, `13.7ms`, `412ms`, `5.8m`. */
export function formatDurationCompact(us: number, micro = 'μ'): string {
  if (us < MS) return `${Math.round(us)}${micro}s`;
  const ms = us / MS;
  if (ms < 1000) return `${compact(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${compact(s)}s`;
  return `${compact(s / 60)}m`;
}

function compact(v: number): string {
  return v < 10 ? v.toPrecision(2) : v < 100 ? v.toPrecision(3) : String(Math.round(v));
}
