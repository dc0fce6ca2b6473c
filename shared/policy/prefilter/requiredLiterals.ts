/**
 * The literal strings a regular expression's matches must contain, read from its syntax tree: a necessary condition,
 * so a text that contains none of them cannot match and the pattern need not run on it (see prefilteredRegExp.ts).
 *
 * The answer is a conjunction of clauses, each a set of strings one of which every match contains. It is derived
 * only where it is certain: anything the analysis does not model exactly (a class of many characters, a repetition
 * that may be absent, a back-reference, an inline modifier, a non-ASCII letter under the `i` flag) contributes no
 * clause, so a pattern it cannot read gets no clause at all and always runs. Under the `i` flag the strings are lower
 * case and hold only ASCII characters, and are looked for in `caseFolded(text)`: an ASCII letter is matched there by
 * its own lower case (the two non-ASCII letters that match one under the `u` flag, KELVIN SIGN and LONG S, are folded
 * to it too), so a text the pattern can match always contains one of the strings.
 */
import type {AST, RegExpParser} from "@eslint-community/regexpp";

/** Most strings kept for the exact set of one part of a pattern (beyond it the part is only a clause). */
const EXACT_LIMIT = 64;
/** Most characters a character class may hold to count as a choice of literal characters (\d's ten included). */
const CLASS_LIMIT = 10;
const DIGITS: ReadonlySet<string> = new Set("0123456789");
/** Most clauses kept per pattern (the most selective ones): each is checked on every text the pattern is given. */
const CLAUSE_LIMIT = 12;
/**
 * Strings are cut to this many UTF-16 code units (a text that contains a string contains its beginning): longer ones
 * add little selectivity and make the automaton that finds them many times larger.
 */
const LITERAL_LIMIT = 8;

export interface LiteralRequirement {
    /** Strings are lower case and to be looked for in `caseFolded(text)` (the pattern has the `i` flag). */
    readonly caseInsensitive: boolean;
    /**
     * Every match contains, for each clause, at least one of its strings (each at most LITERAL_LIMIT code units).
     * No clause: no condition (always run).
     */
    readonly clauses: readonly (readonly string[])[];
}

/** The text an `i`-flag requirement is looked for in: lower case, LONG S folded to "s" (see the module comment). */
export function caseFolded(text: string): string {
    const lower = text.toLowerCase();
    return lower.includes("\u017f") ? lower.replaceAll("\u017f", "s") : lower;
}

/** What one part of a pattern matches: every string, where few, and the clauses any of its matches satisfies. */
interface Info {
    /** All the strings this part can match (zero-width parts: the empty string), or null where unknown or too many. */
    exact: ReadonlySet<string> | null;
    clauses: ReadonlySet<string>[];
}

const EMPTY: ReadonlySet<string> = new Set([""]);
const UNKNOWN: Info = {exact: null, clauses: []};

function product(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> | null {
    if (a.size * b.size > EXACT_LIMIT) return null;
    const out = new Set<string>();
    for (const x of a) for (const y of b) out.add(x + y);
    return out;
}

/** A clause is useless when it holds the empty string (every text contains it). */
function usable(clause: ReadonlySet<string>): boolean {
    return clause.size > 0 && !clause.has("");
}

/** Higher is more selective: longer shortest string first, then fewer strings. */
function score(clause: ReadonlySet<string>): number {
    let shortest = Infinity;
    for (const s of clause) shortest = Math.min(shortest, s.length);
    return Math.min(shortest, 8) * 1e6 - clause.size;
}

/** The most selective condition a part's matches satisfy, or null when it has none. */
function bestClause(info: Info): ReadonlySet<string> | null {
    const candidates = info.exact && usable(info.exact) ? [...info.clauses, info.exact] : info.clauses;
    let best: ReadonlySet<string> | null = null;
    for (const c of candidates) if (usable(c) && (!best || score(c) > score(best))) best = c;
    return best;
}

class Analysis {
    constructor(private readonly caseInsensitive: boolean) {}

    /** The string a pattern character matches, or null where it matches more than the analysis can name. */
    private char(codePoint: number): string | null {
        if (!this.caseInsensitive) return String.fromCodePoint(codePoint);
        return codePoint <= 0x7f ? String.fromCharCode(codePoint).toLowerCase() : null;
    }

    private characterClass(node: AST.CharacterClass): Info {
        if (node.negate || node.unicodeSets) return UNKNOWN;
        const chars = new Set<string>();
        for (const e of node.elements) {
            if (e.type === "Character") {
                const c = this.char(e.value);
                if (c === null) return UNKNOWN;
                chars.add(c);
            } else if (e.type === "CharacterClassRange") {
                if (e.max.value - e.min.value >= CLASS_LIMIT) return UNKNOWN;
                for (let cp = e.min.value; cp <= e.max.value; cp++) {
                    const c = this.char(cp);
                    if (c === null) return UNKNOWN;
                    chars.add(c);
                }
            } else if (e.type === "CharacterSet" && e.kind === "digit" && !e.negate) {
                for (const d of DIGITS) chars.add(d);
            } else {
                return UNKNOWN;
            }
            if (chars.size > CLASS_LIMIT) return UNKNOWN;
        }
        return {exact: chars, clauses: []};
    }

    private sequence(elements: readonly AST.Element[]): Info {
        const clauses: ReadonlySet<string>[] = [];
        let run: ReadonlySet<string> = EMPTY; // the strings of the current stretch of exactly known parts
        let whole: ReadonlySet<string> | null = EMPTY; // the strings of all parts, while all are known
        const flush = () => {
            if (usable(run)) clauses.push(run);
            run = EMPTY;
        };
        for (const element of elements) {
            const info = this.element(element);
            clauses.push(...info.clauses);
            if (info.exact) {
                const joined = product(run, info.exact);
                if (joined) {
                    run = joined;
                } else {
                    flush();
                    run = info.exact;
                }
                whole = whole && product(whole, info.exact);
            } else {
                flush();
                whole = null;
            }
        }
        if (whole === null) flush();
        return {exact: whole, clauses};
    }

    private alternatives(alternatives: readonly AST.Alternative[]): Info {
        const infos = alternatives.map((a) => this.sequence(a.elements));
        if (infos.length === 1) return infos[0];
        let exact: Set<string> | null = new Set();
        for (const info of infos) {
            if (!info.exact || !exact) {
                exact = null;
                break;
            }
            for (const s of info.exact) exact.add(s);
            if (exact.size > EXACT_LIMIT) exact = null;
        }
        if (exact) return {exact, clauses: []}; // the strings themselves say more than any clause
        // Each alternative needs its own best clause, so every match contains one string of their union.
        const union = new Set<string>();
        for (const info of infos) {
            const best = bestClause(info);
            if (!best) return {exact, clauses: []};
            for (const s of best) union.add(s);
        }
        return {exact, clauses: [union]};
    }

    private quantifier(node: AST.Quantifier): Info {
        const inner = this.element(node.element);
        if (node.min === 0) {
            // May be absent: nothing is required, and the strings are known only for "?".
            const exact = node.max === 1 && inner.exact ? new Set([...inner.exact, ""]) : null;
            return {exact: exact && exact.size <= EXACT_LIMIT ? exact : null, clauses: []};
        }
        const clauses = [...inner.clauses];
        if (!inner.exact) return {exact: null, clauses};
        // The first `min` repetitions are always there, one after another.
        let first: ReadonlySet<string> | null = EMPTY;
        for (let i = 0; i < node.min && first; i++) first = product(first, inner.exact);
        if (node.min === node.max && first) return {exact: first, clauses};
        clauses.push(first ?? inner.exact);
        return {exact: null, clauses};
    }

    element(node: AST.Element): Info {
        switch (node.type) {
            case "Character": {
                const c = this.char(node.value);
                return c === null ? UNKNOWN : {exact: new Set([c]), clauses: []};
            }
            case "CharacterClass":
                return this.characterClass(node);
            case "CharacterSet":
                // \d is [0-9] under every flag; the other escapes (\w, \s, ., \p{...}) hold too many characters.
                return node.kind === "digit" && !node.negate ? {exact: DIGITS, clauses: []} : UNKNOWN;
            case "Group":
                // An inline modifier ("(?i:...)") changes how its part matches: not modelled.
                return node.modifiers ? UNKNOWN : this.alternatives(node.alternatives);
            case "CapturingGroup":
                return this.alternatives(node.alternatives);
            case "Quantifier":
                return this.quantifier(node);
            case "Assertion":
                if (node.kind === "lookahead" || node.kind === "lookbehind") {
                    // Zero-width; what a positive lookaround needs is still somewhere in the text.
                    const best = node.negate ? null : bestClause(this.alternatives(node.alternatives));
                    return {exact: EMPTY, clauses: best ? [best] : []};
                }
                return {exact: EMPTY, clauses: []};
            default:
                // Back-references: not modelled.
                return UNKNOWN;
        }
    }

    pattern(node: AST.Pattern): ReadonlySet<string>[] {
        const info = this.alternatives(node.alternatives);
        const all = info.exact ? [...info.clauses, info.exact] : info.clauses;
        const seen = new Set<string>();
        const clauses: ReadonlySet<string>[] = [];
        const cut = all.filter(usable).map((c) => new Set([...c].map((s) => s.slice(0, LITERAL_LIMIT))));
        for (const c of cut.sort((a, b) => score(b) - score(a))) {
            const key = [...c].sort().join("\u0000");
            if (seen.has(key)) continue;
            seen.add(key);
            clauses.push(c);
        }
        return clauses.slice(0, CLAUSE_LIMIT);
    }
}

/**
 * regexpp's parser, loaded at the first pattern analysed: a process whose patterns are all in the shipped table
 * (shippedLiterals.ts) never loads it.
 */
let parser: RegExpParser | undefined;

/** The literal strings every match of `source` with `flags` contains (see LiteralRequirement). */
export function requiredLiterals(source: string, flags: string): LiteralRequirement {
    const caseInsensitive = flags.includes("i");
    let ast: AST.Pattern;
    try {
        parser ??= new (require("@eslint-community/regexpp") as typeof import("@eslint-community/regexpp")).RegExpParser();
        ast = parser.parsePattern(source, 0, source.length, {unicode: flags.includes("u"), unicodeSets: flags.includes("v")});
    } catch {
        return {caseInsensitive, clauses: []}; // a syntax the parser does not know: no condition, the pattern always runs
    }
    return {caseInsensitive, clauses: new Analysis(caseInsensitive).pattern(ast).map((c) => [...c])};
}
