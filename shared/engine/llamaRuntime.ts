/**
 * Loads node-llama-cpp (ESM-only) from CommonJS with a real dynamic import(), and picks threads from the physical
 * cores. Why: by default node-llama-cpp used 4 threads on a 2-core machine and 8B generation fell ~10x; llama.cpp's
 * worker threads spin while waiting, so more threads than cores hurts badly.
 */
import * as os from "node:os";
import type {Llama, LlamaModel} from "node-llama-cpp" with {"resolution-mode": "import"};

export type GpuChoice = "auto" | "cpu" | "cuda" | "vulkan" | "metal";

export interface RuntimeOptions {
    gpu?: GpuChoice;
    /** Threads for llama.cpp; default: the number of physical cores. */
    threads?: number;
}

export type NodeLlamaCpp = typeof import("node-llama-cpp", {with: {"resolution-mode": "import"}});

let modulePromise: Promise<NodeLlamaCpp> | undefined;

/** The node-llama-cpp module, imported once. */
export function importNodeLlamaCpp(): Promise<NodeLlamaCpp> {
    modulePromise ??= import("node-llama-cpp");
    return modulePromise;
}

/**
 * MED42_THREADS as a thread count; undefined when unset or blank. Any other value that is not a whole number of at
 * least 1 throws: a typo must not silently fall back to a different thread count.
 */
export function envThreads(env: NodeJS.ProcessEnv = process.env): number | undefined {
    const raw = env.MED42_THREADS;
    if (raw === undefined || raw.trim() === "") return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) {
        throw new Error(`MED42_THREADS must be a whole number of at least 1 (got "${raw}"); unset it to use the physical cores`);
    }
    return n;
}

/** Physical cores (logical CPUs / 2 when hyper-threading is likely), at least 1. Env MED42_THREADS overrides. */
export function defaultThreads(): number {
    const env = envThreads();
    if (env !== undefined) return env;
    const logical = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
    // Linux reports siblings; count distinct physical ids/cores when /proc/cpuinfo is readable.
    try {
        const info = require("node:fs").readFileSync("/proc/cpuinfo", "utf8") as string;
        const cores = new Set<string>();
        let phys = "0";
        for (const line of info.split("\n")) {
            const [k, v] = line.split(":").map((s) => s?.trim());
            if (k === "physical id") phys = v;
            if (k === "core id") cores.add(`${phys}:${v}`);
        }
        if (cores.size > 0) return Math.max(1, Math.min(cores.size, logical));
    } catch { /* not Linux */ }
    return Math.max(1, logical);
}

const llamas = new Map<string, Promise<Llama>>();

/** One Llama instance per (gpu, threads) choice for the whole process. */
export async function getLlamaRuntime(options: RuntimeOptions = {}): Promise<Llama> {
    const gpu = options.gpu ?? "auto";
    const threads = options.threads ?? defaultThreads();
    const key = `${gpu}:${threads}`;
    let p = llamas.get(key);
    if (!p) {
        p = (async () => {
            const {getLlama} = await importNodeLlamaCpp();
            return getLlama({
                gpu: gpu === "cpu" ? false : gpu,
                maxThreads: threads,
                build: "never",
                progressLogs: false,
                logLevel: "error" as never
            });
        })();
        p.catch(() => llamas.delete(key));
        llamas.set(key, p);
    }
    return p;
}

export type {Llama, LlamaModel};
