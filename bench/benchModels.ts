/**
 * Random-weight GGUFs of real shapes for the benchmark, written once and cached outside the repository
 * (~/.cache/med42-assist/bench, or $XDG_CACHE_HOME/med42-assist/bench): the 8b shape is a 4.8 GB file.
 * The weights' values do not change speed, only the shapes and the weight type do.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {SHAPES, writeTestModel} from "../test/support/ggufWriter";

export type BenchShape = keyof typeof SHAPES;
export const BENCH_SHAPES = Object.keys(SHAPES) as BenchShape[];

/** Bumped when the generator's output changes, so stale cached files are not reused. */
const GENERATOR_VERSION = 2;

export function benchCacheDir(): string {
    const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
    return path.join(base, "med42-assist", "bench");
}

/** Path of the cached model of `shape`, written first when missing (atomically: a half-written file is never used). */
export function ensureBenchModel(shape: BenchShape, log: (line: string) => void = () => undefined): string {
    const dir = benchCacheDir();
    const file = path.join(dir, `med42-bench-${shape}-v${GENERATOR_VERSION}.gguf`);
    if (fs.existsSync(file)) return file;
    fs.mkdirSync(dir, {recursive: true});
    const partial = `${file}.${process.pid}.partial`;
    log(`Writing the ${shape} benchmark model to ${file} (once)...`);
    let lastPercent = -10;
    try {
        writeTestModel(partial, {
            shape: SHAPES[shape], seed: 42, name: `med42-bench-${shape}`, wordFillers: true,
            onProgress: (written, total) => {
                const percent = Math.floor((written / total) * 100);
                if (percent >= lastPercent + 10) { lastPercent = percent; log(`  ${percent}%`); }
            }
        });
        fs.renameSync(partial, file);
    } catch (err) {
        fs.rmSync(partial, {force: true});
        throw err;
    }
    return file;
}
