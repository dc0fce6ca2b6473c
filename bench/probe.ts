/**
 * Child-process probes for figures that need a fresh process: the memory a load costs (mmap on or off) and the
 * generation speed at a given thread count (node-llama-cpp's own default versus ours). A fresh process per probe
 * keeps the numbers from being polluted by earlier loads (freed memory the allocator keeps, other contexts).
 *
 * Run as a script it prints one JSON line; `runProbe` spawns it and parses that line.
 */
import {spawn} from "node:child_process";
import * as fs from "node:fs";
import {LlamaCppBackend} from "../shared/engine/llamaCppBackend";
import {MED42_SYSTEM_PROMPT} from "../shared/engine/defaults";
import {getLlamaRuntime, importNodeLlamaCpp} from "../shared/engine/llamaRuntime";
import {memAvailable, processMemory, type ProcessMemory} from "./procMemory";

export interface MemoryProbeRequest {
    kind: "memory";
    modelPath: string;
    useMmap: boolean;
    threads: number;
    contextSize: number;
    sequences: number;
}

export interface MemoryProbeResult {
    kind: "memory";
    useMmap: boolean;
    fileBytes: number;
    loadMs: number;
    /** MemAvailable before the load minus after it (system-wide, so other processes add noise). */
    availableFallBytes: number | null;
    before: ProcessMemory;
    after: ProcessMemory;
}

export interface ThreadsProbeRequest {
    kind: "threads";
    modelPath: string;
    /** undefined: let node-llama-cpp choose (its default). */
    threads?: number;
    tokens: number;
}

export interface ThreadsProbeResult {
    kind: "threads";
    /** The thread count the context actually used. */
    threads: number;
    /** What was asked: "default" means node-llama-cpp's own choice. */
    requested: number | "default";
    generationTokensPerSecond: number;
}

export type ProbeRequest = MemoryProbeRequest | ThreadsProbeRequest;
export type ProbeResult = MemoryProbeResult | ThreadsProbeResult;

async function memoryProbe(req: MemoryProbeRequest): Promise<MemoryProbeResult> {
    // Load the runtime first so its own memory is not counted as the model's.
    await getLlamaRuntime({gpu: "cpu", threads: req.threads});
    const before = processMemory();
    const availBefore = memAvailable();
    const started = performance.now();
    const backend = new LlamaCppBackend({
        modelPath: req.modelPath, gpu: "cpu", threads: req.threads, contextSize: req.contextSize,
        sequences: req.sequences, useMmap: req.useMmap, primeSystemPrompt: false
    });
    await backend.load();
    const loadMs = performance.now() - started;
    const after = processMemory();
    const availAfter = memAvailable();
    await backend.dispose();
    return {
        kind: "memory", useMmap: req.useMmap, fileBytes: fs.statSync(req.modelPath).size, loadMs,
        availableFallBytes: availBefore != null && availAfter != null ? availBefore - availAfter : null, before, after
    };
}

async function threadsProbe(req: ThreadsProbeRequest): Promise<ThreadsProbeResult> {
    const {getLlama, LlamaChatSession, Llama3ChatWrapper} = await importNodeLlamaCpp();
    const llama = await getLlama({gpu: false, build: "never", progressLogs: false, logLevel: "error" as never,
        ...(req.threads != null ? {maxThreads: req.threads} : {})});
    const model = await llama.loadModel({modelPath: req.modelPath});
    const context = await model.createContext({contextSize: 1024, ...(req.threads != null ? {threads: req.threads} : {})});
    try {
        const session = new LlamaChatSession({contextSequence: context.getSequence(), chatWrapper: new Llama3ChatWrapper(),
            systemPrompt: MED42_SYSTEM_PROMPT.slice(0, 60)});
        let first = 0;
        let count = 0;
        await session.prompt("How is iron deficiency treated?", {
            maxTokens: req.tokens, temperature: 0.4, topK: 150, topP: 0.75, seed: 1,
            onToken: (tokens) => { if (count === 0) first = performance.now(); count += tokens.length; }
        });
        const end = performance.now();
        return {kind: "threads", threads: context.currentThreads, requested: req.threads ?? "default",
            generationTokensPerSecond: count > 1 ? ((count - 1) * 1000) / (end - first) : NaN};
    } finally {
        await context.dispose();
        await model.dispose();
    }
}

/** Runs one probe in a fresh Node process and returns its result. */
export function runProbe<R extends ProbeResult>(req: ProbeRequest, timeoutMs = 30 * 60_000): Promise<R> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [__filename, JSON.stringify(req)], {stdio: ["ignore", "pipe", "pipe"]});
        let out = "";
        let err = "";
        const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
        child.stdout.on("data", (d) => { out += d; });
        child.stderr.on("data", (d) => { err += d; });
        child.on("error", reject);
        child.on("close", (code) => {
            clearTimeout(timer);
            const line = out.trim().split("\n").pop() ?? "";
            try {
                if (code !== 0) throw new Error(`exit code ${code}`);
                resolve(JSON.parse(line) as R);
            } catch (e) {
                reject(new Error(`The ${req.kind} probe failed (${(e as Error).message}): ${err.trim().slice(-2000)}`));
            }
        });
    });
}

if (require.main === module) {
    const req = JSON.parse(process.argv[2] ?? "{}") as ProbeRequest;
    const run = req.kind === "memory" ? memoryProbe(req) : req.kind === "threads" ? threadsProbe(req)
        : Promise.reject(new Error(`unknown probe ${(req as {kind?: string}).kind}`));
    run.then((r) => { process.stdout.write(JSON.stringify(r) + "\n"); process.exit(0); },
        (e: unknown) => { process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`); process.exit(1); });
}
