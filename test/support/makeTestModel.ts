/**
 * `npm run make-test-model -- OUT.gguf [--shape tiny|1b|8b] [--seed N] [--ascii]`: writes a random-weight Llama GGUF.
 * --ascii: a byte vocabulary only (no filler tokens) whose answers are ASCII text, for llama-server (see ggufWriter).
 */
import {SHAPES, writeTestModel} from "./ggufWriter";

function main(argv: string[]): number {
    const args = [...argv];
    let shape: keyof typeof SHAPES = "tiny";
    let seed = 42;
    let out: string | undefined;
    let ascii = false;
    while (args.length) {
        const a = args.shift()!;
        if (a === "--help" || a === "-h") {
            console.log("Usage: npm run make-test-model -- OUT.gguf [--shape tiny|1b|8b] [--seed N] [--ascii]\n\n" +
                "Writes a random-weight Llama-architecture GGUF with Llama-3 special tokens and chat template.\n" +
                "tiny: ~630 KB, f32 (tests); 1b: ~0.8 GB, Q4_0; 8b: ~4.8 GB, Q4_0 (Med42-v2-8B's shape, for benchmarks).\n" +
                "--ascii: a 261-token byte vocabulary whose answers are ASCII text (llama-server rejects invalid UTF-8).");
            return 0;
        } else if (a === "--shape") {
            const s = args.shift();
            if (!s || !(s in SHAPES)) { console.error(`--shape must be one of ${Object.keys(SHAPES).join(", ")}`); return 2; }
            shape = s as keyof typeof SHAPES;
        } else if (a === "--seed") {
            seed = Number(args.shift());
            if (!Number.isInteger(seed)) { console.error("--seed must be an integer"); return 2; }
        } else if (a === "--ascii") {
            ascii = true;
        } else if (a.startsWith("-")) { console.error(`unknown option ${a}`); return 2; }
        else out = a;
    }
    if (!out) { console.error("missing OUT.gguf (see --help)"); return 2; }
    let lastPct = -1;
    const size = writeTestModel(out, {shape: ascii ? {...SHAPES[shape], nVocab: SHAPES.tiny.nVocab} : SHAPES[shape], seed, asciiOutput: ascii, onProgress: (w, t) => {
        const pct = Math.floor((w / t) * 100);
        if (pct !== lastPct && process.stderr.isTTY) { lastPct = pct; process.stderr.write(`\rwriting ${pct}%`); }
    }});
    if (process.stderr.isTTY) process.stderr.write("\n");
    console.log(`${out}: ${shape} shape, ${size} bytes`);
    return 0;
}

process.exitCode = main(process.argv.slice(2));
