// The quantiles a user can switch between (keys 1–4), and the set a peer's monitor works out for
// every scrape it keeps: those four and the configured one, so that switching redraws from
// figures computed once.

/** Quantiles the keys 1–4 select. */
export const QUANTILE_KEYS: readonly number[] = [0.5, 0.9, 0.95, 0.99];

/** The keys' quantiles and `configured`, each once, ascending. */
export function keptQuantiles(configured: number): readonly number[] {
  return QUANTILE_KEYS.includes(configured) ? QUANTILE_KEYS : [...QUANTILE_KEYS, configured].sort((a, b) => a - b);
}
