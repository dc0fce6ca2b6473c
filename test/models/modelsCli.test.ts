import * as assert from "node:assert/strict";
import {spawn, type ChildProcess} from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {LoopbackHttpServer} from "../support/loopbackHttp";
import {testModelPath} from "../support/testModel";

const BIN = path.resolve(__dirname, "../../../bin/med42.js");

interface Run { code: number | null; stdout: string; stderr: string }

/**
 * `node bin/med42.js ARGS` as a child process. Asynchronous on purpose: the loopback server lives in this process.
 * `whenStderr` is called on each stderr chunk, e.g. to send Ctrl+C once the download is under way.
 */
function med42(args: string[], options: {env?: NodeJS.ProcessEnv; whenStderr?: (stderr: string, child: ChildProcess) => void} = {}): Promise<Run> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, ...args], {
            env: {...process.env, MED42_MODEL: "", MED42_MODELS_DIR: "", MED42_THREADS: "1", ...options.env},
            stdio: ["ignore", "pipe", "pipe"]
        });
        let stdout = "", stderr = "";
        child.stdout!.on("data", (d) => { stdout += d; });
        child.stderr!.on("data", (d) => { stderr += d; options.whenStderr?.(stderr, child); });
        const timer = setTimeout(() => { child.kill("SIGKILL"); reject(new Error(`med42 ${args.join(" ")} timed out: ${stderr}`)); }, 30_000);
        child.on("error", reject);
        child.on("close", (code) => { clearTimeout(timer); resolve({code, stdout, stderr}); });
    });
}

describe("med42 pull / med42 models (child processes)", function () {
    this.timeout(60_000);
    let server: LoopbackHttpServer;
    let dir: string;
    let source: Buffer;

    before(() => { source = fs.readFileSync(testModelPath()); });
    beforeEach(async () => {
        server = await LoopbackHttpServer.start();
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-cli-models-"));
    });
    afterEach(async () => {
        await server.close();
        fs.rmSync(dir, {recursive: true, force: true});
    });

    it("pulls from a URL with progress lines, prints the path, and lists it", async () => {
        server.serveFile("/dl/tiny-med.gguf", {body: source});
        const run = await med42(["pull", server.url("/dl/tiny-med.gguf"), "--models-dir", dir]);
        assert.equal(run.code, 0, run.stderr);
        const file = path.join(dir, "tiny-med.gguf");
        assert.equal(run.stdout, file + "\n");
        assert.ok(fs.readFileSync(file).equals(source));
        assert.match(run.stderr, /^Downloading tiny-med\.gguf into /);
        assert.match(run.stderr, /\ndownloaded \d+% \([\d.]+ kB of 633 kB, /);
        assert.match(run.stderr, /downloaded 100% /);
        assert.match(run.stderr, /Saved .*tiny-med\.gguf\n$/);

        const again = await med42(["pull", server.url("/dl/tiny-med.gguf"), "--models-dir", dir]);
        assert.equal(again.code, 0);
        assert.match(again.stderr, /already downloaded/);
        assert.equal(again.stdout, file + "\n");

        const list = await med42(["models", "--models-dir", dir]);
        assert.equal(list.code, 0, list.stderr);
        assert.match(list.stdout, new RegExp(`Model folder: ${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\n`));
        assert.match(list.stdout, /med42-8b \(default\) +Med42-v2 8B Q4_K_M +about 4\.92 GB +not downloaded/);
        assert.match(list.stdout, /med42-70b +Med42-v2 70B Q4_K_M +about 42\.5 GB +not downloaded/);
        assert.match(list.stdout, /Other downloaded models:\n  tiny-med\.gguf  633 kB\n/);

        const json = JSON.parse((await med42(["models", "--json"], {env: {MED42_MODELS_DIR: dir}})).stdout);
        assert.equal(json.dir, dir);
        assert.deepEqual(json.models, [{name: "tiny-med.gguf", path: file, sizeBytes: source.length}]);
        assert.deepEqual(json.presets.map((p: {id: string; downloaded: boolean}) => [p.id, p.downloaded]),
            [["med42-8b", false], ["med42-8b-q8", false], ["med42-70b", false]]);
    });

    it("pulls a preset from the Hub endpoint set by MED42_HF_ENDPOINT and shows it as downloaded", async () => {
        server.serveFile("/mradermacher/Llama3-Med42-8B-GGUF/resolve/main/Llama3-Med42-8B.Q4_K_M.gguf", {body: source});
        const env = {MED42_HF_ENDPOINT: server.origin, MED42_MODELS_DIR: dir};
        const run = await med42(["pull"], {env});
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stderr, /^Downloading Med42-v2 8B Q4_K_M \(about 4\.92 GB\)/);
        assert.equal(run.stdout, path.join(dir, "Llama3-Med42-8B.Q4_K_M.gguf") + "\n");
        const list = await med42(["models"], {env});
        assert.match(list.stdout, /med42-8b \(default\) +Med42-v2 8B Q4_K_M +633 kB +downloaded/);
    });

    it("Ctrl+C cancels with exit 130, keeps the partial, and the next pull resumes it", async () => {
        server.serveFile("/m.gguf", {body: source, stallAfterBytes: 400_000});
        let interrupted = false;
        const run = await med42(["pull", server.url("/m.gguf"), "--models-dir", dir], {
            whenStderr: (stderr, child) => {
                if (!interrupted && /downloaded [5-9]\d%/.test(stderr)) { interrupted = true; child.kill("SIGINT"); }
            }
        });
        assert.ok(interrupted, run.stderr);
        assert.equal(run.code, 130, run.stderr);
        assert.match(run.stderr, /med42: download cancelled; the partial file is kept: run `med42 pull http:\/\/127\.0\.0\.1:\d+\/m\.gguf --models-dir \S+` to resume/);
        const partial = fs.statSync(path.join(dir, "m.gguf.partial")).size;
        assert.ok(partial >= 0.5 * source.length && partial <= 400_000, `partial holds ${partial} bytes`);

        const list = await med42(["models", "--models-dir", dir]);
        assert.match(list.stdout, /Interrupted downloads .*\n  m\.gguf  [\d.]+ kB so far/);

        server.serveFile("/m.gguf", {body: source});
        const resumed = await med42(["pull", server.url("/m.gguf"), "--models-dir", dir]);
        assert.equal(resumed.code, 0, resumed.stderr);
        assert.equal(server.requestsFor("/m.gguf").at(-1)!.headers.range, `bytes=${partial}-`);
        assert.ok(fs.readFileSync(path.join(dir, "m.gguf")).equals(source));
    });

    it("exits non-zero with one clear line for bad names, missing files, HTTP errors and no network", async () => {
        const bad = await med42(["pull", "gpt-5", "--models-dir", dir]);
        assert.equal(bad.code, 2);
        assert.match(bad.stderr, /^med42: unknown model "gpt-5": use a preset/);

        const local = await med42(["pull", "./x.gguf", "--models-dir", dir]);
        assert.equal(local.code, 2);
        assert.match(local.stderr, /is a local file, there is nothing to download/);

        const missing = await med42(["pull", server.url("/none.gguf"), "--models-dir", dir]);
        assert.equal(missing.code, 1);
        assert.match(missing.stderr, /med42: downloading .* failed: HTTP 404 Not Found/);

        const gone = await LoopbackHttpServer.start();
        const url = gone.url("/m.gguf");
        await gone.close();
        const offline = await med42(["pull", url, "--models-dir", dir]);
        assert.equal(offline.code, 1);
        assert.match(offline.stderr, /med42: cannot reach 127\.0\.0\.1:\d+: are you offline\?/);
        for (const r of [bad, local, missing, offline]) assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");

        server.serveFile("/qwen.gguf", {body: (() => {
            const b = Buffer.from(source);
            const at = b.indexOf("general.architecture") + "general.architecture".length + 12;
            b.write("qwen2", at, "ascii");
            return b;
        })()});
        const wrong = await med42(["pull", server.url("/qwen.gguf"), "--models-dir", dir]);
        assert.equal(wrong.code, 1);
        assert.match(wrong.stderr, /cannot be used: .*"qwen2" architecture/);
    });
});
