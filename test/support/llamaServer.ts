/**
 * A real llama.cpp `llama-server` for the model-server tests: started on a free loopback port with the generated test
 * model, waited for (/health), observed (/slots, /metrics) and stopped or killed.
 *
 * The binary is built from the llama.cpp source node-llama-cpp ships by scripts/build-llama-server.sh into
 * ~/.cache/med42-assist/llama-server/<commit>/ (MED42_LLAMA_SERVER_BIN overrides). When it is missing the tests fail
 * and say how to build it: they never skip.
 */
import {type ChildProcess, spawn} from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import {testModelPath} from "./testModel";

const REPO = path.resolve(__dirname, "../../..");
const BUNDLE = path.join(REPO, "node_modules", "node-llama-cpp", "llama", "gitRelease.bundle");

/** The llama.cpp commit of the bundle (its header names HEAD: "<sha> HEAD"). */
export function bundledLlamaCppCommit(): string {
    const fd = fs.openSync(BUNDLE, "r");
    try {
        const head = Buffer.alloc(4096);
        const n = fs.readSync(fd, head, 0, head.length, 0);
        const m = /^([0-9a-f]{40}) HEAD$/m.exec(head.subarray(0, n).toString("latin1"));
        if (!m) throw new Error(`cannot read the llama.cpp commit from ${BUNDLE}`);
        return m[1];
    } finally {
        fs.closeSync(fd);
    }
}

/** Where scripts/build-llama-server.sh puts the binary. */
export function cachedLlamaServerPath(): string {
    const cache = process.env.XDG_CACHE_HOME?.trim() || path.join(os.homedir(), ".cache");
    return path.join(cache, "med42-assist", "llama-server", bundledLlamaCppCommit(), "bin", "llama-server");
}

/** The llama-server binary, or an error that says how to build it. */
export function llamaServerBinary(): string {
    const override = process.env.MED42_LLAMA_SERVER_BIN?.trim();
    const bin = override || cachedLlamaServerPath();
    if (!fs.existsSync(bin)) {
        throw new Error(`llama-server is not built (looked for ${bin}). Run \`bash scripts/build-llama-server.sh\` once ` +
            "(it builds llama.cpp's server from the source node-llama-cpp ships, ~15 min on 2 cores), or set MED42_LLAMA_SERVER_BIN.");
    }
    return bin;
}

/**
 * The test model for servers: llama-server's chat endpoint rejects answers that are not valid UTF-8, which random
 * weights produce, so its byte tokens 0x80-0xFF print nothing (see ggufWriter's asciiOutput).
 */
export function serverTestModelPath(): string {
    return testModelPath({asciiOutput: true});
}

/** A test model that rarely ends its answer (a large silent filler vocabulary): for stopping and killing mid-answer. */
export function serverLongTalkerPath(): string {
    return testModelPath({asciiOutput: true, shape: {nVocab: 32000}, seed: 5});
}

export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const s = net.createServer();
        s.once("error", reject);
        s.listen(0, "127.0.0.1", () => {
            const port = (s.address() as net.AddressInfo).port;
            s.close(() => resolve(port));
        });
    });
}

export interface LlamaServerOptions {
    model?: string;
    /** Slots (--parallel). Default 4. */
    parallel?: number;
    /** Tokens per slot; -c is this × parallel. Default 2048. */
    slotContext?: number;
    apiKey?: string;
    /** Served model name (--alias). Default "med42-test". */
    alias?: string;
    port?: number;
}

export class LlamaServer {
    private log = "";
    private exited?: Promise<void>;

    private constructor(readonly options: Required<Omit<LlamaServerOptions, "apiKey">> & {apiKey?: string}, private child: ChildProcess) {
        this.watch(child);
    }

    static async start(options: LlamaServerOptions = {}): Promise<LlamaServer> {
        const resolved = {
            model: options.model ?? serverTestModelPath(), parallel: options.parallel ?? 4, slotContext: options.slotContext ?? 2048,
            alias: options.alias ?? "med42-test", port: options.port ?? await freePort(), apiKey: options.apiKey
        };
        const server = new LlamaServer(resolved, LlamaServer.spawn(resolved));
        await server.waitReady();
        return server;
    }

    private static spawn(o: LlamaServer["options"]): ChildProcess {
        const bin = llamaServerBinary();
        const args = ["-m", o.model, "--host", "127.0.0.1", "--port", String(o.port), "-c", String(o.slotContext * o.parallel),
            "--parallel", String(o.parallel), "--alias", o.alias, "--metrics", "--no-webui", "--no-warmup",
            // One thread: the test machine is small and shared (llama.cpp's threads spin while waiting).
            "-t", "1", "-tb", "1", ...(o.apiKey ? ["--api-key", o.apiKey] : [])];
        // A build with shared libraries finds them beside the binary.
        const libs = path.dirname(bin);
        return spawn(bin, args, {
            stdio: ["ignore", "pipe", "pipe"],
            env: {...process.env, LD_LIBRARY_PATH: [libs, process.env.LD_LIBRARY_PATH].filter(Boolean).join(":")}
        });
    }

    private watch(child: ChildProcess): void {
        const keep = (d: Buffer) => { this.log = (this.log + d.toString("latin1")).slice(-20_000); };
        child.stdout?.on("data", keep);
        child.stderr?.on("data", keep);
        this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    }

    get port(): number { return this.options.port; }
    get url(): string { return `http://127.0.0.1:${this.options.port}`; }
    get model(): string { return this.options.alias; }
    get pid(): number | undefined { return this.child.pid; }
    get running(): boolean { return this.child.exitCode === null && this.child.signalCode === null; }
    /** The end of the server's log, for failure messages. */
    get logTail(): string { return this.log.slice(-3000); }

    private async waitReady(timeoutMs = 120_000): Promise<void> {
        const end = Date.now() + timeoutMs;
        for (;;) {
            if (!this.running) throw new Error(`llama-server exited while starting:\n${this.logTail}`);
            try {
                const r = await fetch(`${this.url}/health`, {signal: AbortSignal.timeout(2000)});
                if (r.ok) return;
            } catch { /* not listening yet */ }
            if (Date.now() > end) { await this.kill(); throw new Error(`llama-server did not become healthy in ${timeoutMs / 1000} s:\n${this.logTail}`); }
            await new Promise((r) => setTimeout(r, 100));
        }
    }

    private headers(): Record<string, string> {
        return this.options.apiKey ? {Authorization: `Bearer ${this.options.apiKey}`} : {};
    }

    /** llama-server's slots: is_processing, n_ctx, and what each holds. */
    async slots(): Promise<Array<{id: number; is_processing: boolean; [k: string]: unknown}>> {
        const r = await fetch(`${this.url}/slots`, {headers: this.headers()});
        return await r.json() as Array<{id: number; is_processing: boolean}>;
    }

    /** The Prometheus counters of /metrics, by name without the "llamacpp:" prefix. */
    async metrics(): Promise<Record<string, number>> {
        // Once more on a closed connection: llama-server may close a kept-alive connection between two requests, and
        // fetch fails with "other side closed" when it reuses it (a CI run saw this); the counters are read-only.
        const r = await fetch(`${this.url}/metrics`, {headers: this.headers()})
            .catch(() => fetch(`${this.url}/metrics`, {headers: this.headers()}));
        const out: Record<string, number> = {};
        for (const line of (await r.text()).split("\n")) {
            const m = /^llamacpp:(\w+)\s+([-\d.e+]+)/.exec(line);
            if (m) out[m[1]] = Number(m[2]);
        }
        return out;
    }

    /** Kills the server at once (SIGKILL): a server dying under load. */
    async kill(): Promise<void> {
        if (this.running) this.child.kill("SIGKILL");
        await this.exited;
    }

    /** Starts it again on the same port, with the same model and settings. */
    async restart(): Promise<void> {
        await this.kill();
        this.child = LlamaServer.spawn(this.options);
        this.watch(this.child);
        await this.waitReady();
    }

    async stop(): Promise<void> {
        if (!this.running) return;
        this.child.kill("SIGTERM");
        const timer = setTimeout(() => this.child.kill("SIGKILL"), 5000);
        await this.exited;
        clearTimeout(timer);
    }
}
