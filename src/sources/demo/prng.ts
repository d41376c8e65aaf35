// Seeded pseudo-random numbers for the demo peer: an sfc32 generator seeded through splitmix32,
// plus the few distributions the simulation draws from (normal, lognormal, Poisson) and the
// normal CDF used to seed histograms analytically. Same seed, same sequence, on every platform.

/** A deterministic source of uniform numbers in [0, 1). */
export interface Prng {
  /** The next uniform number in [0, 1). */
  next(): number;
}

class Sfc32 implements Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const split = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }
}

/** A generator for `seed` (any number; only its low 32 bits matter). */
export function createPrng(seed: number): Prng {
  return new Sfc32(seed);
}

/** A standard normal deviate (Box–Muller, one per call). */
export function normal(rng: Prng): number {
  const u1 = 1 - rng.next();
  const u2 = rng.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** A lognormal deviate with the given median and log-space sigma. */
export function lognormal(rng: Prng, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(rng));
}

/** A Poisson deviate with mean `lambda` (exact below 30, normal approximation above). */
export function poisson(rng: Prng, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda >= 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal(rng)));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** True with probability `p`. */
export function chance(rng: Prng, p: number): boolean {
  return rng.next() < p;
}

/** A uniform integer in [lo, hi]. */
export function intBetween(rng: Prng, lo: number, hi: number): number {
  return lo + Math.floor(rng.next() * (hi - lo + 1));
}

/** The standard normal CDF Φ(x), via erfc (Numerical Recipes, fractional error < 1.2e-7). */
export function normalCdf(x: number): number {
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}
