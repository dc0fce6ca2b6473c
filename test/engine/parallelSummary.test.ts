/**
 * Summaries on the real engine (generated model): a long document's parts are generated in parallel sequences and
 * decoded together, one batch per step; a long prompt reports its progress while it is evaluated. Counted from the
 * decode calls, never timed.
 */
import {strict as assert} from "node:assert";
import {mock} from "node:test";
import {MED42_SYSTEM_PROMPT} from "../../shared/engine/defaults";
import {LlamaCppBackend} from "../../shared/engine/llamaCppBackend";
import {summarize} from "../../shared/summarizer";
import {EvalTrace} from "../../bench/evalTrace";
import {testModelPath} from "../support/testModel";

const NOTE = Array.from({length: 40}, (_, i) =>
    `Day ${i + 1}: afebrile, eating well, creatinine stable, amoxicillin continued, mobilising with physiotherapy.`).join("\n");

describe("summaries on the engine (generated model)", function () {
    this.timeout(120_000);
    let backend: LlamaCppBackend;
    let trace: EvalTrace;

    before(async () => {
        backend = new LlamaCppBackend({modelPath: testModelPath(), contextSize: 2048, sequences: 2});
        await backend.load();
        trace = new EvalTrace();
        assert.ok(trace.watch(backend.context, "engine"), "node-llama-cpp's internals changed: update bench/evalTrace.ts");
    });
    after(async () => {
        trace?.dispose();
        await backend?.dispose();
    });

    it("generates the parts of a long document in both sequences, their tokens decoded together", async () => {
        const from = trace.now();
        const result = await summarize({backend, systemPrompt: MED42_SYSTEM_PROMPT, text: NOTE,
            sampling: {temperature: 0, topK: 1, topP: 1, maxTokens: 12}});
        assert.ok(result.chunks >= 3, `${result.chunks} chunks`);
        const decodes = trace.decodesSince(from, "engine");
        const together = decodes.filter((d) => new Set(d.items.map((i) => i.sequence)).size === 2);
        // Generation steps of the two parts in one decode call each (the lockstep batcher), not one call per part.
        const steps = together.filter((d) => d.items.every((i) => i.tokens === 1));
        assert.ok(steps.length >= 5, `decode calls with both parts' tokens: ${together.length}, of which generation steps ` +
            `${steps.length}\n${trace.format()}`);
    });

    describe("on a fake interval clock", () => {
        afterEach(() => mock.timers.reset());

        it("reports the prompt tokens evaluated while a long prompt is evaluated, then stops", async () => {
            mock.timers.enable({apis: ["setInterval"]});
            // Half a second passes on the fake clock before every decode call: the engine looks at the prompt then.
            const native = (backend.context as unknown as {_ctx: {decodeBatch(): Promise<unknown>}})._ctx;
            const decodeBatch = native.decodeBatch;
            Object.defineProperty(native, "decodeBatch", {configurable: true, writable: true, value(this: unknown) {
                mock.timers.tick(500);
                return decodeBatch.call(this);
            }});
            const reports: number[] = [];
            try {
                const r = await backend.generate({systemPrompt: MED42_SYSTEM_PROMPT, messages: [{role: "user", content: NOTE.slice(0, 1300)}],
                    sampling: {temperature: 0, topK: 1, topP: 1, maxTokens: 4}, onPromptProgress: (n) => reports.push(n)});
                assert.ok(r.usage.evaluatedPromptTokens > 1200, `${r.usage.evaluatedPromptTokens} tokens`);
                // The prompt went to llama.cpp in batches of 512: every report but the last one shows whole batches.
                assert.ok(reports.length >= 3, `reports: ${reports.join(", ")}`);
                assert.deepEqual(reports, [...reports].sort((a, b) => a - b), "growing");
                assert.equal(new Set(reports).size, reports.length, "only when it moved");
                assert.ok(reports.at(-1)! <= r.usage.evaluatedPromptTokens);
                const count = reports.length;
                mock.timers.tick(5_000);
                assert.equal(reports.length, count, "nothing after the request");
            } finally {
                delete (native as {decodeBatch?: unknown}).decodeBatch; // the prototype's own again
            }
        });
    });
});
