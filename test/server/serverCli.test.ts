/**
 * The `med42` CLI on a model server, as child processes: --server and MED42_SERVER_URL on the model-running commands,
 * `med42 models --server`, `med42 eval --server` (refused by llama-server, which cannot return prompt
 * log-probabilities; scored against a vLLM-like loopback fake that can), and usage errors.
 */
import {strict as assert} from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {FakeModelServer} from "../support/fakeModelServer";
import {freePort, LlamaServer} from "../support/llamaServer";
import {runCli} from "../support/runCli";
import {testModelPath} from "../support/testModel";

const EVAL_FIXTURES = path.resolve(__dirname, "../../../test/eval/fixtures");

describe("med42 CLI on a model server", function () {
    this.timeout(180_000);
    let server: LlamaServer;
    let home: string;
    /** No local model can be found or downloaded: a download attempt would fail loudly. */
    let env: NodeJS.ProcessEnv;

    before(async () => {
        server = await LlamaServer.start({parallel: 2});
        home = fs.mkdtempSync(path.join(os.tmpdir(), "med42-cli-server-"));
        env = {MED42_MODELS_DIR: path.join(home, "models"), MED42_HF_ENDPOINT: `http://127.0.0.1:${await freePort()}`, MED42_MODEL: "med42-8b"};
    });
    after(async () => {
        await server?.stop();
        fs.rmSync(home, {recursive: true, force: true});
    });

    it("med42 ask --server URL answers through the server, with the disclaimer, loading and downloading nothing", async () => {
        const r = await runCli(["ask", "--server", server.url, "--json", "What is the usual dose of amlodipine?"], {env});
        assert.equal(r.code, 0, r.stderr);
        const out = JSON.parse(r.stdout);
        assert.equal(out.model, `med42-test on ${server.url}`);
        assert.ok(out.text.endsWith(out.disclaimer));
        assert.ok(out.usage.promptTokens > 0);
        assert.equal(fs.existsSync(path.join(home, "models")), false, "no model folder was even created");
        assert.doesNotMatch(r.stderr, /Download/);
    });

    it("MED42_SERVER_URL configures every model-running command: chat and summarize", async () => {
        const withServer = {...env, MED42_SERVER_URL: server.url};
        const chat = await runCli(["chat"], {env: withServer, input: "What is gout?\nAnd its treatment?\n/exit\n"});
        assert.equal(chat.code, 0, chat.stderr);
        assert.equal(chat.stdout.split("med42> ").length - 1, 2, "two answers");
        assert.match(chat.stderr, new RegExp(`Connecting to med42-test on ${server.url.replace(/\./g, "\\.")}|Connecting to ${server.url.replace(/\./g, "\\.")}`));
        const note = path.join(home, "note.txt");
        fs.writeFileSync(note, "Patient seen for hypertension. BP 150/95. Started amlodipine 5 mg daily.\n");
        const sum = await runCli(["summarize", note, "--max-tokens", "16"], {env: withServer});
        assert.equal(sum.code, 0, sum.stderr);
        assert.match(sum.stdout, /not ready for clinical use|Med42/i);
    });

    it("med42 models --server lists what the server serves, with its kind, slots and context", async () => {
        const r = await runCli(["models", "--server", server.url], {env});
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, new RegExp(`${server.url.replace(/\./g, "\\.")} \\(llama\\.cpp, 2 slots\\):`));
        assert.match(r.stdout, /med42-test \(used\)\s+context 2048 tokens/);
        const json = await runCli(["models", "--server", server.url, "--json"], {env});
        const listing = JSON.parse(json.stdout);
        assert.equal(listing.default, "med42-test");
        assert.deepEqual(listing.servers[0].models, [{id: "med42-test", contextSize: 2048}]);
        const closed = `http://127.0.0.1:${await freePort()}`;
        const down = await runCli(["models", "--server", `${server.url},${closed}`], {env});
        assert.equal(down.code, 1, "a server that cannot be read makes the exit code non-zero");
        assert.match(down.stdout, /med42-test \(used\)/);
        assert.match(down.stdout, /Cannot reach the model server/);
    });

    it("usage errors: --server with --model, a bad URL, --server-model without a server; an unreachable server is one line", async () => {
        const both = await runCli(["ask", "--server", server.url, "--model", "med42-8b", "What is gout?"], {env});
        assert.equal(both.code, 2);
        assert.match(both.stderr, /--server and --model exclude each other/);
        const bad = await runCli(["ask", "--server", "gpu1:8000", "What is gout?"], {env});
        assert.equal(bad.code, 2);
        assert.match(bad.stderr, /--server: "gpu1:8000" must start with http:\/\/ or https:\/\//);
        const orphan = await runCli(["ask", "--server-model", "x", "What is gout?"], {env});
        assert.equal(orphan.code, 2);
        assert.match(orphan.stderr, /--server-model needs a server/);
        const closed = `http://127.0.0.1:${await freePort()}`;
        const unreachable = await runCli(["ask", "--server", closed, "What is gout?"], {env});
        assert.equal(unreachable.code, 1);
        assert.match(unreachable.stderr, /^med42: Cannot reach the model server at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/m);
        assert.doesNotMatch(unreachable.stderr, /\n\s+at /, "no stack trace");
    });

    it("an explicit --model runs locally even when MED42_SERVER_URL is set", async () => {
        const r = await runCli(["ask", "--model", testModelPath(), "--max-tokens", "4", "--json", "What is gout?"],
            {env: {...env, MED42_SERVER_URL: `http://127.0.0.1:${await freePort()}`}});
        assert.equal(r.code, 0, r.stderr);
        assert.equal(JSON.parse(r.stdout).model, testModelPath());
    });

    it("med42 eval --server: llama-server is refused with what it lacks (prompt log-probabilities)", async () => {
        const r = await runCli(["eval", "--task", "medqa", "--file", path.join(EVAL_FIXTURES, "medqa_4options_test.jsonl"), "--limit", "2",
            "--server", server.url], {env});
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.match(r.stderr, /cannot return log-probabilities of the prompt/);
        assert.match(r.stderr, /generated token only \(it ignores `echo`\)/);
        assert.match(r.stderr, /vLLM/);
        assert.doesNotMatch(r.stderr, /\n\s+at /);
    });

    it("med42 eval --server scores from echoed prompt log-probabilities (a vLLM-like server)", async () => {
        // Every token costs -1, except the letter A (-0.1): option A must win every question.
        const fake = await FakeModelServer.start({models: [{id: "m42-health/Llama3-Med42-8B", max_model_len: 8192}],
            completionLogprob: (prompt, i) => (prompt[i] === 65 ? -0.1 : -1)});
        try {
            const json = path.join(home, "eval.json");
            const r = await runCli(["eval", "--task", "medqa", "--file", path.join(EVAL_FIXTURES, "medqa_4options_test.jsonl"), "--limit", "3",
                "--server", fake.url, "--json", json], {env});
            assert.equal(r.code, 0, r.stderr);
            assert.match(r.stdout, /\| medqa_4options \| acc\s+\|/);
            assert.match(r.stdout, /3 of 3 questions .*m42-health\/Llama3-Med42-8B on http:\/\/127\.0\.0\.1/);
            const results = JSON.parse(fs.readFileSync(json, "utf8"));
            assert.equal(results.model.file, "m42-health/Llama3-Med42-8B");
            for (const s of results.samples) {
                assert.equal(s.pred, 0);
                assert.ok(s.loglikelihoods[0] > s.loglikelihoods[1]);
                assert.deepEqual(s.greedy, [true, true, true, true], "each token is its own top token in the fake");
            }
            const completions = fake.calls.filter((c) => c.path === "/v1/completions");
            const sent = completions[completions.length - 1].body;
            assert.equal(sent.echo, true);
            assert.equal(sent.logprobs, 1);
            assert.equal(sent.max_tokens, 1);
            assert.equal(sent.temperature, 0);
            assert.ok(Array.isArray(sent.prompt) && sent.prompt[0] === 128000, "token ids from the server's tokenizer, starting with BOS");
            assert.equal(completions.length, 1 + 3 * 4, "one check, then one request per option");
        } finally {
            await fake.close();
        }
    });
});
