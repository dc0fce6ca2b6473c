import {strict as assert} from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {testModelPath} from "../support/testModel";
import {runCli} from "../support/runCli";
import {LoopbackHttpServer} from "../support/loopbackHttp";
import {assertModelText, chatAnswers, plainAnswer} from "../support/cliAnswers";

describe("med42 CLI end to end (child process, generated model)", function () {
    // Several child processes per test, each loading node-llama-cpp and the model: slow on a busy machine.
    this.timeout(300_000);
    let model: string;
    let tmp: string;
    before(() => {
        model = testModelPath();
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "med42-cli-"));
    });

    it("ask --json prints one JSON object whose text contains the answer and the disclaimer", async () => {
        const r = await runCli(["ask", "--model", model, "--max-tokens", "12", "--no-audit", "--json", "What is hypertension?"]);
        assert.equal(r.code, 0, r.stderr);
        const out = JSON.parse(r.stdout.trim());
        assert.deepEqual(Object.keys(out).sort(), ["answer", "disclaimer", "model", "policy", "stopReason", "text", "usage"]);
        assert.ok(out.disclaimer.length > 20);
        assert.ok(out.text.includes(out.disclaimer));
        assert.ok(out.text.includes(out.answer.trim()));
        assert.equal(out.policy.action, "answer");
        assert.equal(out.policy.category, null);
        assert.ok(out.usage.promptTokens > 0 && out.usage.completionTokens > 0);
        assert.equal(out.model, model);
    });

    it("ask - reads the question from stdin and streams the model's answer, then the disclaimer", async () => {
        const ask = async (seed: string) => {
            const r = await runCli(["ask", "--model", model, "--seed", seed, "--no-audit", "-"], {input: "What is gout?\n"});
            assert.equal(r.code, 0, r.stderr);
            return plainAnswer(r.stdout);
        };
        const [first, again, other] = [await ask("7"), await ask("7"), await ask("8")];
        assertModelText(first, "ask -");
        // The printed text is sampled by the model: the same seed gives it again, another seed gives another text.
        assert.equal(again, first);
        assert.notEqual(other, first);
    });

    it("ask escalates an emergency with resources and never loads the model", async () => {
        const r = await runCli(["ask", "--model", "/nonexistent/model.gguf", "--no-audit", "--json",
            "I took all my pills an hour ago and I want to die"]);
        assert.equal(r.code, 0, r.stderr);
        const out = JSON.parse(r.stdout);
        assert.equal(out.policy.action, "escalate");
        assert.equal(out.policy.category, "self_harm");
        assert.equal(out.answer, "");
        assert.ok(out.text.includes(out.disclaimer));
    });

    it("summarize FILE prints the model's summary, then the disclaimer", async () => {
        const file = path.join(tmp, "note.txt");
        fs.writeFileSync(file, "72M admitted with CAP. Started ceftriaxone and azithromycin. Improved, discharged day 4.");
        const summarize = async (seed: string) => {
            const r = await runCli(["summarize", file, "--model", model, "--seed", seed, "--no-audit"]);
            assert.equal(r.code, 0, r.stderr);
            return plainAnswer(r.stdout);
        };
        const [first, again, other] = [await summarize("3"), await summarize("3"), await summarize("4")];
        assertModelText(first, "summary");
        assert.equal(again, first, "same seed, same summary");
        assert.notEqual(other, first, "another seed, another summary");
    });

    it("summarize of a long document shows its progress on stderr as the parts are done, the summary alone on stdout", async () => {
        const file = path.join(tmp, "long-note.txt");
        fs.writeFileSync(file, Array.from({length: 40}, (_, i) =>
            `Day ${i + 1}: afebrile, eating well, creatinine stable, amoxicillin continued, mobilising with physiotherapy.`).join("\n"));
        const r = await runCli(["summarize", file, "--model", model, "--max-tokens", "8", "--context-size", "2048", "--no-audit"]);
        assert.equal(r.code, 0, r.stderr);
        const lines = r.stderr.split("\n").filter((l) => l.startsWith("Summarizing: "));
        const percents = lines.map((l) => Number(/^Summarizing: (\d+)%/.exec(l)?.[1]));
        assert.ok(percents.length >= 3 && percents.every(Number.isFinite), r.stderr);
        assert.deepEqual(percents, [...percents].sort((a, b) => a - b), "a share that only grows");
        assert.ok(lines.some((l) => /part 1 of \d+ summarized/.test(l)), r.stderr);
        assert.doesNotMatch(r.stdout, /Summarizing/);
        assert.match(r.stdout, /clinical use/i);
    });

    it("gives clear errors and non-zero exits for bad input, never a stack trace", async () => {
        const cases: [string[], RegExp][] = [
            [["ask", "--frobnicate", "x"], /unknown option/],
            [["summarize", path.join(tmp, "missing.txt"), "--model", model], /no such file/],
            [["ask", "--model", model, "--max-tokens", "lots", "hi"], /--max-tokens must be an integer/],
            [["ask", "--model", path.join(tmp, "nope.gguf"), "--no-audit", "What is asthma?"], /nope\.gguf/],
            [["ask", "--model", model], /no question/],
            [["no-such-command"], /unknown command/]
        ];
        for (const [args, pattern] of cases) {
            const r = await runCli(args);
            assert.notEqual(r.code, 0, args.join(" "));
            assert.match(r.stderr, pattern, `${args.join(" ")}: ${r.stderr}`);
            assert.doesNotMatch(r.stderr, /\n\s+at .+:\d+:\d+/, `no stack trace for ${args.join(" ")}`);
        }
    });

    it("usage and configuration errors are one line on stderr with the documented exit code", async () => {
        const folder = fs.mkdtempSync(path.join(tmp, "folder-"));
        const badPolicy = path.join(tmp, "bad-policy.json");
        fs.writeFileSync(badPolicy, "{\"disclaimer\": 3}");
        const text = path.join(tmp, "short-note.txt");
        fs.writeFileSync(text, "Afebrile, stable.\n");
        const binary = path.join(tmp, "scan.pdf");
        fs.writeFileSync(binary, Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0xfe, 0x00, 0x01]));
        const offline = await LoopbackHttpServer.start();
        const closedPort = offline.origin;
        await offline.close();
        const cases: {args: string[]; env?: NodeJS.ProcessEnv; code: number; message: RegExp}[] = [
            {args: ["ask", "--frobnicate", "x"], code: 2, message: /^med42: unknown option '--frobnicate' \(see `med42 ask --help`\)$/},
            {args: ["ask", "--model", model, "--temperature", "", "hi"], code: 2, message: /^med42: --temperature must be a number between 0 and 2 \(got ""\)$/},
            {args: ["ask", "--model", model, "--seed", "", "hi"], code: 2, message: /^med42: --seed must be an integer of at least 0 \(got ""\)$/},
            {args: ["ask", "--model", model, "What is gout?"], env: {MED42_THREADS: "abc"}, code: 2, message: /^med42: MED42_THREADS must be a whole number of at least 1 \(got "abc"\)/},
            {args: ["ask", "--model", folder, "--no-audit", "What is gout?"], code: 1, message: /^med42: \S+ is a folder, not a model file/},
            {args: ["ask", "--model", path.join(tmp, "nope.gguf"), "--no-audit", "What is gout?"], code: 1, message: /^med42: model file not found: \S+nope\.gguf/},
            {args: ["ask", "--model", "med42-8b", "--no-audit", "What is gout?"], env: {MED42_HF_ENDPOINT: closedPort, MED42_MODELS_DIR: folder},
                code: 1, message: /^med42: cannot reach 127\.0\.0\.1:\d+: are you offline\?/},
            {args: ["ask", "--model", model, "--context-size", "256", "--no-audit", "What is gout?"], code: 1,
                message: /^med42: The context size \(256 tokens\) is too small: the system prompt alone needs about \d+ tokens/},
            {args: ["summarize", binary, "--model", model, "--no-audit"], code: 2, message: /^med42: \S+scan\.pdf is not a text file \(it contains binary data\)/},
            ...["ask", "chat", "summarize"].map((command) => ({args: [command, "--model", model, "--policy-file", badPolicy, ...({ask: ["hi"], chat: [], summarize: [text]}[command] ?? [])],
                code: 2, message: /^med42: policy file \S+bad-policy\.json/})),
            {args: ["policy", "--policy-file", badPolicy, "hi"], code: 2, message: /^med42: policy file \S+bad-policy\.json/},
            {args: ["ask", "--model", model, "hi"], env: {MED42_POLICY_FILE: badPolicy}, code: 2, message: /^med42: policy file \S+bad-policy\.json/},
            {args: ["eval", "--task", "medqa", "--file", path.join(__dirname, "../../../test/eval/fixtures/medqa_4options_test.jsonl"), "--model", model,
                "--json", folder], code: 2, message: /^med42: \S+ is a folder: give --json a file name, e.g. \S+results\.json$/},
        ];
        for (const c of cases) {
            const what = `${c.args.join(" ")} ${JSON.stringify(c.env ?? {})}`;
            const r = await runCli(c.args, {env: c.env});
            assert.equal(r.code, c.code, `${what}: ${r.stderr}`);
            const lines = r.stderr.split("\n").filter((l) => l && !/^Loading /.test(l));
            assert.equal(lines.length, 1, `${what}: one line on stderr:\n${r.stderr}`);
            assert.match(lines[0], c.message, what);
            assert.doesNotMatch(r.stderr, /Downloading/, `${what}: nothing claims a download that never started`);
        }
    });

    it("MED42_POLICY_FILE applies to every command, not only `med42 policy`", async () => {
        const file = path.join(tmp, "institution-policy.json");
        const disclaimer = "Research tool, not for patient care. Answers may be wrong.";
        fs.writeFileSync(file, JSON.stringify({version: 1, disclaimer: {text: disclaimer},
            blockedTerms: [{term: "Project Nightingale", category: "out_of_scope", message: "Not here, please."}]}));
        const env = {MED42_POLICY_FILE: file};
        const note = path.join(tmp, "policy-note.txt");
        fs.writeFileSync(note, "Afebrile, stable, discharged home.\n");
        const ask = await runCli(["ask", "--model", model, "--no-audit", "--json", "What is Project Nightingale?"], {env});
        assert.equal(ask.code, 0, ask.stderr);
        const out = JSON.parse(ask.stdout);
        assert.equal(out.policy.action, "refuse");
        assert.equal(out.text, `Not here, please.\n\n${disclaimer}`);
        const chat = await runCli(["chat", "--model", model, "--no-audit"], {env, input: "What is Project Nightingale?\n/exit\n"});
        assert.equal(chat.code, 0, chat.stderr);
        assert.match(chat.stdout, new RegExp(`Not here, please\\.\\n\\n${disclaimer.replace(/\./g, "\\.")}`));
        const summary = await runCli(["summarize", note, "--model", model, "--max-tokens", "4", "--no-audit"], {env});
        assert.equal(summary.code, 0, summary.stderr);
        assert.ok(summary.stdout.endsWith(`\n\n${disclaimer}\n`), summary.stdout);
        const policy = await runCli(["policy", "--json", "What is Project Nightingale?"], {env});
        assert.equal(policy.code, 0, policy.stderr);
        assert.equal(JSON.parse(policy.stdout).action, "refuse");
    });

    it("audit --csv into a missing folder fails with a clear error instead of claiming it wrote", async () => {
        const db = path.join(tmp, "audit-export.sqlite");
        const seeded = await runCli(["ask", "--model", "/nonexistent/m.gguf", "I took all my pills and want to die"], {env: {MED42_AUDIT_DB: db}});
        assert.equal(seeded.code, 0, seeded.stderr);
        const target = path.join(tmp, "missing", "x.csv");
        const r = await runCli(["audit", "--db", db, "--csv", target]);
        assert.equal(r.code, 2, r.stderr);
        assert.equal(r.stderr, `med42: cannot write ${target}: its folder does not exist\n`);
        assert.ok(!fs.existsSync(target));
        const ok = await runCli(["audit", "--db", db, "--csv", path.join(tmp, "audit.csv")]);
        assert.equal(ok.code, 0, ok.stderr);
        assert.match(ok.stderr, /^wrote 1 entries to /);
    });

    it("--help works on every command", async () => {
        for (const args of [["--help"], ["ask", "--help"], ["chat", "--help"], ["summarize", "--help"]]) {
            const r = await runCli(args);
            assert.equal(r.code, 0, args.join(" "));
            assert.match(r.stdout, /Usage: med42/);
        }
    });
});

describe("med42 summarize hears Ctrl+C and SIGTERM while it works", function () {
    // Several child processes per test, each loading node-llama-cpp and the model: slow on a busy machine.
    this.timeout(300_000);
    // With the defaults' NaN budget the summariser once split the text in a loop that never returned to the event
    // loop: 100% CPU, deaf to both signals. Now each signal stops it, and what was shown keeps its disclaimer.
    for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
        it(`${signal} during the map passes stops the summary and exits ${code}`, async () => {
            const {spawn} = await import("node:child_process");
            const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "med42-sum-")), "long.txt");
            fs.writeFileSync(file, Array.from({length: 400}, (_, i) => `Day ${i + 1}: stable, afebrile. Continued IV ceftriaxone. Plan reviewed.`).join("\n\n"));
            const child = spawn(process.execPath, [path.resolve(__dirname, "../../../bin/med42.js"), "summarize", file, "--model", testModelPath(), "--no-audit"],
                {env: {...process.env, MED42_THREADS: "1"}});
            let stdout = "", stderr = "";
            child.stdout.on("data", (d) => { stdout += d; });
            const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
            // The first part's summary is done: the map passes are under way (or the process ended, which fails below).
            const partDone = new Promise<void>((resolve) => {
                child.stderr.on("data", (d) => {
                    stderr += d;
                    if (/part \d+ of \d+ summarized/.test(stderr)) resolve();
                });
                void closed.then(() => resolve());
            });
            await partDone;
            assert.equal(child.exitCode, null, `still summarising when the signal is sent\n${stderr}`);
            child.kill(signal);
            assert.equal(await closed, code, stderr);
            assert.equal(plainAnswer(stdout), "[stopped]");
        });
    }
});

describe("med42 ask on a fresh machine", function () {
    it("downloads the default model on first use, then answers", async () => {
        const server = await LoopbackHttpServer.start();
        try {
            const file = "/mradermacher/Llama3-Med42-8B-GGUF/resolve/main/Llama3-Med42-8B.Q4_K_M.gguf";
            server.serveFile(file, {body: fs.readFileSync(testModelPath())});
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-fresh-"));
            const env = {MED42_HF_ENDPOINT: server.origin, MED42_MODELS_DIR: dir, MED42_MODEL: ""};
            const r = await runCli(["ask", "--max-tokens", "4", "--json", "What is asthma?"], {env});
            assert.equal(r.code, 0, r.stderr);
            assert.equal(server.requestsFor(file).length, 1);
            assert.match(r.stderr, /Downloading/);
            const out = JSON.parse(r.stdout);
            assert.equal(out.model, path.join(dir, "Llama3-Med42-8B.Q4_K_M.gguf"));
            assert.ok(out.text.includes(out.disclaimer));
        } finally {
            await server.close();
        }
    });
});

describe("med42 chat (child process)", function () {
    // Several child processes per test, each loading node-llama-cpp and the model: slow on a busy machine.
    this.timeout(300_000);
    it("sends the conversation so far to the model with each question", async () => {
        // With a fixed seed the model's answer is a function of what it is sent. The answer to "How is it treated?"
        // is the same in two identical chats, and differs when the earlier turn differs or is missing: the history
        // reaches the model (a chat that sent only the last question would answer all three the same).
        const secondAnswer = async (input: string) => {
            const r = await runCli(["chat", "--model", testModelPath(), "--seed", "11", "--max-tokens", "48", "--no-audit"],
                {input: input + "/exit\n"});
            assert.equal(r.code, 0, r.stderr);
            const answers = chatAnswers(r.stdout);
            answers.forEach((a, i) => assertModelText(a, `answer ${i + 1}`));
            return answers[answers.length - 1];
        };
        const afterGout = await secondAnswer("What is gout?\nHow is it treated?\n");
        assert.equal(await secondAnswer("What is gout?\nHow is it treated?\n"), afterGout, "same conversation, same answer");
        const alone = await secondAnswer("How is it treated?\n");
        assert.notEqual(alone, afterGout, "without the first turn the answer changes");
        assert.notEqual(await secondAnswer("What is asthma?\nHow is it treated?\n"), afterGout, "another first turn changes it too");
        assert.equal(await secondAnswer("What is gout?\n/reset\nHow is it treated?\n"), alone, "/reset drops the history");
    });

    it("keeps a multi-turn conversation, /reset starts afresh, /exit leaves", async () => {
        const r = await runCli(["chat", "--model", testModelPath(), "--max-tokens", "6", "--no-audit"],
            {input: "What is gout?\nHow is it treated?\n/reset\n/bogus\nI took a whole bottle of pills and want to die\n/exit\n"});
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout.match(/med42> /g)?.length, 3, r.stdout);
        assert.match(r.stdout, /New conversation\./);
        assert.match(r.stdout, /Unknown command \/bogus/);
        assert.match(r.stdout, /988/, "the crisis line is shown for the self-harm message");
        const disclaimers = r.stdout.split("not ready for clinical use").length - 1;
        assert.ok(disclaimers >= 4, `banner + 3 answers carry the disclaimer (${disclaimers})`);
    });

    it("SIGTERM stops the answer, prints the disclaimer and ends the session with 143", async () => {
        const {spawn} = await import("node:child_process");
        const child = spawn(process.execPath, [path.resolve(__dirname, "../../../bin/med42.js"), "chat", "--model", testModelPath({shape: {nVocab: 32000}, seed: 5}),
            "--max-tokens", "4000", "--temperature", "1", "--seed", "1", "--no-audit"], {env: {...process.env, MED42_THREADS: "1"}});
        let stdout = "";
        const started = new Promise<void>((resolve) => child.stdout.on("data", (d) => { stdout += d; if (stdout.includes("med42> ")) resolve(); }));
        const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
        child.stdin.write("Explain heart failure in detail.\nWhat is gout?\n");
        await started;
        child.kill("SIGTERM");
        assert.equal(await closed, 143, stdout);
        assert.equal(chatAnswers(stdout).length, 1, "the second question is not asked");
        assert.match(chatAnswers(stdout)[0], /\[stopped\]$/);
    });

    it("Ctrl+C stops the current answer, not the program", async () => {
        const {spawn} = await import("node:child_process");
        const model = testModelPath({shape: {nVocab: 32000}, seed: 5}); // a large vocabulary rarely samples <|eot_id|>
        const child = spawn(process.execPath, [path.resolve(__dirname, "../../../bin/med42.js"), "chat", "--model", model,
            "--max-tokens", "4000", "--temperature", "1", "--seed", "1", "--no-audit"], {env: {...process.env, MED42_THREADS: "1"}});
        let out = "";
        child.stdout.on("data", (d) => { out += d; });
        child.stderr.on("data", (d) => { out += d; });
        child.stdin.write("Explain heart failure in detail.\n");
        // Interrupt once the answer is streaming.
        await new Promise<void>((resolve, reject) => {
            const t = setTimeout(() => reject(new Error(`no answer started:\n${out}`)), 60000);
            // Most of this model's tokens print nothing, so wait for generation to start rather than for text.
            const check = () => { if (out.includes("med42> ")) { clearTimeout(t); child.stdout.off("data", check); setTimeout(resolve, 300); } };
            child.stdout.on("data", check);
        });
        child.kill("SIGINT");
        await new Promise((r) => setTimeout(r, 1500));
        assert.equal(child.exitCode, null, `still running after Ctrl+C:\n${out}`);
        child.stdin.end("/exit\n");
        const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
        assert.equal(code, 0, out);
        assert.match(out, /\[stopped\]/);
    });
});
