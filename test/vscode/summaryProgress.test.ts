import * as assert from "node:assert/strict";
import {SummaryProgressSteps} from "../../extension/summaryProgress";

describe("VS Code summary progress notification", () => {
    it("moves the bar by the share of the work done and names the part, then only moves the bar while writing", () => {
        const steps = new SummaryProgressSteps();
        const at = (done: number, total: number, fraction: number) => steps.update(done, total, {done, total, fraction});
        assert.deepEqual(at(0, 4, 0), {message: "0% · part 1 of 4…"});
        assert.deepEqual(at(0, 4, 0.126), {increment: 12, message: "12% · part 1 of 4…"});
        assert.deepEqual(at(2, 4, 0.5), {increment: 38, message: "50% · part 3 of 4…"});
        // A share reported lower (a new round of passes) never takes the bar back.
        assert.deepEqual(at(2, 6, 0.4), {message: "50% · part 3 of 6…"});
        steps.startWriting();
        assert.deepEqual(at(5, 6, 0.9), {increment: 40});
        assert.equal(at(5, 6, 0.9), undefined);
        // A one-pass summary has no parts to name; the increments add up to 100 at most.
        const single = new SummaryProgressSteps();
        const increments = [0.3, 0.7, 1].map((f) => single.update(0, 1, {done: 0, total: 1, fraction: f})!);
        assert.deepEqual(increments.map((s) => s.message), ["30%…", "70%…", "100%…"]);
        assert.equal(increments.reduce((n, s) => n + (s.increment ?? 0), 0), 100);
    });
});
