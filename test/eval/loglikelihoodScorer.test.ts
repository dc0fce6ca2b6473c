import {strict as assert} from "node:assert";
import type {LlamaModel} from "node-llama-cpp" with {"resolution-mode": "import"};
import {getLlamaRuntime} from "../../shared/engine/llamaRuntime";
import {LoglikelihoodScorer} from "../../shared/eval/loglikelihoodScorer";
import {buildLoglikelihoodRequest, type LoglikelihoodRequest, type Token} from "../../shared/eval/promptEncoding";
import type {McQuestion} from "../../shared/eval/tasks";
import {testModelPath} from "../support/testModel";

/**
 * The reference computation, done differently from the scorer: a fresh context per option, every token of
 * prompt+option evaluated one at a time, summing log P(option token | everything before) from the probabilities.
 * Exact attention (no flash attention), as the scorer uses: llama.cpp's CPU flash attention works in f16 and moves
 * these sums by up to ~0.01 with the batch shape.
 */
async function direct(model: LlamaModel, context: readonly Token[], continuation: readonly Token[]): Promise<{loglikelihood: number; greedy: boolean}> {
    const all = [...context, ...continuation];
    const ctx = await model.createContext({contextSize: all.length + 16, sequences: 1, flashAttention: false});
    try {
        const sequence = ctx.getSequence();
        let sum = 0;
        let greedy = true;
        for (let i = 0; i < all.length - 1; i++) {
            const wantNext = i >= context.length - 1;
            const [out] = await sequence.controlledEvaluate([wantNext ? [all[i], {generateNext: {probabilities: true}}] : all[i]]);
            if (!wantNext) continue;
            const probabilities = out!.next.probabilities!;
            sum += Math.log(probabilities.get(all[i + 1])!);
            const best = [...probabilities.entries()].reduce((a, b) => (b[1] > a[1] ? b : a));
            if (best[0] !== all[i + 1]) greedy = false;
        }
        return {loglikelihood: sum, greedy};
    } finally {
        await ctx.dispose();
    }
}

async function mostLikelyNextToken(model: LlamaModel, context: readonly Token[]): Promise<Token> {
    const ctx = await model.createContext({contextSize: context.length + 16, flashAttention: false});
    try {
        const outputs = await ctx.getSequence().controlledEvaluate(context.map((t, i) => i === context.length - 1 ? [t, {generateNext: {token: true}}] : t));
        return outputs[context.length - 1]!.next.token!;
    } finally {
        await ctx.dispose();
    }
}

const question = (index: number, user: string, choices: string[], system?: string): McQuestion =>
    ({index, line: index + 1, user, choices, gold: 0, ...(system ? {system} : {})});

describe("eval log-likelihood scorer (node-llama-cpp token probabilities)", function () {
    let model: LlamaModel;
    let tokenize: (text: string) => Token[];
    before(async () => {
        const llama = await getLlamaRuntime({gpu: "cpu"});
        model = await llama.loadModel({modelPath: testModelPath()});
        tokenize = (text) => model.tokenize(text, true);
    });
    after(async () => { await model?.dispose(); });

    it("equals a token-by-token computation from the model's probabilities, for questions scored together on several sequences", async () => {
        const system = "About anatomy.";
        const requests: LoglikelihoodRequest[] = [
            question(0, "Q: heart?\nA. left\nB. right\nAnswer:", ["A", "B"], system),
            question(1, "Q: lung?\nA. one\nB. two\nAnswer:", ["A", "B"], system),
            question(2, "Abstract: x.\nQuestion: y?\nAnswer:", ["yes", "no", "maybe"])
        ].map((q) => buildLoglikelihoodRequest(q, tokenize));
        // Options with no common first token, one a prefix of another, one the model's most likely next token.
        const hello = tokenize("<|begin_of_text|>Hello");
        const likeliest = await mostLikelyNextToken(model, hello);
        requests.push({contextTokens: hello, continuations: [tokenize("x"), tokenize("yz"), tokenize("y"), [likeliest]]});
        const scorer = await LoglikelihoodScorer.create(model, {parallel: 2, contextSize: 128});
        try {
            const scored = await Promise.all(requests.map((r) => scorer.score(r)));
            // Score them again: the sequences now hold other prompts, so this exercises prefix reuse and erasing.
            const again = await Promise.all([...requests].reverse().map((r) => scorer.score(r)));
            again.reverse();
            for (let q = 0; q < requests.length; q++) {
                assert.equal(scored[q].loglikelihoods.length, requests[q].continuations.length);
                for (let o = 0; o < requests[q].continuations.length; o++) {
                    const reference = await direct(model, requests[q].contextTokens, requests[q].continuations[o]);
                    const expected = reference.loglikelihood;
                    assert.ok(Number.isFinite(expected) && expected < 0);
                    assert.ok(Math.abs(scored[q].loglikelihoods[o] - expected) < 1e-3, `question ${q} option ${o}: ${scored[q].loglikelihoods[o]} vs ${expected}`);
                    assert.ok(Math.abs(again[q].loglikelihoods[o] - expected) < 1e-3, `again: question ${q} option ${o}: ${again[q].loglikelihoods[o]} vs ${expected}`);
                    assert.equal(scored[q].greedy[o], reference.greedy);
                }
                assert.equal(scored[q].truncatedTokens, 0);
            }
            assert.deepEqual(scored[3].greedy, [false, false, false, true]);
            // The options differ, so their scores must too (a scorer ignoring the option would fail here).
            assert.notEqual(scored[2].loglikelihoods[0], scored[2].loglikelihoods[2]);
        } finally {
            await scorer.dispose();
        }
    });

    it("drops prompt tokens from the start when prompt and option do not fit, like the harness", async () => {
        const request = buildLoglikelihoodRequest(question(0, "x".repeat(300) + "\nAnswer:", ["yes", "maybe"]), tokenize);
        const scorer = await LoglikelihoodScorer.create(model, {parallel: 1, contextSize: 64});
        try {
            const size = scorer.contextSize;
            assert.ok(request.contextTokens.length + 8 > size, "the prompt must not fit for this test");
            const result = await scorer.score(request);
            const longest = Math.max(...request.continuations.map((c) => c.length));
            assert.equal(result.truncatedTokens, request.contextTokens.length + longest - size);
            const kept = request.contextTokens.slice(result.truncatedTokens);
            for (let o = 0; o < 2; o++) {
                const expected = (await direct(model, kept, request.continuations[o])).loglikelihood;
                assert.ok(Math.abs(result.loglikelihoods[o] - expected) < 1e-3, `${result.loglikelihoods[o]} vs ${expected}`);
            }
        } finally {
            await scorer.dispose();
        }
    });

    it("rejects with the abort reason when aborted while waiting for a sequence", async () => {
        const scorer = await LoglikelihoodScorer.create(model, {parallel: 1, contextSize: 128});
        try {
            const request = buildLoglikelihoodRequest(question(0, "Q?\nAnswer:", ["A", "B"]), tokenize);
            const controller = new AbortController();
            const first = scorer.score(request);
            const second = scorer.score(request, controller.signal);
            controller.abort(new Error("stop"));
            await assert.rejects(second, /stop/);
            assert.equal((await first).loglikelihoods.length, 2);
        } finally {
            await scorer.dispose();
        }
    });
});
