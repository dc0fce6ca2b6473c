/**
 * The map step of a long document's summary runs its parts side by side (up to the backend's parallel sequences),
 * keeps the reduce step in document order, reports progress as a share of the work with each part's summary, and
 * takes turns with other work in the backend's FIFO queue: with several summaries and a question waiting, none
 * starves. Scripted backends, no model and no clock: what happens is decided by the order of requests.
 */
import * as assert from "node:assert/strict";
import type {ChatBackend, GenerateRequest, GenerateResult} from "../../shared/engine/chatBackend";
import {RequestQueue} from "../../shared/engine/requestQueue";
import {summarize} from "../../shared/summarizer";
import type {SummaryProgress} from "../../shared/summaryProgress";

const SAMPLING = {temperature: 0, topK: 1, topP: 1, maxTokens: 64};
/** One event-loop turn: what a decode step is in these backends. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A document of `paragraphs` paragraphs, each naming the document and its number (so requests say whose they are). */
function documentText(name: string, paragraphs: number): string {
    return Array.from({length: paragraphs}, (_, i) =>
        `${name} paragraph ${i}: the patient was admitted with pneumonia and treated with amoxicillin for five days.`).join("\n\n");
}

const isCombine = (prompt: string) => prompt.startsWith("Combine these partial summaries");
const promptOf = (req: GenerateRequest) => req.messages[req.messages.length - 1].content;

/**
 * A backend whose "tokens" are 4 characters, with `slots` sequences behind the engine's own FIFO RequestQueue; a
 * request holds its sequence for `steps(req)` event-loop turns, reporting a token per turn.
 */
class QueuedBackend implements ChatBackend {
    readonly modelDescription = "scripted queued backend";
    readonly contextSize = 1024;
    readonly served: GenerateRequest[] = [];
    inFlight = 0;
    maxInFlight = 0;
    private readonly queue: RequestQueue<number>;

    constructor(readonly parallelSequences: number, private readonly steps: (req: GenerateRequest) => number = () => 3) {
        this.queue = new RequestQueue(Array.from({length: parallelSequences}, (_, i) => i));
    }

    async load(): Promise<void> {}
    async dispose(): Promise<void> {}
    async countTokens(text: string): Promise<number> { return Math.ceil(text.length / 4); }

    async generate(req: GenerateRequest): Promise<GenerateResult> {
        const lease = await this.queue.acquire({signal: req.signal, onPosition: req.onQueuePosition});
        this.served.push(req);
        this.inFlight++;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        try {
            req.onStart?.();
            req.onPromptProgress?.(Math.ceil(promptOf(req).length / 8));
            const prompt = promptOf(req);
            const text = isCombine(prompt) ? `SUMMARY OF ${prompt.match(/summary of \d+ \((\w+)\)/)?.[1] ?? "?"}`
                : `summary of ${prompt.match(/This is part (\d+)/)?.[1]} (${prompt.match(/(\w+) paragraph/)?.[1]})`;
            let stopReason: GenerateResult["stopReason"] = "eos";
            for (let i = 0, n = this.steps(req); i < n; i++) {
                await turn();
                if (req.signal?.aborted) { stopReason = "abort"; break; }
                req.onToken?.(1);
            }
            if (stopReason !== "abort") req.onText?.(text);
            return {text: stopReason === "abort" ? "" : text, stopReason, droppedMessages: 0,
                usage: {promptTokens: await this.countTokens(prompt), completionTokens: 3, evaluatedPromptTokens: 0}};
        } finally {
            this.inFlight--;
            lease.release();
        }
    }
}

describe("summariser: the parts of a long document side by side", () => {
    it("summarises up to parallelSequences parts at once and combines them in document order", async () => {
        // The first part takes longest: the parts finish out of order, the combined summary keeps the document's.
        const backend = new QueuedBackend(2, (req) => /This is part 1 /.test(promptOf(req)) ? 9 : 2);
        const progress: SummaryProgress[] = [];
        const result = await summarize({backend, systemPrompt: "You are a clinical assistant.", text: documentText("alpha", 110),
            sampling: SAMPLING, onProgress: (_done, _total, p) => progress.push(p)});
        const maps = backend.served.filter((r) => !isCombine(promptOf(r)));
        assert.ok(result.chunks >= 4, `${result.chunks} chunks`);
        assert.equal(maps.length, result.chunks);
        assert.equal(backend.maxInFlight, 2, "two parts at a time");
        const combine = promptOf(backend.served.at(-1)!);
        assert.ok(isCombine(combine));
        const order = [...combine.matchAll(/Part (\d+):\nsummary of (\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
        assert.deepEqual(order, Array.from({length: result.chunks}, (_, i) => [i + 1, i + 1]), "document order");
        assert.equal(result.text, "SUMMARY OF alpha");

        // Progress: a share that never goes back and ends at 1, each part's summary as soon as it is done (the
        // second part before the slow first one), all before the combining pass.
        const fractions = progress.map((p) => p.fraction);
        assert.deepEqual(fractions, [...fractions].sort((a, b) => a - b), "never backwards");
        assert.equal(fractions.at(-1), 1);
        assert.equal(fractions[0], 0);
        const parts = progress.filter((p) => p.part).map((p) => p.part!);
        assert.deepEqual(parts.map((p) => p.index).sort((a, b) => a - b), Array.from({length: result.chunks}, (_, i) => i));
        assert.equal(parts[0].index, 1, "the part that finished first is shown first");
        assert.equal(parts[0].text, "summary of 2 (alpha)");
        assert.ok(parts.every((p) => p.of === result.chunks));
        const last = progress.at(-1)!;
        assert.equal(last.done, last.total);
        assert.equal(last.done, backend.served.length);
        // The share moved before the first part was done: prompt evaluation and tokens count, not only whole passes.
        const firstPart = progress.findIndex((p) => p.part);
        assert.ok(progress.slice(0, firstPart).some((p) => p.fraction > 0), "a percentage before any part is done");
    });

    it("with one sequence, one part at a time (as before)", async () => {
        const backend = new QueuedBackend(1);
        const result = await summarize({backend, systemPrompt: "You are a clinical assistant.", text: documentText("beta", 60), sampling: SAMPLING});
        assert.ok(result.chunks > 1);
        assert.equal(backend.maxInFlight, 1);
    });

    it("several summaries and a question queued together: each gets its turn, none starves", async () => {
        const backend = new QueuedBackend(2);
        const names = ["alpha", "beta", "gamma"];
        const summaries = names.map((name) => summarize({backend, systemPrompt: "You are a clinical assistant.",
            text: documentText(name, 110), sampling: SAMPLING}));
        // Let all three ask for their first parts, then a question arrives.
        for (let i = 0; i < 3; i++) await turn();
        const question = backend.generate({systemPrompt: "s", messages: [{role: "user", content: "A question: what is sepsis?"}],
            sampling: SAMPLING});
        const results = await Promise.all(summaries);
        await question;
        results.forEach((r, i) => assert.equal(r.text, `SUMMARY OF ${names[i]}`));
        const owner = (req: GenerateRequest) => /A question/.test(promptOf(req)) ? "question"
            : promptOf(req).match(/(\w+) paragraph|summary of \d+ \((\w+)\)/)!.slice(1).find(Boolean)!;
        const order = backend.served.map(owner);
        // The question waited at most for the passes queued before it: two per summary (each keeps at most two).
        assert.ok(order.indexOf("question") <= names.length * 2, `served: ${order.join(" ")}`);
        // Every summary is served within the first two rounds, and no summary runs far ahead of another while all
        // three still have parts left: at any point the counts served differ by at most two rounds' worth.
        for (const name of names) assert.ok(order.indexOf(name) < names.length * 2, `${name} waited: ${order.join(" ")}`);
        const mapsOf = Object.fromEntries(names.map((n) => [n, backend.served.filter((r) => owner(r) === n && !isCombine(promptOf(r))).length]));
        const counts = Object.fromEntries(names.map((n) => [n, 0]));
        for (const req of backend.served) {
            const who = owner(req);
            if (who === "question" || isCombine(promptOf(req))) continue;
            counts[who]++;
            if (names.every((n) => counts[n] < mapsOf[n])) {
                const spread = Math.max(...names.map((n) => counts[n])) - Math.min(...names.map((n) => counts[n]));
                assert.ok(spread <= 2, `uneven turns: ${order.join(" ")}`);
            }
        }
    });

    it("a stop stops every part in flight; a failing part stops the others and its error is thrown", async () => {
        const stopper = new AbortController();
        const backend = new QueuedBackend(2, () => 50);
        const stopped = summarize({backend, systemPrompt: "s", text: documentText("delta", 110), sampling: SAMPLING, signal: stopper.signal});
        for (let i = 0; i < 5; i++) await turn();
        stopper.abort();
        const r = await stopped;
        assert.equal(r.stopReason, "abort");
        assert.equal(r.text, "");
        assert.equal(backend.served.length, 2, "no part started after the stop");
        assert.ok(backend.served.every((req) => req.signal?.aborted), "both parts in flight were stopped");

        const failing = new QueuedBackend(2, () => 50);
        const generate = failing.generate.bind(failing);
        failing.generate = async (req) => {
            if (/This is part 2 /.test(promptOf(req))) { await turn(); throw new Error("the engine failed"); }
            return generate(req);
        };
        await assert.rejects(summarize({backend: failing, systemPrompt: "s", text: documentText("epsilon", 110), sampling: SAMPLING}),
            /the engine failed/);
        assert.equal(failing.inFlight, 0, "the other part was stopped and ended");
        assert.ok(failing.served.every((req) => req.signal?.aborted), "the part in flight got the stop");
    });
});
