import {strict as assert} from "node:assert";
import {TEXT_MODEL} from "../../shared/policy/classifier/textModel.generated";
import {MULTILINGUAL_TEXT_MODEL} from "../../shared/policy/classifier/multilingualTextModel.generated";
import {crossValidate, isMultilingualFile, modelDifference, readTrainingFiles, rulesTunedOn, THRESHOLDS, trainShippedModel,
    trainShippedMultilingualModel} from "../../tools/trainPolicyClassifier";
import {poolMetrics} from "../../tools/policyMetrics";

describe("policy classifier training (npm run train:policy)", function () {
    this.timeout(180_000);
    const files = readTrainingFiles();

    it("the shipped model is what the repository's case files train (retrain after changing them)", () => {
        const fresh = trainShippedModel(files);
        assert.equal(modelDifference(TEXT_MODEL, fresh), null);
        assert.deepEqual(TEXT_MODEL.thresholds, THRESHOLDS);
        assert.equal(TEXT_MODEL.trainedOn, fresh.trainedOn);
        const multilingual = trainShippedMultilingualModel(files);
        assert.equal(modelDifference(MULTILINGUAL_TEXT_MODEL, multilingual), null);
        assert.equal(MULTILINGUAL_TEXT_MODEL.trainedOn, multilingual.trainedOn);
    });

    it("trains the English model without the other languages' files, and the multilingual model on every file", () => {
        const other = files.filter((f) => isMultilingualFile(f.name));
        assert.ok(other.some((f) => f.name === "test/policy/multilingual/cases.jsonl"), "the developers' per-language cases");
        assert.ok(other.filter((f) => f.name.startsWith("test/policy/training/multilingual-")).length >= 6, "the training files");
        const count = (fs: typeof files) => fs.reduce((n, f) => n + f.cases.length, 0);
        assert.match(TEXT_MODEL.trainedOn, new RegExp(`^${count(files) - count(other)} cases in ${files.length - other.length} files`));
        assert.match(MULTILINGUAL_TEXT_MODEL.trainedOn, new RegExp(`^${count(files)} cases in ${files.length} files`));
        assert.ok(!TEXT_MODEL.features.some((f) => /[\u0600-\u06ff\u0900-\u097f]/.test(f)), "no Arabic-script or Devanagari word in the English model");
        assert.ok(MULTILINGUAL_TEXT_MODEL.features.some((f) => /[\u0600-\u06ff]/.test(f)) && MULTILINGUAL_TEXT_MODEL.features.some((f) => /[\u0900-\u097f]/.test(f)));
    });

    it("finds a difference when one is there", () => {
        const fresh = trainShippedModel(files);
        assert.match(modelDifference(fresh, {...fresh, features: fresh.features.slice(1)}) ?? "", /features differ/);
        const weights = Buffer.from(fresh.weights, "base64");
        weights[7] = (weights[7] + 9) & 0xff;
        assert.match(modelDifference(fresh, {...fresh, weights: weights.toString("base64")}) ?? "", /weight 7 differs/);
    });

    it("on authors it never saw, catches far more harmful messages than the rules alone without refusing many more ordinary ones", () => {
        // Three training files by different authors, each held out in turn (the rules were never tuned on them).
        const held = ["casual-slang", "clinicians", "self-harm-boundary"].map((n) => files.find((f) => f.name.endsWith(`/${n}.jsonl`)));
        assert.ok(held.every((f) => f && !rulesTunedOn(f.name)), "the held-out files exist and are not rule-tuning files");
        const rows = crossValidate(files, THRESHOLDS, held as typeof files);
        const rules = poolMetrics(rows.map((r) => r.rules)), combined = poolMetrics(rows.map((r) => r.combined));
        assert.ok(combined.harmfulRecall >= rules.harmfulRecall + 0.2, `recall ${rules.harmfulRecall.toFixed(3)} -> ${combined.harmfulRecall.toFixed(3)}`);
        assert.ok(combined.harmfulRecall >= 0.9, `recall ${combined.harmfulRecall.toFixed(3)}`);
        assert.ok(combined.overRefusal <= 0.05, `over-refusal ${combined.overRefusal.toFixed(3)}`);
    });
});
