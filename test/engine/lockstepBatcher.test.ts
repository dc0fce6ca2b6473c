import {strict as assert} from "node:assert";
import {mock} from "node:test";
import type {LlamaContextSequence} from "node-llama-cpp" with {"resolution-mode": "import"};
import {LockstepBatcher, sequenceOrderedPrioritization} from "../../shared/engine/lockstepBatcher";
import {LlamaCppBackend} from "../../shared/engine/llamaCppBackend";
import type {GenerateRequest} from "../../shared/engine/chatBackend";
import {MED42_SYSTEM_PROMPT} from "../../shared/engine/defaults";
import {testModelPath} from "../support/testModel";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A decode that takes no time at all (no timer): with mocked timers, nothing waits unless the batcher does. */
const instant = () => Promise.resolve();
/** Lets everything that can run without time passing run: promise chains, then one real event-loop turn. */
const settle = () => new Promise((r) => setImmediate(r));

/**
 * Stands in for a context sequence: evaluate() yields 0, 1, 2, ... and records, for every token, when the decode
 * was asked for (a global step counter), as node-llama-cpp would queue it. `decode` is how long one decode takes.
 */
class FakeSequence {
    readonly asked: number[] = [];
    static step = 0;
    constructor(readonly decode: () => Promise<unknown> = () => sleep(1)) {}
    evaluate(): AsyncGenerator<number, void, unknown> {
        const self = this;
        return (async function* () {
            for (let n = 0; ; n++) {
                self.asked.push(FakeSequence.step++);
                await self.decode();
                yield n;
            }
        })();
    }
    get asSequence(): LlamaContextSequence { return this as unknown as LlamaContextSequence; }
}

/** Whether `promise` has settled. */
function settledFlag(promise: Promise<unknown>): () => boolean {
    let settled = false;
    promise.then(() => { settled = true; }, () => { settled = true; });
    return () => settled;
}

/** Consumes `count` tokens from a wrapped sequence, pausing `pauseMs` (0: none) between tokens. */
async function consume(seq: FakeSequence, count: number, pauseMs = 0): Promise<number[]> {
    const got: number[] = [];
    const it = seq.asSequence.evaluate([]);
    for (let i = 0; i < count; i++) {
        const r = await it.next();
        if (r.done) break;
        got.push(r.value);
        if (pauseMs) await sleep(pauseMs);
    }
    await it.return();
    return got;
}

describe("LockstepBatcher", function () {
    it("holds each generation's next token until every other generation has asked for its own", async () => {
        const batcher = new LockstepBatcher(5_000);
        const fast = new FakeSequence();
        const slow = new FakeSequence();
        batcher.wrap(fast.asSequence);
        batcher.wrap(slow.asSequence);
        // The slow caller spends 15 ms on every token; the fast one would race ahead without the batcher.
        const [a, b] = await Promise.all([consume(fast, 6), consume(slow, 6, 15)]);
        assert.deepEqual(a, [0, 1, 2, 3, 4, 5]);
        assert.deepEqual(b, [0, 1, 2, 3, 4, 5]);
        // In the order the decodes were asked for, the fast generation never runs ahead: at most two of its asks in
        // a row (its prompt, which holds nobody, may let it take one token's lead). Unbatched it asks for all six
        // tokens while the slow one is busy with its first.
        const order = [...fast.asked.map((s) => ({s, who: "fast"})), ...slow.asked.map((s) => ({s, who: "slow"}))]
            .sort((x, y) => x.s - y.s).map((x) => x.who);
        let run = 1;
        let longest = 1;
        for (let i = 1; i < order.length; i++) { run = order[i] === order[i - 1] ? run + 1 : 1; longest = Math.max(longest, run); }
        assert.ok(longest <= 2, `asks in order: ${order.join(" ")}`);
        assert.equal(batcher.stats.timeouts, 0);
        assert.ok(batcher.stats.released / batcher.stats.releases > 1.5, JSON.stringify(batcher.stats));
        batcher.dispose();
    });

    describe("on a fake clock (Node's mock timers)", () => {
        beforeEach(() => mock.timers.enable({apis: ["setTimeout"]}));
        afterEach(() => mock.timers.reset());

        it("lets the others go after exactly maxWaitMs when a caller stops asking, and forgets a generation that ended",
            async () => {
                const batcher = new LockstepBatcher(20);
                const busy = new FakeSequence(instant);
                const quick = new FakeSequence(instant);
                batcher.wrap(busy.asSequence);
                batcher.wrap(quick.asSequence);
                // `busy` takes its first token, then its caller goes quiet (busy elsewhere) for as long as the test says.
                const busyTokens = busy.asSequence.evaluate([]);
                assert.deepEqual(await busyTokens.next(), {value: 0, done: false});
                const quickTokens = quick.asSequence.evaluate([]);
                assert.deepEqual(await quickTokens.next(), {value: 0, done: false}, "a prompt is never held");
                for (let token = 1; token <= 3; token++) {
                    const next = quickTokens.next();
                    const released = settledFlag(next);
                    await settle();
                    assert.equal(released(), false, `token ${token} waits while busy's caller may still ask`);
                    mock.timers.tick(19);
                    await settle();
                    assert.equal(released(), false, `token ${token} still waits 1 ms before maxWaitMs`);
                    mock.timers.tick(1);
                    await settle();
                    assert.equal(released(), true, `token ${token} let go at maxWaitMs`);
                    assert.deepEqual(await next, {value: token, done: false});
                }
                assert.equal(batcher.stats.timeouts, 3, JSON.stringify(batcher.stats));
                await busyTokens.return();
                // Alone now: the next token is not held at all.
                const alone = quickTokens.next();
                const aloneReleased = settledFlag(alone);
                await settle();
                assert.equal(aloneReleased(), true, "a lone generation is never held");
                await quickTokens.return();
                assert.equal(batcher.active, 0, "ended generations are removed");
                // A lone generation afterwards is never held either: five tokens without the clock moving.
                const lone = consume(quick, 5);
                const loneDone = settledFlag(lone);
                await settle();
                assert.equal(loneDone(), true, "no idle wait");
                assert.deepEqual(await lone, [0, 1, 2, 3, 4]);
                assert.equal(batcher.stats.timeouts, 3);
                batcher.dispose();
            });

        it("does not hold generations for one that is still evaluating its prompt", async () => {
            const batcher = new LockstepBatcher(5_000);
            const generating = new FakeSequence(instant);
            let promptDone!: () => void;
            const prompt = new Promise<void>((resolve) => { promptDone = resolve; });
            const longPrompt = new FakeSequence(() => prompt);
            batcher.wrap(generating.asSequence);
            batcher.wrap(longPrompt.asSequence);
            const it = longPrompt.asSequence.evaluate([]);
            const pending = it.next(); // a "prompt" that lasts until the test ends it
            const generated = consume(generating, 4);
            const done = settledFlag(generated);
            await settle();
            assert.equal(done(), true, "four tokens generated without the clock moving: nobody waited for the prompt");
            assert.deepEqual(await generated, [0, 1, 2, 3]);
            assert.equal(batcher.stats.timeouts, 0);
            promptDone();
            await pending;
            await it.return();
            batcher.dispose();
        });
    });

    it("restores the sequence's own evaluate on unwrap", () => {
        const batcher = new LockstepBatcher();
        const seq = new FakeSequence();
        const original = seq.asSequence.evaluate;
        batcher.wrap(seq.asSequence);
        assert.notEqual(seq.asSequence.evaluate, original);
        batcher.unwrap(seq.asSequence);
        assert.equal(seq.asSequence.evaluate, original);
    });
});

describe("LlamaCppBackend with lockstep batching (generated model)", function () {
    it("generates concurrent conversations in one batch per token with the same tokens as one at a time", async () => {
        const backend = new LlamaCppBackend({modelPath: testModelPath(), contextSize: 1024, sequences: 4});
        try {
            const req = (i: number): GenerateRequest => ({
                systemPrompt: MED42_SYSTEM_PROMPT, messages: [{role: "user", content: `Question number ${i}: what is sepsis?`}],
                sampling: {temperature: 0, topK: 1, topP: 1, maxTokens: 24}, conversationId: `lockstep-${i}`
            });
            const alone: string[] = [];
            for (let i = 0; i < 4; i++) alone.push((await backend.generate(req(i))).text);
            const before = {...backend.batchingStats!};
            const together = await Promise.all([0, 1, 2, 3].map((i) => backend.generate({...req(i), conversationId: `lockstep-b-${i}`})));
            assert.deepEqual(together.map((r) => r.text), alone);
            const stats = backend.batchingStats!;
            const meanTogether = (stats.released - before.released) / (stats.releases - before.releases);
            assert.ok(meanTogether > 2.5, `generations per batch ${meanTogether.toFixed(2)} (${JSON.stringify(stats)})`);
        } finally {
            await backend.dispose();
        }
    });
});

describe("sequenceOrderedPrioritization", function () {
    // Items as the lockstep batcher tags them: the sequence's order in the fraction of the evaluation priority.
    const item = (order: number | undefined, tokens: number, priority = 5) => ({
        tokens: new Array(tokens).fill(1), logits: [],
        evaluationPriority: (order == null ? priority : priority + (order + 1) / 4096) as 5
    });

    it("puts the tokens of concurrent sequences in ascending sequence order, untagged ones last", () => {
        const items = [item(2, 1), item(undefined, 1), item(0, 1), item(3, 1), item(1, 1)];
        const out = sequenceOrderedPrioritization({items, size: 512});
        assert.deepEqual(out.map((p) => items.indexOf(p.item as typeof items[number])), [2, 4, 0, 3, 1]);
        assert.ok(out.every((p) => p.processAmount === 1));
    });

    it("shares the batch like maximumParallelism: equal parts, the rest to the longer and higher-priority items", () => {
        const long = item(1, 900, 5);
        const longLow = item(0, 900, 3);
        const short = item(2, 10);
        const out = sequenceOrderedPrioritization({items: [long, short, longLow], size: 512});
        const amount = (i: object) => out.find((p) => p.item === i)!.processAmount;
        assert.equal(amount(short), 10);
        assert.equal(amount(long) + amount(longLow) + amount(short), 512);
        assert.ok(amount(long) > amount(longLow), "the higher priority gets the remainder");
        assert.deepEqual(out.map((p) => p.item), [longLow, long, short]);
    });
});
