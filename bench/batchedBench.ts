/**
 * Runs llama.cpp's own `llama-batched-bench` (built by the user from the llama.cpp release node-llama-cpp bundles;
 * see docs/performance.md) on the same model and threads, so the benchmark can show how close the med42 engine's
 * concurrent generation gets to what llama.cpp itself achieves. llama-batched-bench decodes random tokens without
 * sampling: it is the ceiling for decoding alone.
 */
import {execFile} from "node:child_process";

export interface BatchedBenchRow {
    /** Prompt tokens per sequence. */
    pp: number;
    /** Generated tokens per sequence. */
    tg: number;
    /** Parallel sequences. */
    pl: number;
    /** Aggregate prompt processing speed, tokens/s. */
    speedPp: number;
    /** Aggregate generation speed, tokens/s. */
    speedTg: number;
}

export interface BatchedBenchOptions {
    binary: string;
    modelPath: string;
    threads: number;
    promptTokens: number;
    generatedTokens: number;
    parallel: readonly number[];
    timeoutMs?: number;
}

/** Parses the `--output-format jsonl` lines of llama-batched-bench. */
export function parseBatchedBenchJsonl(output: string): BatchedBenchRow[] {
    const rows: BatchedBenchRow[] = [];
    for (const line of output.split("\n")) {
        const trimmed = line.trim();
        if (!trimmed.startsWith("{") || !trimmed.includes("\"speed_tg\"")) continue;
        const r = JSON.parse(trimmed) as {pp: number; tg: number; pl: number; speed_pp: number; speed_tg: number};
        rows.push({pp: r.pp, tg: r.tg, pl: r.pl, speedPp: r.speed_pp, speedTg: r.speed_tg});
    }
    return rows;
}

export function runBatchedBench(o: BatchedBenchOptions): Promise<BatchedBenchRow[]> {
    const maxParallel = Math.max(...o.parallel);
    const args = [
        "-m", o.modelPath, "-t", String(o.threads), "-tb", String(o.threads),
        "-c", String(maxParallel * (o.promptTokens + o.generatedTokens) + 64),
        "-npp", String(o.promptTokens), "-ntg", String(o.generatedTokens), "-npl", o.parallel.join(","),
        "--output-format", "jsonl"
    ];
    return new Promise((resolve, reject) => {
        execFile(o.binary, args, {timeout: o.timeoutMs ?? 30 * 60_000, maxBuffer: 16 * 1024 * 1024}, (err, stdout, stderr) => {
            if (err) return reject(new Error(`llama-batched-bench failed: ${err.message}\n${String(stderr).slice(-2000)}`));
            const rows = parseBatchedBenchJsonl(`${stdout}\n${stderr}`);
            if (rows.length === 0) return reject(new Error(`llama-batched-bench printed no results:\n${String(stderr).slice(-2000)}`));
            resolve(rows);
        });
    });
}
