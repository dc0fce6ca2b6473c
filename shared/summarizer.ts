/**
 * Summaries of clinical text. Text longer than the context is summarised map-reduce: split into token-counted chunks
 * on paragraph and sentence boundaries, each chunk summarised, then the partial summaries combined (recursively if
 * they still do not fit). The chunks' summaries are independent: up to the backend's parallel sequences of them are
 * generated at once (the engine decodes them in one batch per token), each next one asked for as soon as one ends,
 * so other requests in the backend's queue get their turn in between. Only the final pass streams to the user;
 * progress counts the passes and the share of the work done, and hands over each part's summary as it is done.
 */
import type {ChatBackend, GenerateResult, ResolvedSampling} from "./engine/chatBackend";
import {finiteNumber} from "./options";
import {type PlannedPass, SummaryProgressMeter, type SummaryProgressListener} from "./summaryProgress";

export const SUMMARY_INSTRUCTION =
    "Summarize the following clinical text for a clinician. Keep it faithful to the source: do not add facts. " +
    "Use short sections with bullet points: key problems/diagnoses, relevant history, medications, pertinent " +
    "findings and results, and plan or follow-up. Mention uncertainties or missing information.";

export interface SummarizeOptions {
    backend: ChatBackend;
    systemPrompt: string;
    text: string;
    instruction?: string;
    sampling: ResolvedSampling;
    signal?: AbortSignal;
    onProgress?: SummaryProgressListener;
    onQueuePosition?: (position: number) => void;
    onStart?: () => void;
    onText?: (text: string) => void;
}

/** Tokens kept free for the chat format and the instruction around each chunk. */
const PROMPT_OVERHEAD_TOKENS = 160;
/** About the tokens of a pass's chat format and "This is part i of n" line, for progress estimates only. */
const PASS_HEADER_TOKENS = 24;

export async function summarize(o: SummarizeOptions): Promise<GenerateResult & {chunks: number}> {
    const instruction = o.instruction ? `${SUMMARY_INSTRUCTION}\n${o.instruction}` : SUMMARY_INSTRUCTION;
    await o.backend.load(o.signal);
    const fixed = (await o.backend.countTokens(o.systemPrompt)) + (await o.backend.countTokens(instruction)) + PROMPT_OVERHEAD_TOKENS;
    // A NaN here (an unset option spread over a default) once made every comparison false and the splitting endless.
    const contextSize = finiteNumber("contextSize", o.backend.contextSize, {integer: true, min: 1});
    const maxTokens = finiteNumber("sampling.maxTokens", o.sampling.maxTokens, {integer: true, min: 1});
    const chunkBudget = finiteNumber("the summary's chunk budget", contextSize - maxTokens - fixed);
    if (chunkBudget < 64) throw new Error("The context is too small to summarize anything: raise the context size or lower maxTokens.");

    const usage = {promptTokens: 0, completionTokens: 0, evaluatedPromptTokens: 0};
    const add = (r: GenerateResult) => {
        usage.promptTokens += r.usage.promptTokens;
        usage.completionTokens += r.usage.completionTokens;
        usage.evaluatedPromptTokens += r.usage.evaluatedPromptTokens;
    };
    const progress = new SummaryProgressMeter(o.onProgress);
    const run = (prompt: string, final: boolean, pass: PlannedPass, maxTokens = o.sampling.maxTokens, signal = o.signal) =>
        o.backend.generate({
            systemPrompt: o.systemPrompt,
            messages: [{role: "user", content: prompt}],
            sampling: {...o.sampling, maxTokens},
            signal,
            onQueuePosition: o.onQueuePosition,
            onStart: final ? o.onStart : undefined,
            onText: final ? o.onText : undefined,
            ...progress.hooks(pass)
        });

    const aborted = (): GenerateResult & {chunks: number} => ({
        text: "", stopReason: "abort", droppedMessages: 0, usage, chunks: 0
    });
    let parts = await splitByTokens(o.backend, o.text, chunkBudget, o.signal);
    if (o.signal?.aborted) return aborted();
    if (parts.length === 0) throw new Error("There is nothing to summarize: the text is empty.");
    const chunks = parts.length;
    if (chunks === 1) {
        const prompt = `${instruction}\n\n---\n${parts[0]}`;
        const pass = progress.plan(await o.backend.countTokens(prompt), o.sampling.maxTokens);
        progress.start();
        const r = await run(prompt, true, pass);
        add(r);
        progress.finish(pass);
        return {...r, usage, chunks};
    }
    // Every pass must shrink the text, or the passes would never end (a model that writes more than it was given, or
    // a server that ignores maxTokens): each partial summary gets at most half its part's tokens, asked of the model
    // and enforced on what comes back, and combined summaries no shorter than the pass's text or the previous pass's
    // summaries are cut to fit. The combined token count strictly falls from pass to pass, so the loop ends.
    const width = Math.max(1, Math.floor(o.backend.parallelSequences ?? 1));
    // What a pass evaluates besides its text (the system prompt is already in the engine's cache).
    const passOverhead = (await o.backend.countTokens(instruction)) + PASS_HEADER_TOKENS;
    // The combining pass is planned up front (its prompt at most the parts' summaries), so the share counts it.
    let reducePass: PlannedPass | undefined;
    let previousTokens = Infinity;
    for (;;) {
        await yieldToEventLoop(); // each round lets Ctrl+C and timers run, whatever the backend
        const partTokens: number[] = [];
        for (const part of parts) partTokens.push(await o.backend.countTokens(part));
        const passTokens = partTokens.reduce((a, b) => a + b, 0);
        const caps = partTokens.map((n) => Math.max(1, Math.floor(n / 2)));
        const prompts = parts.map((part, i) =>
            `${instruction}\nThis is part ${i + 1} of ${parts.length} of a longer document.\n\n---\n${part}`);
        const planned = caps.map((cap, i) => progress.plan(partTokens[i] + passOverhead, Math.min(o.sampling.maxTokens, cap)));
        const capsTotal = caps.reduce((n, cap) => n + Math.min(o.sampling.maxTokens, cap), 0);
        if (!reducePass) reducePass = progress.plan(Math.min(chunkBudget, capsTotal) + passOverhead, o.sampling.maxTokens);
        progress.start();
        const summaries: string[] = new Array(parts.length);
        const map = await runWindowed(parts.length, width, o.signal,
            (i, signal) => run(prompts[i], false, planned[i], Math.min(o.sampling.maxTokens, caps[i]), signal),
            async (i, r) => {
                add(r);
                summaries[i] = await clipToTokens(o.backend, r.text.trim(), caps[i]);
                progress.finish(planned[i], {index: i, of: parts.length, text: summaries[i]});
            });
        // Stopped, or a model server failed mid-pass: a summary of some parts only is no summary.
        if (map.aborted) return {...(map.results.find((r) => r?.stopReason === "abort" || r?.stopReason === "interrupted") ?? abortedResult()), text: "", usage, chunks};
        let combined = summaries.map((s, i) => `Part ${i + 1}:\n${s}`).join("\n\n");
        const combinedTokens = await o.backend.countTokens(combined);
        if (combinedTokens > chunkBudget && (combinedTokens >= passTokens || combinedTokens >= previousTokens))
            combined = await clipToTokens(o.backend, combined, chunkBudget);
        previousTokens = combinedTokens;
        if ((await o.backend.countTokens(combined)) <= chunkBudget) {
            const prompt = "Combine these partial summaries of one clinical document into a single summary. " +
                `${instruction}\n\n---\n${combined}`;
            progress.replan(reducePass, await o.backend.countTokens(prompt), o.sampling.maxTokens);
            const r = await run(prompt, true, reducePass);
            add(r);
            progress.finish(reducePass);
            return {...r, usage, chunks};
        }
        // The partial summaries are still too long together: summarise them in turn.
        parts = await splitByTokens(o.backend, combined, chunkBudget, o.signal);
        if (o.signal?.aborted) return {...aborted(), chunks};
        if (parts.length === 0) throw new Error("The partial summaries came back empty: nothing to combine.");
    }
}

function abortedResult(): GenerateResult {
    return {text: "", stopReason: "abort", droppedMessages: 0, usage: {promptTokens: 0, completionTokens: 0, evaluatedPromptTokens: 0}};
}

/**
 * Runs `count` independent passes, at most `width` at a time, each next one started when one ends (it joins the
 * backend's queue behind whatever is waiting there, so several summaries and questions take turns). `done` runs for
 * each pass that ended normally. A pass that fails or is stopped stops the others; the first failure is thrown.
 */
async function runWindowed(count: number, width: number, signal: AbortSignal | undefined,
    runOne: (index: number, signal: AbortSignal) => Promise<GenerateResult>,
    done: (index: number, result: GenerateResult) => Promise<void>): Promise<{results: GenerateResult[]; aborted: boolean}> {
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal?.addEventListener("abort", onAbort, {once: true});
    if (signal?.aborted) stop.abort();
    const results: GenerateResult[] = new Array(count);
    let next = 0;
    let aborted = false;
    let failure: {error: unknown} | undefined;
    const worker = async () => {
        while (!stop.signal.aborted && next < count) {
            const i = next++;
            try {
                const r = await runOne(i, stop.signal);
                results[i] = r;
                if (r.stopReason === "abort" || r.stopReason === "interrupted") {
                    aborted = true;
                    stop.abort();
                    return;
                }
                await done(i, r);
            } catch (error) {
                failure ??= {error};
                stop.abort();
                return;
            }
        }
    };
    try {
        await Promise.all(Array.from({length: Math.min(width, count)}, worker));
    } finally {
        signal?.removeEventListener("abort", onAbort);
    }
    if (failure) throw failure.error;
    return {results, aborted: aborted || signal?.aborted === true};
}

/** `text` cut to at most `maxTokens` tokens (marked with "…" where it was cut). */
async function clipToTokens(backend: ChatBackend, text: string, maxTokens: number): Promise<string> {
    if ((await backend.countTokens(text)) <= maxTokens) return text;
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if ((await backend.countTokens(`${text.slice(0, mid)}…`)) <= maxTokens) lo = mid;
        else hi = mid - 1;
    }
    return `${text.slice(0, lo).trimEnd()}…`;
}

/**
 * Splits text into pieces of at most `budget` tokens, preferring paragraph, then line, then sentence boundaries.
 * Returns early (with what it has) once `signal` is aborted.
 */
export async function splitByTokens(backend: ChatBackend, text: string, budget: number, signal?: AbortSignal): Promise<string[]> {
    finiteNumber("the token budget of a piece", budget, {integer: true, min: 1});
    const count = (s: string) => backend.countTokens(s);
    if ((await count(text)) <= budget) return [text];
    const pause = new EventLoopYielder();
    const units = await splitUnits(backend, text, budget, pause, signal);
    const pieces: string[] = [];
    let current = "";
    for (const unit of units) {
        if (await pause.due(signal)) return pieces;
        const candidate = current ? `${current}\n${unit}` : unit;
        if (current && (await count(candidate)) > budget) {
            pieces.push(current);
            current = unit;
        } else current = candidate;
    }
    if (current) pieces.push(current);
    return pieces;
}

async function splitUnits(backend: ChatBackend, text: string, budget: number, pause: EventLoopYielder,
    signal?: AbortSignal): Promise<string[]> {
    const out: string[] = [];
    for (const para of text.split(/\n\s*\n|\n/)) {
        if (await pause.due(signal)) return out;
        if (!para.trim()) continue;
        if ((await backend.countTokens(para)) <= budget) { out.push(para); continue; }
        const sentences = para.match(/[^.!?]+[.!?]*\s*/g) ?? [para];
        for (const s of sentences) {
            if ((await backend.countTokens(s)) <= budget) { out.push(s); continue; }
            // A single enormous "sentence" (e.g. a table dump): cut by characters, proportionally to tokens.
            const tokens = await backend.countTokens(s);
            const size = finiteNumber("a cut's length", Math.max(1, Math.floor((s.length * budget) / tokens * 0.9)), {min: 1});
            for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
        }
    }
    return out;
}

function yieldToEventLoop(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Token counting resolves promises without ever returning to the event loop, so a long document would keep signal
 * handlers (Ctrl+C, SIGTERM) and timers from running until the split is over. Loops call due() per step: it yields
 * every few milliseconds and says whether to stop.
 */
class EventLoopYielder {
    private last = Date.now();

    async due(signal?: AbortSignal): Promise<boolean> {
        if (Date.now() - this.last >= 10) {
            await yieldToEventLoop();
            this.last = Date.now();
        }
        return signal?.aborted === true;
    }
}
