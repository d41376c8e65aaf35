// Duration texts of Jaeger UI, from integer microseconds: the compact form of the current UI
// (`47.9ms`, `412ms`, `30.0s`) and the classic form of jaeger-ui 1.x–2.x (`47.88ms`, `30s`,
// `2d 3h`). Both use the Greek letter mu in `μs`, as Jaeger UI does.

const MS = 1000;
const S = 1000 * MS;
const MIN = 60 * S;
const H = 60 * MIN;
const D = 24 * H;

/** Steps of the classic form: unit, size in µs, and how many make the next larger unit. */
const STEPS: readonly { unit: string; us: number; ofPrevious: number }[] = [
  { unit: 'd', us: D, ofPrevious: 24 },
  { unit: 'h', us: H, ofPrevious: 60 },
  { unit: 'm', us: MIN, ofPrevious: 60 },
  { unit: 's', us: S, ofPrevious: 1000 },
  { unit: 'ms', us: MS, ofPrevious: 1000 },
  { unit: 'μs', us: 1, ofPrevious: 1000 },
];

/** Current Jaeger UI (`formatDurationCompact`): 2 significant digits under 10, 3 under 100, then whole units. */
export function formatDurationCompact(us: number): string {
  if (us < MS) return `${Math.round(us)}μs`;
  const ms = us / MS;
  if (ms < 1000) return `${compact(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${compact(s)}s`;
  return `${compact(s / 60)}m`;
}

/** Classic Jaeger UI (`formatDuration`): `1.73ms`, `412.32ms`, `30s`, `1m 30s`, `2d 3h`. */
export function formatDurationClassic(us: number): string {
  let i = 0;
  while (i < STEPS.length - 1 && STEPS[i].us > us) i++;
  const primary = STEPS[i];
  if (primary.ofPrevious === 1000) return `${roundTo(us / primary.us, 2)}${primary.unit}`;
  const secondary = STEPS[i + 1];
  const whole = Math.floor(us / primary.us);
  const rest = Math.round((us / secondary.us) % primary.ofPrevious);
  return rest === 0 ? `${whole}${primary.unit}` : `${whole}${primary.unit} ${rest}${secondary.unit}`;
}

function compact(v: number): string {
  return v < 10 ? v.toPrecision(2) : v < 100 ? v.toPrecision(3) : String(Math.round(v));
}

/** Rounds half away from zero at `digits` decimals by shifting the decimal exponent (no 1.005 drift). */
export function roundTo(value: number, digits: number): number {
  const [mantissa, exp = '0'] = String(value).split('e');
  const shifted = Math.round(Number(`${mantissa}e${Number(exp) + digits}`));
  const [m2, e2 = '0'] = String(shifted).split('e');
  return Number(`${m2}e${Number(e2) - digits}`);
}
