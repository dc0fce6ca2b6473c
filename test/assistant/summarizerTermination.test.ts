/**
 * The map-reduce summariser always ends, even when every partial summary is longer than the text it summarises (a
 * model that rambles, or a server that ignores maxTokens): then the combined summaries never shrink and the reduce
 * passes would go on for ever. Bounded by a pass counter in the scripted backend, never by wall time.
 */
import * as assert from "node:assert/strict";
import type {ChatBackend, GenerateRequest, GenerateResult} from "../../shared/engine/chatBackend";
import {summarize} from "../../shared/summarizer";

/** Passes after which the backend gives up: far more than a document of this size can need. */
const PASS_LIMIT = 200;

/** A backend whose "tokens" are 4 characters and whose every summary is twice as long as its input (maxTokens ignored). */
class RamblingBackend implements ChatBackend {
    readonly modelDescription = "scripted rambling backend";
    readonly contextSize = 2048;
    readonly requests: GenerateRequest[] = [];

    async load(): Promise<void> {}
    async dispose(): Promise<void> {}
    async countTokens(text: string): Promise<number> { return Math.ceil(text.length / 4); }

    async generate(request: GenerateRequest): Promise<GenerateResult> {
        this.requests.push(request);
        if (this.requests.length > PASS_LIMIT) throw new Error(`more than ${PASS_LIMIT} passes: the summariser does not end`);
        const prompt = request.messages[request.messages.length - 1].content;
        const final = prompt.startsWith("Combine these partial summaries");
        const text = final ? "FINAL SUMMARY" : "rambling words ".repeat(Math.ceil(prompt.length / 15) * 2);
        const tokens = await this.countTokens(text);
        request.onText?.(text);
        return {text, stopReason: "maxTokens", droppedMessages: 0,
            usage: {promptTokens: await this.countTokens(prompt), completionTokens: tokens, evaluatedPromptTokens: 0}};
    }
}

describe("summariser: always terminates", () => {
    it("ends when every partial summary is longer than its chunk, within a bounded number of passes", async () => {
        const backend = new RamblingBackend();
        const paragraph = "The patient was admitted with community-acquired pneumonia and treated with amoxicillin. ";
        const text = Array.from({length: 400}, (_, i) => `${i}. ${paragraph}`).join("\n\n"); // about 9,000 tokens here
        const progress: [number, number][] = [];
        const result = await summarize({backend, systemPrompt: "You are a clinical assistant.", text,
            sampling: {temperature: 0, topK: 1, topP: 1, maxTokens: 512}, onProgress: (d, t) => progress.push([d, t])});

        assert.equal(result.text, "FINAL SUMMARY", "the final pass ran");
        assert.ok(result.chunks > 1, "the text needed several chunks");
        assert.ok(backend.requests.length < 40, `${backend.requests.length} passes`);
        for (const request of backend.requests) {
            const promptTokens = await backend.countTokens(request.systemPrompt + request.messages[0].content);
            assert.ok(promptTokens + request.sampling.maxTokens <= backend.contextSize,
                `a pass of ${promptTokens} prompt tokens + ${request.sampling.maxTokens} to write fits the context`);
        }
        // Partial summaries are asked for with a smaller budget than their part: at most half of it.
        for (const request of backend.requests.slice(0, -1)) {
            const part = request.messages[0].content.split("\n---\n")[1];
            assert.ok(request.sampling.maxTokens <= Math.floor((await backend.countTokens(part)) / 2), "budget at most half the part");
        }
        const [done, total] = progress[progress.length - 1];
        assert.equal(done, total, "progress ends complete");
        assert.equal(done, backend.requests.length);
    });
});
