import {strict as assert} from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import {DatasetFormatError, parseMedmcqa, parseMedqa, parseMmluCsv, parsePubmedqa, parsePubmedqaTestIds} from "../../shared/eval/datasetParsers";

const FIXTURES = path.resolve(__dirname, "../../../test/eval/fixtures");
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), "utf8");

/** Asserts that `fn` throws a DatasetFormatError at `line` (and `field`) whose message says so. */
function rejects(fn: () => unknown, line: number | undefined, field: string | undefined, pattern: RegExp): void {
    assert.throws(fn, (err: unknown) => {
        assert.ok(err instanceof DatasetFormatError, `expected DatasetFormatError, got ${err}`);
        assert.equal(err.line, line);
        assert.equal(err.field, field);
        if (line !== undefined) assert.match(err.message, new RegExp(`^f:${line}: `));
        if (field !== undefined) assert.ok(err.message.includes(`field "${field}"`), err.message);
        assert.match(err.message, pattern);
        return true;
    });
}

const medqaRow = (o: Record<string, unknown>) => JSON.stringify({question: "Q?", options: {A: "a", B: "b", C: "c", D: "d"}, answer_idx: "B", ...o});
const mcqaRow = (o: Record<string, unknown>) => JSON.stringify({question: "Q?", opa: "a", opb: "b", opc: "c", opd: "d", cop: 1, ...o});

describe("eval dataset parsers", () => {
    describe("medqa (JSONL: question, options A-D, answer_idx)", () => {
        it("reads the fixture in the real format", () => {
            const qs = parseMedqa(fixture("medqa_4options_test.jsonl"), "f");
            assert.equal(qs.length, 3);
            assert.deepEqual(qs.map((q) => q.gold), [2, 0, 1]);
            assert.deepEqual(qs.map((q) => q.line), [1, 2, 3]);
            assert.deepEqual(qs[0].options, ["Left anterior descending artery", "Left circumflex artery", "Right coronary artery", "Left main coronary artery"]);
            assert.match(qs[1].question, /^A 7-year-old girl/);
        });

        it("names the line and field of a malformed record", () => {
            rejects(() => parseMedqa(`${medqaRow({})}\n${medqaRow({answer_idx: undefined})}`, "f"), 2, "answer_idx", /is missing/);
            rejects(() => parseMedqa(`${medqaRow({})}\n\n${medqaRow({answer_idx: "E"})}`, "f"), 3, "answer_idx", /must be "A", "B", "C" or "D", got "E"/);
            rejects(() => parseMedqa(`${medqaRow({})}\n{"question": "Q?",`, "f"), 2, undefined, /not valid JSON/);
            rejects(() => parseMedqa(medqaRow({options: {A: "a", B: "b", C: "c"}}), "f"), 1, "options.D", /is missing/);
            rejects(() => parseMedqa(medqaRow({options: {A: "a", B: "b", C: "c", D: "d", E: "e"}}), "f"), 1, "options", /4-option/);
            rejects(() => parseMedqa(medqaRow({question: 3}), "f"), 1, "question", /must be a string, got 3/);
            rejects(() => parseMedqa("\n\n", "f"), undefined, undefined, /holds no questions/);
        });
    });

    describe("medmcqa (JSONL: question, opa..opd, cop)", () => {
        it("reads the Hugging Face numbering (cop 0-3) and the original files' (cop 1-4) to the same answers", () => {
            const hf = parseMedmcqa(fixture("medmcqa_validation.jsonl"), "f");
            const original = parseMedmcqa(fixture("medmcqa_original_dev.json"), "f");
            assert.deepEqual(hf.map((q) => q.gold), [1, 0, 3]);
            assert.deepEqual(original.map((q) => q.gold), [1, 0, 3]);
            assert.deepEqual(hf.map((q) => q.options[q.gold]), ["Ethosuximide", "Vitamin C", "Small intestine"]);
            assert.equal(hf[0].sourceId, "f3c1a2b4-0001-4c2e-9a11-000000000001");
        });

        it("rejects a file that mixes both numberings, naming the later line", () => {
            rejects(() => parseMedmcqa([mcqaRow({cop: 0}), mcqaRow({cop: 2}), mcqaRow({cop: 4})].join("\n"), "f"), 3, "cop", /line 1 has 0/);
        });

        it("names the line and field of a malformed record", () => {
            rejects(() => parseMedmcqa(`${mcqaRow({})}\n${mcqaRow({cop: "x"})}`, "f"), 2, "cop", /correct option's index.*got "x"/);
            rejects(() => parseMedmcqa(`${mcqaRow({})}\n${mcqaRow({cop: 7})}`, "f"), 2, "cop", /got 7/);
            rejects(() => parseMedmcqa(mcqaRow({opc: undefined}), "f"), 1, "opc", /is missing/);
            rejects(() => parseMedmcqa(`${mcqaRow({})}\n[1, 2]`, "f"), 2, undefined, /must be a JSON object, got an array/);
        });
    });

    describe("mmlu (headerless CSV: question,A,B,C,D,answer)", () => {
        it("reads the fixture, with quoted commas, quotes and a question spanning two lines", () => {
            const qs = parseMmluCsv(fixture("clinical_knowledge_test.csv"), "f");
            assert.equal(qs.length, 4);
            assert.deepEqual(qs.map((q) => q.line), [1, 2, 3, 5]);
            assert.deepEqual(qs.map((q) => q.gold), [1, 0, 2, 1]);
            assert.equal(qs[1].options[3], "unpredictable, varying with each reading");
            assert.equal(qs[2].question, "Which statement about\nhand hygiene is correct?");
            assert.equal(qs[2].options[2], "Hands are washed before and after \"patient contact\"");
        });

        it("names the line of a malformed row", () => {
            rejects(() => parseMmluCsv("q1,a,b,c,d,A\nq2,a,b,c,B\n", "f"), 2, undefined, /has 5 fields; expected 6/);
            rejects(() => parseMmluCsv("q1,a,b,c,d,A\n\n\"q\n2\",a,b,c,d,A\nq3,a,b,c,d,E\n", "f"), 5, "answer", /must be A, B, C or D, got "E"/);
            rejects(() => parseMmluCsv("question,A,B,C,D,answer\nq1,a,b,c,d,A\n", "f"), 1, "answer", /no header row/);
            rejects(() => parseMmluCsv("q1,a,b,c,d,A\n\"q2,a,b,c,d,A\n", "f"), 2, undefined, /not valid CSV: Quote Not Closed/);
            rejects(() => parseMmluCsv(" ,a,b,c,d,A\n", "f"), 1, "question", /is empty/);
        });
    });

    describe("pubmedqa (ori_pqal.json: PMID → QUESTION, CONTEXTS, final_decision)", () => {
        it("reads every entry in file order (not JavaScript's numeric key order)", () => {
            const qs = parsePubmedqa(fixture("ori_pqal.json"), "f");
            assert.deepEqual(qs.map((q) => q.sourceId), ["31415926", "2718281", "16180339"]);
            assert.deepEqual(qs.map((q) => q.gold), [0, 2, 1]);
            assert.deepEqual(qs[0].options, ["yes", "no", "maybe"]);
            assert.equal(qs[0].contexts?.length, 3);
            assert.deepEqual(qs.map((q) => q.line), [2, 26, 47]);
        });

        it("keeps only the test split's ids, in the split's order", () => {
            const ids = parsePubmedqaTestIds(fixture("test_ground_truth.json"), "t");
            assert.deepEqual(ids, ["16180339", "31415926"]);
            assert.deepEqual(parsePubmedqa(fixture("ori_pqal.json"), "f", ids).map((q) => q.sourceId), ids);
        });

        it("names the entry's line and field when it is malformed", () => {
            const bad = fixture("ori_pqal.json").replace("\"final_decision\": \"no\"", "\"final_decision\": \"perhaps\"");
            rejects(() => parsePubmedqa(bad, "f"), 47, "16180339.final_decision", /must be "yes", "no" or "maybe", got "perhaps"/);
            const noContexts = JSON.stringify({"1": {QUESTION: "Q?", CONTEXTS: "text", final_decision: "yes"}}, null, 2);
            rejects(() => parsePubmedqa(noContexts, "f"), 2, "1.CONTEXTS", /must be an array of strings/);
            rejects(() => parsePubmedqa("{\"1\": ", "f"), undefined, undefined, /not valid JSON/);
            rejects(() => parsePubmedqa(fixture("ori_pqal.json"), "f", ["99"]), undefined, undefined, /no entry "99"/);
        });
    });
});
