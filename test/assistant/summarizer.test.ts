/**
 * The summariser's budgets and loops: a non-finite number fails loudly at once, and long splitting work returns to
 * the event loop so Ctrl+C, SIGTERM and timers are heard (a loop of resolved promises never lets them run).
 */
import {strict as assert} from "node:assert";
import type {ChatBackend, GenerateRequest, GenerateResult, ResolvedSampling} from "../../shared/engine/chatBackend";
import {InvalidNumberError} from "../../shared/options";
import {splitByTokens, summarize} from "../../shared/summarizer";

/** Counts a token per 4 characters and answers at once: nothing here ever waits for I/O. */
class InstantBackend implements ChatBackend {
    readonly modelDescription = "instant";
    generated = 0;
    constructor(readonly contextSize: number) {}
    async load(): Promise<void> {}
    async countTokens(text: string): Promise<number> { return Math.ceil(text.length / 4); }
    async dispose(): Promise<void> {}
    async generate(req: GenerateRequest): Promise<GenerateResult> {
        this.generated++;
        req.onText?.("summary");
        return {text: "summary", stopReason: "eos", droppedMessages: 0, usage: {promptTokens: 1, completionTokens: 1, evaluatedPromptTokens: 1}};
    }
}

const SAMPLING: ResolvedSampling = {temperature: 0.4, topK: 150, topP: 0.75, maxTokens: 512};
const NOTE = Array.from({length: 400}, (_, i) => `Day ${i + 1}: afebrile, stable, on ceftriaxone.`).join("\n\n");

describe("summarizer: budgets and loops", function () {
    it("rejects a NaN context size or max tokens with a clear error instead of splitting forever", async () => {
        // Before the fix, NaN made the chunk budget NaN: every piece came out empty and the reduce loop never ended.
        await assert.rejects(summarize({backend: new InstantBackend(NaN), systemPrompt: "s", text: NOTE, sampling: SAMPLING}),
            (e: unknown) => e instanceof InvalidNumberError && /^contextSize must be a whole number/.test(e.message));
        await assert.rejects(summarize({backend: new InstantBackend(8192), systemPrompt: "s", text: NOTE,
            sampling: {...SAMPLING, maxTokens: NaN}}), /^InvalidNumberError: sampling\.maxTokens must be a whole number/);
        await assert.rejects(splitByTokens(new InstantBackend(8192), NOTE, NaN), InvalidNumberError);
        await assert.rejects(splitByTokens(new InstantBackend(8192), NOTE, Infinity), InvalidNumberError);
    });

    it("still summarises normally: map passes, then one combining pass", async () => {
        const backend = new InstantBackend(2048);
        const progress: [number, number][] = [];
        const r = await summarize({backend, systemPrompt: "s", text: NOTE, sampling: SAMPLING, onProgress: (d, t) => progress.push([d, t])});
        assert.equal(r.text, "summary");
        assert.ok(r.chunks > 1);
        assert.equal(backend.generated, r.chunks + 1);
        assert.deepEqual(progress[progress.length - 1], [r.chunks + 1, r.chunks + 1]);
    });

    it("returns to the event loop while splitting a long document, and stops there when aborted", async () => {
        const text = Array.from({length: 60_000}, (_, i) => `Line ${i}: potassium 4.1, creatinine 88.`).join("\n");
        const order: string[] = [];
        setImmediate(() => order.push("event loop ran"));
        const pieces = await splitByTokens(new InstantBackend(8192), text, 500);
        order.push("split done");
        assert.ok(pieces.length > 10);
        assert.deepEqual(order, ["event loop ran", "split done"], "the split let the event loop run before it finished");

        const ac = new AbortController();
        setImmediate(() => ac.abort());
        const partial = await splitByTokens(new InstantBackend(8192), text, 500, ac.signal);
        assert.ok(partial.length < pieces.length, `stopped early (${partial.length} of ${pieces.length} pieces)`);
        const r = await summarize({backend: new InstantBackend(8192), systemPrompt: "s", text, sampling: SAMPLING, signal: ac.signal});
        assert.equal(r.stopReason, "abort");
    });
});
