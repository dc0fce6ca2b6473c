import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {ModelDownloadError} from "../../shared/models/errors";
import {groupGgufFiles, matchesQuant} from "../../shared/models/huggingFace";
import {ModelStore} from "../../shared/models/modelStore";
import {LoopbackHttpServer} from "../support/loopbackHttp";
import {testModelPath} from "../support/testModel";

describe("hf: model references", () => {
    it("matches quant tags as whole words", () => {
        assert.ok(matchesQuant("Llama3-Med42-8B.Q4_K_M.gguf", "Q4_K_M"));
        assert.ok(matchesQuant("Llama3-Med42-8B.Q4_K_M.gguf", "q4_k_m"));
        assert.ok(matchesQuant("Llama3-Med42-70B-Q4_K_M.gguf", "Q4_K_M"));
        assert.ok(matchesQuant("Llama3-Med42-70B.Q6_K.gguf.part1of2", "Q6_K"));
        assert.ok(!matchesQuant("Llama3-Med42-8B.Q4_K_M.gguf", "Q4_K"));
        assert.ok(!matchesQuant("Llama3-Med42-8B.Q4_K_S.gguf", "Q4_K_M"));
        assert.ok(!matchesQuant("Llama3-Med42-8B.IQ4_XS.gguf", "Q4"));
    });

    it("joins .partXofY files and leaves incomplete sets out", () => {
        const groups = groupGgufFiles([
            {rfilename: "M.Q6_K.gguf.part2of2"}, {rfilename: "M.Q6_K.gguf.part1of2"},
            {rfilename: "M.Q8_0.gguf.part1of2"}, {rfilename: "M.Q4_K_M.gguf"}, {rfilename: "README.md"}
        ]);
        assert.deepEqual(groups.map((g) => [g.fileName, g.parts.map((p) => p.rfilename)]), [
            ["M.Q4_K_M.gguf", ["M.Q4_K_M.gguf"]],
            ["M.Q6_K.gguf", ["M.Q6_K.gguf.part1of2", "M.Q6_K.gguf.part2of2"]]
        ]);
    });

    describe("against a fake Hub", () => {
        let server: LoopbackHttpServer;
        let dir: string;
        let store: ModelStore;
        let source: Buffer;
        const savedEndpoint = process.env.MED42_HF_ENDPOINT;
        const repo = "someone/Test-Med-GGUF";
        const resolveUrl = (f: string) => `/${repo}/resolve/main/${f}`;

        before(() => { source = fs.readFileSync(testModelPath()); });
        beforeEach(async () => {
            server = await LoopbackHttpServer.start();
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-hf-"));
            store = new ModelStore({dir});
            process.env.MED42_HF_ENDPOINT = server.origin;
            const half = Math.floor(source.length / 2);
            server.serveJson(`/api/models/${repo}`, {
                id: repo,
                siblings: [
                    {rfilename: ".gitattributes", size: 10},
                    {rfilename: "README.md", size: 100},
                    {rfilename: "Test-Med.Q4_K_M.gguf", size: source.length},
                    {rfilename: "Test-Med.Q4_K_S.gguf", size: source.length},
                    {rfilename: "Test-Med.Q6_K.gguf.part1of2", size: half},
                    {rfilename: "Test-Med.Q6_K.gguf.part2of2", size: source.length - half}
                ]
            });
            server.serveFile(resolveUrl("Test-Med.Q4_K_M.gguf"), {body: source});
            server.serveFile(resolveUrl("Test-Med.Q6_K.gguf.part1of2"), {body: source.subarray(0, half)});
            server.serveFile(resolveUrl("Test-Med.Q6_K.gguf.part2of2"), {body: source.subarray(half)});
        });
        afterEach(async () => {
            await server.close();
            fs.rmSync(dir, {recursive: true, force: true});
            if (savedEndpoint === undefined) delete process.env.MED42_HF_ENDPOINT; else process.env.MED42_HF_ENDPOINT = savedEndpoint;
        });

        it("resolves hf:user/repo:QUANT through the API and stores it under hf/USER/REPO", async () => {
            assert.equal(await store.locate(`hf:${repo}:Q4_K_M`), null);
            const file = await store.download(`hf:${repo}:Q4_K_M`);
            assert.equal(file, path.join(dir, "hf", "someone", "Test-Med-GGUF", "Test-Med.Q4_K_M.gguf"));
            assert.ok(fs.readFileSync(file).equals(source));
            assert.equal(server.requestsFor(`/api/models/${repo}`).length, 1);
            assert.equal(server.requestsFor(resolveUrl("Test-Med.Q4_K_M.gguf")).length, 1);
            assert.equal(await store.locate(`hf:${repo}:Q4_K_M`), file, "found again without the API");
            assert.equal(await store.locate(`hf:${repo}:Q4_K_S`), null);
            assert.equal(server.requestsFor(`/api/models/${repo}`).length, 1);
            assert.deepEqual((await store.list()).map((m) => m.name), ["hf/someone/Test-Med-GGUF/Test-Med.Q4_K_M.gguf"]);
        });

        it("downloads hf:user/repo/file.gguf directly, without the API", async () => {
            const file = await store.download(`hf:${repo}/Test-Med.Q4_K_M.gguf`);
            assert.ok(fs.readFileSync(file).equals(source));
            assert.equal(server.requestsFor(`/api/models/${repo}`).length, 0);
        });

        it("downloads a quant split into .partXofY files as one file, resuming inside the second part", async () => {
            const half = Math.floor(source.length / 2);
            server.serveFile(resolveUrl("Test-Med.Q6_K.gguf.part2of2"), {body: source.subarray(half), cutAfterBytes: 50_000});
            const totals = new Set<number | undefined>();
            const err = await store.download(`hf:${repo}:Q6_K`, {onProgress: (_r, t) => totals.add(t)}).then(() => undefined, (e) => e);
            assert.ok(err instanceof ModelDownloadError, String(err));
            assert.equal(err.failure, "interrupted");
            assert.deepEqual([...totals], [source.length], "progress totals span both parts (sizes from the API)");
            const partialPath = path.join(dir, "hf", "someone", "Test-Med-GGUF", "Test-Med.Q6_K.gguf.partial");
            const kept = fs.statSync(partialPath).size;
            assert.ok(kept > half && kept <= half + 50_000, `partial holds ${kept} bytes`);

            server.serveFile(resolveUrl("Test-Med.Q6_K.gguf.part2of2"), {body: source.subarray(half)});
            const file = await store.download(`hf:${repo}:Q6_K`);
            assert.equal(path.basename(file), "Test-Med.Q6_K.gguf");
            assert.ok(fs.readFileSync(file).equals(source), "the joined parts equal the source");
            assert.equal(server.requestsFor(resolveUrl("Test-Med.Q6_K.gguf.part1of2")).length, 1, "part 1 is not fetched again");
            assert.equal(server.requestsFor(resolveUrl("Test-Med.Q6_K.gguf.part2of2")).at(-1)!.headers.range, `bytes=${kept - half}-`);
            assert.deepEqual(fs.readdirSync(path.dirname(file)), ["Test-Med.Q6_K.gguf"], "no partial or state file is left");
        });

        it("explains a quant the repository does not have, and a repository that does not exist", async () => {
            const noQuant = await store.download(`hf:${repo}:Q2_K`).then(() => undefined, (e) => e);
            assert.ok(noQuant instanceof ModelDownloadError);
            assert.match(noQuant.message, /someone\/Test-Med-GGUF has no \.gguf file for Q2_K \(files: Test-Med\.Q4_K_M\.gguf, Test-Med\.Q4_K_S\.gguf, Test-Med\.Q6_K\.gguf\)/);
            const ambiguous = await store.download(`hf:${repo}:Test-Med`).then(() => undefined, (e) => e);
            assert.match(String(ambiguous?.message), /has several files for Test-Med/);
            const noRepo = await store.download("hf:nobody/none:Q4_K_M").then(() => undefined, (e) => e);
            assert.ok(noRepo instanceof ModelDownloadError);
            assert.equal(noRepo.status, 404);
            assert.match(noRepo.message, /Hugging Face repository nobody\/none was not found \(HTTP 404\)/);
        });
    });
});
