import * as assert from "node:assert/strict";
import * as os from "node:os";
import * as path from "node:path";
import {ModelReferenceError} from "../../shared/models/errors";
import {defaultModelReference, formatModelReference, hfEndpoint, parseModelReference} from "../../shared/models/modelReference";
import {MODEL_PRESETS} from "../../shared/models/presets";

function withEnv(vars: Record<string, string | undefined>, fn: () => void): void {
    const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
    try {
        for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
        fn();
    } finally {
        for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
}

describe("model references", () => {
    it("parses the three presets, case-insensitively", () => {
        for (const id of ["med42-8b", "med42-8b-q8", "med42-70b", "MED42-8B"]) {
            const r = parseModelReference(id);
            assert.equal(r.kind, "preset");
            if (r.kind === "preset") assert.equal(r.preset.id, id.toLowerCase());
        }
        assert.deepEqual(MODEL_PRESETS.map((p) => p.fileName),
            ["Llama3-Med42-8B.Q4_K_M.gguf", "Llama3-Med42-8B.Q8_0.gguf", "Llama3-Med42-70B.Q4_K_M.gguf"]);
    });

    it("parses local .gguf paths to absolute paths, expanding ~", () => {
        const rel = parseModelReference("models/x.gguf");
        assert.deepEqual(rel, {kind: "file", raw: "models/x.gguf", path: path.resolve("models/x.gguf")});
        const abs = parseModelReference("/tmp/model.bin");
        assert.equal(abs.kind, "file");
        const home = parseModelReference("~/m/x.gguf");
        assert.equal(home.kind === "file" && home.path, path.join(os.homedir(), "m/x.gguf"));
        const bare = parseModelReference("x.GGUF");
        assert.equal(bare.kind === "file" && bare.path, path.resolve("x.GGUF"));
        const fileUrl = parseModelReference("file:///tmp/a%20b.gguf");
        assert.equal(fileUrl.kind === "file" && fileUrl.path, "/tmp/a b.gguf");
    });

    it("parses hf: URIs with a quant tag or a file path", () => {
        const q = parseModelReference("hf:mradermacher/Llama3-Med42-8B-GGUF:Q4_K_M");
        assert.deepEqual(q, {kind: "hf", raw: "hf:mradermacher/Llama3-Med42-8B-GGUF:Q4_K_M", repo: "mradermacher/Llama3-Med42-8B-GGUF", quant: "Q4_K_M"});
        const f = parseModelReference("hf:user/repo/sub/dir/model.Q8_0.gguf");
        assert.deepEqual(f, {kind: "hf", raw: "hf:user/repo/sub/dir/model.Q8_0.gguf", repo: "user/repo", filePath: "sub/dir/model.Q8_0.gguf"});
        assert.equal(formatModelReference(q), "hf:mradermacher/Llama3-Med42-8B-GGUF:Q4_K_M");
        assert.equal(formatModelReference(f), "hf:user/repo/sub/dir/model.Q8_0.gguf");
    });

    it("parses http(s) URLs and turns a Hub page link into the file link", () => {
        assert.deepEqual(parseModelReference("http://127.0.0.1:8080/a/b.gguf"), {kind: "url", raw: "http://127.0.0.1:8080/a/b.gguf", url: "http://127.0.0.1:8080/a/b.gguf"});
        const page = parseModelReference("https://huggingface.co/user/repo/blob/main/m.gguf");
        assert.equal(page.kind === "url" && page.url, "https://huggingface.co/user/repo/resolve/main/m.gguf");
    });

    it("rejects nonsense with a message that lists what is accepted", () => {
        const cases: [string, RegExp][] = [
            ["", /empty model name/],
            ["   ", /empty model name/],
            ["llama", /unknown model "llama": use a preset \(med42-8b, med42-8b-q8, med42-70b\)/],
            ["hf:user", /does not name a Hugging Face repository/],
            ["hf:user/repo", /add a quantisation tag or a file, e\.g\. hf:user\/repo:Q4_K_M/],
            ["hf:user/repo/model.bin", /must be a \.gguf file/],
            ["hf:user/repo/m.gguf:Q4_K_M", /either a file path or a :QUANT tag/],
            ["hf:user/repo/../x.gguf", /must not contain/],
            ["hf:user/repo:Q4 K", /not a quantisation tag/],
            ["ftp://host/m.gguf", /unsupported URL scheme/],
            ["https://exa mple.com/x.gguf", /not a valid URL/]
        ];
        for (const [ref, message] of cases) {
            assert.throws(() => parseModelReference(ref), (err: unknown) => {
                assert.ok(err instanceof ModelReferenceError, `${ref}: ${err}`);
                assert.match(err.message, message, ref);
                return true;
            });
        }
    });

    it("defaults to MED42_MODEL, else med42-8b", () => {
        withEnv({MED42_MODEL: undefined}, () => assert.equal(defaultModelReference(), "med42-8b"));
        withEnv({MED42_MODEL: " med42-70b "}, () => assert.equal(defaultModelReference(), "med42-70b"));
        withEnv({MED42_MODEL: ""}, () => assert.equal(defaultModelReference(), "med42-8b"));
    });

    it("takes the Hub endpoint from MED42_HF_ENDPOINT", () => {
        withEnv({MED42_HF_ENDPOINT: undefined}, () => assert.equal(hfEndpoint(), "https://huggingface.co"));
        withEnv({MED42_HF_ENDPOINT: "http://127.0.0.1:9/"}, () => assert.equal(hfEndpoint(), "http://127.0.0.1:9"));
        withEnv({MED42_HF_ENDPOINT: "mirror.local"}, () => assert.throws(() => hfEndpoint(), /must be an http\(s\) URL/));
    });
});
