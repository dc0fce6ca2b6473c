/**
 * Merging option objects and checking the numbers in them.
 *
 * Why: `{...defaults, ...options}` lets an explicit `undefined` (an unset flag, an empty setting) erase a default;
 * that once made every answer greedy and every token budget NaN. Options are merged with mergeDefined, and numbers
 * that size budgets are checked with finiteNumber before any arithmetic depends on them.
 */

/** A copy of `o` without the keys whose value is undefined (shallow). */
export function withoutUndefined<T extends object>(o: T): {[K in keyof T]?: Exclude<T[K], undefined>} {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
    return out as {[K in keyof T]?: Exclude<T[K], undefined>};
}

/** Later layers override earlier ones key by key (shallow), but an undefined value never overrides anything. */
export function mergeDefined<T extends object>(base: T, ...layers: (Partial<T> | undefined)[]): T {
    const out = {...base} as Record<string, unknown>;
    for (const layer of layers) {
        if (!layer) continue;
        for (const [k, v] of Object.entries(layer)) if (v !== undefined) out[k] = v;
    }
    return out as T;
}

/** An option whose value is not a usable number. The message names the option and the value, fit for users. */
export class InvalidNumberError extends RangeError {
    constructor(readonly option: string, readonly value: unknown, requirement: string) {
        super(`${option} must be ${requirement} (got ${describeValue(value)})`);
        this.name = "InvalidNumberError";
    }
}

export interface NumberRule {
    min?: number;
    max?: number;
    integer?: boolean;
}

/**
 * Returns `value` when it is a finite number within the rule, else throws InvalidNumberError. Every budget computed
 * from options (tokens left for a prompt, chunk sizes) goes through this, so NaN or Infinity fails loudly at once
 * instead of turning comparisons false and loops endless.
 */
export function finiteNumber(option: string, value: unknown, rule: NumberRule = {}): number {
    const ok = typeof value === "number" && Number.isFinite(value) && (!rule.integer || Number.isInteger(value)) &&
        (rule.min === undefined || value >= rule.min) && (rule.max === undefined || value <= rule.max);
    if (ok) return value as number;
    const kind = rule.integer ? "a whole number" : "a finite number";
    const range = rule.min !== undefined && rule.max !== undefined ? ` from ${rule.min} to ${rule.max}`
        : rule.min !== undefined ? ` of at least ${rule.min}` : rule.max !== undefined ? ` of at most ${rule.max}` : "";
    throw new InvalidNumberError(option, value, kind + range);
}

function describeValue(value: unknown): string {
    if (typeof value === "string") return JSON.stringify(value);
    if (typeof value === "number") return String(value);
    return value === undefined ? "nothing" : typeof value;
}
