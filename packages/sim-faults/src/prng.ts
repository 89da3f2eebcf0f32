/** mulberry32: a tiny seeded PRNG; the same seed gives the same numbers in [0, 1), run after run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed for the n-th rule from the run's seed, so rules draw independent sequences. */
export function ruleSeed(baseSeed: number, n: number): number {
  return (Math.imul(baseSeed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(n + 1, 0xc2b2ae35)) >>> 0;
}
