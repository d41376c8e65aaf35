// How long ago a trace started, in the compact form every trace view prints (the live list, the
// waterfall's header and the `--once` traces table): `0s ago`, `12s ago`, `34m ago`, `2h ago`,
// `3d ago`, and `in 5s` for a start ahead of our clock. At most 8 cells, so it fits narrow columns.

/** `12s ago`, `34m ago`, `2h ago`, `3d ago` (whole units, rounded down past a minute), or `in 5s`, for a time `atMs` seen at `nowMs`. */
export function relativeAge(atMs: number, nowMs: number): string {
  const seconds = Math.round((nowMs - atMs) / 1000);
  const a = Math.abs(seconds);
  const text = a < 60 ? `${a}s` : a < 3600 ? `${Math.floor(a / 60)}m` : a < 86_400 ? `${Math.floor(a / 3600)}h` : `${Math.floor(a / 86_400)}d`;
  return seconds < 0 ? `in ${text}` : `${text} ago`;
}
