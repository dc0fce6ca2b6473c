/**
 * A RegExp that first checks whether a text contains any of the literal strings every match needs (requiredLiterals.ts;
 * for the policy's own patterns read from a table generated at build time, shippedLiterals.ts) and does not run where
 * it does not: most of the policy's large alternations are given long texts that hold none of their words, and proving
 * that by one shared scan is far cheaper than letting each pattern try every position.
 * The check is a necessary condition only, so a decision never changes: a text it lets through is matched as before,
 * and a pattern whose literals cannot be read safely is always run (test/policy/prefilter.test.ts holds every policy
 * pattern to this on a corpus of cases and adversarial texts).
 *
 * The literals of all prefiltered patterns are found together: the patterns made before a first use form one
 * automaton (per case mode and script); patterns made later form another at their own first use. What a scan finds,
 * and each pattern's verdict, is kept per text until the decision ends, so the many patterns given the same sentence
 * (or the same message) scan it once.
 */
import {LiteralScanner} from "./literalScanner";
import {caseFolded} from "./requiredLiterals";
import {literalKey, requiredLiteralsOf} from "./shippedLiterals";

/** Texts up to this length are remembered by value (longer ones V8 hashes by length alone, so looking them up is slow). */
const HASHED_TEXT_MAX = 16_000;
/** Remembered texts per batch: beyond either bound the memory is cleared. */
const MEMO_TEXTS = 4096;
const MEMO_CHARS = 4_000_000;
/** Long texts remembered per batch, looked up by identity first. */
const LONG_TEXTS = 6;

/** Every batch made (a handful: one per case mode and script, per generation of patterns). */
const BATCHES: {forget(): void}[] = [];

/** What one batch's scan found in one text, and the verdicts on its patterns asked so far. */
interface Scanned {
    found: Uint8Array;
    /** Per pattern of the batch: 0 not asked yet, 1 may match, 2 cannot match. */
    verdicts: Uint8Array;
}

/** The literals of a batch of patterns, and what their scans found in the texts of the current message. */
class LiteralBatch {
    private scanner?: LiteralScanner;
    private readonly ids = new Map<string, number>();
    private patterns = 0;
    private readonly memo = new Map<string, Scanned>();
    private memoChars = 0;
    private long: {text: string; scanned: Scanned}[] = [];

    constructor(private readonly caseInsensitive: boolean) {
        BATCHES.push(this);
    }

    /** The index of a literal in this batch (adding it while the batch is open). */
    id(literal: string): number {
        let id = this.ids.get(literal);
        if (id === undefined) this.ids.set(literal, id = this.ids.size);
        return id;
    }

    /** A place for one more pattern's verdicts (while the batch is open). */
    slot(): number {
        return this.patterns++;
    }

    /** What the scan finds in `text` (the batch is closed at its first scan). */
    scanned(text: string): Scanned {
        if (text.length > HASHED_TEXT_MAX) {
            // Most recent first: the text asked about is nearly always the one just asked about, and comparing it
            // with itself is immediate, where comparing two long texts that differ late is not.
            const i = this.long.findIndex((l) => l.text === text);
            if (i >= 0) {
                const hit = this.long[i];
                if (i > 0) this.long = [hit, ...this.long.slice(0, i), ...this.long.slice(i + 1)];
                return hit.scanned;
            }
        } else {
            const known = this.memo.get(text);
            if (known) return known;
        }
        this.scanner ??= new LiteralScanner([...this.ids.keys()]);
        const scanned = {found: this.scanner.scan(this.caseInsensitive ? caseFolded(text) : text), verdicts: new Uint8Array(this.patterns)};
        if (text.length > HASHED_TEXT_MAX) {
            this.long = [{text, scanned}, ...this.long.slice(0, LONG_TEXTS - 1)];
            return scanned;
        }
        if (this.memo.size >= MEMO_TEXTS || this.memoChars + text.length > MEMO_CHARS) this.forget();
        this.memo.set(text, scanned);
        this.memoChars += text.length;
        return scanned;
    }

    forget(): void {
        this.memo.clear();
        this.memoChars = 0;
        this.long = [];
    }
}

/**
 * Forgets the texts scanned so far. The policy engine calls it after each decision, so no message is kept in memory
 * beyond its own decision (and each decision pays for its own scans).
 */
export function forgetScannedTexts(): void {
    for (const batch of BATCHES) batch.forget();
    for (const re of REMEMBERING) re.lastText = undefined;
    REMEMBERING.length = 0;
}

/** The patterns holding a last text (see PrefilteredRegExp.blocks). */
const REMEMBERING: {lastText?: string}[] = [];

/** A pattern's condition: in its batch, for each clause, the indexes of the literals of which one must occur. */
interface Condition {
    batch: LiteralBatch;
    slot: number;
    clauses: readonly Int32Array[];
}

/** null: no condition could be read; the pattern always runs. */
const conditions = new Map<string, Condition | null>();
/**
 * The batches still open to new patterns: one per case mode, and apart those with literals outside ASCII (the
 * vocabularies of other scripts), whose many letters would widen the automaton of all the others.
 */
const open = new Map<string, LiteralBatch>();
/** Patterns made but not yet used, whose literals join the next batches together. */
const waiting = new Set<string>();

function isAscii(s: string): boolean {
    for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
    return true;
}

function conditionFor(key: string): Condition | null {
    if (!conditions.has(key)) {
        // Close the open batches (they may have scanned texts already) and put every waiting pattern in new ones.
        open.clear();
        waiting.add(key);
        for (const k of waiting) {
            const requirement = requiredLiteralsOf(k);
            if (requirement.clauses.length === 0) {
                conditions.set(k, null);
                continue;
            }
            const kind = `${requirement.caseInsensitive}/${requirement.clauses.every((c) => c.every(isAscii))}`;
            let batch = open.get(kind);
            if (!batch) open.set(kind, batch = new LiteralBatch(requirement.caseInsensitive));
            const b = batch;
            conditions.set(k, {batch: b, slot: b.slot(), clauses: requirement.clauses.map((c) => Int32Array.from(c, (literal) => b.id(literal)))});
        }
        waiting.clear();
    }
    return conditions.get(key) ?? null;
}

/** Whether `text` contains, for each clause of the pattern's condition, one of its literals. */
function allows(condition: Condition, text: string): boolean {
    const scanned = condition.batch.scanned(text);
    const verdict = scanned.verdicts[condition.slot];
    if (verdict !== 0) return verdict === 1;
    const {found} = scanned;
    let all = true;
    for (const clause of condition.clauses) {
        let any = false;
        for (let i = 0; i < clause.length && !any; i++) any = found[clause[i]] === 1;
        if (!any) {
            all = false;
            break;
        }
    }
    scanned.verdicts[condition.slot] = all ? 1 : 2;
    return all;
}

/** Whether the prefilter lets the pattern `source`/`flags` run on `text` (false: it cannot match there). */
export function prefilterAllows(source: string, flags: string, text: string): boolean {
    const condition = conditionFor(literalKey(source, flags));
    return condition === null || allows(condition, text);
}

/**
 * A RegExp whose `test`, `exec`, and String's `match`, `replace` and `search` with it, answer "no match" at once on a
 * text without the literals any match needs, and otherwise match exactly as RegExp does (a plain twin does the
 * matching, on V8's fast path). String methods that build a new RegExp from it (split, matchAll) get a plain one.
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
        this.key = literalKey(this.source, this.flags);
        if (!conditions.has(this.key)) waiting.add(this.key);
    }

    /** The last text this pattern was asked about and whether it may match there (a loop over matches asks again). */
    lastText?: string;
    lastAllowed = false;

    private blocks(text: string): boolean {
        if (this.condition === undefined) this.condition = conditionFor(this.key);
        if (this.condition === null) return false;
        let allowed: boolean;
        if (text === this.lastText) {
            allowed = this.lastAllowed;
        } else {
            allowed = allows(this.condition, text);
            if (this.lastText === undefined) REMEMBERING.push(this);
            this.lastText = text;
            this.lastAllowed = allowed;
        }
        if (allowed) return false;
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

    // String.prototype.match, replace and search, on the twin (V8's fast path) where the text may match.
    override [Symbol.match](text: string): RegExpMatchArray | null {
        text = String(text);
        if (this.blocks(text)) return null;
        const twin = this.matcher();
        const m = twin[Symbol.match](text);
        this.lastIndex = twin.lastIndex;
        return m;
    }

    override [Symbol.replace](text: string, replacement: string | ((substring: string, ...args: any[]) => string)): string {
        text = String(text);
        if (this.blocks(text)) return text;
        const twin = this.matcher();
        const out = twin[Symbol.replace](text, replacement as string);
        this.lastIndex = twin.lastIndex;
        return out;
    }

    override [Symbol.search](text: string): number {
        text = String(text);
        if (this.blocks(text)) return -1;
        return this.matcher()[Symbol.search](text); // search leaves lastIndex as it was
    }
}

/** `re` (a literal or a composed pattern) as a PrefilteredRegExp with the same source and flags. */
export function prefiltered(re: RegExp): PrefilteredRegExp {
    return re instanceof PrefilteredRegExp ? re : new PrefilteredRegExp(re.source, re.flags);
}
