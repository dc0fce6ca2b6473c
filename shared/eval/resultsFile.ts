/**
 * The --json results file: the run's identity (task, model file, dataset hash, prompt settings), the metrics, and one
 * record per scored question. It is rewritten atomically (temporary file + rename) as questions finish, so Ctrl+C
 * or a crash keeps every finished question; running again with the same file skips the questions it holds (resume).
 */
import * as fsp from "node:fs/promises";
import * as path from "node:path";
import {z} from "zod";
import {aggregate} from "./metrics";

export const RESULTS_FORMAT = "med42-eval/1";

const summarySchema = z.object({value: z.number(), stderr: z.number().nullable()});

const sampleSchema = z.object({
    index: z.number().int().nonnegative(),
    line: z.number().int(),
    sourceId: z.string().optional(),
    gold: z.number().int().nonnegative(),
    choices: z.array(z.string()),
    /** null stands for -Infinity (a token probability that underflowed to 0), which JSON cannot hold. */
    loglikelihoods: z.array(z.number().nullable()),
    greedy: z.array(z.boolean()),
    pred: z.number().int(),
    predNorm: z.number().int(),
    acc: z.union([z.literal(0), z.literal(1)]),
    accNorm: z.union([z.literal(0), z.literal(1)]),
    contextTokens: z.number().int(),
    truncatedTokens: z.number().int()
});

const resultsSchema = z.object({
    format: z.literal(RESULTS_FORMAT),
    task: z.string(),
    selection: z.object({task: z.enum(["medqa", "medmcqa", "mmlu", "pubmedqa"]), subject: z.string().optional()}),
    model: z.object({reference: z.string(), file: z.string(), sizeBytes: z.number()}),
    dataset: z.object({source: z.string(), sha256: z.string(), questions: z.number().int()}),
    settings: z.object({targetDelimiter: z.string(), limit: z.number().int().nullable()}),
    /** True when every question of the selection (first `limit`) is scored. */
    complete: z.boolean(),
    metrics: z.object({n: z.number().int(), acc: summarySchema, acc_norm: summarySchema}).nullable(),
    samples: z.array(sampleSchema),
    updatedAt: z.string()
});

export type SampleRecord = z.infer<typeof sampleSchema>;
export type EvalResults = z.infer<typeof resultsSchema>;
export type ResultsIdentity = Pick<EvalResults, "selection" | "model" | "dataset" | "settings">;

export class ResultsFileError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ResultsFileError";
    }
}

export function toJsonLoglikelihood(value: number): number | null {
    return Number.isFinite(value) ? value : null;
}

/** The results in `file`, or null when it does not exist. An unreadable or foreign file is an error, never overwritten. */
/** A folder given where the results file should go. */
export function resultsFolderMessage(file: string): string {
    return `${file} is a folder: give --json a file name, e.g. ${path.join(file, "results.json")}`;
}

export async function readResults(file: string): Promise<EvalResults | null> {
    let text: string;
    try {
        text = await fsp.readFile(file, "utf8");
    } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
        if ((err as NodeJS.ErrnoException).code === "EISDIR") throw new ResultsFileError(resultsFolderMessage(file));
        throw new ResultsFileError(`cannot read ${file}: ${(err as Error).message}`);
    }
    let json: unknown;
    try { json = JSON.parse(text); } catch {
        throw new ResultsFileError(`${file} exists but is not a med42 eval results file (not JSON); choose another --json path or delete it`);
    }
    const parsed = resultsSchema.safeParse(json);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ResultsFileError(`${file} exists but is not a med42 eval results file (${issue.path.join(".") || "root"}: ${issue.message}); ` +
            "choose another --json path or delete it");
    }
    return parsed.data;
}

/** Why `previous` cannot be resumed under `identity`, or null when it can. */
export function resumeMismatch(previous: EvalResults, identity: ResultsIdentity): string | null {
    const a = previous.selection;
    const b = identity.selection;
    if (a.task !== b.task || (a.subject ?? "") !== (b.subject ?? ""))
        return `it holds results of ${[a.task, a.subject].filter(Boolean).join(" ")}, not ${[b.task, b.subject].filter(Boolean).join(" ")}`;
    if (previous.dataset.sha256 !== identity.dataset.sha256) return `its questions came from a different dataset file (${previous.dataset.source})`;
    if (path.basename(previous.model.file) !== path.basename(identity.model.file) || previous.model.sizeBytes !== identity.model.sizeBytes)
        return `it was scored with another model (${path.basename(previous.model.file)})`;
    if (previous.settings.targetDelimiter !== identity.settings.targetDelimiter) return "it was scored with another --target-delimiter";
    return null;
}

/** The results of a run; metrics are computed here over the samples in index order (so sums never depend on finish order). */
export function buildResults(identity: ResultsIdentity, taskName: string, samples: readonly SampleRecord[], complete: boolean): EvalResults {
    const ordered = [...samples].sort((x, y) => x.index - y.index);
    return {
        format: RESULTS_FORMAT,
        task: taskName,
        ...identity,
        complete,
        metrics: ordered.length > 0 ? aggregate(ordered) : null,
        samples: ordered,
        updatedAt: new Date().toISOString()
    };
}

/** Writes atomically: a reader (or a crash) sees the old file or the new one, never half of one. */
export async function writeResults(file: string, results: EvalResults): Promise<void> {
    await fsp.mkdir(path.dirname(path.resolve(file)), {recursive: true});
    const temporary = `${file}.${process.pid}.tmp`;
    await fsp.writeFile(temporary, JSON.stringify(results, null, 1) + "\n");
    await fsp.rename(temporary, file);
}

