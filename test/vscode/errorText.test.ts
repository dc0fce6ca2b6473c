import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {forVsCode} from "../../extension/errorText";
import {ModelNotDownloadedError} from "../../shared/models/errors";
import {checkModelFile} from "../../shared/models/ggufCheck";
import {missingFileError} from "../../shared/models/modelStore";

/** No command-line advice and no literal backticks are left. */
function assertVsCodeWording(text: string): void {
    assert.doesNotMatch(text, /med42 pull|--model|--models-dir|`/, text);
}

describe("core error messages worded for VS Code", () => {
    it("a missing local model file is \"model file not found: PATH\"", () => {
        const file = "/models/med42-missing.gguf";
        assert.equal(forVsCode(missingFileError(file).message), `model file not found: ${file}`);
    });

    it("rewrites the model-file checks' advice", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-errortext-"));
        try {
            const notGguf = path.join(dir, "notes.gguf");
            fs.writeFileSync(notGguf, "hello");
            const partial = path.join(dir, "m.gguf.partial");
            fs.writeFileSync(partial, "xxxx");
            for (const file of [notGguf, partial, path.join(dir, "absent.gguf")]) {
                const err = await checkModelFile(file).then(() => undefined, (e: Error) => e);
                assert.ok(err, file);
                assertVsCodeWording(forVsCode(err.message));
            }
            assert.match(forVsCode((await checkModelFile(partial).catch((e: Error) => e) as Error).message), /click Download in the Med42 view/);
        } finally {
            fs.rmSync(dir, {recursive: true, force: true});
        }
    });

    it("rewrites download advice: Retry resumes, Download in the view, a model file you already have", () => {
        const cases: [string, RegExp][] = [
            [new ModelNotDownloadedError("med42-8b", "med42 pull med42-8b", 4.92e9, "Med42-v2 8B Q4_K_M").message,
                /is not downloaded: click Download in the Med42 view \(about 4\.92 GB\), or choose a model file you already have$/],
            ["download of med42-8b was interrupted after 1.2 GB of 4.9 GB (socket hang up): run `med42 pull med42-8b` again to resume",
                /\(socket hang up\): click Retry to resume$/],
            ["cannot reach huggingface.co: are you offline? (ENOTFOUND) Connect and run `med42 pull med42-8b` again, or pass --model /path/to/file.gguf",
                /Connect and click Retry, or choose a model file you already have$/],
            ["not enough disk space for med42-8b: it needs 4.9 GB more, /m has 1 GB free: free some space or choose another folder with --models-dir",
                /choose another folder in the med42\.modelsFolder setting$/],
            ["/m/x.gguf: the file is incomplete or corrupt (short): delete it and run `med42 pull` to download it again",
                /delete it and download it again from the Med42 view$/],
            ["/m/x.gguf is a \"gpt2\" architecture model; med42-assist runs Llama-architecture models (Med42-v2 is Llama 3): use a Med42-v2 GGUF, e.g. `med42 pull med42-8b`",
                /e\.g\. the med42-8b preset \(Med42: Select Model\)$/]
        ];
        for (const [message, expected] of cases) {
            const text = forVsCode(message);
            assert.match(text, expected);
            assertVsCodeWording(text);
        }
    });

    it("leaves other messages alone, quoting code spans instead of showing backticks", () => {
        assert.equal(forVsCode("policy file /etc/p.json: no such file"), "policy file /etc/p.json: no such file");
        assert.equal(forVsCode("set `med42.model` first"), "set “med42.model” first");
    });
});
