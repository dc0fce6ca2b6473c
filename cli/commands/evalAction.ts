/**
 * What `med42 eval` does once it runs (eval.ts registers the command and loads this module then): picks the
 * questions, scores them locally or on a server with progress and resumable results, and prints the table.
 */
import * as fsp from "node:fs/promises";
import * as path from "node:path";
import {SingleBar} from "cli-progress";
import {checkThreadsVariable} from "../assistantOptions";
import {CliError} from "../cliError";
import {withInterrupt} from "../readInput";
import type {GpuChoice} from "../../shared/engine/llamaRuntime";
import {DatasetDownloadError} from "../../shared/eval/datasetDownload";
import {loadDataset, type LoadedDataset} from "../../shared/eval/datasetLoader";
import {DatasetFormatError} from "../../shared/eval/datasetParsers";
import {runEval} from "../../shared/eval/evalRunner";
import {aggregate, type TaskMetrics} from "../../shared/eval/metrics";
import {buildResults, readResults, resultsFolderMessage, resumeMismatch, ResultsFileError, writeResults, type EvalResults, type ResultsIdentity,
    type SampleRecord} from "../../shared/eval/resultsFile";
import {EVAL_TASKS, harnessTaskName, isEvalTask, isMmluSubject, MMLU_SUBJECTS, type TaskSelection} from "../../shared/eval/tasks";
import {ModelDownloadError, ModelFileError, ModelNotDownloadedError, ModelReferenceError} from "../../shared/models/errors";
import {formatBytes} from "../../shared/models/formatBytes";
import {checkModelFile} from "../../shared/models/ggufCheck";
import {defaultModelReference} from "../../shared/models/modelReference";
import {ModelStore} from "../../shared/models/modelStore";
import {ModelServerError} from "../../shared/engine/server/serverErrors";
import {runServerEval, ServerLoglikelihoodScorer} from "../../shared/eval/serverScorer";
import {serverFromFlags} from "../assistantOptions";
import type {EvalFlags} from "./eval";

/** How often partial results are written to --json while scoring. */
const SAVE_INTERVAL_MS = 2000;

function integer(value: string | undefined, flag: string, min: number): number | undefined {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new CliError(`${flag} must be an integer of at least ${min} (got "${value}")`, 2);
    return n;
}

function selectionOf(flags: EvalFlags): TaskSelection {
    const task = flags.task ?? "";
    if (!isEvalTask(task)) throw new CliError(`unknown task "${task}": use ${EVAL_TASKS.join(", ")}`, 2);
    if (task === "mmlu") {
        if (!flags.subject) throw new CliError(`--task mmlu needs --subject: one of ${MMLU_SUBJECTS.join(", ")}`, 2);
        if (!isMmluSubject(flags.subject)) throw new CliError(`unknown MMLU subject "${flags.subject}"`, 2);
        return {task, subject: flags.subject};
    }
    if (flags.subject) throw new CliError("--subject is only for --task mmlu", 2);
    return {task};
}

export async function evaluate(flags: EvalFlags): Promise<void> {
    const selection = selectionOf(flags);
    const limit = integer(flags.limit, "--limit", 1);
    const parallel = integer(flags.parallel, "--parallel", 1);
    const threads = integer(flags.threads, "--threads", 1);
    const targetDelimiter = flags.targetDelimiter ?? " ";
    const taskName = harnessTaskName(selection);
    const server = serverFromFlags(flags);
    if (server) {
        const local = (["gpu", "threads", "modelsDir"] as const).filter((k) => flags[k] !== undefined);
        if (local.length > 0) throw new CliError(`${local.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(", ")} ` +
            "apply to a local model, not to a model server", 2);
        return evaluateOnServer(flags, selection, server, {limit, parallel, targetDelimiter, taskName});
    }
    const modelRef = flags.model ?? defaultModelReference();
    if (threads === undefined) checkThreadsVariable();
    if (flags.json !== undefined && (await fsp.stat(flags.json).then((s) => s.isDirectory(), () => false))) {
        throw new CliError(resultsFolderMessage(flags.json), 2);
    }

    await withInterrupt(async (signal) => {
        const dataset = await loadQuestions(selection, flags, signal);
        if (signal.aborted) return;
        const questions = dataset.questions.slice(0, limit ?? dataset.questions.length);
        const modelPath = await resolveModel(modelRef, flags.modelsDir, signal);
        if (signal.aborted) return;
        const identity: ResultsIdentity = {
            selection,
            model: {reference: modelRef, file: modelPath, sizeBytes: (await fsp.stat(modelPath)).size},
            dataset: {source: dataset.source, sha256: dataset.sha256, questions: dataset.questions.length},
            settings: {targetDelimiter, limit: limit ?? null}
        };

        const previous = flags.json ? await readPrevious(flags.json, identity) : [];
        const wanted = new Set(questions.map((q) => q.index));
        const samples = new Map<number, SampleRecord>(previous.filter((s) => wanted.has(s.index)).map((s) => [s.index, s]));
        if (samples.size > 0) process.stderr.write(`Resuming from ${flags.json}: ${samples.size} of ${questions.length} questions already scored\n`);

        const saver = flags.json ? new ResultsSaver(flags.json, identity, taskName) : undefined;
        const progress = process.stderr.isTTY ? new ScoringBar(taskName) : undefined;
        let failure: unknown;
        let aborted = false;
        if (samples.size < questions.length) {
            process.stderr.write(`Loading ${path.basename(modelPath)}…\n`);
            try {
                const run = await runEval({
                    modelPath, questions, alreadyScored: new Set(samples.keys()), parallel, targetDelimiter,
                    gpu: flags.gpu as GpuChoice | undefined, threads, signal,
                    onStart: (toScore) => {
                        if (!progress) process.stderr.write(`Scoring ${toScore} questions of ${taskName}…\n`);
                        progress?.start(questions.length, samples.size);
                    },
                    onSample: (sample) => {
                        samples.set(sample.index, sample);
                        progress?.update(samples.size, [...samples.values()]);
                        saver?.saveSoon([...samples.values()], false);
                    }
                });
                aborted = run.aborted;
            } catch (err) {
                failure = err;
            } finally {
                progress?.stop();
            }
        }
        const scored = [...samples.values()].sort((a, b) => a.index - b.index);
        const complete = scored.length === questions.length;
        const metrics = scored.length > 0 ? aggregate(scored) : null;
        await saver?.saveNow(scored, complete);
        if (failure !== undefined) throw asCliError(failure, flags.json && scored.length > 0 ? ` (the ${scored.length} questions scored are saved in ${flags.json})` : "");

        if (metrics) {
            process.stdout.write(formatTable(taskName, metrics) + "\n");
            process.stdout.write(`${scored.length} of ${questions.length} questions` +
                (limit !== undefined && limit < dataset.questions.length ? ` (first ${limit} of ${dataset.questions.length})` : "") +
                ` · ${path.basename(modelPath)} · ${dataset.source}\n`);
        }
        if (!complete && (aborted || signal.aborted)) {
            process.stderr.write(`Interrupted: ${scored.length} of ${questions.length} questions scored. ` +
                (flags.json ? `Run the same command again to resume from ${flags.json}.\n` : "Use --json FILE to be able to resume.\n"));
        } else if (flags.json) {
            process.stderr.write(`Results written to ${flags.json}\n`);
        }
    });
}

/** `med42 eval --server`: the same flow, with the server's log-likelihoods and the served model as the identity. */
async function evaluateOnServer(flags: EvalFlags, selection: TaskSelection, server: Exclude<ReturnType<typeof serverFromFlags>, false | undefined>,
    o: {limit?: number; parallel?: number; targetDelimiter: string; taskName: string}): Promise<void> {
    await withInterrupt(async (signal) => {
        const dataset = await loadQuestions(selection, flags, signal);
        if (signal.aborted) return;
        const questions = dataset.questions.slice(0, o.limit ?? dataset.questions.length);
        process.stderr.write(`Connecting to ${server.urls.join(", ")}…\n`);
        let scorer: ServerLoglikelihoodScorer;
        try {
            scorer = await ServerLoglikelihoodScorer.connect(server, signal);
        } catch (err) {
            if (signal.aborted) throw new CliError("cancelled", 130);
            if (err instanceof ModelServerError) throw new CliError(err.message, 1);
            throw err;
        }
        try {
            const identity: ResultsIdentity = {
                selection,
                // A served model has no file: its name and the servers identify the run (a resume must use the same).
                model: {reference: scorer.label, file: scorer.model, sizeBytes: 0},
                dataset: {source: dataset.source, sha256: dataset.sha256, questions: dataset.questions.length},
                settings: {targetDelimiter: o.targetDelimiter, limit: o.limit ?? null}
            };
            const previous = flags.json ? await readPrevious(flags.json, identity) : [];
            const wanted = new Set(questions.map((q) => q.index));
            const samples = new Map<number, SampleRecord>(previous.filter((s) => wanted.has(s.index)).map((s) => [s.index, s]));
            if (samples.size > 0) process.stderr.write(`Resuming from ${flags.json}: ${samples.size} of ${questions.length} questions already scored\n`);
            const saver = flags.json ? new ResultsSaver(flags.json, identity, o.taskName) : undefined;
            const progress = process.stderr.isTTY ? new ScoringBar(o.taskName) : undefined;
            let failure: unknown;
            let aborted = false;
            try {
                const run = await runServerEval(scorer, {
                    questions, alreadyScored: new Set(samples.keys()), parallel: o.parallel, targetDelimiter: o.targetDelimiter, signal,
                    onStart: (toScore) => {
                        if (!progress) process.stderr.write(`Scoring ${toScore} questions of ${o.taskName} on ${scorer.model}…\n`);
                        progress?.start(questions.length, samples.size);
                    },
                    onSample: (sample) => {
                        samples.set(sample.index, sample);
                        progress?.update(samples.size, [...samples.values()]);
                        saver?.saveSoon([...samples.values()], false);
                    }
                });
                aborted = run.aborted;
            } catch (err) {
                failure = err;
            } finally {
                progress?.stop();
            }
            const scored = [...samples.values()].sort((a, b) => a.index - b.index);
            const complete = scored.length === questions.length;
            await saver?.saveNow(scored, complete);
            if (failure !== undefined) {
                const suffix = flags.json && scored.length > 0 ? ` (the ${scored.length} questions scored are saved in ${flags.json})` : "";
                if (failure instanceof ModelServerError) throw new CliError(failure.message + suffix, 1);
                throw asCliError(failure, suffix);
            }
            if (scored.length > 0) {
                process.stdout.write(formatTable(o.taskName, aggregate(scored)) + "\n");
                process.stdout.write(`${scored.length} of ${questions.length} questions` +
                    (o.limit !== undefined && o.limit < dataset.questions.length ? ` (first ${o.limit} of ${dataset.questions.length})` : "") +
                    ` · ${scorer.model} on ${scorer.label} · ${dataset.source}\n`);
            }
            if (!complete && (aborted || signal.aborted)) {
                process.stderr.write(`Interrupted: ${scored.length} of ${questions.length} questions scored. ` +
                    (flags.json ? `Run the same command again to resume from ${flags.json}.\n` : "Use --json FILE to be able to resume.\n"));
            } else if (flags.json) {
                process.stderr.write(`Results written to ${flags.json}\n`);
            }
        } finally {
            scorer.dispose();
        }
    });
}

async function loadQuestions(selection: TaskSelection, flags: EvalFlags, signal: AbortSignal): Promise<LoadedDataset> {
    const bar = new DownloadBar();
    try {
        return await loadDataset(selection, {
            file: flags.file, datasetsDir: flags.datasetsDir, signal,
            onDownloadProgress: (label, received, total) => bar.update(label, received, total)
        });
    } catch (err) {
        if (signal.aborted) throw new CliError("cancelled", 130);
        throw asCliError(err, "");
    } finally {
        bar.stop();
    }
}

async function resolveModel(ref: string, modelsDir: string | undefined, signal: AbortSignal): Promise<string> {
    const bar = new DownloadBar();
    try {
        const file = await new ModelStore({dir: modelsDir}).resolve(ref, {
            download: true, signal,
            onProgress: (received, total) => bar.update(ref, received, total)
        });
        bar.stop();
        // A clear message for a file that is not a usable GGUF, before any time goes into scoring.
        await checkModelFile(file, {checkMemory: false, signal});
        return file;
    } catch (err) {
        if (signal.aborted) throw new CliError("cancelled; run the same command again to resume the model download", 130);
        if (err instanceof ModelReferenceError) throw new CliError(err.message, 2);
        throw asCliError(err, "");
    } finally {
        bar.stop();
    }
}

async function readPrevious(file: string, identity: ResultsIdentity): Promise<SampleRecord[]> {
    let previous: EvalResults | null;
    try {
        previous = await readResults(file);
    } catch (err) {
        if (err instanceof ResultsFileError) throw new CliError(err.message, 1);
        throw err;
    }
    if (!previous) return [];
    const why = resumeMismatch(previous, identity);
    if (why) throw new CliError(`cannot resume from ${file}: ${why}; choose another --json file or delete it`, 1);
    return previous.samples;
}

/** Errors whose message is written for users become one line (CliError); anything else goes up as is (main prints it). */
function asCliError(err: unknown, suffix: string): unknown {
    if (err instanceof CliError) return err;
    const known = err instanceof DatasetFormatError || err instanceof DatasetDownloadError || err instanceof ModelDownloadError ||
        err instanceof ModelNotDownloadedError || err instanceof ModelFileError || err instanceof ResultsFileError;
    if (known) return new CliError(err.message + suffix, 1);
    // Plain errors of the loader (a missing --file, an unknown MMLU subject in an archive) are user-facing too.
    if (err instanceof Error && err.constructor === Error) return new CliError(err.message + suffix, 1);
    return err;
}

function fixed(value: number | null): string {
    return value === null || !Number.isFinite(value) ? "N/A" : value.toFixed(4);
}

/** The model card's table: | Tasks | Metric | Value | Stderr |. */
export function formatTable(taskName: string, metrics: TaskMetrics): string {
    const rows = [["Tasks", "Metric", "Value", "Stderr"]];
    for (const metric of ["acc", "acc_norm"] as const) rows.push([taskName, metric, fixed(metrics[metric].value), fixed(metrics[metric].stderr)]);
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    const line = (cells: string[]) => "| " + cells.map((cell, c) => c >= 2 ? cell.padStart(widths[c]) : cell.padEnd(widths[c])).join(" | ") + " |";
    const rule = "|" + widths.map((w, c) => c >= 2 ? "-".repeat(w + 1) + ":" : "-".repeat(w + 2)).join("|") + "|";
    return [line(rows[0]), rule, ...rows.slice(1).map(line)].join("\n");
}

/** Writes --json at most every SAVE_INTERVAL_MS while scoring, one write at a time, and once more at the end. */
class ResultsSaver {
    private lastWrite = 0;
    private writing: Promise<void> = Promise.resolve();
    private pending?: ReturnType<typeof setTimeout>;
    private latest?: {samples: SampleRecord[]; complete: boolean};

    constructor(private readonly file: string, private readonly identity: ResultsIdentity, private readonly taskName: string) {}

    saveSoon(samples: SampleRecord[], complete: boolean): void {
        this.latest = {samples, complete};
        if (this.pending) return;
        const wait = Math.max(0, this.lastWrite + SAVE_INTERVAL_MS - Date.now());
        this.pending = setTimeout(() => { this.pending = undefined; void this.flush(); }, wait);
    }

    async saveNow(samples: SampleRecord[], complete: boolean): Promise<void> {
        if (this.pending) clearTimeout(this.pending);
        this.pending = undefined;
        this.latest = {samples, complete};
        await this.flush();
    }

    private flush(): Promise<void> {
        const latest = this.latest;
        if (!latest) return this.writing;
        this.latest = undefined;
        this.writing = this.writing.then(async () => {
            this.lastWrite = Date.now();
            await writeResults(this.file, buildResults(this.identity, this.taskName, latest.samples, latest.complete));
        });
        return this.writing;
    }
}

/** cli-progress bar for scoring: questions done, running accuracy, ETA. */
class ScoringBar {
    private bar?: SingleBar;

    constructor(private readonly taskName: string) {}

    start(total: number, done: number): void {
        this.bar = new SingleBar({
            format: `${this.taskName} [{bar}] {value}/{total} | acc {acc} | {duration_formatted} | ETA {eta_formatted}`,
            stream: process.stderr, hideCursor: true, barsize: 30, etaBuffer: 50
        });
        this.bar.start(total, done, {acc: "--"});
    }

    update(done: number, samples: SampleRecord[]): void {
        const acc = samples.reduce((s, x) => s + x.acc, 0) / samples.length;
        this.bar?.update(done, {acc: acc.toFixed(3)});
    }

    stop(): void {
        this.bar?.stop();
        this.bar = undefined;
    }
}

/** Download progress (dataset or model): a bar on a terminal, a line every 5 s otherwise. */
class DownloadBar {
    private bar?: SingleBar;
    private label?: string;
    private lastLine = 0;

    update(label: string, received: number, total: number | undefined): void {
        if (!process.stderr.isTTY || !total) {
            if (Date.now() - this.lastLine >= 5000) {
                this.lastLine = Date.now();
                process.stderr.write(`Downloading ${label}: ${formatBytes(received)}${total ? ` of ${formatBytes(total)}` : ""}\n`);
            }
            return;
        }
        if (!this.bar || this.label !== label) {
            this.stop();
            this.label = label;
            this.bar = new SingleBar({
                format: `Downloading ${label} [{bar}] {percentage}% {got}/{size} ETA {eta_formatted}`,
                stream: process.stderr, hideCursor: true, barsize: 30
            });
            this.bar.start(total, received, {got: formatBytes(received), size: formatBytes(total)});
        }
        this.bar.update(received, {got: formatBytes(received)});
    }

    stop(): void {
        this.bar?.stop();
        this.bar = undefined;
        this.label = undefined;
    }
}
