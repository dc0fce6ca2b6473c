/**
 * The server backend against the real llama.cpp `llama-server` (built from the source node-llama-cpp ships, see
 * scripts/build-llama-server.sh), on loopback with the generated model and --parallel 4: answers through the core,
 * usage and the audit, Stop ending generation on the server, concurrency and the queue, conversation affinity visible
 * in the server's prefix cache, a server killed mid-run and restarted, and the errors users meet.
 */
import {strict as assert} from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {Med42Assistant} from "../../shared/assistant";
import type {AnswerEvent, AnswerResult} from "../../shared/assistantTypes";
import {MED42_SYSTEM_PROMPT} from "../../shared/engine/defaults";
import {ServerChatBackend} from "../../shared/engine/server/serverChatBackend";
import type {ServerOptions} from "../../shared/engine/server/serverConfig";
import {ModelServerError} from "../../shared/engine/server/serverErrors";
import {parsePolicyConfig} from "../../shared/policy/policyConfig";
import {PolicyEngine} from "../../shared/policy/policyEngine";
import {auditRows} from "../slack/botHarness";
import {cachedLlamaServerPath, LlamaServer, llamaServerBinary, serverLongTalkerPath} from "../support/llamaServer";

const SAMPLING = {temperature: 0.4, topK: 150, topP: 0.75, maxTokens: 16};

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 30_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
        const v = await probe();
        if (v) return v;
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
    }
}

interface Asked {result: AnswerResult; events: AnswerEvent[]; streamed: string}

async function collect(stream: ReturnType<Med42Assistant["ask"]>): Promise<Asked> {
    const events: AnswerEvent[] = [];
    let streamed = "";
    for await (const ev of stream) {
        events.push(ev);
        if (ev.type === "text") streamed += ev.text;
    }
    return {result: await stream.result, events, streamed};
}

describe("model servers: the real llama-server", function () {
    this.timeout(180_000);
    let main: LlamaServer;
    const extra: LlamaServer[] = [];
    const assistants: Med42Assistant[] = [];
    const make = (server: ServerOptions, options: ConstructorParameters<typeof Med42Assistant>[0] = {}) => {
        const a = new Med42Assistant({auditDb: false, sampling: {maxTokens: 16}, server, ...options});
        assistants.push(a);
        return a;
    };
    const startExtra = async (options: Parameters<typeof LlamaServer.start>[0] = {}) => {
        const s = await LlamaServer.start(options);
        extra.push(s);
        return s;
    };

    before(async () => {
        main = await LlamaServer.start({parallel: 4});
    });
    afterEach(async () => {
        for (const a of assistants.splice(0)) await a.dispose();
    });
    after(async () => {
        for (const s of extra) await s.stop();
        await main?.stop();
    });

    it("answers through the core: the server's usage, the disclaimer, and an audit record naming server and model", async () => {
        const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "med42-server-audit-")), "audit.sqlite");
        const a = make({urls: [main.url]}, {auditDb: db});
        const {result, streamed} = await collect(a.ask({messages: [{role: "user", content: "What is the usual dose of amlodipine?"}], surface: "cli"}));
        assert.ok(["eos", "maxTokens"].includes(result.stopReason), result.stopReason);
        assert.equal(streamed, result.answer);
        assert.ok(result.usage.promptTokens > 500, `the server counted the prompt with Med42's system prompt (${result.usage.promptTokens})`);
        assert.ok(result.usage.completionTokens > 0 && result.usage.completionTokens <= 16);
        assert.ok(result.text.endsWith(result.disclaimer.text));
        assert.equal(result.model, `med42-test on ${main.url}`);
        assert.equal(a.modelState.status, "ready");
        await a.dispose();
        const rows = auditRows(db);
        assert.equal(rows.length, 1);
        assert.equal(rows[0].model, `med42-test on ${main.url}`);
    });

    it("runs 4 conversations at once on the 4 slots; a fifth waits in the queue and learns its position", async () => {
        const a = make({urls: [main.url]}, {sampling: {maxTokens: 48}});
        const runs = await Promise.all(Array.from({length: 5}, (_, i) =>
            collect(a.ask({messages: [{role: "user", content: `Question ${i}: what is gout?`}], surface: "cli", conversationId: `c${i}`}))));
        for (const r of runs) {
            assert.ok(["eos", "maxTokens"].includes(r.result.stopReason));
            assert.equal(r.streamed, r.result.answer);
        }
        const queued = runs.filter((r) => r.events.some((e) => e.type === "queued"));
        assert.equal(queued.length, 1, "only the fifth waited for a slot");
        assert.deepEqual(queued[0].events.filter((e) => e.type === "queued"), [{type: "queued", position: 1}]);
        assert.ok(queued[0].events.findIndex((e) => e.type === "queued") < queued[0].events.findIndex((e) => e.type === "started"));
    });

    it("Stop closes the stream and the server stops generating (its slot goes idle, its token count stops)", async () => {
        const talker = await startExtra({model: serverLongTalkerPath(), parallel: 1, slotContext: 8192});
        const a = make({urls: [talker.url]}, {sampling: {maxTokens: 4000}});
        const controller = new AbortController();
        const stream = a.ask({messages: [{role: "user", content: "Tell me everything about gout."}], surface: "cli", signal: controller.signal});
        const done = collect(stream);
        await waitFor("the server to start generating", async () => (await talker.slots()).some((s) => s.is_processing));
        const before = await talker.metrics();
        await new Promise((r) => setTimeout(r, 300));
        controller.abort();
        const {result} = await done;
        assert.equal(result.stopReason, "abort");
        await waitFor("the slot to go idle", async () => (await talker.slots()).every((s) => !s.is_processing), 10_000);
        const after = await talker.metrics();
        await new Promise((r) => setTimeout(r, 1000));
        const later = await talker.metrics();
        const generated = after.tokens_predicted_total - before.tokens_predicted_total;
        assert.ok(generated < 4000, `the server stopped early (${generated} of 4000 tokens)`);
        assert.equal(later.tokens_predicted_total, after.tokens_predicted_total, "nothing generated after Stop");
        assert.equal(later.requests_processing, 0);
    });

    it("follow-ups go back to the server holding the conversation: its prefix cache serves the history", async () => {
        const second = await startExtra({parallel: 4});
        const backend = new ServerChatBackend({urls: [main.url, second.url], healthIntervalMs: 60_000});
        try {
            const first = new Map<string, {model: string; answer: string; prompt: number}>();
            for (const c of ["c1", "c2", "c3", "c4"]) {
                const r = await backend.generate({systemPrompt: MED42_SYSTEM_PROMPT, messages: [{role: "user", content: `${c}: what is gout?`}],
                    sampling: SAMPLING, conversationId: c});
                first.set(c, {model: r.model!, answer: r.text, prompt: r.usage.promptTokens});
            }
            assert.equal(new Set([...first.values()].map((f) => f.model)).size, 2, "new conversations are spread over both servers");
            const evaluatedBefore = (await main.metrics()).prompt_tokens_total + (await second.metrics()).prompt_tokens_total;
            let evaluated = 0;
            // Pairwise reversed, so that least-recently-used alone would pick the other server each time.
            for (const c of ["c2", "c1", "c4", "c3"]) {
                const f = first.get(c)!;
                const r = await backend.generate({systemPrompt: MED42_SYSTEM_PROMPT, sampling: SAMPLING, conversationId: c, messages: [
                    {role: "user", content: `${c}: what is gout?`}, {role: "assistant", content: f.answer}, {role: "user", content: "And its treatment?"}]});
                assert.equal(r.model, f.model, `${c}'s follow-up went to the server that holds it`);
                assert.ok(r.usage.evaluatedPromptTokens < r.usage.promptTokens / 4,
                    `${c}: ${r.usage.evaluatedPromptTokens} of ${r.usage.promptTokens} prompt tokens evaluated (the rest cached)`);
                evaluated += r.usage.evaluatedPromptTokens;
            }
            const evaluatedAfter = (await main.metrics()).prompt_tokens_total + (await second.metrics()).prompt_tokens_total;
            assert.equal(evaluatedAfter - evaluatedBefore, evaluated, "the servers' own counters agree: only the new turns were evaluated");
        } finally {
            await backend.dispose();
        }
    });

    it("two servers, one killed mid-run: its requests move to the other, none lost or duplicated; restarted, it is used again", async () => {
        // The first server talks long before it prints anything (the long-talker model under the same name), so when it is
        // killed most of its requests have shown no text yet and must move; the ones that printed text are cut off.
        const s1 = await startExtra({parallel: 2, model: serverLongTalkerPath(), slotContext: 4096});
        const s2 = await startExtra({parallel: 2});
        const a = make({urls: [s1.url, s2.url], healthIntervalMs: 300}, {sampling: {maxTokens: 160}});
        let killed = false;
        const runs = Array.from({length: 12}, (_, i) =>
            collect(a.ask({messages: [{role: "user", content: `Request ${i}: what is gout?`}], surface: "cli", conversationId: `k${i}`})));
        // Kill the first server while it has answers in flight and more requests are waiting.
        await waitFor("requests in flight on the first server", async () => (await s1.slots()).some((s) => s.is_processing), 30_000);
        await s1.kill();
        killed = true;
        const results = await Promise.all(runs);
        assert.ok(killed);
        for (const r of results) {
            assert.equal(r.streamed, r.result.answer, "no text was streamed twice");
            assert.ok(["eos", "maxTokens", "interrupted"].includes(r.result.stopReason), r.result.stopReason);
            if (r.result.stopReason === "interrupted") {
                assert.equal(r.result.model, `med42-test on ${s1.url}`, "only answers already streaming on the killed server are cut off");
                assert.ok(r.result.text.includes(r.result.interruption!) && r.result.text.endsWith(r.result.disclaimer.text));
            }
        }
        const onSecond = results.filter((r) => r.result.model === `med42-test on ${s2.url}` && r.result.stopReason !== "interrupted");
        assert.ok(onSecond.length >= 6, `the second server took over (${onSecond.length} of 12 answered there)`);
        assert.equal(results.length, 12, "every request ended");

        await s1.restart();
        await waitFor("the restarted server back in the rotation", async () => {
            const r = await Promise.all(Array.from({length: 4}, (_, i) =>
                collect(a.ask({messages: [{role: "user", content: `After the restart (${i}): what is gout?`}], surface: "cli"}))));
            return r.some((x) => x.result.model === `med42-test on ${s1.url}`);
        }, 60_000);
    });

    it("fits a long conversation into a small slot with llama-server's own tokenizer, dropping the oldest turns", async () => {
        const small = await startExtra({parallel: 1, slotContext: 1024});
        const backend = new ServerChatBackend({urls: [small.url]});
        try {
            assert.equal(await backend.countTokens("hello <|eot_id|>"), 7, "byte tokens and one special token, as the server counts");
            const old = "Earlier question about hypertension management in elderly patients. ".repeat(4);
            const r = await backend.generate({systemPrompt: MED42_SYSTEM_PROMPT, sampling: SAMPLING, messages: [
                {role: "user", content: old}, {role: "assistant", content: old}, {role: "user", content: "What is gout?"}]});
            assert.equal(r.droppedMessages, 2, "the old exchange did not fit");
            assert.ok(r.usage.promptTokens <= 1024 - 16, `${r.usage.promptTokens} prompt tokens in a 1024-token slot`);
            assert.ok(["eos", "maxTokens"].includes(r.stopReason));
        } finally {
            await backend.dispose();
        }
    });

    it("the model check runs on the server's JSON-schema output", async () => {
        const policy = new PolicyEngine(parsePolicyConfig({modelCheck: {enabled: true}}));
        const a = make({urls: [main.url]}, {policy, sampling: {maxTokens: 8, seed: 1}});
        const {result} = await collect(a.ask({messages: [{role: "user", content: "What is gout?"}], surface: "cli"}));
        const verdict = result.policy.rules.find((id) => id.startsWith("model_check."));
        assert.ok(verdict && verdict !== "model_check.unclear", result.policy.rules.join());
    });

    it("a wrong API key, an unknown model and a context too small for Med42 are errors users can act on", async () => {
        const locked = await startExtra({parallel: 1, apiKey: "the-right-key"});
        await assert.rejects(collect(make({urls: [locked.url], apiKey: "wrong"}).ask({messages: [{role: "user", content: "What is gout?"}], surface: "cli"})),
            (e: unknown) => e instanceof ModelServerError && e.kind === "auth" && /refused the API key \(HTTP 401/.test(e.message));
        const ok = await collect(make({urls: [locked.url], apiKey: "the-right-key"}).ask({messages: [{role: "user", content: "What is gout?"}], surface: "cli"}));
        assert.ok(ok.result.text.endsWith(ok.result.disclaimer.text));

        await assert.rejects(collect(make({urls: [main.url], model: "med42-70b"}).ask({messages: [{role: "user", content: "What is gout?"}], surface: "cli"})),
            (e: unknown) => e instanceof ModelServerError && e.kind === "unknown-model" && /"med42-test"/.test(e.message));

        const cramped = await startExtra({parallel: 4, slotContext: 256});
        await assert.rejects(collect(make({urls: [cramped.url]}).ask({messages: [{role: "user", content: "What is gout?"}], surface: "cli"})),
            (e: unknown) => e instanceof ModelServerError && e.kind === "context" && /context of 256 tokens/.test(e.message) && /-c/.test(e.message));
    });
});

describe("model servers: finding the llama-server binary", () => {
    it("fails (never skips) with how to build it when the binary is missing", () => {
        const saved = process.env.MED42_LLAMA_SERVER_BIN;
        process.env.MED42_LLAMA_SERVER_BIN = path.join(os.tmpdir(), "no-such-dir", "llama-server");
        try {
            assert.throws(() => llamaServerBinary(), /llama-server is not built .*bash scripts\/build-llama-server\.sh/s);
        } finally {
            if (saved === undefined) delete process.env.MED42_LLAMA_SERVER_BIN; else process.env.MED42_LLAMA_SERVER_BIN = saved;
        }
        assert.match(cachedLlamaServerPath(), /med42-assist\/llama-server\/[0-9a-f]{40}\/bin\/llama-server$/, "cached by llama.cpp commit");
    });
});
