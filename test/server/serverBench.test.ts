/**
 * The model-server benchmark's smoke run (`npm run bench -- --server URL`) against the real llama-server: it runs
 * end to end and reports every figure. No timing is asserted (timings belong to the benchmark, docs/performance.md).
 */
import {strict as assert} from "node:assert";
import {execFile} from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {LlamaServer} from "../support/llamaServer";

const BENCH = path.resolve(__dirname, "..", "..", "bench", "main.js");

describe("model-server benchmark (npm run bench -- --server URL), smoke run", function () {
    this.timeout(180_000);
    let server: LlamaServer;
    before(async () => { server = await LlamaServer.start({parallel: 2}); });
    after(async () => { await server?.stop(); });

    it("compares the core with raw requests, one at a time and concurrently, and reports every figure", async () => {
        const json = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "med42-server-bench-")), "bench.json");
        const r = await new Promise<{code: number; stdout: string; stderr: string}>((resolve) => execFile(process.execPath,
            [BENCH, "--server", server.url, "--reps", "2", "--warmup", "0", "--tokens", "8", "--concurrency", "2,4", "--json", json],
            {timeout: 170_000, env: {...process.env, MED42_THREADS: "1"}},
            (err, stdout, stderr) => resolve({code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr})));
        assert.equal(r.code, 0, r.stderr);
        for (const heading of ["One request at a time", "time to first token", "throughput", "Concurrent conversations", "waited in the core's queue"])
            assert.ok(r.stdout.includes(heading), `the report lacks "${heading}"`);
        const result = JSON.parse(fs.readFileSync(json, "utf8"));
        assert.equal(result.model, "med42-test");
        for (const side of ["raw", "core"]) {
            assert.ok(Number.isFinite(result.single[side].ttftMs), `${side} ttft`);
            assert.ok(Number.isFinite(result.single[side].requestTokensPerSecond), `${side} throughput`);
        }
        assert.deepEqual(result.concurrency.map((c: {conversations: number}) => c.conversations), [2, 4]);
        for (const c of result.concurrency) assert.ok(Number.isFinite(c.throughputRatio));
        assert.ok(result.concurrency[1].core.queued >= 2, "with 4 conversations on 2 slots, the core queued the rest and said so");
        const usage = await new Promise<{code: number; stderr: string}>((resolve) => execFile(process.execPath, [BENCH, "--server", "gpu1"],
            (err, _stdout, stderr) => resolve({code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stderr})));
        assert.equal(usage.code, 2);
        assert.match(usage.stderr, /--server: "gpu1" is not a URL|must start with http/);
    });
});
