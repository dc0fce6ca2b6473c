/**
 * Summaries of clinical text. Text longer than the context is summarised map-reduce: split into token-counted chunks
 * on paragraph and sentence boundaries, each chunk summarised, then the partial summaries combined (recursively if
 * they still do not fit). Only the final pass streams to the user; progress counts the passes.
 */
import type {ChatBackend, GenerateResult, ResolvedSampling} from "./engine/chatBackend";

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
    onProgress?: (done: number, total: number) => void;
    onQueuePosition?: (position: number) => void;
    onStart?: () => void;
    onText?: (text: string) => void;
}

/** Tokens kept free for the chat format and the instruction around each chunk. */
const PROMPT_OVERHEAD_TOKENS = 160;

export async function summarize(o: SummarizeOptions): Promise<GenerateResult & {chunks: number}> {
    const instruction = o.instruction ? `${SUMMARY_INSTRUCTION}\n${o.instruction}` : SUMMARY_INSTRUCTION;
    await o.backend.load(o.signal);
    const fixed = (await o.backend.countTokens(o.systemPrompt)) + (await o.backend.countTokens(instruction)) + PROMPT_OVERHEAD_TOKENS;
    const chunkBudget = o.backend.contextSize - o.sampling.maxTokens - fixed;
    if (chunkBudget < 64) throw new Error("The context is too small to summarize anything: raise the context size or lower maxTokens.");

    const usage = {promptTokens: 0, completionTokens: 0, evaluatedPromptTokens: 0};
    const add = (r: GenerateResult) => {
        usage.promptTokens += r.usage.promptTokens;
        usage.completionTokens += r.usage.completionTokens;
        usage.evaluatedPromptTokens += r.usage.evaluatedPromptTokens;
    };
    const run = (prompt: string, final: boolean) => o.backend.generate({
        systemPrompt: o.systemPrompt,
        messages: [{role: "user", content: prompt}],
        sampling: o.sampling,
        signal: o.signal,
        onQueuePosition: o.onQueuePosition,
        onStart: final ? o.onStart : undefined,
        onText: final ? o.onText : undefined
    });

    let parts = await splitByTokens(o.backend, o.text, chunkBudget);
    const chunks = parts.length;
    // Passes: one per chunk, then reduce passes; estimated up front and corrected as we go.
    let total = chunks === 1 ? 1 : chunks + 1;
    let done = 0;
    o.onProgress?.(done, total);
    if (chunks === 1) {
        const r = await run(`${instruction}\n\n---\n${parts[0]}`, true);
        add(r);
        o.onProgress?.(1, 1);
        return {...r, usage, chunks};
    }
    for (;;) {
        const summaries: string[] = [];
        for (let i = 0; i < parts.length; i++) {
            const r = await run(`${instruction}\nThis is part ${i + 1} of ${parts.length} of a longer document.\n\n---\n${parts[i]}`, false);
            add(r);
            o.onProgress?.(++done, total);
            // Stopped, or a model server failed mid-pass: a summary of some parts only is no summary.
            if (r.stopReason === "abort" || r.stopReason === "interrupted") return {...r, text: "", usage, chunks};
            summaries.push(r.text.trim());
        }
        const combined = summaries.map((s, i) => `Part ${i + 1}:\n${s}`).join("\n\n");
        if ((await o.backend.countTokens(combined)) <= chunkBudget) {
            const r = await run("Combine these partial summaries of one clinical document into a single summary. " +
                `${instruction}\n\n---\n${combined}`, true);
            add(r);
            o.onProgress?.(++done, total);
            return {...r, usage, chunks};
        }
        // The partial summaries are still too long together: summarise them in turn.
        parts = await splitByTokens(o.backend, combined, chunkBudget);
        total += parts.length;
    }
}

/** Splits text into pieces of at most `budget` tokens, preferring paragraph, then line, then sentence boundaries. */
export async function splitByTokens(backend: ChatBackend, text: string, budget: number): Promise<string[]> {
    const count = (s: string) => backend.countTokens(s);
    if ((await count(text)) <= budget) return [text];
    const units = await splitUnits(backend, text, budget);
    const pieces: string[] = [];
    let current = "";
    for (const unit of units) {
        const candidate = current ? `${current}\n${unit}` : unit;
        if (current && (await count(candidate)) > budget) {
            pieces.push(current);
            current = unit;
        } else current = candidate;
    }
    if (current) pieces.push(current);
    return pieces;
}

async function splitUnits(backend: ChatBackend, text: string, budget: number): Promise<string[]> {
    const out: string[] = [];
    for (const para of text.split(/\n\s*\n|\n/)) {
        if (!para.trim()) continue;
        if ((await backend.countTokens(para)) <= budget) { out.push(para); continue; }
        const sentences = para.match(/[^.!?]+[.!?]*\s*/g) ?? [para];
        for (const s of sentences) {
            if ((await backend.countTokens(s)) <= budget) { out.push(s); continue; }
            // A single enormous "sentence" (e.g. a table dump): cut by characters, proportionally to tokens.
            const tokens = await backend.countTokens(s);
            const size = Math.max(1, Math.floor((s.length * budget) / tokens * 0.9));
            for (let i = 0; i < s.length; i += size) out.push(s.slice(i, i + size));
        }
    }
    return out;
}
