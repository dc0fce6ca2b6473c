/**
 * The generated test model every test uses: written once per process into the OS temp folder.
 * Tests run llama.cpp on one thread (see the team notes: two threads on a busy machine are much slower).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {writeTestModel, type WriteModelOptions} from "./ggufWriter";

process.env.MED42_THREADS ??= "1";

const made = new Map<string, string>();

/** Path of a tiny random-weight Llama-3 GGUF; `variant` options make a distinct file (e.g. no chat template). */
export function testModelPath(options: WriteModelOptions = {}): string {
    const key = JSON.stringify(options);
    let p = made.get(key);
    if (p && fs.existsSync(p)) return p;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-test-model-"));
    p = path.join(dir, "med42-test.gguf");
    writeTestModel(p, options);
    made.set(key, p);
    return p;
}
