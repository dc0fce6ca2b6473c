import {strict as assert} from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import type {LlamaModel} from "node-llama-cpp" with {"resolution-mode": "import"};
import {getLlamaRuntime} from "../../shared/engine/llamaRuntime";
import {parseMedmcqa, parseMmluCsv, parsePubmedqa} from "../../shared/eval/datasetParsers";
import {buildLoglikelihoodRequest, encodePair, renderLlama3Prompt, type Token} from "../../shared/eval/promptEncoding";
import {toMcQuestion} from "../../shared/eval/tasks";
import {testModelPath} from "../support/testModel";

const FIXTURES = path.resolve(__dirname, "../../../test/eval/fixtures");
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), "utf8");

/** A fake tokenizer: one token per character (code unit). */
const perChar = (text: string) => Array.from(text, (c) => c.charCodeAt(0) as Token);

describe("eval prompts and encoding (harness chat-template format)", () => {
    it("writes each task's prompt as the harness's doc_to_text", () => {
        const mcqa = toMcQuestion({task: "medmcqa"}, parseMedmcqa(fixture("medmcqa_validation.jsonl"), "f")[1], 1);
        assert.equal(mcqa.user, "Question: Which vitamin deficiency causes scurvy?\nChoices:\nA. Vitamin C\nB. Vitamin D\nC. Vitamin B12\nD. Vitamin K\nAnswer:");
        assert.deepEqual(mcqa.choices, ["A", "B", "C", "D"]);
        assert.equal(mcqa.system, undefined);

        const mmlu = toMcQuestion({task: "mmlu", subject: "clinical_knowledge"}, parseMmluCsv(fixture("clinical_knowledge_test.csv"), "f")[3], 3);
        assert.equal(mmlu.system, "The following are multiple choice questions (with answers) about clinical knowledge.\n\n");
        assert.equal(mmlu.user, "The normal adult resting respiratory rate is:\nA. 4-8 breaths per minute\nB. 12-20 breaths per minute\n" +
            "C. 25-35 breaths per minute\nD. 40-50 breaths per minute\nAnswer:");

        const pubmed = toMcQuestion({task: "pubmedqa"}, parsePubmedqa(fixture("ori_pqal.json"), "f")[2], 2);
        assert.equal(pubmed.user, "Abstract: Vitamin C is widely taken to prevent colds.\nIn a randomised trial of 800 adults, daily vitamin C did " +
            "not change the number of colds over one winter compared with placebo.\nQuestion: Does vitamin C supplementation prevent the " +
            "common cold in the general population?\nAnswer:");
        assert.deepEqual(pubmed.choices, ["yes", "no", "maybe"]);
        assert.equal(pubmed.gold, 1);
    });

    it("renders the Llama-3 template with one BOS, trimmed turns and the generation prompt", () => {
        assert.equal(renderLlama3Prompt([{role: "system", content: "About anatomy.\n\n"}, {role: "user", content: " Q?\nAnswer:"}]),
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nAbout anatomy.<|eot_id|>" +
            "<|start_header_id|>user<|end_header_id|>\n\nQ?\nAnswer:<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n");
    });

    it("moves the context's trailing whitespace into the continuation, like _encode_pair", () => {
        const pair = encodePair("ctx\n\n", " A", perChar);
        assert.deepEqual(pair.contextTokens, perChar("ctx"));
        assert.deepEqual(pair.continuationTokens, perChar("\n\n A"));
        // Without trailing whitespace nothing moves.
        assert.deepEqual(encodePair("ctx:", " yes", perChar).continuationTokens, perChar(" yes"));
    });

    it("splits the whole string's tokens at the context's token count (a merge across the boundary stays in the context)", () => {
        // A tokenizer that merges ":" followed by " " into one token.
        const merging = (text: string) => {
            const out: Token[] = [];
            for (let i = 0; i < text.length; i++) {
                if (text[i] === ":" && text[i + 1] === " ") { out.push(1000 as Token); i++; } else out.push(text.charCodeAt(i) as Token);
            }
            return out;
        };
        const pair = encodePair("Answer:", " A", merging);
        assert.deepEqual(pair.contextTokens, merging("Answer:"));
        assert.deepEqual(pair.continuationTokens, ["A".charCodeAt(0)]);
    });

    describe("with the generated model's tokenizer", () => {
        let model: LlamaModel;
        before(async () => {
            const llama = await getLlamaRuntime({gpu: "cpu"});
            model = await llama.loadModel({modelPath: testModelPath()});
        });
        after(async () => { await model?.dispose(); });

        it("parses the special tokens of the prompt and keeps the options' tokens apart", () => {
            const tokenize = (text: string) => model.tokenize(text, true);
            const question = toMcQuestion({task: "medmcqa"}, parseMedmcqa(fixture("medmcqa_validation.jsonl"), "f")[1], 1);
            const request = buildLoglikelihoodRequest(question, tokenize);
            const bos = model.tokens.bos!;
            assert.equal(request.contextTokens[0], bos);
            assert.equal(request.contextTokens.filter((t) => t === bos).length, 1);
            const endHeader = model.tokenize("<|end_header_id|>", true);
            assert.equal(endHeader.length, 1);
            assert.equal(request.contextTokens.at(-1), endHeader[0]);
            assert.deepEqual(request.continuations, ["A", "B", "C", "D"].map((c) => model.tokenize(`\n\n ${c}`, false)));
            const noDelimiter = buildLoglikelihoodRequest(question, tokenize, {targetDelimiter: ""});
            assert.deepEqual(noDelimiter.continuations[0], model.tokenize("\n\nA", false));
            assert.deepEqual(noDelimiter.contextTokens, request.contextTokens);
        });
    });
});
