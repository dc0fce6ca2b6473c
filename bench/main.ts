/**
 * `npm run bench -- [--shape tiny|1b|8b] [--model PATH] [--json FILE] [--reps N] ...`: the performance benchmark of
 * issue 7. Prints a Markdown report; --json also writes every number. Timings are never asserted anywhere: the
 * tiny shape is a smoke run that proves the benchmark works.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {parseArgs} from "node:util";
import {withoutUndefined} from "../shared/options";
import {defaultThreads} from "../shared/engine/llamaRuntime";
import {runBatchedBench} from "./batchedBench";
import {BENCH_SHAPES, type BenchShape, ensureBenchModel} from "./benchModels";
import {IN_PROCESS_SECTIONS, type InProcessSection, runBenchmark} from "./benchmark";
import {runProbe, type MemoryProbeResult, type ThreadsProbeResult} from "./probe";
import {type BenchReport, renderMarkdown} from "./report";
import {renderServerMarkdown, runServerBenchmark, type ServerBenchOptions} from "./serverBench";
import {parseServerUrls, ServerConfigError, serverOptionsFromEnv} from "../shared/engine/server/serverConfig";
import {measureAsk, measureSlack, measureSummary} from "./userLevel";

/** Every section `--only` can name: the in-process ones, then the probes in fresh processes. */
export const SECTIONS = [...IN_PROCESS_SECTIONS, "user", "summary", "memory", "threads"] as const;
export type BenchSection = typeof SECTIONS[number];

const USAGE = `Usage: npm run bench -- [options]
  --shape tiny|1b|8b      generated random-weight model of that shape (default tiny; cached in ~/.cache/med42-assist/bench)
  --model PATH            benchmark this GGUF instead (default: env MED42_MODEL when it is a file)
  --json FILE             also write the results as JSON
  --trace FILE            write every llama.cpp decode call (tokens, threads, times) and request mark to FILE
  --reps N                measured repetitions (default 3; tiny: 1)
  --warmup N              warm-up repetitions (default 1)
  --threads N             llama.cpp threads (default: physical cores, or MED42_THREADS)
  --context N             tokens per sequence (default 2048)
  --tokens N              generated tokens per request (default 32; tiny: 16)
  --concurrent-tokens N   generated tokens per request with concurrent conversations (default 64; tiny: 16)
  --batched-bench PATH    llama.cpp's llama-batched-bench binary to compare concurrency with
  --med42-bin PATH        the med42 command section 5 runs (default: this checkout's bin/med42.js)
  --summary-chars N       characters of the note summarised in section 6 (default 20000, about 5k tokens of Med42's
                          tokenizer; tiny: 3000)
  --summary-tokens N      most tokens per summary pass (default 512, the product's; tiny: 16)
  --summary-context N     tokens per sequence for the summary (default 8192, the product's; tiny: 2048)
  --only LIST             only these sections, comma-separated: ${SECTIONS.join(", ")}
  --no-memory             skip the mmap on/off memory probes
  --no-threads            skip the thread-count probe
  --mmap on|off           how the benchmarked model is loaded (default: the engine's default)

On a model server (vLLM, llama-server, Ollama): the core vs the same requests sent raw, one at a time and concurrently
  --server URL            the server (MED42_SERVER_API_KEY, MED42_SERVER_MODEL from the environment)
  --server-model NAME     the served model (default: MED42_SERVER_MODEL, else the first the server lists)
  --reps N                requests per side, one at a time (default 5)
  --warmup N              warm-up requests per side (default 1)
  --tokens N              most tokens per answer (default 64)
  --concurrency LIST      concurrent conversations to compare (default 4,16)
  --json FILE             also write the results as JSON`;

export class UsageError extends Error {}

export interface BenchCliOptions {
    shape: BenchShape;
    model?: string;
    json?: string;
    /** Where the evaluation trace goes. */
    trace?: string;
    reps: number;
    warmup: number;
    threads: number;
    contextSize: number;
    tokens: number;
    concurrentTokens: number;
    batchedBench?: string;
    memory: boolean;
    threadsProbe: boolean;
    mmap?: boolean;
    /** The sections to run (`--only`; default all). */
    sections: ReadonlySet<BenchSection>;
    summaryChars: number;
    summaryTokens: number;
    summaryContext: number;
    med42Bin?: string;
}

function positiveInt(name: string, value: string | undefined, fallback: number, min = 1): number {
    if (value == null) return fallback;
    const n = value.trim() === "" ? NaN : Number(value);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, got "${value}"`);
    return n;
}

/** The options of a benchmark against a model server (`--server URL`). */
export function parseServerBenchArgs(argv: string[]): ServerBenchOptions & {json?: string} {
    let parsed;
    try {
        parsed = parseArgs({args: argv, strict: true, allowPositionals: false, options: {
            server: {type: "string"}, "server-model": {type: "string"}, reps: {type: "string"}, warmup: {type: "string"},
            tokens: {type: "string"}, concurrency: {type: "string"}, json: {type: "string"}
        }});
    } catch (err) {
        throw new UsageError((err as Error).message);
    }
    const v = parsed.values;
    let server;
    try {
        server = serverOptionsFromEnv(process.env, {urls: parseServerUrls(v.server ?? "", "--server"), model: v["server-model"]})!;
    } catch (err) {
        if (err instanceof ServerConfigError) throw new UsageError(err.message);
        throw err;
    }
    const concurrency = (v.concurrency ?? "4,16").split(",").map((n) => positiveInt("concurrency", n.trim(), 1));
    return {
        server, json: v.json, concurrency,
        reps: positiveInt("reps", v.reps, 5), warmup: positiveInt("warmup", v.warmup, 1, 0), tokens: positiveInt("tokens", v.tokens, 64, 2)
    };
}

export function parseBenchArgs(argv: string[]): BenchCliOptions {
    let parsed;
    try {
        parsed = parseArgs({args: argv, strict: true, allowPositionals: false, options: {
            shape: {type: "string"}, model: {type: "string"}, json: {type: "string"}, trace: {type: "string"}, reps: {type: "string"},
            warmup: {type: "string"}, threads: {type: "string"}, context: {type: "string"}, tokens: {type: "string"},
            "concurrent-tokens": {type: "string"}, "batched-bench": {type: "string"}, "no-memory": {type: "boolean"},
            "no-threads": {type: "boolean"}, mmap: {type: "string"}, only: {type: "string"},
            "summary-chars": {type: "string"}, "summary-tokens": {type: "string"}, "summary-context": {type: "string"},
            "med42-bin": {type: "string"}, help: {type: "boolean", short: "h"}
        }});
    } catch (err) {
        throw new UsageError((err as Error).message);
    }
    const v = parsed.values;
    if (v.help) throw new UsageError("");
    const shape = (v.shape ?? "tiny") as BenchShape;
    if (!BENCH_SHAPES.includes(shape)) throw new UsageError(`--shape must be one of ${BENCH_SHAPES.join(", ")}, got "${v.shape}"`);
    // MED42_MODEL is the default model of every entry point; an explicit --shape or --model wins over it.
    const envModel = process.env.MED42_MODEL?.trim();
    if (v.model == null && v.shape == null && envModel) {
        if (!fs.existsSync(envModel)) {
            throw new UsageError(`MED42_MODEL=${envModel} is not a local file: the benchmark needs a .gguf path ` +
                "(med42 pull prints where a preset is stored), or pass --shape/--model");
        }
        v.model = envModel;
    }
    if (v.model != null && !fs.existsSync(v.model)) throw new UsageError(`--model: no such file ${v.model}`);
    if (v["batched-bench"] != null && !fs.existsSync(v["batched-bench"])) throw new UsageError(`--batched-bench: no such file ${v["batched-bench"]}`);
    if (v["med42-bin"] != null && !fs.existsSync(v["med42-bin"])) throw new UsageError(`--med42-bin: no such file ${v["med42-bin"]}`);
    if (v.mmap != null && v.mmap !== "on" && v.mmap !== "off") throw new UsageError(`--mmap must be on or off, got "${v.mmap}"`);
    const tiny = shape === "tiny" && v.model == null;
    const sections = new Set<BenchSection>(SECTIONS);
    if (v.only != null) {
        sections.clear();
        for (const name of v.only.split(",").map((n) => n.trim()).filter(Boolean)) {
            if (!(SECTIONS as readonly string[]).includes(name)) throw new UsageError(`--only: unknown section "${name}" (sections: ${SECTIONS.join(", ")})`);
            sections.add(name as BenchSection);
        }
        if (sections.size === 0) throw new UsageError(`--only needs at least one section (${SECTIONS.join(", ")})`);
    }
    if (v["no-memory"]) sections.delete("memory");
    if (v["no-threads"]) sections.delete("threads");
    // Unset flags are left out, never present as undefined (see shared/options.ts).
    return withoutUndefined({
        shape, model: v.model, json: v.json, trace: v.trace,
        reps: positiveInt("reps", v.reps, tiny ? 1 : 3),
        warmup: positiveInt("warmup", v.warmup, 1, 0),
        threads: positiveInt("threads", v.threads, defaultThreads()),
        contextSize: positiveInt("context", v.context, 2048, 512),
        tokens: positiveInt("tokens", v.tokens, tiny ? 16 : 32, 2),
        concurrentTokens: positiveInt("concurrent-tokens", v["concurrent-tokens"], tiny ? 16 : 64, 2),
        batchedBench: v["batched-bench"], memory: sections.has("memory"), threadsProbe: sections.has("threads"), sections,
        summaryChars: positiveInt("summary-chars", v["summary-chars"], tiny ? 3000 : 20_000, 100),
        summaryTokens: positiveInt("summary-tokens", v["summary-tokens"], tiny ? 16 : 512, 2),
        summaryContext: positiveInt("summary-context", v["summary-context"], tiny ? 2048 : 8192, 1024),
        med42Bin: v["med42-bin"],
        mmap: v.mmap == null ? undefined : v.mmap === "on"
    }) as BenchCliOptions;
}

export async function runBenchCli(o: BenchCliOptions, log: (line: string) => void): Promise<BenchReport> {
    const started = performance.now();
    const modelPath = o.model ?? ensureBenchModel(o.shape, log);
    const label = o.model ? path.basename(o.model) : `${o.shape} shape (random weights)`;
    const loadAverage = os.loadavg();
    const sequences = 4;
    const inProcess = new Set(IN_PROCESS_SECTIONS.filter((s: InProcessSection) => o.sections.has(s)));
    const results = inProcess.size === 0 ? undefined : await runBenchmark({
        modelPath, threads: o.threads, reps: o.reps, warmup: o.warmup, contextSize: o.contextSize, sequences,
        generateTokens: o.tokens, concurrentTokens: o.concurrentTokens, concurrentPromptChars: 32,
        concurrency: [1, 2, 4], useMmap: o.mmap, log, sections: inProcess,
        onTrace: o.trace ? (text) => { fs.writeFileSync(o.trace!, text); log(`Wrote the evaluation trace to ${o.trace}`); } : undefined
    });

    // What users wait for, each side in its own engine (the in-process one is gone by now).
    let user: BenchReport["user"];
    if (o.sections.has("user")) {
        const userOptions = {modelPath, threads: o.threads, reps: o.reps, warmup: Math.max(1, o.warmup), maxTokens: o.tokens,
            contextSize: 8192, med42Bin: o.med42Bin, log};
        log("User level: med42 ask and a raw node-llama-cpp script, each in fresh processes...");
        const ask = await measureAsk(userOptions).catch((err: Error) => ({error: err.message}));
        log("User level: the Slack bot against the fake Slack...");
        const slack = await measureSlack(userOptions).catch((err: Error) => ({error: err.message}));
        user = {ask, slack};
    }
    let summary: BenchReport["summary"];
    if (o.sections.has("summary")) {
        summary = await measureSummary({modelPath, threads: o.threads, chars: o.summaryChars, maxTokens: o.summaryTokens,
            contextSize: o.summaryContext, sequences: 2, log}).catch((err: Error) => ({error: err.message}));
    }

    let memory: BenchReport["memory"];
    if (o.memory) {
        log("Memory probes (mmap on, mmap off), each in a fresh process...");
        try {
            const probe = (useMmap: boolean) => runProbe<MemoryProbeResult>({
                kind: "memory", modelPath, useMmap, threads: o.threads, contextSize: o.contextSize, sequences
            });
            memory = {mmapOn: await probe(true), mmapOff: await probe(false)};
        } catch (err) {
            memory = {error: (err as Error).message};
        }
    }
    let threads: BenchReport["threads"];
    if (o.threadsProbe) {
        log("Threads probe (ours vs node-llama-cpp's default), each in a fresh process...");
        try {
            // Few tokens: with more threads than cores a generated token can take seconds.
            const tokens = o.model ? 16 : {tiny: 6, "1b": 16, "8b": 6}[o.shape];
            threads = {
                ours: await runProbe<ThreadsProbeResult>({kind: "threads", modelPath, threads: o.threads, tokens}),
                libraryDefault: await runProbe<ThreadsProbeResult>({kind: "threads", modelPath, tokens})
            };
        } catch (err) {
            threads = {error: (err as Error).message};
        }
    }
    let batchedBench: BenchReport["batchedBench"];
    let batchedBenchShort: BenchReport["batchedBenchShort"];
    if (o.batchedBench && results && o.sections.has("concurrency")) {
        const run = async (promptTokens: number): Promise<BenchReport["batchedBench"]> => {
            log(`llama-batched-bench with ${promptTokens}-token prompts...`);
            try {
                return await runBatchedBench({binary: o.batchedBench!, modelPath, threads: o.threads, promptTokens,
                    generatedTokens: o.concurrentTokens, parallel: [1, 2, 4]});
            } catch (err) {
                return {error: (err as Error).message};
            }
        };
        const matched = Math.round(Math.max(...results.concurrency.map((c) => c.promptTokens).filter(Number.isFinite), 32));
        batchedBench = await run(matched);
        batchedBenchShort = await run(32);
    }
    return {
        model: {label, path: modelPath, fileBytes: fs.statSync(modelPath).size},
        machine: {cpus: os.cpus().length, threads: o.threads, loadAverage, node: process.version},
        settings: {reps: o.reps, warmup: o.warmup, contextSize: o.contextSize, sequences, generateTokens: o.tokens,
            concurrentTokens: o.concurrentTokens, concurrentPromptChars: 32},
        results, user, summary, memory, threads, batchedBench, batchedBenchShort,
        elapsedSeconds: (performance.now() - started) / 1000
    };
}

async function mainOnServer(argv: string[]): Promise<void> {
    const options = parseServerBenchArgs(argv);
    const loadAverage = os.loadavg();
    const result = await runServerBenchmark({...options, log: (line) => process.stderr.write(`${line}\n`)});
    process.stdout.write(renderServerMarkdown(result, {loadAverage, cpus: os.cpus().length}));
    if (options.json) {
        fs.writeFileSync(options.json, JSON.stringify(result, null, 2) + "\n");
        process.stderr.write(`Wrote ${options.json}\n`);
    }
}

async function main(): Promise<void> {
    let options: BenchCliOptions;
    try {
        const argv = process.argv.slice(2);
        if (argv.some((a) => a === "--server" || a.startsWith("--server="))) return await mainOnServer(argv);
        options = parseBenchArgs(argv);
    } catch (err) {
        if (err instanceof UsageError) {
            if (err.message) process.stderr.write(`Error: ${err.message}\n\n`);
            process.stderr.write(`${USAGE}\n`);
            process.exit(err.message ? 2 : 0);
        }
        throw err;
    }
    const report = await runBenchCli(options, (line) => process.stderr.write(`${line}\n`));
    process.stdout.write(renderMarkdown(report));
    if (options.json) {
        fs.writeFileSync(options.json, JSON.stringify(report, null, 2) + "\n");
        process.stderr.write(`Wrote ${options.json}\n`);
    }
}

if (require.main === module) {
    main().then(() => process.exit(0), (err: unknown) => {
        process.stderr.write(`Benchmark failed: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
    });
}
