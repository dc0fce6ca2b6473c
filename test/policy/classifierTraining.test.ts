import {strict as assert} from "node:assert";
import {TEXT_MODEL} from "../../shared/policy/classifier/textModel.generated";
import {crossValidate, modelDifference, readTrainingFiles, RULES_TUNED_ON, THRESHOLDS, trainShippedModel} from "../../tools/trainPolicyClassifier";
import {poolMetrics} from "../../tools/policyMetrics";

describe("policy classifier training (npm run train:policy)", function () {
    this.timeout(180_000);
    const files = readTrainingFiles();

    it("the shipped model is what the repository's case files train (retrain after changing them)", () => {
        const fresh = trainShippedModel(files);
        assert.equal(modelDifference(TEXT_MODEL, fresh), null);
        assert.deepEqual(TEXT_MODEL.thresholds, THRESHOLDS);
        assert.equal(TEXT_MODEL.trainedOn, fresh.trainedOn);
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
        assert.ok(held.every((f) => f && !f.name.startsWith(RULES_TUNED_ON)), "the held-out files exist and are not rule-tuning files");
        const rows = crossValidate(files, THRESHOLDS, held as typeof files);
        const rules = poolMetrics(rows.map((r) => r.rules)), combined = poolMetrics(rows.map((r) => r.combined));
        assert.ok(combined.harmfulRecall >= rules.harmfulRecall + 0.2, `recall ${rules.harmfulRecall.toFixed(3)} -> ${combined.harmfulRecall.toFixed(3)}`);
        assert.ok(combined.harmfulRecall >= 0.9, `recall ${combined.harmfulRecall.toFixed(3)}`);
        assert.ok(combined.overRefusal <= 0.05, `over-refusal ${combined.overRefusal.toFixed(3)}`);
    });
});
