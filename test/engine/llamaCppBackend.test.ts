import {strict as assert} from "node:assert";
import {testModelPath} from "../support/testModel";
import {LlamaCppBackend} from "../../shared/engine/llamaCppBackend";
import {InputTooLongError, type GenerateRequest, type ResolvedSampling} from "../../shared/engine/chatBackend";
import {MED42_SYSTEM_PROMPT} from "../../shared/engine/defaults";

const greedy = (maxTokens: number): ResolvedSampling => ({temperature: 0, topK: 1, topP: 1, maxTokens});
const ask = (content: string, extra: Partial<GenerateRequest> = {}): GenerateRequest => ({
    systemPrompt: MED42_SYSTEM_PROMPT, messages: [{role: "user", content}], sampling: greedy(12), ...extra
});

describe("LlamaCppBackend (real inference on the generated model)", function () {
    let backend: LlamaCppBackend;
    before(() => { backend = new LlamaCppBackend({modelPath: testModelPath(), contextSize: 2048, sequences: 2}); });
    after(() => backend.dispose());

    it("loads the model lazily and streams text chunks that add up to the answer", async () => {
        const chunks: string[] = [];
        let started = false;
        const r = await backend.generate(ask("What is hypertension?", {
            sampling: {temperature: 0.4, topK: 150, topP: 0.75, maxTokens: 16, seed: 7},
            onStart: () => { started = true; }, onText: (t) => chunks.push(t)
        }));
        assert.ok(started);
        assert.equal(chunks.join(""), r.text);
        assert.ok(r.usage.completionTokens > 0 && r.usage.completionTokens <= 16);
        assert.ok(r.usage.promptTokens > 300, "byte-level prompt includes the Med42 system prompt");
        assert.ok(["eos", "maxTokens"].includes(r.stopReason));
    });

    it("stops midway when the signal aborts and keeps the partial text", async () => {
        const ac = new AbortController();
        let seen = 0;
        const r = await backend.generate(ask("Explain sepsis management.", {
            sampling: {...greedy(200), temperature: 0.8, topK: 40, topP: 0.9, seed: 3},
            signal: ac.signal, onText: () => { if (++seen === 3) ac.abort(); }
        }));
        assert.equal(r.stopReason, "abort");
        assert.ok(r.usage.completionTokens < 200);
        assert.ok(seen >= 3);
    });

    it("returns an aborted result without generating when the signal is already aborted", async () => {
        const ac = new AbortController();
        ac.abort();
        const r = await backend.generate(ask("anything", {signal: ac.signal}));
        assert.equal(r.stopReason, "abort");
        assert.equal(r.usage.completionTokens, 0);
    });

    it("reuses the primed system prompt for a new conversation and the KV cache for a follow-up", async () => {
        const systemTokens = (await backend.countTokens(MED42_SYSTEM_PROMPT));
        const first = await backend.generate(ask("What causes gout?", {conversationId: "kv-1"}));
        // Only the user's turn (and headers) is evaluated: the system prompt was primed at load.
        assert.ok(first.usage.evaluatedPromptTokens < first.usage.promptTokens - systemTokens + 10,
            `evaluated ${first.usage.evaluatedPromptTokens} of ${first.usage.promptTokens}`);
        const followUp = await backend.generate({
            ...ask(""), conversationId: "kv-1",
            messages: [{role: "user", content: "What causes gout?"}, {role: "assistant", content: first.text},
                {role: "user", content: "And its treatment?"}]
        });
        // At most the new turn, plus the previous answer when its random bytes re-tokenise differently from how
        // they were sampled (invalid UTF-8 from random weights); never the system prompt or the first question.
        // + 30: the turn headers and end-of-turn markers are ~22 byte-level tokens.
        const bound = (await backend.countTokens("And its treatment?")) + (await backend.countTokens(first.text)) + 30;
        assert.ok(followUp.usage.evaluatedPromptTokens <= bound,
            `follow-up evaluated ${followUp.usage.evaluatedPromptTokens} tokens, expected at most ${bound}`);
        assert.ok(followUp.usage.evaluatedPromptTokens < followUp.usage.promptTokens / 4);
        assert.ok(followUp.usage.promptTokens > first.usage.promptTokens);
    });

    it("trims the oldest turns to fit the context, keeping the system prompt", async () => {
        const small = new LlamaCppBackend({modelPath: testModelPath(), contextSize: 1024, sequences: 1});
        try {
            const long = "word ".repeat(60); // ~300 byte tokens per turn
            const messages = [
                {role: "user" as const, content: "first " + long}, {role: "assistant" as const, content: "reply " + long},
                {role: "user" as const, content: "second " + long}, {role: "assistant" as const, content: "reply two"},
                {role: "user" as const, content: "What is the dose of amoxicillin?"}
            ];
            const r = await small.generate({...ask(""), messages});
            assert.ok(r.droppedMessages >= 2, `dropped ${r.droppedMessages}`);
            assert.equal(r.droppedMessages % 2, 0, "whole exchanges are dropped");
            assert.ok(r.usage.promptTokens + 12 <= 1024);
        } finally {
            await small.dispose();
        }
    });

    it("rejects an input that cannot fit with a clear error, not a crash", async () => {
        await assert.rejects(backend.generate(ask("x ".repeat(3000))), (err: unknown) => {
            assert.ok(err instanceof InputTooLongError);
            assert.match(err.message, /too long.*tokens/);
            return true;
        });
        // The backend still works afterwards.
        const r = await backend.generate(ask("ok?"));
        assert.ok(r.usage.completionTokens > 0);
    });

    it("rebuilds a conversation whose sequence was reused, giving the same tokens as a cold evaluation", async () => {
        const one = new LlamaCppBackend({modelPath: testModelPath(), contextSize: 2048, sequences: 1});
        const cold = new LlamaCppBackend({modelPath: testModelPath(), contextSize: 2048, sequences: 1, primeSystemPrompt: false});
        try {
            const a1 = await one.generate(ask("Define anemia.", {conversationId: "A"}));
            await one.generate(ask("Something else entirely", {conversationId: "B"})); // evicts A
            const followUp = (b: LlamaCppBackend) => b.generate({
                ...ask(""), conversationId: "A",
                messages: [{role: "user", content: "Define anemia."}, {role: "assistant", content: a1.text},
                    {role: "user", content: "Types?"}]
            });
            const warm = await followUp(one);
            const reference = await followUp(cold);
            assert.equal(warm.text, reference.text);
            assert.ok(reference.usage.evaluatedPromptTokens > warm.usage.evaluatedPromptTokens,
                "the cold backend evaluated everything, the warm one reused the system prompt");
        } finally {
            await one.dispose();
            await cold.dispose();
        }
    });
});

describe("LlamaCppBackend queue", function () {
    it("serves more requests than sequences in FIFO order, reporting positions, and drops a cancelled waiter", async () => {
        const backend = new LlamaCppBackend({modelPath: testModelPath(), contextSize: 1024, sequences: 1});
        try {
            await backend.load();
            const started: string[] = [];
            const positions: Record<string, number[]> = {a: [], b: [], c: [], d: []};
            const cancelC = new AbortController();
            const run = (id: string, signal?: AbortSignal) => backend.generate(ask(`question ${id}`, {
                signal, onStart: () => started.push(id), onQueuePosition: (p) => positions[id].push(p)
            }));
            const pa = run("a");
            const pb = run("b");
            const pc = run("c", cancelC.signal);
            const pd = run("d");
            await new Promise((r) => setImmediate(r));
            cancelC.abort();
            const [ra, rb, rc, rd] = await Promise.all([pa, pb, pc, pd]);
            assert.deepEqual(started, ["a", "b", "d"]);
            assert.equal(rc.stopReason, "abort");
            assert.equal(rc.usage.completionTokens, 0);
            for (const r of [ra, rb, rd]) assert.ok(r.usage.completionTokens > 0);
            assert.deepEqual(positions.b, [1]);
            assert.deepEqual(positions.d, [3, 2, 1], "d moved up when c was cancelled and when b started");
            assert.equal(backend.waiting, 0);
        } finally {
            await backend.dispose();
        }
    });
});
