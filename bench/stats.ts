/** Small statistics helpers for the benchmark (medians and percentiles of repeated measurements). */

/** The p-th percentile (0..100) by linear interpolation between closest ranks; NaN for no samples. */
export function percentile(values: readonly number[], p: number): number {
    if (values.length === 0) return NaN;
    const sorted = [...values].sort((a, b) => a - b);
    const rank = (p / 100) * (sorted.length - 1);
    const lo = Math.floor(rank);
    const hi = Math.ceil(rank);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export function median(values: readonly number[]): number {
    return percentile(values, 50);
}

/** a / b, or NaN when either is not a positive finite number. */
export function ratio(a: number, b: number): number {
    return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN;
}
