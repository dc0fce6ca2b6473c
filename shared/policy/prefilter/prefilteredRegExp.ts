/**
 * A RegExp that first checks whether a text contains any of the literal strings every match needs (requiredLiterals.ts)
 * and does not run where it does not: most of the policy's large alternations are given long texts that hold none of
 * their words, and proving that by one shared scan is far cheaper than letting each pattern try every position.
 * The check is a necessary condition only, so a decision never changes: a text it lets through is matched as before,
 * and a pattern whose literals cannot be read safely is always run (test/policy/prefilter.test.ts holds every policy
 * pattern to this on a corpus of cases and adversarial texts).
 *
 * The literals of all prefiltered patterns are found together: the patterns made before a first use form one
 * automaton; patterns made later form another at their own first use. What a scan finds is kept per text, so the
 * many patterns given the same sentence (or the same message) scan it once.
 */
import {LiteralScanner} from "./literalScanner";
import {caseFolded, requiredLiterals} from "./requiredLiterals";

/** Texts whose scans are kept (per automaton and case mode); beyond either bound the memory is cleared. */
const MEMO_TEXTS = 2048;
const MEMO_CHARS = 8_000_000;

/** The literals of a batch of patterns, with what their scans found in recent texts. */
class LiteralBatch {
    private scanner?: LiteralScanner;
    private readonly memo = new Map<string, Uint8Array>();
    private memoChars = 0;
    private readonly ids = new Map<string, number>();

    constructor(private readonly caseInsensitive: boolean) {}

    /** The index of a literal in this batch (adding it while the batch is open). */
    id(literal: string): number {
        let id = this.ids.get(literal);
        if (id === undefined) this.ids.set(literal, id = this.ids.size);
        return id;
    }

    /** Which of the batch's literals occur in `text` (the batch is closed at its first scan). */
    found(text: string): Uint8Array {
        let found = this.memo.get(text);
        if (found) return found;
        this.scanner ??= new LiteralScanner([...this.ids.keys()]);
        found = this.scanner.scan(this.caseInsensitive ? caseFolded(text) : text);
        if (this.memo.size >= MEMO_TEXTS || this.memoChars + text.length > MEMO_CHARS) {
            this.memo.clear();
            this.memoChars = 0;
        }
        this.memo.set(text, found);
        this.memoChars += text.length;
        return found;
    }
}

/** A pattern's condition: in its batch, for each clause, the indexes of the literals of which one must occur. */
interface Condition {
    batch: LiteralBatch;
    clauses: readonly Int32Array[];
}

/** null: no condition could be read; the pattern always runs. */
const conditions = new Map<string, Condition | null>();
/** The batches still open to new literals (one per case mode). */
const open: {sensitive?: LiteralBatch; insensitive?: LiteralBatch} = {};
/** Patterns made but not yet used, whose literals join the next batch together. */
const waiting = new Set<string>();

function keyOf(source: string, flags: string): string {
    // g, y and d change where a match is looked for or what it reports, not what can match.
    return `${[...flags].filter((f) => f !== "g" && f !== "y" && f !== "d").join("")}/${source}`;
}

function conditionFor(key: string): Condition | null {
    if (!conditions.has(key)) {
        // Close the open batches (they may have scanned texts already) and put every waiting pattern in new ones.
        open.sensitive = undefined;
        open.insensitive = undefined;
        waiting.add(key);
        for (const k of waiting) {
            const slash = k.indexOf("/");
            const requirement = requiredLiterals(k.slice(slash + 1), k.slice(0, slash));
            if (requirement.clauses.length === 0) {
                conditions.set(k, null);
                continue;
            }
            const batch = requirement.caseInsensitive ? (open.insensitive ??= new LiteralBatch(true)) : (open.sensitive ??= new LiteralBatch(false));
            conditions.set(k, {batch, clauses: requirement.clauses.map((c) => Int32Array.from(c, (literal) => batch.id(literal)))});
        }
        waiting.clear();
    }
    return conditions.get(key) ?? null;
}

/** Whether `text` contains, for each clause of the pattern's condition, one of its literals. */
function allows(condition: Condition, text: string): boolean {
    const found = condition.batch.found(text);
    for (const clause of condition.clauses) {
        let any = false;
        for (let i = 0; i < clause.length && !any; i++) any = found[clause[i]] === 1;
        if (!any) return false;
    }
    return true;
}

/** Whether the prefilter lets the pattern `source`/`flags` run on `text` (false: it cannot match there). */
export function prefilterAllows(source: string, flags: string, text: string): boolean {
    const condition = conditionFor(keyOf(source, flags));
    return condition === null || allows(condition, text);
}

/**
 * A RegExp whose `test` and `exec` answer "no match" at once on a text without the literals any match needs, and
 * otherwise match exactly as RegExp does (a plain twin does the matching, on V8's fast path). String methods that
 * build a new RegExp from it (split, matchAll) get a plain one.
 */
export class PrefilteredRegExp extends RegExp {
    static get [Symbol.species](): RegExpConstructor {
        return RegExp;
    }

    private readonly key: string;
    private condition?: Condition | null;
    private twin?: RegExp;

    constructor(pattern: string | RegExp, flags?: string) {
        super(pattern, flags);
        this.key = keyOf(this.source, this.flags);
        if (!conditions.has(this.key)) waiting.add(this.key);
    }

    private blocks(text: string): boolean {
        if (this.condition === undefined) this.condition = conditionFor(this.key);
        if (this.condition === null || allows(this.condition, text)) return false;
        if (this.global || this.sticky) this.lastIndex = 0; // as a failed match leaves it
        return true;
    }

    private matcher(): RegExp {
        const twin = this.twin ??= new RegExp(this.source, this.flags);
        twin.lastIndex = this.lastIndex;
        return twin;
    }

    override test(text: string): boolean {
        text = String(text);
        if (this.blocks(text)) return false;
        const twin = this.matcher();
        const found = twin.test(text);
        this.lastIndex = twin.lastIndex;
        return found;
    }

    override exec(text: string): RegExpExecArray | null {
        text = String(text);
        if (this.blocks(text)) return null;
        const twin = this.matcher();
        const m = twin.exec(text);
        this.lastIndex = twin.lastIndex;
        return m;
    }
}

/** `re` (a literal or a composed pattern) as a PrefilteredRegExp with the same source and flags. */
export function prefiltered(re: RegExp): PrefilteredRegExp {
    return re instanceof PrefilteredRegExp ? re : new PrefilteredRegExp(re.source, re.flags);
}
