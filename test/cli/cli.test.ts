import {strict as assert} from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {testModelPath} from "../support/testModel";
import {runCli} from "../support/runCli";
import {LoopbackHttpServer} from "../support/loopbackHttp";

describe("med42 CLI end to end (child process, generated model)", function () {
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

    it("ask - reads the question from stdin and streams the answer then the disclaimer", async () => {
        const r = await runCli(["ask", "--model", model, "--max-tokens", "8", "--no-audit", "-"], {input: "What is gout?\n"});
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /not ready for clinical use|not for clinical use/i);
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

    it("summarize FILE prints a summary with the disclaimer", async () => {
        const file = path.join(tmp, "note.txt");
        fs.writeFileSync(file, "72M admitted with CAP. Started ceftriaxone and azithromycin. Improved, discharged day 4.");
        const r = await runCli(["summarize", file, "--model", model, "--max-tokens", "8", "--no-audit"]);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /clinical use/i);
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

    it("--help works on every command", async () => {
        for (const args of [["--help"], ["ask", "--help"], ["chat", "--help"], ["summarize", "--help"]]) {
            const r = await runCli(args);
            assert.equal(r.code, 0, args.join(" "));
            assert.match(r.stdout, /Usage: med42/);
        }
    });
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
