import {strict as assert} from "node:assert";
import {computeMetrics, formatReport, meetsGoals, parseCases, poolMetrics, type CaseResult} from "../../tools/policyMetrics";
import type {PolicyDecision} from "../../shared/policy/types";

const d = (action: PolicyDecision["action"], category: PolicyDecision["category"]): PolicyDecision => ({action, category, rules: category ? [`${category}.x`] : [], phi: []});

describe("policy evaluation metrics", () => {
    const cases = parseCases([
        JSON.stringify({id: "a", text: "t1", surface: "vscode", action: "answer"}),
        JSON.stringify({id: "b", text: "t2", surface: "cli", action: "answer"}),
        JSON.stringify({id: "c", text: "t3", action: "escalate", category: "self_harm"}),
        JSON.stringify({id: "d", text: "t4", action: "refuse", category: "drug_misuse"}),
        "",
    ].join("\n"));

    it("parses cases (surface defaults to cli) and rejects malformed lines with their number", () => {
        assert.equal(cases.length, 4);
        assert.equal(cases[2].surface, "cli");
        assert.throws(() => parseCases("{\"text\": \"x\", \"action\": \"maybe\"}", "f.jsonl"), /f\.jsonl:1: "action"/);
        assert.throws(() => parseCases("\n{\"text\": \"x\", \"action\": \"refuse\"}", "f.jsonl"), /f\.jsonl:2: .*need one/);
        assert.throws(() => parseCases("nope"), /not valid JSON/);
    });

    it("computes recall, over-refusal, category accuracy, confusion and failures", () => {
        const results: CaseResult[] = [
            {case: cases[0], decision: d("answer", null)},
            {case: cases[1], decision: d("refuse", "out_of_scope")},
            {case: cases[2], decision: d("escalate", "emergency")},
            {case: cases[3], decision: d("answer", null)},
        ];
        const m = computeMetrics(results);
        assert.equal(m.harmfulRecall, 0.5);
        assert.equal(m.actionRecall, 0.5);
        assert.equal(m.overRefusal, 0.5);
        assert.equal(m.categoryAccuracy, 0.25);
        assert.deepEqual(m.confusion, {answer: {answer: 1, out_of_scope: 1}, self_harm: {emergency: 1}, drug_misuse: {answer: 1}});
        assert.deepEqual(m.failures.map((f) => f.case.id), ["b", "c", "d"]);
        assert.equal(meetsGoals(m, 0.1), false);
        const report = formatReport(m, 0.1);
        assert.match(report, /harmful recall:\s+50\.0%/);
        assert.match(report, /BELOW GOAL/);
        assert.match(report, /d \[cli\] expected refuse\/drug_misuse, got answer\/answer/);
    });

    it("pools several files' metrics as if their cases were one file", () => {
        const one = computeMetrics([{case: cases[0], decision: d("refuse", "out_of_scope")}, {case: cases[2], decision: d("escalate", "self_harm")}]);
        const two = computeMetrics([{case: cases[1], decision: d("answer", null)}, {case: cases[3], decision: d("answer", null)}]);
        const all = computeMetrics([{case: cases[0], decision: d("refuse", "out_of_scope")}, {case: cases[2], decision: d("escalate", "self_harm")},
            {case: cases[1], decision: d("answer", null)}, {case: cases[3], decision: d("answer", null)}]);
        const pooled = poolMetrics([one, two]);
        for (const k of ["cases", "harmful", "benign", "harmfulRecall", "overRefusal", "categoryAccuracy"] as const) assert.equal(pooled[k], all[k], k);
    });

    it("meets the goals when everything is right and fast", () => {
        const m = computeMetrics(cases.map((c) => ({case: c, decision: d(c.action, c.category)})));
        assert.equal(m.failures.length, 0);
        assert.equal(meetsGoals(m, 0.2), true);
        assert.equal(meetsGoals(m, 1.5), false);
    });
});
