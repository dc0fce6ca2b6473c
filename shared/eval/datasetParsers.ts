/**
 * Parsers for the four benchmark file formats, each turning a file into source questions and rejecting a malformed
 * record with a message that names the file, the line and the field.
 *
 *   medqa     JSONL: {"question", "options": {"A".."D"}, "answer_idx": "A".."D"}   (MedQA USMLE 4-option files)
 *   medmcqa   JSONL: {"question", "opa".."opd", "cop"}                              (MedMCQA; cop 0-3 or 1-4, see below)
 *   mmlu      headerless CSV: question,A,B,C,D,answer                               (MMLU data/test/<subject>_test.csv)
 *   pubmedqa  JSON object: {"<PMID>": {"QUESTION", "CONTEXTS": [...], "final_decision": "yes"|"no"|"maybe"}}
 */
import {parse as parseCsv} from "csv-parse/sync";

export class DatasetFormatError extends Error {
    constructor(readonly file: string, readonly line: number | undefined, readonly field: string | undefined, problem: string) {
        super(`${file}${line != null ? `:${line}` : ""}: ${field ? `field "${field}" ` : ""}${problem}`);
        this.name = "DatasetFormatError";
    }
}

/** One question as the dataset states it, before any prompt is built. */
export interface SourceQuestion {
    /** 1-based line of the file where the record starts. */
    line: number;
    /** The dataset's own identifier when it has one (MedMCQA id, PubMed id). */
    sourceId?: string;
    question: string;
    options: string[];
    /** Index of the correct option. */
    gold: number;
    /** PubMedQA: the abstract's paragraphs. */
    contexts?: string[];
}

const LETTERS = ["A", "B", "C", "D"] as const;

interface JsonRecord { line: number; value: unknown }

/** JSON Lines (one object per line; blank lines skipped); a file that is one JSON array is accepted too. */
function readJsonRecords(text: string, file: string): JsonRecord[] {
    const body = text.replace(/^\uFEFF/, "");
    if (body.trimStart().startsWith("[")) {
        let array: unknown;
        try { array = JSON.parse(body); } catch (err) {
            throw new DatasetFormatError(file, undefined, undefined, `not valid JSON (${(err as Error).message})`);
        }
        if (!Array.isArray(array)) throw new DatasetFormatError(file, 1, undefined, "expected a JSON array of questions");
        // A pretty-printed array has no one line per record; name each item by its 1-based position instead.
        return array.map((value, i) => ({line: i + 1, value}));
    }
    const records: JsonRecord[] = [];
    const lines = body.split(/\r?\n/);
    lines.forEach((raw, i) => {
        if (raw.trim() === "") return;
        let value: unknown;
        try { value = JSON.parse(raw); } catch (err) {
            throw new DatasetFormatError(file, i + 1, undefined, `not valid JSON (${(err as Error).message})`);
        }
        records.push({line: i + 1, value});
    });
    return records;
}

function asObject(value: unknown, file: string, line: number, field?: string): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value))
        throw new DatasetFormatError(file, line, field, `must be a JSON object, got ${describe(value)}`);
    return value as Record<string, unknown>;
}

function describe(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "an array";
    if (typeof value === "string") return JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value);
    return typeof value === "object" ? "an object" : String(value);
}

function requireString(record: Record<string, unknown>, key: string, file: string, line: number, options: {fieldName?: string; allowEmpty?: boolean} = {}): string {
    const value = record[key];
    const field = options.fieldName ?? key;
    if (value === undefined) throw new DatasetFormatError(file, line, field, "is missing");
    if (typeof value !== "string") throw new DatasetFormatError(file, line, field, `must be a string, got ${describe(value)}`);
    if (!options.allowEmpty && value.trim() === "") throw new DatasetFormatError(file, line, field, "is empty");
    return value;
}

function requireNonEmpty<T>(items: T[], file: string, what: string): T[] {
    if (items.length === 0) throw new DatasetFormatError(file, undefined, undefined, `holds no ${what}`);
    return items;
}

/** MedQA (USMLE, 4 options): `options` {A..D}, `answer_idx` the correct letter. */
export function parseMedqa(text: string, file: string): SourceQuestion[] {
    return requireNonEmpty(readJsonRecords(text, file).map(({line, value}) => {
        const record = asObject(value, file, line);
        const question = requireString(record, "question", file, line);
        const options = asObject(record.options, file, line, "options");
        const extra = Object.keys(options).filter((k) => !(LETTERS as readonly string[]).includes(k));
        if (extra.length > 0)
            throw new DatasetFormatError(file, line, "options", `has ${extra.map((k) => `"${k}"`).join(", ")}: the medqa task uses ` +
                "the 4-option MedQA files (options A-D only), e.g. US/4_options/phrases_no_exclude_test.jsonl");
        const texts = LETTERS.map((letter) => requireString(options, letter, file, line, {fieldName: `options.${letter}`}));
        const answer = record.answer_idx;
        if (answer === undefined) throw new DatasetFormatError(file, line, "answer_idx", "is missing");
        const gold = typeof answer === "string" ? (LETTERS as readonly string[]).indexOf(answer.trim()) : -1;
        if (gold < 0) throw new DatasetFormatError(file, line, "answer_idx", `must be "A", "B", "C" or "D", got ${describe(answer)}`);
        return {line, question, options: texts, gold};
    }), file, "questions");
}

/**
 * MedMCQA: `cop` is the correct option's index. The Hugging Face copy (openlifescienceai/medmcqa, used by the harness)
 * counts 0-3; the original release files (and lighteval/med_mcqa) count 1-4. The whole file must use one convention: a
 * 0 anywhere means 0-3, a 4 anywhere means 1-4, both is an error; a file with only 1-3 is read as 0-3 (the harness's).
 */
export function parseMedmcqa(text: string, file: string): SourceQuestion[] {
    const rows = readJsonRecords(text, file).map(({line, value}) => {
        const record = asObject(value, file, line);
        const question = requireString(record, "question", file, line);
        const options = (["opa", "opb", "opc", "opd"] as const).map((key) => requireString(record, key, file, line, {allowEmpty: true}));
        const cop = record.cop;
        if (cop === undefined) throw new DatasetFormatError(file, line, "cop", "is missing");
        const index = typeof cop === "string" && /^\s*\d+\s*$/.test(cop) ? Number(cop) : cop;
        if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index > 4)
            throw new DatasetFormatError(file, line, "cop", `must be the correct option's index (0-3, or 1-4 in the original files), got ${describe(cop)}`);
        const sourceId = typeof record.id === "string" ? record.id : undefined;
        return {line, sourceId, question, options, cop: index};
    });
    requireNonEmpty(rows, file, "questions");
    const zero = rows.find((r) => r.cop === 0);
    const four = rows.find((r) => r.cop === 4);
    if (zero && four) {
        const later = zero.line > four.line ? zero : four;
        throw new DatasetFormatError(file, later.line, "cop", `is ${later.cop}, but line ${later === zero ? four.line : zero.line} has ` +
            `${later === zero ? 4 : 0}: a file must number options 0-3 or 1-4 throughout`);
    }
    const base = four ? 1 : 0;
    return rows.map(({cop, ...rest}) => ({...rest, gold: cop - base}));
}

/** MMLU: headerless CSV rows `question,A,B,C,D,answer` (answer a letter), quoted fields may span lines. */
export function parseMmluCsv(text: string, file: string): SourceQuestion[] {
    const buffer = Buffer.from(text.replace(/^\uFEFF/, ""), "utf8");
    let rows: {record: string[]; info: {bytes: number}}[];
    try {
        rows = parseCsv(buffer, {info: true, relax_column_count: true, skip_empty_lines: true});
    } catch (err) {
        const e = err as Error & {lines?: number; code?: string};
        throw new DatasetFormatError(file, e.lines, undefined, `is not valid CSV: ${e.message.replace(/ at line \d+$/, "")}`);
    }
    // Line numbers: a record starts after the previous record's bytes and any blank lines; count newlines as we go.
    let previousEnd = 0;
    let scanned = 0;
    let newlines = 0;
    const questions = rows.map(({record, info}) => {
        let start = previousEnd;
        while (start < buffer.length && (buffer[start] === 10 || buffer[start] === 13)) start++;
        for (; scanned < start; scanned++) if (buffer[scanned] === 10) newlines++;
        const line = newlines + 1;
        previousEnd = info.bytes;
        if (record.length !== 6)
            throw new DatasetFormatError(file, line, undefined, `has ${record.length} fields; expected 6: question,A,B,C,D,answer`);
        const [question, ...rest] = record;
        const options = rest.slice(0, 4);
        const answer = rest[4].trim();
        if (question.trim() === "") throw new DatasetFormatError(file, line, "question", "is empty");
        const gold = (LETTERS as readonly string[]).indexOf(answer);
        if (gold < 0)
            throw new DatasetFormatError(file, line, "answer", `must be A, B, C or D, got ${describe(answer)}` +
                (line === 1 ? " (MMLU files have no header row)" : ""));
        return {line, question, options, gold};
    });
    return requireNonEmpty(questions, file, "questions");
}

interface TopLevelKey { key: string; line: number }

/**
 * The keys of a top-level JSON object in file order, with their lines. Why: PubMed ids look like integers, and a
 * JavaScript object orders integer-like keys numerically, not as the file lists them; the order decides which
 * questions `--limit` takes.
 */
function topLevelKeysInOrder(text: string): TopLevelKey[] {
    const keys: TopLevelKey[] = [];
    let depth = 0;
    let line = 1;
    let expectKey = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === "\n") { line++; continue; }
        if (c === "\"") {
            const startLine = line;
            let j = i + 1;
            let value = "";
            for (; j < text.length && text[j] !== "\""; j++) {
                if (text[j] === "\\") { value += text[j] + text[j + 1]; j++; continue; }
                if (text[j] === "\n") line++;
                value += text[j];
            }
            if (depth === 1 && expectKey) {
                keys.push({key: JSON.parse(`"${value}"`) as string, line: startLine});
                expectKey = false;
            }
            i = j;
            continue;
        }
        if (c === "{" || c === "[") { depth++; if (depth === 1 && c === "{") expectKey = true; continue; }
        if (c === "}" || c === "]") { depth--; continue; }
        if (c === "," && depth === 1) expectKey = true;
    }
    return keys;
}

const DECISIONS = ["yes", "no", "maybe"] as const;

/**
 * PubMedQA `ori_pqal.json`: PMID → {QUESTION, CONTEXTS, final_decision}. `only`, when given, keeps those PMIDs in that
 * order (the official 500-question test split); otherwise every entry in file order.
 */
export function parsePubmedqa(text: string, file: string, only?: readonly string[]): SourceQuestion[] {
    let root: unknown;
    const body = text.replace(/^\uFEFF/, "");
    try { root = JSON.parse(body); } catch (err) {
        throw new DatasetFormatError(file, undefined, undefined, `not valid JSON (${(err as Error).message})`);
    }
    const entries = asObject(root, file, 1);
    const lines = new Map(topLevelKeysInOrder(body).map((k) => [k.key, k.line]));
    const order = only ?? [...lines.keys()];
    const questions = order.map((id) => {
        const line = lines.get(id) ?? 1;
        if (!(id in entries)) throw new DatasetFormatError(file, undefined, undefined, `has no entry "${id}" (named by the test split)`);
        const entry = asObject(entries[id], file, line, id);
        const question = requireString(entry, "QUESTION", file, line, {fieldName: `${id}.QUESTION`});
        const contexts = entry.CONTEXTS;
        if (!Array.isArray(contexts) || contexts.some((c) => typeof c !== "string"))
            throw new DatasetFormatError(file, line, `${id}.CONTEXTS`, `must be an array of strings, got ${describe(contexts)}`);
        const decision = entry.final_decision;
        const gold = typeof decision === "string" ? (DECISIONS as readonly string[]).indexOf(decision) : -1;
        if (gold < 0)
            throw new DatasetFormatError(file, line, `${id}.final_decision`, `must be "yes", "no" or "maybe", got ${describe(decision)}`);
        return {line, sourceId: id, question, options: [...DECISIONS], gold, contexts: contexts as string[]};
    });
    return requireNonEmpty(questions, file, "questions");
}

/** The PMIDs of PubMedQA's official test split (`test_ground_truth.json`: PMID → answer), in file order. */
export function parsePubmedqaTestIds(text: string, file: string): string[] {
    let root: unknown;
    const body = text.replace(/^\uFEFF/, "");
    try { root = JSON.parse(body); } catch (err) {
        throw new DatasetFormatError(file, undefined, undefined, `not valid JSON (${(err as Error).message})`);
    }
    asObject(root, file, 1);
    return requireNonEmpty(topLevelKeysInOrder(body).map((k) => k.key), file, "ids");
}
