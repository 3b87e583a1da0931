// Small, dependency-free statistics for benchmark samples. Medians and min–max rather
// than means and standard deviations: a handful of rounds on a shared 2-core VM has
// outliers, and the reader should see them, not have them averaged in.

export interface Spread {
  median: number;
  min: number;
  max: number;
  /** 10th and 90th percentiles (linear interpolation); equal to min/max for tiny samples. */
  p10: number;
  p90: number;
  n: number;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low] ?? NaN;
  const b = sorted[high] ?? NaN;
  return a + (b - a) * (position - low);
}

export function median(values: readonly number[]): number {
  return quantile([...values].sort((x, y) => x - y), 0.5);
}

export function spread(values: readonly number[]): Spread {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((x, y) => x - y);
  return {
    median: quantile(sorted, 0.5),
    min: sorted[0] ?? NaN,
    max: sorted[sorted.length - 1] ?? NaN,
    p10: quantile(sorted, 0.1),
    p90: quantile(sorted, 0.9),
    n: sorted.length,
  };
}

/** The order tools run in for `round`: rotated each round, so no tool always runs first (cold) or last. */
export function rotation<T>(items: readonly T[], round: number): T[] {
  const k = round % Math.max(items.length, 1);
  return [...items.slice(k), ...items.slice(0, k)];
}
