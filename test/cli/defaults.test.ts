/**
 * The CLI as a new user runs it: no overrides at all. Threads, max tokens, context size, temperature, seed, audit
 * log and policy file all come from their defaults (a fresh HOME, so the audit log goes to its per-user default
 * path); only the model is the generated test model, through MED42_MODEL. Every CLI test used to pass
 * --max-tokens, which hid that the defaults made every budget NaN (issue: the main path is broken by default).
 *
 * One thing is too slow at its default here, so the test changes the machine instead of the product: with two
 * threads (the default on a 2-core machine) llama.cpp's spinning threads made one tiny-model chat take 3.5 minutes
 * on a busy shared machine instead of 4 seconds. Each command runs pinned to one CPU (taskset), so the default
 * thread count (physical cores the process may use) is 1, reached through the default code path; no MED42_THREADS
 * and no --threads.
 */
import {strict as assert} from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {parse} from "csv-parse/sync";
import {testModelPath} from "../support/testModel";
import {runCli, type CliRun} from "../support/runCli";
import {assertModelText, chatAnswers, plainAnswer} from "../support/cliAnswers";

/** Every variable through which a test could override a default. */
const OVERRIDES = ["MED42_THREADS", "MED42_AUDIT_DB", "MED42_POLICY_FILE", "MED42_MODELS_DIR", "MED42_AUDIT_SALT",
    "XDG_DATA_HOME", "XDG_CACHE_HOME", "MED42_HF_ENDPOINT"];

describe("med42 with every default (no flags, fresh HOME)", function () {
    // Up to 512 tokens per answer and two answers per test: give a busy machine time.
    this.timeout(300_000);
    let home: string;
    const run = (args: string[], input?: string): Promise<CliRun> =>
        runCli(args, {input, cwd: home, timeoutMs: 120_000, oneCpu: true, unsetEnv: OVERRIDES, env: {HOME: home, MED42_MODEL: testModelPath()}});

    before(() => {
        home = fs.mkdtempSync(path.join(os.tmpdir(), "med42-defaults-"));
        fs.writeFileSync(path.join(home, "discharge-note.txt"), "72M admitted with community-acquired pneumonia. " +
            "Started ceftriaxone and azithromycin.\n\nImproved; discharged on day 4 on oral amoxicillin. Follow-up in 2 weeks.\n");
    });

    after(() => fs.rmSync(home, {recursive: true, force: true}));

    it("ask streams a sampled answer, then the disclaimer; two runs differ (temperature 0.4, random seed)", async () => {
        const answers: string[] = [];
        for (let i = 0; i < 2; i++) {
            const r = await run(["ask", "What is gout?"]);
            assert.equal(r.code, 0, r.stderr);
            const answer = plainAnswer(r.stdout);
            assertModelText(answer, `ask #${i + 1}`);
            answers.push(answer);
        }
        assert.notEqual(answers[0], answers[1], "the default sampling is not greedy and its seed is random");
    });

    it("chat answers two questions, each followed by the disclaimer", async () => {
        const r = await run(["chat"], "What is gout?\nHow is it treated?\n/exit\n");
        assert.equal(r.code, 0, r.stderr);
        const answers = chatAnswers(r.stdout);
        assert.equal(answers.length, 2, r.stdout);
        answers.forEach((a, i) => assertModelText(a, `chat answer ${i + 1}`));
    });

    it("summarize FILE prints the model's summary, then the disclaimer", async () => {
        const r = await run(["summarize", "discharge-note.txt"]);
        assert.equal(r.code, 0, r.stderr);
        assertModelText(plainAnswer(r.stdout), "summary");
    });

    it("wrote every answer to the audit log at its default path, which `med42 audit` reads", async () => {
        const db = path.join(home, ".local", "share", "med42-assist", "audit.sqlite");
        assert.ok(fs.existsSync(db), `the default audit log ${db} exists`);
        const r = await run(["audit", "--csv", "-"]);
        assert.equal(r.code, 0, r.stderr);
        const rows = parse(r.stdout, {columns: true}) as Record<string, string>[];
        const answered = rows.filter((row) => row.kind === "decision" && row.action === "answer");
        assert.equal(answered.length, 5, "2 asks, 2 chat turns, 1 summary");
        for (const row of answered) {
            assert.ok(["eos", "maxTokens"].includes(row.stopReason), `the model generated (${row.stopReason})`);
            assert.equal(row.model, path.basename(testModelPath()), "the audit log names the model file");
        }
    });
});
