/**
 * A backslash is a path separator on Windows: `hf:` paths and Hub file names with backslashes or `..` must never
 * name a file outside the model folder. Run on Linux, where such names would otherwise pass as ordinary file names.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {ModelDownloadError, ModelReferenceError} from "../../shared/models/errors";
import {parseModelReference} from "../../shared/models/modelReference";
import {ModelStore} from "../../shared/models/modelStore";
import {LoopbackHttpServer} from "../support/loopbackHttp";
import {testModelPath} from "../support/testModel";

describe("model paths with backslashes (Windows separators)", () => {
    it("rejects .. segments written with backslashes in hf: paths", () => {
        for (const ref of ["hf:user/repo/..\\..\\x.gguf", "hf:user/repo/sub\\..\\..\\x.gguf", "hf:user\\repo\\..\\x.gguf",
            "hf:user/repo/.\\x.gguf"]) {
            assert.throws(() => parseModelReference(ref), (err: unknown) =>
                err instanceof ModelReferenceError && /must not contain \. or \.\. segments/.test(err.message), ref);
        }
    });

    it("reads backslashes in hf: paths as separators, and stores the file under its own name", () => {
        const r = parseModelReference("hf:user\\repo\\sub\\dir\\m.Q4_K_M.gguf");
        assert.deepEqual(r, {kind: "hf", raw: "hf:user\\repo\\sub\\dir\\m.Q4_K_M.gguf", repo: "user/repo", filePath: "sub/dir/m.Q4_K_M.gguf"});
        const dir = path.join(os.tmpdir(), "med42-no-such-models-dir");
        const store = new ModelStore({dir});
        assert.equal(store.describe("hf:user/repo/sub\\m.gguf").path, path.join(dir, "hf", "user", "repo", "m.gguf"));
        // A reference built in code, not parsed, is held to the same rule.
        assert.throws(() => store.describe({kind: "hf", raw: "x", repo: "user/repo", filePath: "..\\..\\..\\x.gguf"}), ModelReferenceError);
    });

    describe("Hub file names", () => {
        let server: LoopbackHttpServer;
        let root: string;
        let dir: string;
        const savedEndpoint = process.env.MED42_HF_ENDPOINT;
        const repo = "someone/Evil-GGUF";

        beforeEach(async () => {
            server = await LoopbackHttpServer.start();
            root = fs.mkdtempSync(path.join(os.tmpdir(), "med42-winpaths-"));
            dir = path.join(root, "models");
            process.env.MED42_HF_ENDPOINT = server.origin;
        });
        afterEach(async () => {
            await server.close();
            fs.rmSync(root, {recursive: true, force: true});
            if (savedEndpoint === undefined) delete process.env.MED42_HF_ENDPOINT; else process.env.MED42_HF_ENDPOINT = savedEndpoint;
        });

        for (const name of ["..\\..\\..\\..\\evil.Q4_K_M.gguf", "sub/..\\..\\evil.Q4_K_M.gguf", "a\\evil.Q4_K_M.gguf"]) {
            it(`refuses a Hub file named ${JSON.stringify(name)} and writes nothing`, async () => {
                const body = fs.readFileSync(testModelPath());
                server.serveJson(`/api/models/${repo}`, {id: repo, siblings: [{rfilename: name, size: body.length}]});
                server.serveFile(`/${repo}/resolve/main/${name.split("/").map(encodeURIComponent).join("/")}`, {body});
                const err = await new ModelStore({dir}).download(`hf:${repo}:Q4_K_M`).then(() => undefined, (e) => e);
                assert.ok(err instanceof ModelDownloadError, String(err));
                assert.equal(err.failure, "resolve");
                assert.match(err.message, /is not a safe file name/);
                assert.deepEqual(fs.readdirSync(root).filter((f) => f !== "models"), [], "nothing beside the model folder");
                assert.equal(server.requests.filter((r) => r.path.includes("/resolve/")).length, 0, "nothing downloaded");
            });
        }
    });
});
