import {strict as assert} from "node:assert";
import {aggregate, choiceLength, meanStderr, scoreQuestion} from "../../shared/eval/metrics";

describe("eval metrics (lm-evaluation-harness multiple choice)", () => {
    it("acc takes the highest log-likelihood, acc_norm the highest per character; ties go to the first option", () => {
        assert.deepEqual(scoreQuestion([-1, -0.5, -2, -3], ["A", "B", "C", "D"], 1), {pred: 1, predNorm: 1, acc: 1, accNorm: 1});
        // -3/3 = -1, -2.5/2 = -1.25, -4/5 = -0.8: raw picks "no", per character picks "maybe".
        assert.deepEqual(scoreQuestion([-3, -2.5, -4], ["yes", "no", "maybe"], 2), {pred: 1, predNorm: 2, acc: 0, accNorm: 1});
        assert.deepEqual(scoreQuestion([-1, -1, -2, -3], ["A", "B", "C", "D"], 1), {pred: 0, predNorm: 0, acc: 0, accNorm: 0});
    });

    it("acc_norm divides by characters (Python len), not bytes, like the harness", () => {
        assert.equal(choiceLength("é"), 1);
        assert.equal(choiceLength("ab"), 2);
        // per character: -1.5 vs -1.4 → option 1; per byte it would be -0.75 vs -1.4 → option 0.
        assert.equal(scoreQuestion([-1.5, -2.8], ["é", "ab"], 1).predNorm, 1);
    });

    it("aggregates means and the sample standard error of the mean (n - 1), as hand-computed", () => {
        const outcomes = [
            scoreQuestion([-1, -0.5, -2, -3], ["A", "B", "C", "D"], 1),   // acc 1, acc_norm 1
            scoreQuestion([-3, -2.5, -4], ["yes", "no", "maybe"], 2),     // acc 0, acc_norm 1
            scoreQuestion([-2, -2.2, -9], ["yes", "no", "maybe"], 0),     // acc 1, acc_norm 1
            scoreQuestion([-1, -1, -2, -3], ["A", "B", "C", "D"], 1)      // acc 0, acc_norm 0
        ];
        const m = aggregate(outcomes);
        assert.equal(m.n, 4);
        assert.equal(m.acc.value, 0.5);
        // sqrt(((.5²)·4)/3)/sqrt(4) = sqrt(1/3)/2
        assert.ok(Math.abs(m.acc.stderr! - Math.sqrt(1 / 3) / 2) < 1e-12);
        assert.equal(m.acc_norm.value, 0.75);
        // deviations .25,.25,.25,-.75 → squares sum .75, /3 = .25, sd .5, /2 = .25
        assert.ok(Math.abs(m.acc_norm.stderr! - 0.25) < 1e-12);
    });

    it("reproduces the card's stderr: 28 of 50 correct is 0.56 ± 0.0709", () => {
        const values = [...Array(28).fill(1), ...Array(22).fill(0)];
        assert.equal(meanStderr(values)!.toFixed(4), "0.0709");
    });

    it("has no standard error for a single question", () => {
        assert.equal(meanStderr([1]), null);
        assert.equal(aggregate([{acc: 1, accNorm: 0}]).acc.stderr, null);
    });
});
