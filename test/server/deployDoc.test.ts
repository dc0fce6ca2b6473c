/**
 * The commands docs/deploy.md and the README show for a model server, run as written (only the environment differs:
 * the test's model file, port and key): llama-server exactly as documented, then `med42 models --server` and
 * `med42 ask` against it, and the README's `npx med42 chat` with MED42_SERVER_URL.
 * (The vLLM, Ollama and Docker commands need a GPU, Ollama or Docker, none of which is here.)
 */
import {strict as assert} from "node:assert";
import {type ChildProcess, spawn} from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {freePort, llamaServerBinary, serverTestModelPath} from "../support/llamaServer";

const ROOT = path.resolve(__dirname, "../../..");

/** Lines of the ```sh blocks of a Markdown file. */
function shellLines(markdown: string): string[] {
    const out: string[] = [];
    for (const m of markdown.matchAll(/```sh\n([\s\S]*?)```/g)) {
        out.push(...m[1].replace(/\\\n\s*/g, "").split("\n").map((l) => l.trim()).filter(Boolean));
    }
    return out;
}

function bash(line: string, env: NodeJS.ProcessEnv, input = ""): Promise<{code: number | null; stdout: string; stderr: string}> {
    return new Promise((resolve, reject) => {
        const child = spawn("bash", ["-c", line], {cwd: ROOT, env, stdio: ["pipe", "pipe", "pipe"]});
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => { stdout += d; });
        child.stderr.on("data", (d) => { stderr += d; });
        const timer = setTimeout(() => { child.kill("SIGKILL"); reject(new Error(`timed out: ${line}\n${stderr}`)); }, 120_000);
        child.on("close", (code) => { clearTimeout(timer); resolve({code, stdout, stderr}); });
        child.stdin.end(input);
    });
}

describe("docs/deploy.md and the README: the model-server commands as written", function () {
    this.timeout(180_000);
    let server: ChildProcess | undefined;
    let env: NodeJS.ProcessEnv;
    let shims: string;

    before(async () => {
        shims = fs.mkdtempSync(path.join(os.tmpdir(), "med42-doc-"));
        // `med42` as an installed package provides it; `llama-server` where the build script put it.
        fs.writeFileSync(path.join(shims, "med42"), `#!/bin/sh\nexec "${process.execPath}" "${path.join(ROOT, "bin", "med42.js")}" "$@"\n`, {mode: 0o755});
        const bin = llamaServerBinary();
        const port = await freePort();
        env = {
            ...process.env, PATH: [shims, path.dirname(bin), path.dirname(process.execPath), process.env.PATH].join(":"),
            LD_LIBRARY_PATH: [path.dirname(bin), process.env.LD_LIBRARY_PATH].filter(Boolean).join(":"),
            MED42_GGUF: serverTestModelPath(), PORT: String(port), MED42_SERVER_API_KEY: "doc-test-key",
            MED42_SERVER_URL: `http://127.0.0.1:${port}`, MED42_THREADS: "1",
            // One llama.cpp thread on the shared test machine (llama-server reads its options from LLAMA_ARG_* too).
            LLAMA_ARG_THREADS: "1", LLAMA_ARG_THREADS_BATCH: "1",
            MED42_AUDIT_DB: path.join(shims, "audit.sqlite"), MED42_MODELS_DIR: path.join(shims, "models")
        };
    });
    after(async () => {
        if (server && server.exitCode === null) {
            server.kill("SIGTERM");
            await new Promise((r) => server!.once("exit", r));
        }
        fs.rmSync(shims, {recursive: true, force: true});
    });

    it("starts llama-server with the documented command, and med42 models / ask reach it", async () => {
        const lines = shellLines(fs.readFileSync(path.join(ROOT, "docs", "deploy.md"), "utf8"));
        const start = lines.find((l) => l.startsWith("llama-server "));
        assert.ok(start, "docs/deploy.md shows how to start llama-server");
        server = spawn("bash", ["-c", `exec ${start}`], {cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"]});
        let log = "";
        server.stderr!.on("data", (d) => { log += d; });
        const end = Date.now() + 60_000;
        for (;;) {
            try { if ((await fetch(`${env.MED42_SERVER_URL}/health`)).ok) break; } catch { /* starting */ }
            if (server.exitCode !== null || Date.now() > end) assert.fail(`llama-server did not start:\n${log.slice(-2000)}`);
            await new Promise((r) => setTimeout(r, 100));
        }
        const models = lines.find((l) => l.startsWith("med42 models --server"));
        const ask = lines.find((l) => l.startsWith("med42 ask "));
        assert.ok(models && ask);
        const listed = await bash(models, env);
        assert.equal(listed.code, 0, listed.stderr);
        assert.match(listed.stdout, /\(llama\.cpp, 4 slots\):/);
        assert.match(listed.stdout, /context 8192 tokens/, "-c 32768 --parallel 4 gives each request Med42's 8192 tokens");
        const answered = await bash(ask, env);
        assert.equal(answered.code, 0, answered.stderr);
        assert.match(answered.stdout, /not ready for clinical use/i);

        const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        const m = /`MED42_SERVER_URL=(\S+) (npx med42 chat)`/.exec(readme);
        assert.ok(m, "the README's one line for a model server");
        const chat = await bash(m[2], env, "What is gout?\n/exit\n");
        assert.equal(chat.code, 0, chat.stderr);
        assert.equal(chat.stdout.split("med42> ").length - 1, 1, "one answer from the server");
        assert.equal(fs.existsSync(path.join(shims, "models")), false, "no local model was looked for or downloaded");
    });
});
