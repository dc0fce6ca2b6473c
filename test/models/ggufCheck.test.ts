import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {ModelFileError, type ModelFileProblem} from "../../shared/models/errors";
import {checkModelFile} from "../../shared/models/ggufCheck";
import {testModelPath} from "../support/testModel";

async function problemOf(file: string, options: Parameters<typeof checkModelFile>[1] = {checkMemory: false}): Promise<ModelFileError> {
    const err = await checkModelFile(file, options).then(() => undefined, (e) => e);
    assert.ok(err instanceof ModelFileError, `expected a ModelFileError for ${file}, got ${err}`);
    assert.equal(err.path, file);
    assert.ok(err.message.includes(file), "the message names the file");
    return err;
}

/** The generated model with `general.architecture` rewritten (same length, so every offset stays valid). */
function withArchitecture(source: Buffer, architecture: string): Buffer {
    const copy = Buffer.from(source);
    const key = copy.indexOf("general.architecture");
    assert.ok(key > 0);
    const valueStart = key + "general.architecture".length + 4 /* type */ + 8 /* length */;
    assert.equal(copy.subarray(valueStart, valueStart + 5).toString(), "llama");
    assert.equal(architecture.length, 5);
    copy.write(architecture, valueStart, "ascii");
    return copy;
}

describe("model file check", () => {
    let dir: string;
    let model: string;
    let source: Buffer;

    before(() => {
        model = testModelPath();
        source = fs.readFileSync(model);
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-check-"));
    });
    after(() => fs.rmSync(dir, {recursive: true, force: true}));

    const write = (name: string, data: Buffer | string) => {
        const p = path.join(dir, name);
        fs.writeFileSync(p, data);
        return p;
    };
    const expectProblem = (err: ModelFileError, problem: ModelFileProblem, message: RegExp) => {
        assert.equal(err.problem, problem, err.message);
        assert.match(err.message, message);
    };

    it("accepts the generated Llama model and estimates its memory", async () => {
        const info = await checkModelFile(model, {contextSize: 2048});
        assert.equal(info.architecture, "llama");
        assert.equal(info.sizeBytes, source.length);
        assert.equal(info.name, "med42-test-model");
        assert.equal(info.trainContextSize, 8192);
        assert.ok(info.memory, "the memory check ran");
        assert.ok(info.memory.modelBytes > 0 && info.memory.contextBytes > 0);
        assert.ok(info.memory.requiredBytes < info.memory.availableBytes);
    });

    it("says how much memory a model needs when it does not fit", async () => {
        const tiny = {total: 1_000_000, free: 1_000_000};
        const err = await problemOf(model, {
            contextSize: 8192,
            hardware: {getRamState: async () => tiny, getSwapState: async () => ({total: 0, free: 0}), getVramState: async () => ({total: 0, free: 0, unifiedSize: 0})}
        });
        expectProblem(err, "memory", /does not fit in memory: it needs about [\d.]+ MB \(model [\d.]+ kB \+ 8192-token context [\d.]+ MB\), but this machine has 1\.00 MB of RAM: use a smaller model/);
    });

    it("rejects a truncated copy (tensor data missing) as incomplete or corrupt", async () => {
        const file = write("truncated.gguf", source.subarray(0, source.length - 1000));
        expectProblem(await problemOf(file), "corrupt",
            /the file is incomplete or corrupt \(it holds [\d,]+ bytes, the model needs at least [\d,]+\): delete it and run `med42 pull`/);
    });

    it("rejects a copy cut inside its header", async () => {
        const file = write("header-cut.gguf", source.subarray(0, 1500));
        expectProblem(await problemOf(file), "corrupt", /incomplete or corrupt .*delete it and run `med42 pull`/);
    });

    it("rejects a file that is not GGUF", async () => {
        const file = write("notes.gguf", "This is not a model.\n");
        expectProblem(await problemOf(file), "not-gguf", /is not a GGUF model file \(it does not start with "GGUF"\)/);
        const partial = write("x.gguf.partial", "\0\0\0\0");
        expectProblem(await problemOf(partial), "not-gguf", /unfinished download, run `med42 pull`/);
    });

    it("rejects a GGUF of another architecture", async () => {
        const file = write("qwen.gguf", withArchitecture(source, "qwen2"));
        expectProblem(await problemOf(file), "architecture",
            /is a "qwen2" architecture model; med42-assist runs Llama-architecture models .*med42 pull med42-8b/);
    });

    it("names a missing file and what to do", async () => {
        const file = path.join(dir, "absent.gguf");
        expectProblem(await problemOf(file), "missing", /^model file not found: .*absent\.gguf: check the path, or download a model with `med42 pull`/);
        expectProblem(await problemOf(dir), "folder", /is a folder, not a model file: pass the path of a \.gguf file in it$/);
    });
});
