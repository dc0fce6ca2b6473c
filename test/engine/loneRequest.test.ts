/**
 * A lone request costs what its prompt costs: its new prompt tokens go to llama.cpp in one decode call, with all the
 * threads the engine was given, and nothing waits for batch partners. Counted from a trace of the decode calls
 * (bench/evalTrace.ts), never timed.
 *
 * The case that broke it (issue 17): node-llama-cpp splits a runtime's threads between the contexts that hold a
 * reservation, and a context keeps its reservation until a timer after its last decode. A request that started
 * right after another context of the same runtime decoded got one thread of two for its whole prompt.
 */
import {strict as assert} from "node:assert";
import type {LlamaContext} from "node-llama-cpp" with {"resolution-mode": "import"};
import type {GenerateRequest} from "../../shared/engine/chatBackend";
import {MED42_SYSTEM_PROMPT} from "../../shared/engine/defaults";
import {LlamaCppBackend} from "../../shared/engine/llamaCppBackend";
import {EvalTrace} from "../../bench/evalTrace";
import {testModelPath} from "../support/testModel";

describe("a lone request (generated model, 2 threads)", function () {
    this.timeout(120_000);
    let backend: LlamaCppBackend;
    let other: LlamaContext;
    let trace: EvalTrace;

    before(async () => {
        // Two threads: the split only shows with more than one (the model is tiny, so two threads cost little here).
        backend = new LlamaCppBackend({modelPath: testModelPath(), threads: 2, contextSize: 1024, sequences: 2});
        await backend.load();
        other = await backend.model!.createContext({contextSize: 256, sequences: 1, threads: 2});
        trace = new EvalTrace();
        assert.ok(trace.watch(backend.context, "engine") && trace.watch(other, "other"),
            "node-llama-cpp's internals changed: update bench/evalTrace.ts");
    });
    after(async () => {
        trace?.dispose();
        await other?.dispose();
        await backend?.dispose();
    });

    const ask = (i: number): GenerateRequest => ({
        systemPrompt: MED42_SYSTEM_PROMPT, messages: [{role: "user", content: `Question ${i}: how is sepsis recognised early?`}],
        sampling: {temperature: 0, topK: 1, topP: 1, maxTokens: 4, seed: 1}, conversationId: `lone-${i}`
    });

    it("evaluates its prompt in one decode call with all the threads, right after another context decoded", async () => {
        const sequence = other.getSequence();
        for (let i = 0; i < 3; i++) {
            // Another context of the same runtime decodes, and the request starts the moment it is done.
            await sequence.clearHistory();
            await sequence.evaluateWithoutGeneratingNewTokens(backend.model!.tokenize(`Some other work, number ${i}.`));
            const from = trace.now();
            const timeoutsBefore = backend.batchingStats!.timeouts;
            const r = await backend.generate(ask(i));
            const decodes = trace.decodesSince(from, "engine");
            assert.ok(r.usage.evaluatedPromptTokens > 10, `request ${i} evaluated ${r.usage.evaluatedPromptTokens} prompt tokens`);
            assert.equal(decodes[0].tokens, r.usage.evaluatedPromptTokens,
                `request ${i}: the whole new prompt in the first decode call (calls: ${decodes.map((d) => d.tokens).join(", ")})`);
            assert.deepEqual(decodes.map((d) => d.threads), decodes.map(() => 2),
                `request ${i}: every decode call with both threads\n${trace.format()}`);
            assert.ok(decodes.slice(1).every((d) => d.tokens === 1), "then one token per generation step");
            assert.equal(backend.batchingStats!.timeouts, timeoutsBefore, "nothing waited for a batch partner");
        }
    });
});
