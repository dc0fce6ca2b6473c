import {strict as assert} from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tar from "tar";
import {DatasetDownloadError} from "../../shared/eval/datasetDownload";
import {loadDataset} from "../../shared/eval/datasetLoader";
import {DatasetFormatError} from "../../shared/eval/datasetParsers";
import {LoopbackHttpServer} from "../support/loopbackHttp";

const FIXTURES = path.resolve(__dirname, "../../../test/eval/fixtures");
const fixtureBytes = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

/** An archive laid out like MMLU's data.tar: data/{dev,test}/<subject>_<split>.csv. */
async function mmluTar(tmp: string): Promise<Buffer> {
    const root = fs.mkdtempSync(path.join(tmp, "mmlu-src-"));
    fs.mkdirSync(path.join(root, "data", "test"), {recursive: true});
    fs.mkdirSync(path.join(root, "data", "dev"), {recursive: true});
    fs.writeFileSync(path.join(root, "data", "test", "clinical_knowledge_test.csv"), fixtureBytes("clinical_knowledge_test.csv"));
    fs.writeFileSync(path.join(root, "data", "test", "anatomy_test.csv"), "Which bone is in the thigh?,Femur,Radius,Ulna,Tibia,A\n");
    fs.writeFileSync(path.join(root, "data", "test", "astronomy_test.csv"), "Which planet is largest?,Mars,Jupiter,Venus,Earth,B\n");
    fs.writeFileSync(path.join(root, "data", "dev", "clinical_knowledge_dev.csv"), "q,a,b,c,d,A\n");
    const file = path.join(tmp, `data-${Date.now()}.tar`);
    await tar.c({file, cwd: root}, ["data"]);
    return fs.readFileSync(file);
}

describe("eval dataset loading (downloads served by a loopback server)", function () {
    let server: LoopbackHttpServer;
    let tmp: string;
    let savedUrl: string | undefined;
    before(async () => {
        server = await LoopbackHttpServer.start();
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "med42-eval-data-"));
        savedUrl = process.env.MED42_EVAL_DATA_URL;
        process.env.MED42_EVAL_DATA_URL = server.url("/mirror");
    });
    after(async () => {
        if (savedUrl === undefined) delete process.env.MED42_EVAL_DATA_URL; else process.env.MED42_EVAL_DATA_URL = savedUrl;
        await server.close();
        fs.rmSync(tmp, {recursive: true, force: true});
    });
    const cache = () => fs.mkdtempSync(path.join(tmp, "cache-"));

    it("downloads a task's file into the cache on first use and reads the cache afterwards", async () => {
        server.serveFile("/mirror/medqa/phrases_no_exclude_test.jsonl", {body: fixtureBytes("medqa_4options_test.jsonl")});
        const datasetsDir = cache();
        const progress: number[] = [];
        const first = await loadDataset({task: "medqa"}, {datasetsDir, onDownloadProgress: (_label, received) => progress.push(received)});
        assert.equal(first.questions.length, 3);
        assert.deepEqual(first.questions.map((q) => [q.index, q.gold]), [[0, 2], [1, 0], [2, 1]]);
        assert.match(first.questions[0].user, /^Question: A 54-year-old man/);
        assert.equal(progress.at(-1), fixtureBytes("medqa_4options_test.jsonl").length);
        assert.equal(first.source, path.join(datasetsDir, "medqa", "phrases_no_exclude_test.jsonl"));
        const second = await loadDataset({task: "medqa"}, {datasetsDir});
        assert.equal(server.requestsFor("/mirror/medqa/phrases_no_exclude_test.jsonl").length, 1, "the second load must use the cache");
        assert.equal(second.sha256, first.sha256);
        assert.deepEqual(fs.readdirSync(path.join(datasetsDir, "medqa")), ["phrases_no_exclude_test.jsonl"]);
    });

    it("evaluates PubMedQA's official test split, in that split's order", async () => {
        server.serveFile("/mirror/pubmedqa/ori_pqal.json", {body: fixtureBytes("ori_pqal.json")});
        server.serveFile("/mirror/pubmedqa/test_ground_truth.json", {body: fixtureBytes("test_ground_truth.json")});
        const loaded = await loadDataset({task: "pubmedqa"}, {datasetsDir: cache()});
        assert.deepEqual(loaded.questions.map((q) => q.sourceId), ["16180339", "31415926"]);
        assert.deepEqual(loaded.questions.map((q) => q.gold), [1, 0]);
    });

    it("extracts the clinical MMLU subjects from data.tar, keeps them and deletes the archive", async () => {
        server.serveFile("/mirror/mmlu/data.tar", {body: await mmluTar(tmp)});
        const datasetsDir = cache();
        const ck = await loadDataset({task: "mmlu", subject: "clinical_knowledge"}, {datasetsDir});
        assert.equal(ck.questions.length, 4);
        assert.equal(ck.questions[0].system, "The following are multiple choice questions (with answers) about clinical knowledge.\n\n");
        assert.deepEqual(fs.readdirSync(path.join(datasetsDir, "mmlu")).sort(), ["anatomy_test.csv", "clinical_knowledge_test.csv"]);
        const anatomy = await loadDataset({task: "mmlu", subject: "anatomy"}, {datasetsDir});
        assert.match(anatomy.questions[0].user, /^Which bone is in the thigh\?\nA\. Femur/);
        assert.equal(server.requestsFor("/mirror/mmlu/data.tar").length, 1);
        // A subject missing from the archive is reported, not silently empty.
        await assert.rejects(loadDataset({task: "mmlu", subject: "medical_genetics"}, {datasetsDir}), /no data\/test\/medical_genetics_test\.csv/);
    });

    it("reports a wrong MMLU archive and deletes it so the next run downloads again", async () => {
        server.serveFile("/mirror/mmlu/data.tar", {body: Buffer.from("this is not a tar archive\n".repeat(40))});
        const datasetsDir = cache();
        await assert.rejects(loadDataset({task: "mmlu", subject: "anatomy"}, {datasetsDir}),
            (err: unknown) => err instanceof DatasetDownloadError && /not the MMLU archive|cannot read the MMLU archive/.test(err.message));
        assert.deepEqual(fs.readdirSync(path.join(datasetsDir, "mmlu")), []);
    });

    it("says which URL failed and leaves no partial file when the server answers 404", async () => {
        const datasetsDir = cache();
        await assert.rejects(loadDataset({task: "medmcqa"}, {datasetsDir}), (err: unknown) => {
            assert.ok(err instanceof DatasetDownloadError);
            assert.match(err.message, /\/mirror\/medmcqa\/dev\.json: the server answered HTTP 404/);
            return true;
        });
        assert.deepEqual(fs.readdirSync(path.join(datasetsDir, "medmcqa")), []);
    });

    it("deletes a download that breaks off, so no truncated file looks finished", async () => {
        server.serveFile("/mirror/medmcqa/dev.json", {body: fixtureBytes("medmcqa_original_dev.json"), cutAfterBytes: 200, chunkSize: 100});
        const datasetsDir = cache();
        await assert.rejects(loadDataset({task: "medmcqa"}, {datasetsDir}),
            (err: unknown) => err instanceof DatasetDownloadError && /broke off|incomplete/.test(err.message));
        assert.deepEqual(fs.readdirSync(path.join(datasetsDir, "medmcqa")), []);
        server.serveFile("/mirror/medmcqa/dev.json", {body: fixtureBytes("medmcqa_original_dev.json")});
        assert.equal((await loadDataset({task: "medmcqa"}, {datasetsDir})).questions.length, 3);
    });

    it("says the host is unreachable (and to use --file) when nothing answers", async () => {
        const closed = await LoopbackHttpServer.start();
        const url = closed.url("/gone");
        await closed.close();
        process.env.MED42_EVAL_DATA_URL = url;
        try {
            await assert.rejects(loadDataset({task: "medmcqa"}, {datasetsDir: cache()}), /could not download .*are you offline\? Pass --file PATH/);
        } finally {
            process.env.MED42_EVAL_DATA_URL = server.url("/mirror");
        }
    });

    it("reads --file from a path or an http(s) URL, and names the line of a malformed record", async () => {
        const local = await loadDataset({task: "medmcqa"}, {file: path.join(FIXTURES, "medmcqa_original_dev.json")});
        assert.deepEqual(local.questions.map((q) => q.gold), [1, 0, 3]);
        server.serveFile("/files/questions.jsonl", {body: fixtureBytes("medmcqa_validation.jsonl")});
        const remote = await loadDataset({task: "medmcqa"}, {file: server.url("/files/questions.jsonl")});
        assert.equal(remote.source, server.url("/files/questions.jsonl"));
        assert.deepEqual(remote.questions.map((q) => q.user), local.questions.map((q) => q.user));
        const bad = path.join(tmp, "bad.jsonl");
        fs.writeFileSync(bad, fixtureBytes("medqa_4options_test.jsonl").toString().replace("\"answer_idx\": \"A\"", "\"answer_idx\": \"Z\""));
        await assert.rejects(loadDataset({task: "medqa"}, {file: bad}),
            (err: unknown) => err instanceof DatasetFormatError && err.line === 2 && err.field === "answer_idx");
        await assert.rejects(loadDataset({task: "medqa"}, {file: path.join(tmp, "missing.jsonl")}), /dataset file not found/);
    });
});
