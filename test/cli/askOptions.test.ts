/**
 * `med42 ask` answers one question per process: its core runs one sequence and evaluates the system prompt with the
 * question, as a bare node-llama-cpp script does, instead of priming it into two sequences at load (a second KV
 * cache, a state-file copy and the prompt split into more, smaller batches, for a question that never comes).
 */
import {strict as assert} from "node:assert";
import type {LlamaContext} from "node-llama-cpp" with {"resolution-mode": "import"};
import {Med42Assistant} from "../../shared/assistant";
import type {LlamaCppBackend} from "../../shared/engine/llamaCppBackend";
import {askAssistantOptions} from "../../cli/commands/ask";
import {testModelPath} from "../support/testModel";

describe("med42 ask: the core of a one-question process", function () {
    this.timeout(120_000);

    it("uses one sequence, not primed at load, and answers with the whole prompt evaluated once", async () => {
        const options = askAssistantOptions({model: testModelPath(), maxTokens: "4", seed: "1", audit: false});
        assert.equal(options.sequences, 1);
        assert.equal(options.primeSystemPrompt, false);
        assert.equal(options.auditDb, false, "the other flags still apply");
        const assistant = new Med42Assistant(options);
        try {
            await assistant.loadModel();
            const backend = (assistant as unknown as {getBackend(): LlamaCppBackend}).getBackend();
            const context = backend.context as LlamaContext;
            assert.equal(context.totalSequences, 1);
            const usage: {evaluatedPromptTokens?: number; promptTokens?: number} = {};
            const generate = backend.generate.bind(backend);
            backend.generate = async (req) => {
                const r = await generate(req);
                Object.assign(usage, r.usage);
                return r;
            };
            const r = await assistant.ask({messages: [{role: "user", content: "What is gout?"}], surface: "cli"}).result;
            assert.equal(r.policy.action, "answer");
            // Nothing was in the sequence: the whole prompt (system prompt included) was evaluated for the question.
            assert.ok(usage.promptTokens! > 100, `prompt of ${usage.promptTokens} tokens`);
            assert.ok(usage.evaluatedPromptTokens! >= usage.promptTokens! - 8,
                `evaluated ${usage.evaluatedPromptTokens} of ${usage.promptTokens}: nothing primed`);
        } finally {
            await assistant.dispose();
        }
    });
});
