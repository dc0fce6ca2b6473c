/**
 * Runs one benchmark task on a GGUF model: loads the model through the shared llama runtime, builds the harness's
 * prompts, scores the questions not already scored (resume), and reports each finished question as it completes.
 * Everything it loads is disposed before it returns; an abort stops it after the questions in flight, keeping every
 * question finished so far.
 */
import {getLlamaRuntime, type GpuChoice} from "../engine/llamaRuntime";
import {LoglikelihoodScorer} from "./loglikelihoodScorer";
import {scoreQuestion} from "./metrics";
import {buildLoglikelihoodRequest, LLAMA3_TOKENS, type PromptOptions} from "./promptEncoding";
import {toJsonLoglikelihood, type SampleRecord} from "./resultsFile";
import type {McQuestion} from "./tasks";

export interface RunEvalOptions extends PromptOptions {
    modelPath: string;
    /** The questions to score (already limited); those in `alreadyScored` are skipped. */
    questions: readonly McQuestion[];
    alreadyScored?: ReadonlySet<number>;
    /** Questions in flight at once (context sequences); default 4. */
    parallel?: number;
    gpu?: GpuChoice;
    /** llama.cpp threads; default: physical cores (env MED42_THREADS). */
    threads?: number;
    signal?: AbortSignal;
    /** Called after the model is loaded, before scoring starts, with the number of questions to score. */
    onStart?(toScore: number): void;
    /** Called as each question finishes. */
    onSample?(sample: SampleRecord): void;
}

export interface RunEvalResult {
    samples: SampleRecord[];
    /** True when the signal stopped the run before every question was scored. */
    aborted: boolean;
}

function isAbort(err: unknown, signal?: AbortSignal): boolean {
    return !!signal?.aborted || (err instanceof Error && err.name === "AbortError");
}

export async function runEval(options: RunEvalOptions): Promise<RunEvalResult> {
    const todo = options.questions.filter((q) => !options.alreadyScored?.has(q.index));
    const samples: SampleRecord[] = [];
    if (todo.length === 0) return {samples, aborted: false};
    if (options.signal?.aborted) return {samples, aborted: true};

    const llama = await getLlamaRuntime({gpu: options.gpu, threads: options.threads});
    const model = await llama.loadModel({modelPath: options.modelPath});
    let scorer: LoglikelihoodScorer | undefined;
    try {
        const tokenize = (text: string) => model.tokenize(text, true);
        // The prompts are in the Llama-3 chat format: a model without its special tokens would be scored on garbage.
        const missing = Object.values(LLAMA3_TOKENS).filter((special) => tokenize(special).length !== 1);
        if (missing.length > 0)
            throw new Error(`${options.modelPath} has no Llama-3 chat tokens (${missing.join(", ")}): med42 eval scores prompts in ` +
                "Med42-v2's Llama-3 chat format and needs a Llama-3-based model");
        const requests = todo.map((q) => buildLoglikelihoodRequest(q, tokenize, options));
        const longest = Math.max(...requests.map((r) => r.contextTokens.length + Math.max(...r.continuations.map((c) => c.length))));
        // Room for the longest prompt and option, up to what the model was trained on (longer prompts lose their start).
        const contextSize = Math.min(model.trainContextSize, longest + 8);
        const parallel = Math.max(1, Math.min(options.parallel ?? 4, todo.length));
        scorer = await LoglikelihoodScorer.create(model, {parallel, contextSize});
        options.onStart?.(todo.length);

        let next = 0;
        let failure: unknown;
        const stop = new AbortController();
        const onAbort = () => stop.abort(options.signal?.reason);
        // The signal may have fired while the model was loading, before this listener existed.
        if (options.signal?.aborted) onAbort();
        else options.signal?.addEventListener("abort", onAbort, {once: true});
        const worker = async () => {
            while (!stop.signal.aborted) {
                const i = next++;
                if (i >= todo.length) return;
                const question = todo[i];
                const request = requests[i];
                try {
                    const result = await scorer!.score(request, stop.signal);
                    const outcome = scoreQuestion(result.loglikelihoods, question.choices, question.gold);
                    const sample: SampleRecord = {
                        index: question.index,
                        line: question.line,
                        ...(question.sourceId != null ? {sourceId: question.sourceId} : {}),
                        gold: question.gold,
                        choices: question.choices,
                        loglikelihoods: result.loglikelihoods.map(toJsonLoglikelihood),
                        greedy: result.greedy,
                        ...outcome,
                        contextTokens: request.contextTokens.length,
                        truncatedTokens: result.truncatedTokens
                    };
                    samples.push(sample);
                    options.onSample?.(sample);
                } catch (err) {
                    if (!isAbort(err, stop.signal)) {
                        failure ??= err;
                        stop.abort(err);
                    }
                    return;
                }
            }
        };
        try {
            await Promise.all(Array.from({length: parallel}, worker));
        } finally {
            options.signal?.removeEventListener("abort", onAbort);
        }
        if (failure !== undefined) throw failure;
        return {samples, aborted: samples.length < todo.length};
    } finally {
        await scorer?.dispose();
        await model.dispose();
    }
}
