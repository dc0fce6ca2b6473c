/**
 * `npm run bench -- --server URL`: what the core adds on top of a model server. The same streamed chat requests
 * (Med42's system prompt, a question, the model card's sampling) go to the server raw, through the official `openai`
 * client, and through the core (Med42Assistant: policy decision, queue, output screening, disclaimer, audit off),
 * alternating so both see the same load:
 *   1. one request at a time: time to first token and generation throughput, core vs raw (goal: ≤ 50 ms added to the
 *      time to first token, ≤ 3% less throughput);
 *   2. N concurrent conversations (default 4 and 16): aggregate tokens/s and latencies through the core vs raw at the
 *      same concurrency (raw requests queue inside the server; the core queues beyond the server's slots itself).
 * Nothing here depends on the server's kind: it runs unchanged against vLLM, llama-server or Ollama.
 */
import OpenAI from "openai";
import {Med42Assistant} from "../shared/assistant";
import {MED42_SAMPLING, MED42_SYSTEM_PROMPT} from "../shared/engine/defaults";
import {MED42_STOP} from "../shared/engine/server/serverChatBackend";
import {serverAddress, type ServerOptions} from "../shared/engine/server/serverConfig";
import {median, percentile, ratio} from "./stats";

export interface ServerBenchOptions {
    server: ServerOptions;
    reps: number;
    warmup: number;
    /** Most tokens per answer. */
    tokens: number;
    /** Concurrent conversations to compare (besides the single-request runs). */
    concurrency: number[];
    log?: (line: string) => void;
}

export interface RequestTiming {
    ttftMs: number;
    totalMs: number;
    completionTokens: number;
}

export interface SideFigures {
    ttftMs: number;
    /** Generated tokens per second after the first token (median over requests). */
    generationTokensPerSecond: number;
    /** Generated tokens per second of whole requests (median). */
    requestTokensPerSecond: number;
    completionTokens: number;
}

export interface ConcurrencyFigures {
    conversations: number;
    raw: {aggregateTokensPerSecond: number; latencyP50Ms: number; latencyP95Ms: number; ttftP50Ms: number};
    /** queued: requests of one round that waited in the core's queue (beyond the server's slots). */
    core: {aggregateTokensPerSecond: number; latencyP50Ms: number; latencyP95Ms: number; ttftP50Ms: number; queued: number};
    /** core / raw aggregate throughput. */
    throughputRatio: number;
}

export interface ServerBenchResult {
    server: string;
    model: string;
    settings: {reps: number; warmup: number; tokens: number; concurrency: number[]};
    single: {raw: SideFigures; core: SideFigures; addedTtftMs: number; throughputRatio: number; generationRatio: number};
    concurrency: ConcurrencyFigures[];
    elapsedSeconds: number;
}

/** Questions of equal length, so that no request finds another's prompt in the server's cache. */
function question(i: number): string {
    return `Case ${String(i).padStart(5, "0")}: what are the first-line treatments for community-acquired pneumonia in adults?`;
}

function client(server: ServerOptions): OpenAI {
    return new OpenAI({
        baseURL: serverAddress(server.urls[0]).api, apiKey: server.apiKey || "unused", organization: null, project: null,
        defaultHeaders: server.apiKey ? undefined : {Authorization: null}, maxRetries: 0, timeout: 600_000, logLevel: "off"
    });
}

/** One streamed request straight to the server, with exactly the body the core sends. */
async function rawRequest(api: OpenAI, model: string, text: string, tokens: number): Promise<RequestTiming> {
    const started = performance.now();
    let ttft = NaN;
    let completion = 0;
    // top_k: the extra field vLLM and llama-server read, as the core sends it.
    const body: OpenAI.Chat.ChatCompletionCreateParamsStreaming & {top_k: number} = {
        model, stream: true, stream_options: {include_usage: true}, max_tokens: tokens,
        messages: [{role: "system", content: MED42_SYSTEM_PROMPT}, {role: "user", content: text}],
        temperature: MED42_SAMPLING.temperature, top_p: MED42_SAMPLING.topP, stop: MED42_STOP, top_k: MED42_SAMPLING.topK
    };
    const stream = await api.chat.completions.create(body);
    for await (const chunk of stream) {
        if (chunk.choices?.[0]?.delta?.content && Number.isNaN(ttft)) ttft = performance.now() - started;
        if (chunk.usage) completion = chunk.usage.completion_tokens;
    }
    return {ttftMs: ttft, totalMs: performance.now() - started, completionTokens: completion};
}

/** The same request through the core. */
async function coreRequest(assistant: Med42Assistant, text: string, onQueued?: () => void): Promise<RequestTiming> {
    const started = performance.now();
    let ttft = NaN;
    let queued = false;
    const stream = assistant.ask({messages: [{role: "user", content: text}], surface: "cli"});
    for await (const ev of stream) {
        if (ev.type === "text" && Number.isNaN(ttft)) ttft = performance.now() - started;
        if (ev.type === "queued" && !queued) { queued = true; onQueued?.(); }
    }
    const r = await stream.result;
    if (r.stopReason === "policy") throw new Error(`the policy answered instead of the model (${r.policy.rules.join(", ")})`);
    return {ttftMs: ttft, totalMs: performance.now() - started, completionTokens: r.usage.completionTokens};
}

function figures(timings: RequestTiming[]): SideFigures {
    const ok = timings.filter((t) => Number.isFinite(t.ttftMs));
    return {
        ttftMs: median(ok.map((t) => t.ttftMs)),
        generationTokensPerSecond: median(ok.filter((t) => t.completionTokens > 1)
            .map((t) => (t.completionTokens - 1) / ((t.totalMs - t.ttftMs) / 1000))),
        requestTokensPerSecond: median(timings.map((t) => t.completionTokens / (t.totalMs / 1000))),
        completionTokens: median(timings.map((t) => t.completionTokens))
    };
}

export async function runServerBenchmark(o: ServerBenchOptions): Promise<ServerBenchResult> {
    const log = o.log ?? (() => undefined);
    const started = performance.now();
    const assistant = new Med42Assistant({auditDb: false, server: o.server, sampling: {maxTokens: o.tokens}});
    const api = client(o.server);
    let next = 0;
    try {
        log(`Connecting to ${o.server.urls.join(", ")}...`);
        await assistant.loadModel();
        const model = assistant.modelState.status === "ready" ? assistant.modelState.path.replace(/ on .*$/, "") : o.server.model ?? "";
        // Both paths fill the server's slots with the system prompt before anything is measured.
        log(`Warm-up (${o.warmup} + the slots)...`);
        const slots = Math.max(...o.concurrency, 1);
        await Promise.all(Array.from({length: Math.min(slots, 16)}, () => rawRequest(api, model, question(next++), 2)));
        for (let i = 0; i < o.warmup; i++) {
            await rawRequest(api, model, question(next++), o.tokens);
            await coreRequest(assistant, question(next++));
        }

        log(`One request at a time, ${o.reps} repetitions, raw and core alternating...`);
        const raw: RequestTiming[] = [];
        const core: RequestTiming[] = [];
        for (let i = 0; i < o.reps; i++) {
            if (i % 2 === 0) {
                raw.push(await rawRequest(api, model, question(next++), o.tokens));
                core.push(await coreRequest(assistant, question(next++)));
            } else {
                core.push(await coreRequest(assistant, question(next++)));
                raw.push(await rawRequest(api, model, question(next++), o.tokens));
            }
        }
        const rawFigures = figures(raw);
        const coreFigures = figures(core);

        const concurrency: ConcurrencyFigures[] = [];
        // Each concurrency level runs ceil(reps / 2) times per side, alternating which side goes first; medians.
        const rounds = Math.max(1, Math.ceil(o.reps / 2));
        for (const n of o.concurrency) {
            log(`${n} concurrent conversations, ${rounds} round(s) per side...`);
            const runRaw = async () => {
                const t0 = performance.now();
                const r = await Promise.all(Array.from({length: n}, () => rawRequest(api, model, question(next++), o.tokens)));
                return {timings: r, wallMs: performance.now() - t0};
            };
            let queued = 0;
            const runCore = async () => {
                queued = 0;
                const t0 = performance.now();
                const r = await Promise.all(Array.from({length: n}, () => coreRequest(assistant, question(next++), () => queued++)));
                return {timings: r, wallMs: performance.now() - t0};
            };
            const rawRuns: Array<{timings: RequestTiming[]; wallMs: number}> = [];
            const coreRuns: Array<{timings: RequestTiming[]; wallMs: number}> = [];
            let waited = 0;
            for (let round = 0; round < rounds; round++) {
                if (round % 2 === 0) { rawRuns.push(await runRaw()); coreRuns.push(await runCore()); }
                else { coreRuns.push(await runCore()); rawRuns.push(await runRaw()); }
                waited = Math.max(waited, queued);
            }
            const side = (runs: Array<{timings: RequestTiming[]; wallMs: number}>) => {
                const all = runs.flatMap((r) => r.timings);
                return {
                    aggregateTokensPerSecond: median(runs.map((r) => r.timings.reduce((sum, t) => sum + t.completionTokens, 0) / (r.wallMs / 1000))),
                    latencyP50Ms: median(all.map((t) => t.totalMs)), latencyP95Ms: percentile(all.map((t) => t.totalMs), 95),
                    ttftP50Ms: median(all.filter((t) => Number.isFinite(t.ttftMs)).map((t) => t.ttftMs))
                };
            };
            const rawSide = side(rawRuns);
            const coreSide = {...side(coreRuns), queued: waited};
            concurrency.push({conversations: n, raw: rawSide, core: coreSide,
                throughputRatio: ratio(coreSide.aggregateTokensPerSecond, rawSide.aggregateTokensPerSecond)});
        }
        return {
            server: o.server.urls.join(", "), model,
            settings: {reps: o.reps, warmup: o.warmup, tokens: o.tokens, concurrency: o.concurrency},
            single: {
                raw: rawFigures, core: coreFigures, addedTtftMs: coreFigures.ttftMs - rawFigures.ttftMs,
                throughputRatio: ratio(coreFigures.requestTokensPerSecond, rawFigures.requestTokensPerSecond),
                generationRatio: ratio(coreFigures.generationTokensPerSecond, rawFigures.generationTokensPerSecond)
            },
            concurrency,
            elapsedSeconds: (performance.now() - started) / 1000
        };
    } finally {
        await assistant.dispose();
    }
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");

export function renderServerMarkdown(r: ServerBenchResult, context: {loadAverage: number[]; cpus: number}): string {
    const s = r.single;
    const out = [
        `## med42-assist on a model server: ${r.model} at ${r.server}`, "",
        `Medians of ${r.settings.reps} requests per side after ${r.settings.warmup} warm-up; up to ${r.settings.tokens} tokens per ` +
        `answer; load average at start ${context.loadAverage.map((l) => l.toFixed(2)).join(" ")} on ${context.cpus} CPU(s) (this ` +
        `client's machine). Took ${fmt(r.elapsedSeconds, 0)} s.`, "",
        "### 1. One request at a time: the core vs the same request sent raw", "",
        "| figure | raw (openai client) | core (Med42Assistant) | core vs raw | goal |", "|---|---|---|---|---|",
        `| time to first token | ${fmt(s.raw.ttftMs)} ms | ${fmt(s.core.ttftMs)} ms | +${fmt(s.addedTtftMs)} ms | ≤ +50 ms ${s.addedTtftMs <= 50 ? "met" : "**not met**"} |`,
        `| throughput (tokens/s of whole requests) | ${fmt(s.raw.requestTokensPerSecond, 2)} | ${fmt(s.core.requestTokensPerSecond, 2)} | ` +
        `${fmt(s.throughputRatio * 100)}% | ≥ 97% ${s.throughputRatio >= 0.97 ? "met" : "**not met**"} |`,
        `| generation tok/s after the first token | ${fmt(s.raw.generationTokensPerSecond, 2)} | ${fmt(s.core.generationTokensPerSecond, 2)} | ${fmt(s.generationRatio * 100)}% | |`,
        `| tokens per answer | ${fmt(s.raw.completionTokens, 0)} | ${fmt(s.core.completionTokens, 0)} | | |`, "",
        "### 2. Concurrent conversations: the core vs raw at the same concurrency", "",
        "| conversations | raw tok/s | core tok/s | core vs raw | raw latency p50 / p95 | core latency p50 / p95 | raw / core TTFT p50 | requests that waited in the core's queue |",
        "|---|---|---|---|---|---|---|---|",
        ...r.concurrency.map((c) => `| ${c.conversations} | ${fmt(c.raw.aggregateTokensPerSecond, 2)} | ${fmt(c.core.aggregateTokensPerSecond, 2)} | ` +
            `${fmt(c.throughputRatio * 100)}% | ${fmt(c.raw.latencyP50Ms, 0)} / ${fmt(c.raw.latencyP95Ms, 0)} ms | ` +
            `${fmt(c.core.latencyP50Ms, 0)} / ${fmt(c.core.latencyP95Ms, 0)} ms | ${fmt(c.raw.ttftP50Ms, 0)} / ${fmt(c.core.ttftP50Ms, 0)} ms | ${c.core.queued} |`),
        ""
    ];
    return out.join("\n");
}
