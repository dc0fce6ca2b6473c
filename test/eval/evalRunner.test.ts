import {strict as assert} from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {loadDataset} from "../../shared/eval/datasetLoader";
import {runEval} from "../../shared/eval/evalRunner";
import {aggregate} from "../../shared/eval/metrics";
import {buildResults, readResults, ResultsFileError, resumeMismatch, writeResults, type ResultsIdentity} from "../../shared/eval/resultsFile";
import type {McQuestion} from "../../shared/eval/tasks";
import {testModelPath} from "../support/testModel";

const FIXTURES = path.resolve(__dirname, "../../../test/eval/fixtures");

describe("eval runner and results file", function () {
    let questions: McQuestion[];
    let tmp: string;
    before(async () => {
        questions = (await loadDataset({task: "medqa"}, {file: path.join(FIXTURES, "medqa_4options_test.jsonl")})).questions;
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "med42-eval-runner-"));
    });
    after(() => fs.rmSync(tmp, {recursive: true, force: true}));

    it("scores only the questions not already scored, reporting each as it finishes", async () => {
        const reported: number[] = [];
        const run = await runEval({modelPath: testModelPath(), questions, alreadyScored: new Set([0, 2]), parallel: 2,
            onSample: (s) => reported.push(s.index)});
        assert.equal(run.aborted, false);
        assert.deepEqual(run.samples.map((s) => s.index), [1]);
        assert.deepEqual(reported, [1]);
        const [sample] = run.samples;
        assert.equal(sample.gold, 0);
        assert.deepEqual(sample.choices, ["A", "B", "C", "D"]);
        assert.equal(sample.loglikelihoods.length, 4);
        assert.ok(sample.contextTokens > 100);
    });

    it("stops before scoring when aborted while the model was loading", async () => {
        const controller = new AbortController();
        const run = await runEval({modelPath: testModelPath(), questions, signal: controller.signal, onStart: () => controller.abort()});
        assert.equal(run.aborted, true);
        assert.deepEqual(run.samples, []);
    });

    const identity: ResultsIdentity = {
        selection: {task: "mmlu", subject: "anatomy"},
        model: {reference: "med42-8b", file: "/models/Llama3-Med42-8B.Q4_K_M.gguf", sizeBytes: 4920000000},
        dataset: {source: "/data/anatomy_test.csv", sha256: "ab".repeat(32), questions: 135},
        settings: {targetDelimiter: " ", limit: 50}
    };

    it("resumes only a run of the same task, dataset, model file and delimiter", () => {
        const previous = buildResults(identity, "anatomy", [], false);
        assert.equal(resumeMismatch(previous, {...identity, settings: {targetDelimiter: " ", limit: 100}}), null);
        assert.equal(resumeMismatch(previous, {...identity, model: {...identity.model, reference: "./elsewhere/Llama3-Med42-8B.Q4_K_M.gguf",
            file: "/elsewhere/Llama3-Med42-8B.Q4_K_M.gguf"}}), null);
        assert.match(resumeMismatch(previous, {...identity, selection: {task: "mmlu", subject: "college_medicine"}})!, /mmlu anatomy, not mmlu college_medicine/);
        assert.match(resumeMismatch(previous, {...identity, dataset: {...identity.dataset, sha256: "cd".repeat(32)}})!, /different dataset file/);
        assert.match(resumeMismatch(previous, {...identity, model: {...identity.model, sizeBytes: 8540000000}})!, /another model/);
        assert.match(resumeMismatch(previous, {...identity, settings: {targetDelimiter: "", limit: 50}})!, /target-delimiter/);
    });

    it("writes the file atomically and reads it back; a foreign file is an error, never overwritten", async () => {
        const file = path.join(tmp, "r.json");
        assert.equal(await readResults(file), null);
        const sample = {index: 3, line: 4, gold: 1, choices: ["A", "B"], loglikelihoods: [-1, null], greedy: [true, false],
            pred: 0, predNorm: 0, acc: 0 as const, accNorm: 0 as const, contextTokens: 10, truncatedTokens: 0};
        const results = buildResults(identity, "anatomy", [sample], false);
        await writeResults(file, results);
        assert.deepEqual(fs.readdirSync(tmp), ["r.json"]);
        assert.deepEqual(await readResults(file), results);
        assert.deepEqual(results.metrics, aggregate([sample]));

        const foreign = path.join(tmp, "notes.json");
        fs.writeFileSync(foreign, "{\"hello\": 1}");
        await assert.rejects(readResults(foreign), (err: unknown) => err instanceof ResultsFileError && /is not a med42 eval results file/.test(err.message));
        fs.writeFileSync(foreign, "plain text");
        await assert.rejects(readResults(foreign), /not JSON/);
        assert.equal(fs.readFileSync(foreign, "utf8"), "plain text");
    });
});
