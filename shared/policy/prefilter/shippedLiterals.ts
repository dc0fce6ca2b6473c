/**
 * The required literals of the policy's patterns, read from a table generated at build time
 * (requiredLiterals.generated.ts, written by `npm run generate:prefilter`) instead of being worked out from each
 * pattern's syntax tree when a process first decides. Working them out took 0.2-0.4 s of CPU, nearly all of a one-shot
 * `med42 policy` or `med42 ask` decision (issue 17); the long-running front ends paid it once.
 *
 * The table is keyed by a hash of the pattern's source and the flags that change what it matches. A pattern it does
 * not hold (a policy file's own terms, a pattern added since the table was generated) is analysed here as before
 * (requiredLiterals.ts): a stale table costs time, never a decision. test/policy/prefilterTable.test.ts fails while the
 * table differs from what the analysis reads in the current patterns.
 */
import * as crypto from "node:crypto";
import {REQUIRED_LITERALS} from "./requiredLiterals.generated";
import {requiredLiterals, type LiteralRequirement} from "./requiredLiterals";

/**
 * The key the prefilter knows a pattern by: its source and the flags that change what can match (g, y and d change
 * where a match is looked for or what it reports, not what can match).
 */
export function literalKey(source: string, flags: string): string {
    return `${[...flags].filter((f) => f !== "g" && f !== "y" && f !== "d").join("")}/${source}`;
}

/** The table's key for a pattern's literalKey: 128 bits of its SHA-256 (the sources themselves would double the table). */
export function literalTableHash(key: string): string {
    return crypto.createHash("sha256").update(key).digest("hex").slice(0, 32);
}

/** The keys whose literals were worked out because the table did not hold them, in this process. */
const misses: string[] = [];

/** The literals every match of the pattern with this literalKey contains: from the shipped table, else analysed. */
export function requiredLiteralsOf(key: string): LiteralRequirement {
    const slash = key.indexOf("/");
    const flags = key.slice(0, slash);
    const shipped = REQUIRED_LITERALS[literalTableHash(key)];
    if (shipped) return {caseInsensitive: flags.includes("i"), clauses: shipped};
    misses.push(key);
    return requiredLiterals(key.slice(slash + 1), flags);
}

/** The patterns (literalKeys) this process analysed because the shipped table lacked them (for the table's test). */
export function literalTableMisses(): readonly string[] {
    return misses;
}
