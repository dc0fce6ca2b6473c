import {strict as assert} from "node:assert";
import {spawn} from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {aggregate, argmax} from "../../shared/eval/metrics";
import type {EvalResults} from "../../shared/eval/resultsFile";
import {LoopbackHttpServer} from "../support/loopbackHttp";
import {runCli} from "../support/runCli";
import {testModelPath} from "../support/testModel";

const FIXTURES = path.resolve(__dirname, "../../../test/eval/fixtures");
const BIN = path.resolve(__dirname, "../../../bin/med42.js");
const readResults = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as EvalResults;

/** The table rows printed for a task, as [metric, value, stderr]. */
function tableRows(stdout: string, task: string): string[][] {
    return stdout.split("\n").filter((l) => l.startsWith(`| ${task} `)).map((l) => l.split("|").slice(2, 5).map((c) => c.trim()));
}

describe("med42 eval end to end (child process, generated model)", function () {
    // Several child processes per test, each loading node-llama-cpp and the model: slow on a busy machine.
    this.timeout(120000);
    let model: string;
    let tmp: string;
    let env: NodeJS.ProcessEnv;
    before(() => {
        model = testModelPath();
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "med42-eval-cli-"));
        env = {MED42_DATASETS_DIR: path.join(tmp, "datasets"), MED42_EVAL_DATA_URL: ""};
    });
    after(() => fs.rmSync(tmp, {recursive: true, force: true}));

    it("prints the card's table for an MMLU file, honours --limit, writes --json, and resumes from it", async () => {
        const json = path.join(tmp, "ck.json");
        const args = ["eval", "--task", "mmlu", "--subject", "clinical_knowledge", "--file", path.join(FIXTURES, "clinical_knowledge_test.csv"),
            "--model", model, "--json", json];
        const first = await runCli([...args, "--limit", "3"], {env});
        assert.equal(first.code, 0, first.stderr);
        assert.match(first.stdout, /^\| Tasks +\| Metric +\| +Value \| Stderr \|\n\|-+\|-+\|-+:\|-+:\|\n/);
        assert.match(first.stdout, /3 of 3 questions \(first 3 of 4\)/);
        const r1 = readResults(json);
        assert.equal(r1.complete, true);
        assert.deepEqual(r1.samples.map((s) => s.index), [0, 1, 2]);
        for (const s of r1.samples) {
            assert.equal(s.loglikelihoods.length, 4);
            assert.equal(s.pred, argmax(s.loglikelihoods as number[]));
            assert.equal(s.acc, s.pred === s.gold ? 1 : 0);
        }
        const expected = aggregate(r1.samples);
        assert.deepEqual(r1.metrics, expected);
        assert.deepEqual(tableRows(first.stdout, "clinical_knowledge"), [
            ["acc", expected.acc.value.toFixed(4), expected.acc.stderr!.toFixed(4)],
            ["acc_norm", expected.acc_norm.value.toFixed(4), expected.acc_norm.stderr!.toFixed(4)]
        ]);

        // A larger --limit with the same file scores only the new question and keeps the earlier records as they were.
        const second = await runCli([...args, "--limit", "4"], {env});
        assert.equal(second.code, 0, second.stderr);
        assert.match(second.stderr, /Resuming from .*ck\.json: 3 of 4 questions already scored/);
        const r2 = readResults(json);
        assert.deepEqual(r2.samples.map((s) => s.index), [0, 1, 2, 3]);
        assert.deepEqual(r2.samples.slice(0, 3), r1.samples);
        assert.match(second.stdout, /4 of 4 questions ·/);

        // Everything scored: the model is not even loaded.
        const third = await runCli([...args, "--limit", "4"], {env});
        assert.equal(third.code, 0, third.stderr);
        assert.doesNotMatch(third.stderr, /Loading/);
        assert.deepEqual(tableRows(third.stdout, "clinical_knowledge"), tableRows(second.stdout, "clinical_knowledge"));

        // The same --json for another task is refused, and the file is left alone.
        const other = await runCli(["eval", "--task", "medqa", "--file", path.join(FIXTURES, "medqa_4options_test.jsonl"), "--model", model, "--json", json], {env});
        assert.equal(other.code, 1);
        assert.match(other.stderr, /^med42: cannot resume from .*ck\.json: it holds results of mmlu clinical_knowledge, not medqa/);
        assert.deepEqual(readResults(json).samples, r2.samples);
    });

    it("Ctrl+C keeps the questions scored so far in --json and prints their table; the same command resumes", async function () {
        const file = path.join(tmp, "many.jsonl");
        fs.writeFileSync(file, fs.readFileSync(path.join(FIXTURES, "medqa_4options_test.jsonl"), "utf8").repeat(20));
        const json = path.join(tmp, "many.json");
        const args = ["eval", "--task", "medqa", "--file", file, "--model", model, "--json", json, "--limit", "20"];

        const child = spawn(process.execPath, [BIN, ...args], {env: {...process.env, ...env, MED42_THREADS: "1"}, stdio: ["ignore", "pipe", "pipe"]});
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => { stdout += d; });
        child.stderr.on("data", (d) => { stderr += d; });
        const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
        // Interrupt as soon as the first partial results are on disk.
        const deadline = Date.now() + 60000;
        while (!fs.existsSync(json) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
        child.kill("SIGINT");
        const code = await exited;
        assert.equal(code, 130, stderr);
        assert.match(stderr, /Interrupted: \d+ of 20 questions scored\. Run the same command again to resume/);
        const partial = readResults(json);
        assert.equal(partial.complete, false);
        assert.ok(partial.samples.length >= 1 && partial.samples.length < 20, `${partial.samples.length} samples`);
        assert.deepEqual(partial.metrics, aggregate(partial.samples));
        assert.match(stdout, new RegExp(`${partial.samples.length} of 20 questions`));
        assert.equal(tableRows(stdout, "medqa_4options").length, 2);

        const resumed = await runCli(args, {env, timeoutMs: 110000});
        assert.equal(resumed.code, 0, resumed.stderr);
        assert.match(resumed.stderr, new RegExp(`Resuming from .*: ${partial.samples.length} of 20 questions already scored`));
        const done = readResults(json);
        assert.equal(done.complete, true);
        assert.deepEqual(done.samples.map((s) => s.index), Array.from({length: 20}, (_, i) => i));
        const byIndex = new Map(done.samples.map((s) => [s.index, s]));
        for (const s of partial.samples) assert.deepEqual(byIndex.get(s.index), s);
    });

    it("downloads the dataset when no --file is given (PubMedQA test split from a mirror)", async () => {
        const server = await LoopbackHttpServer.start();
        try {
            server.serveFile("/mirror/pubmedqa/ori_pqal.json", {body: fs.readFileSync(path.join(FIXTURES, "ori_pqal.json"))});
            server.serveFile("/mirror/pubmedqa/test_ground_truth.json", {body: fs.readFileSync(path.join(FIXTURES, "test_ground_truth.json"))});
            const r = await runCli(["eval", "--task", "pubmedqa", "--model", model], {env: {...env, MED42_EVAL_DATA_URL: server.url("/mirror")}});
            assert.equal(r.code, 0, r.stderr);
            assert.equal(tableRows(r.stdout, "pubmedqa").length, 2);
            assert.match(r.stdout, /2 of 2 questions · /);
            assert.ok(fs.existsSync(path.join(tmp, "datasets", "pubmedqa", "ori_pqal.json")));
        } finally {
            await server.close();
        }
    });

    it("rejects a malformed file naming the line and field, and bad usage, without a stack trace", async () => {
        const bad = path.join(tmp, "bad.csv");
        fs.writeFileSync(bad, "q1,a,b,c,d,A\nq2,a,b,c,d,F\n");
        const r = await runCli(["eval", "--task", "mmlu", "--subject", "anatomy", "--file", bad, "--model", model], {env});
        assert.equal(r.code, 1);
        assert.equal(r.stderr, `med42: ${bad}:2: field "answer" must be A, B, C or D, got "F"\n`);
        assert.equal(r.stdout, "");

        const noSubject = await runCli(["eval", "--task", "mmlu", "--file", bad, "--model", model], {env});
        assert.equal(noSubject.code, 2);
        assert.match(noSubject.stderr, /--task mmlu needs --subject: one of anatomy, clinical_knowledge/);
        const badLimit = await runCli(["eval", "--task", "medqa", "--limit", "0", "--model", model], {env});
        assert.equal(badLimit.code, 2);
        assert.match(badLimit.stderr, /--limit must be an integer of at least 1/);
        const noFile = await runCli(["eval", "--task", "medqa", "--file", path.join(tmp, "nope.jsonl"), "--model", model], {env});
        assert.equal(noFile.code, 1);
        assert.match(noFile.stderr, /^med42: dataset file not found: .*nope\.jsonl\n$/);
        const notModel = path.join(tmp, "not-a-model.gguf");
        fs.writeFileSync(notModel, "not a model");
        const badModel = await runCli(["eval", "--task", "medqa", "--file", path.join(FIXTURES, "medqa_4options_test.jsonl"), "--model", notModel], {env});
        assert.equal(badModel.code, 1);
        assert.match(badModel.stderr, /^med42: .*not-a-model\.gguf is not a GGUF model file/);
    });
});
