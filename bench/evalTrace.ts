/**
 * A trace of llama.cpp's evaluation calls, to see where a request's time goes: every decode call of the watched
 * contexts (which sequences, how many tokens each, the threads it ran with, when it started and ended), and marks
 * the caller sets around requests (start, first token, end). From those, per request: decode calls and tokens per
 * call before the first token, the threads each ran with, time before the first decode, and idle time between
 * decodes. The structure (calls, batch sizes, threads) does not depend on how busy the machine is; the times do.
 *
 * It wraps methods of node-llama-cpp's native context object and reads its thread splitter: internal API of the
 * pinned 3.21.1. Diagnostics only (the benchmark's `--trace FILE`); `watch` returns false where the internals
 * changed, and the figures that need it are then n/a.
 */

interface NativeContext {
    initBatch(size: number): unknown;
    addToBatch(sequenceId: number, firstTokenIndex: number, tokens: Uint32Array, logitIndexes: Uint32Array): unknown;
    setThreads?(threads: number): unknown;
    decodeBatch(): Promise<unknown>;
}

/** The parts of a LlamaContext the trace reads (internal fields of node-llama-cpp 3.21.1). */
interface ContextInternals {
    _ctx?: NativeContext;
    _threadSplitterConsumer?: unknown;
    _idealThreads?: number;
    _llama?: {_threadsSplitter?: {_totalWantedThreads?: number; maxThreads?: number}};
}

export interface DecodeRecord {
    /** The label the context was watched under. */
    context: string;
    /** ms since the trace started. */
    start: number;
    end: number;
    /** Tokens in this decode call (all sequences). */
    tokens: number;
    /** One entry per sequence in the batch: its id, the position of its first token, and its tokens. */
    items: {sequence: number; firstIndex: number; tokens: number}[];
    /** Threads node-llama-cpp's thread splitter gave this call (undefined: it set none). */
    threads?: number;
    /** The threads this context asked for. */
    idealThreads?: number;
    /**
     * Threads all contexts of the runtime held a reservation for when this call started: more than `idealThreads`
     * means another context still held threads, and node-llama-cpp split them between the two.
     */
    reservedThreads?: number;
}

export interface MarkRecord {
    at: number;
    label: string;
}

/** What one request's trace shows (between two marks). */
export interface RequestTrace {
    /** ms from the start mark to the first decode call. */
    beforeFirstDecodeMs: number;
    /** Decode calls before the first-token mark (the prompt's). */
    promptDecodes: number;
    /** Tokens of each of those calls that belong to this request's sequence. */
    promptTokensPerDecode: number[];
    /** Threads each of those calls ran with (undefined where not set). */
    promptThreads: (number | undefined)[];
    /** ms spent inside those decode calls. */
    promptDecodeMs: number;
    /** ms between the start mark and the first token that no decode call covered (JavaScript work and waits). */
    promptIdleMs: number;
    /** Largest gap between two consecutive decode calls before the first token, ms (a timer or queue wait shows here). */
    longestPromptGapMs: number;
    /** ms from the end of the last prompt decode to the first-token mark (sampling and the chat layer). */
    afterLastPromptDecodeMs: number;
}

export class EvalTrace {
    private readonly t0 = performance.now();
    readonly decodes: DecodeRecord[] = [];
    readonly marks: MarkRecord[] = [];
    private readonly restore: (() => void)[] = [];
    private readonly contexts: ContextInternals[] = [];

    now(): number { return performance.now() - this.t0; }

    /** A performance.now() time in the trace's time (ms since it started). */
    relative(performanceNow: number): number { return performanceNow - this.t0; }

    /** Records `label` now, or at `performanceNow` (a performance.now() time). */
    mark(label: string, performanceNow?: number): number {
        const at = performanceNow == null ? this.now() : this.relative(performanceNow);
        this.marks.push({at, label});
        return at;
    }

    /** Records every decode call of `context` under `label`; false when node-llama-cpp's internals are not there. */
    watch(context: unknown, label: string): boolean {
        const c = context as ContextInternals | undefined;
        const native = c?._ctx;
        if (!native || typeof native.initBatch !== "function" || typeof native.addToBatch !== "function"
            || typeof native.decodeBatch !== "function") return false;
        const {initBatch, addToBatch, setThreads, decodeBatch} = native;
        let pending: DecodeRecord | undefined;
        const trace = this;
        const define = (name: keyof NativeContext, value: unknown) =>
            Object.defineProperty(native, name, {configurable: true, writable: true, value});
        try {
            define("initBatch", function (this: unknown, size: number) {
                pending = {context: label, start: NaN, end: NaN, tokens: 0, items: [], idealThreads: c!._idealThreads};
                return initBatch.call(this, size);
            });
            define("addToBatch", function (this: unknown, sequenceId: number, firstIndex: number, tokens: Uint32Array, logits: Uint32Array) {
                if (pending) {
                    pending.items.push({sequence: sequenceId, firstIndex, tokens: tokens.length});
                    pending.tokens += tokens.length;
                }
                return addToBatch.call(this, sequenceId, firstIndex, tokens, logits);
            });
            if (typeof setThreads === "function") {
                define("setThreads", function (this: unknown, threads: number) {
                    if (pending) pending.threads = threads;
                    return setThreads.call(this, threads);
                });
            }
            define("decodeBatch", function (this: unknown) {
                const record = pending ?? {context: label, start: NaN, end: NaN, tokens: 0, items: []};
                pending = undefined;
                record.reservedThreads = c!._llama?._threadsSplitter?._totalWantedThreads;
                record.start = trace.now();
                trace.decodes.push(record);
                const done = () => { record.end = trace.now(); };
                const result = decodeBatch.call(this);
                result.then(done, done);
                return result;
            });
        } catch {
            this.unwatch(native);
            return false;
        }
        this.contexts.push(c!);
        this.restore.push(() => this.unwatch(native));
        return true;
    }

    private unwatch(native: NativeContext): void {
        for (const name of ["initBatch", "addToBatch", "setThreads", "decodeBatch"] as const)
            delete (native as unknown as Record<string, unknown>)[name];
    }

    /**
     * Waits until no watched context holds a thread reservation. node-llama-cpp keeps a context's reservation until
     * a setTimeout(0) after its last decode; a context that decodes before then gets only part of the threads (see
     * docs/performance.md, "Time to first token"). A benchmark that times one context right after another waits here.
     */
    async settleThreads(): Promise<void> {
        for (let i = 0; i < 100; i++) {
            await new Promise((resolve) => setTimeout(resolve, 0));
            if (!this.contexts.some((c) => c._threadSplitterConsumer != null)) return;
        }
    }

    /** Decode calls since `from` (ms), optionally of one context. */
    decodesSince(from: number, context?: string): DecodeRecord[] {
        return this.decodes.filter((d) => d.start >= from && (context == null || d.context === context));
    }

    /**
     * One request's trace: decodes of `context` touching `sequence` (any sequence when undefined) between the
     * start mark and the first-token mark.
     */
    request(context: string, start: number, firstToken: number, sequence?: number): RequestTrace {
        const mine = (d: DecodeRecord) => d.context === context && (sequence == null || d.items.some((i) => i.sequence === sequence));
        const prompt = this.decodes.filter((d) => mine(d) && d.start >= start && d.start < firstToken);
        const tokensOf = (d: DecodeRecord) => sequence == null ? d.tokens
            : d.items.filter((i) => i.sequence === sequence).reduce((n, i) => n + i.tokens, 0);
        let covered = 0;
        let longestGap = 0;
        prompt.forEach((d, i) => {
            covered += Math.min(d.end, firstToken) - d.start;
            if (i > 0) longestGap = Math.max(longestGap, d.start - prompt[i - 1].end);
        });
        const last = prompt.at(-1);
        return {
            beforeFirstDecodeMs: prompt.length > 0 ? prompt[0].start - start : NaN,
            promptDecodes: prompt.length,
            promptTokensPerDecode: prompt.map(tokensOf),
            promptThreads: prompt.map((d) => d.threads),
            promptDecodeMs: covered,
            promptIdleMs: firstToken - start - covered,
            longestPromptGapMs: longestGap,
            afterLastPromptDecodeMs: last ? firstToken - last.end : NaN
        };
    }

    /** The trace as text, one line per decode call or mark, ms since the trace started. */
    format(): string {
        const lines: [number, string][] = [
            ...this.marks.map((m): [number, string] => [m.at, `mark    ${m.label}`]),
            ...this.decodes.map((d): [number, string] => [d.start, `decode  ${d.context}  ${d.tokens} token(s): ` +
                `${d.items.map((i) => `seq ${i.sequence} @${i.firstIndex} +${i.tokens}`).join(", ")}; ` +
                `${d.threads ?? "?"} thread(s) of ${d.idealThreads ?? "?"}` +
                `${d.reservedThreads != null && d.idealThreads != null && d.reservedThreads > d.idealThreads
                    ? ` (threads reserved by all contexts: ${d.reservedThreads})` : ""}; ${(d.end - d.start).toFixed(1)} ms`])
        ];
        lines.sort((a, b) => a[0] - b[0]);
        return lines.map(([t, s]) => `${t.toFixed(1).padStart(10)} ms  ${s}`).join("\n") + "\n";
    }

    dispose(): void {
        for (const r of this.restore.splice(0)) r();
        this.contexts.length = 0;
    }
}
