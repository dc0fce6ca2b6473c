/**
 * Correctness of the engine's prompt caching: a state that was copied (the system prompt primed into every sequence),
 * reused (a follow-up on the sequence that holds its conversation) or rebuilt (a conversation whose sequence served
 * someone else meanwhile) must give exactly the tokens a cold evaluation gives, with greedy and with seeded sampling,
 * and evaluate only the tokens the cache does not hold.
 */
import {strict as assert} from "node:assert";
import type {ChatHistoryItem, Token} from "node-llama-cpp" with {"resolution-mode": "import"};
import {testModelPath} from "../support/testModel";
import {LlamaCppBackend} from "../../shared/engine/llamaCppBackend";
import type {GenerateRequest, GenerateResult, ResolvedSampling} from "../../shared/engine/chatBackend";
import {MED42_SYSTEM_PROMPT} from "../../shared/engine/defaults";
import {importNodeLlamaCpp} from "../../shared/engine/llamaRuntime";
import type {ChatMessage} from "../../shared/types";

const GREEDY: ResolvedSampling = {temperature: 0, topK: 1, topP: 1, maxTokens: 24};
const SEEDED: ResolvedSampling = {temperature: 0.8, topK: 40, topP: 0.9, maxTokens: 24, seed: 11};

const request = (messages: ChatMessage[], sampling: ResolvedSampling, conversationId?: string): GenerateRequest =>
    ({systemPrompt: MED42_SYSTEM_PROMPT, messages, sampling, conversationId});
const user = (content: string): ChatMessage => ({role: "user", content});

/** The tokens of a prompt as the engine renders it (Llama-3 format, ending with the assistant's header). */
async function promptTokens(backend: LlamaCppBackend, messages: ChatMessage[]): Promise<Token[]> {
    const {Llama3ChatWrapper} = await importNodeLlamaCpp();
    const history: ChatHistoryItem[] = [{type: "system", text: MED42_SYSTEM_PROMPT}];
    for (const m of messages) history.push(m.role === "user" ? {type: "user", text: m.content} : {type: "model", response: [m.content]});
    history.push({type: "model", response: []});
    await backend.load();
    return new Llama3ChatWrapper().generateContextState({chatHistory: history}).contextText.tokenize(backend.model!.tokenizer);
}

function commonPrefix(a: readonly Token[], b: readonly Token[]): number {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return i;
}

describe("prompt caching gives the same tokens as a cold evaluation", function () {
    let primed: LlamaCppBackend;
    let cold: LlamaCppBackend;
    /** Tokens the primed sequences hold: the system prompt and the header of a user's turn. */
    let systemTokens: Token[];

    before(async () => {
        primed = new LlamaCppBackend({modelPath: testModelPath(), contextSize: 2048, sequences: 3});
        await primed.load();
        const a = await promptTokens(primed, [user("a")]);
        systemTokens = a.slice(0, commonPrefix(a, await promptTokens(primed, [user("b")])));
    });

    it("primes the system prompt and the user header, so a new conversation evaluates its question alone", async () => {
        // (Its first letter starts no other question of this suite: a sequence reuses any common prefix.)
        const messages = [user("Potassium: which level is normal?")];
        const full = await promptTokens(primed, messages);
        const question = primed.model!.tokenize(messages[0].content).length;
        const r = await primed.generate(request(messages, GREEDY, "prefix"));
        assert.equal(r.usage.evaluatedPromptTokens, full.length - systemTokens.length);
        // The question, then its end-of-turn marker and the assistant header (14 byte-level tokens): nothing before it.
        assert.equal(r.usage.evaluatedPromptTokens, question + 14);
    });
    after(async () => {
        await primed.dispose();
        await cold?.dispose();
    });

    /** A fresh backend without priming, so every request is evaluated from an empty sequence. */
    async function coldAnswer(messages: ChatMessage[], sampling: ResolvedSampling): Promise<GenerateResult> {
        await cold?.dispose();
        cold = new LlamaCppBackend({modelPath: testModelPath(), contextSize: 2048, sequences: 1, primeSystemPrompt: false});
        return cold.generate(request(messages, sampling));
    }

    it("counts a cold request's evaluated prompt tokens exactly", async () => {
        const messages = [user("What is a normal resting heart rate?")];
        const r = await coldAnswer(messages, GREEDY);
        assert.equal(r.usage.evaluatedPromptTokens, (await promptTokens(primed, messages)).length);
    });

    it("every sequence, the first evaluated and the others copied, answers a new conversation like a cold one (greedy)", async () => {
        const messages = [user("Which vitamins are fat-soluble?")];
        const reference = await coldAnswer(messages, GREEDY);
        const full = await promptTokens(primed, messages);
        const expectedEvaluated = full.length - commonPrefix(full, systemTokens);
        // New conversations go to the least recently used free sequence: three in a row visit all three.
        for (let i = 0; i < 3; i++) {
            const r = await primed.generate(request(messages, GREEDY, `new-greedy-${i}`));
            assert.equal(r.text, reference.text, `sequence ${i} answered differently`);
            assert.equal(r.usage.completionTokens, reference.usage.completionTokens);
            assert.equal(r.usage.evaluatedPromptTokens, expectedEvaluated,
                `sequence ${i} evaluated ${r.usage.evaluatedPromptTokens}, expected only the user's turn (${expectedEvaluated})`);
        }
    });

    it("a copied system-prompt state is bit-identical to an evaluated one (seeded sampling)", async () => {
        // Seeded sampling turns the smallest difference in the logits into different tokens. The reference is a
        // one-sequence backend, whose system prompt is evaluated at load, never copied: the same batches as in the
        // primed backend, so the two must agree token for token (a cold evaluation in one batch may differ in the
        // last bits of the floating-point sums, which only greedy decoding is immune to).
        const single = new LlamaCppBackend({modelPath: testModelPath(), contextSize: 2048, sequences: 1});
        const fresh = new LlamaCppBackend({modelPath: testModelPath(), contextSize: 2048, sequences: 3});
        try {
            const messages = [user("List the causes of microcytic anemia.")];
            const reference = await single.generate(request(messages, SEEDED, "ref"));
            assert.ok(reference.usage.completionTokens > 4);
            for (let i = 0; i < 3; i++) {
                const r = await fresh.generate(request(messages, SEEDED, `copy-${i}`));
                assert.equal(r.text, reference.text, `sequence ${i} (${i === 0 ? "evaluated" : "copied"}) answered differently`);
                assert.equal(r.usage.completionTokens, reference.usage.completionTokens);
            }
        } finally {
            await single.dispose();
            await fresh.dispose();
        }
    });

    it("primes all sequences even when they start serving at once", async () => {
        const fresh = new LlamaCppBackend({modelPath: testModelPath(), contextSize: 2048, sequences: 3});
        try {
            const questions = ["Define tachycardia.", "Define bradycardia.", "Define arrhythmia."];
            const results = await Promise.all(questions.map((q, i) => fresh.generate(request([user(q)], GREEDY, `parallel-${i}`))));
            for (const [i, q] of questions.entries()) {
                const full = await promptTokens(fresh, [user(q)]);
                assert.equal(results[i].usage.evaluatedPromptTokens, full.length - commonPrefix(full, systemTokens));
                assert.equal(results[i].text, (await coldAnswer([user(q)], GREEDY)).text);
            }
        } finally {
            await fresh.dispose();
        }
    });

    it("a follow-up on the sequence that holds its conversation evaluates only the new tokens and answers like a cold one", async () => {
        const first = [user("What causes iron deficiency?")];
        const a1 = await primed.generate(request(first, GREEDY, "follow"));
        const followUp: ChatMessage[] = [...first, {role: "assistant", content: a1.text}, user("How is it treated?")];
        const full = await promptTokens(primed, followUp);
        const r = await primed.generate(request(followUp, GREEDY, "follow"));
        // The sequence holds the first prompt and the sampled answer; only what differs from them is evaluated.
        const cachedPrefix = commonPrefix(full, await promptTokens(primed, first));
        assert.ok(r.usage.evaluatedPromptTokens <= full.length - cachedPrefix,
            `evaluated ${r.usage.evaluatedPromptTokens} of ${full.length}; the first turn (${cachedPrefix} tokens) is cached`);
        assert.equal(r.text, (await coldAnswer(followUp, GREEDY)).text);
    });

    it("rebuilds a conversation whose sequence served others meanwhile, reusing only the system prompt", async () => {
        const first = [user("What is the normal range of serum sodium?")];
        const a1 = await primed.generate(request(first, GREEDY, "evicted"));
        // Three other conversations: with three sequences, the one that held "evicted" now holds someone else's.
        for (let i = 0; i < 3; i++) await primed.generate(request([user(`Unrelated question number ${i}?`)], GREEDY, `other-${i}`));
        const followUp: ChatMessage[] = [...first, {role: "assistant", content: a1.text}, user("And of potassium?")];
        const full = await promptTokens(primed, followUp);
        const r = await primed.generate(request(followUp, GREEDY, "evicted"));
        // Reused: the system prompt and the user header the other conversation began with; nothing of "evicted".
        const reusable = commonPrefix(full, await promptTokens(primed, [user("Unrelated question number 0?")]));
        assert.equal(reusable, systemTokens.length);
        assert.equal(r.usage.evaluatedPromptTokens, full.length - reusable,
            "the whole conversation after the system prompt was evaluated again");
        assert.equal(r.text, (await coldAnswer(followUp, GREEDY)).text);
    });

    it("a follow-up whose sequence is busy goes to another sequence and is rebuilt there correctly", async () => {
        const small = new LlamaCppBackend({modelPath: testModelPath(), contextSize: 2048, sequences: 2});
        try {
            const first = [user("Name a loop diuretic.")];
            const a1 = await small.generate(request(first, GREEDY, "busy"));
            const followUp: ChatMessage[] = [...first, {role: "assistant", content: a1.text}, user("Its main side effect?")];
            // A longer request of the same conversation takes the sequence that holds it; the follow-up, sent
            // alongside, must go to the other sequence and rebuild the conversation there.
            const blocker = small.generate(request(first, {...GREEDY, maxTokens: 64}, "busy"));
            const r = await small.generate(request(followUp, GREEDY, "busy"));
            await blocker;
            const full = await promptTokens(small, followUp);
            assert.equal(r.usage.evaluatedPromptTokens, full.length - commonPrefix(full, systemTokens), "rebuilt on the other sequence");
            assert.equal(r.text, (await coldAnswer(followUp, GREEDY)).text);
        } finally {
            await small.dispose();
        }
    });

    it("falls back to evaluating the system prompt in every sequence when the state cannot be copied", async () => {
        const modelPath = testModelPath();
        const saved = process.env.TMPDIR;
        process.env.TMPDIR = "/nonexistent/med42-no-tmp";
        const noCopy = new LlamaCppBackend({modelPath, contextSize: 2048, sequences: 2});
        try {
            await noCopy.load();
        } finally {
            if (saved == null) delete process.env.TMPDIR; else process.env.TMPDIR = saved;
        }
        try {
            const messages = [user("What is a fever?")];
            const full = await promptTokens(noCopy, messages);
            const reference = await coldAnswer(messages, GREEDY);
            for (let i = 0; i < 2; i++) {
                const r = await noCopy.generate(request(messages, GREEDY, `fallback-${i}`));
                assert.equal(r.usage.evaluatedPromptTokens, full.length - commonPrefix(full, systemTokens));
                assert.equal(r.text, reference.text);
            }
        } finally {
            await noCopy.dispose();
        }
    });
});
