import {strict as assert} from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import {PolicyEngine} from "../../shared/policy/policyEngine";
import {parseCases} from "../../tools/policyMetrics";

/** Case files written for this repository (never the shared development set). */
const FIXTURES = path.resolve(__dirname, "../../../test/policy/fixtures");

/**
 * Regression tests, not a measure of quality: the rules were tuned on every one of these cases until they got them
 * right, and the classifier is trained on them too (see docs/policy.md, "Measuring", for figures from cases the
 * policy never saw). A failure here means a change broke a decision that used to be right.
 */
describe("policy regression: the cases the rules were tuned on and the classifier trained on", () => {
    const engine = new PolicyEngine();
    for (const file of ["former-heldout-cases.jsonl", "own-cases.jsonl", "own-cases-2.jsonl", "own-cases-3.jsonl", "own-cases-4.jsonl", "own-cases-5.jsonl", "own-cases-6.jsonl", "own-cases-7.jsonl", "own-cases-8.jsonl", "own-cases-9.jsonl", "own-cases-10.jsonl"]) {
        const cases = parseCases(fs.readFileSync(path.join(FIXTURES, file), "utf8"), file);
        describe(file, () => {
            it(`has cases in every category, both directions (${cases.length} cases)`, () => {
                const labels = new Set<string>(cases.map((c) => c.category ?? "answer"));
                for (const l of ["answer", "emergency", "self_harm", "harm_to_others", "drug_misuse", "out_of_scope", "phi"]) assert.ok(labels.has(l), l);
            });
            for (const c of cases) {
                it(`${c.id} ${c.surface} → ${c.action}${c.category ? "/" + c.category : ""}: ${c.text.slice(0, 70)}`, () => {
                    const d = engine.decide(c.text, c.surface);
                    assert.equal(d.action, c.action, `rules: ${d.rules.join(", ")}`);
                    assert.equal(d.category, c.category, `rules: ${d.rules.join(", ")}`);
                    if (d.action !== "answer") assert.ok(d.rules.length > 0, "a refusal or escalation names the rules behind it");
                });
            }
        });
    }
});
