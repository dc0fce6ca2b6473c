import {strict as assert} from "node:assert";
import * as fs from "node:fs";
import {PolicyEngine} from "../../shared/policy/policyEngine";
import {baselineInputs, DECISION_BASELINE, surfaceRecords, type SurfaceRecords} from "../../tools/recordPolicyDecisions";

/**
 * The policy's speed-ups (shared prefilters, patterns run once per message) must not change one decision: the
 * engine's decisions and fired rules on every case file, the cases joined eight at a time, and the benchmark's 40 KB
 * adversarial inputs (also with harm and an identifier buried in the middle), on every surface, are compared with
 * those recorded from the code before the speed-ups (tools/recordPolicyDecisions.ts). A change meant to alter
 * decisions re-records the baseline and says so.
 */
describe("policy decisions are unchanged by the evaluation's speed-ups", function () {
    // 16,108 inputs on four surfaces: over a minute on a loaded 2-core machine (a correctness check, not a timing).
    this.timeout(10 * 60_000);
    const recorded = new Map<string, SurfaceRecords>(fs.readFileSync(DECISION_BASELINE, "utf8").split("\n").filter((l) => l.trim())
        .map((l) => JSON.parse(l) as {id: string; decisions: SurfaceRecords}).map((r) => [r.id, r.decisions]));
    const inputs = baselineInputs();

    it("the baseline records every input (no case file added or dropped since it was recorded)", () => {
        const again = "record the baseline again (node out/tools/recordPolicyDecisions.js) on the code before any speed-up, then rerun this test";
        assert.deepEqual(inputs.map((i) => i.id).filter((id) => !recorded.has(id)), [], `inputs added since the baseline: ${again}`);
        assert.equal(inputs.length, recorded.size, `inputs dropped since the baseline: ${again}`);
    });

    it(`every decision and every fired rule equals the recorded one, on every surface (${inputs.length} inputs)`, () => {
        const engine = new PolicyEngine();
        const differences: string[] = [];
        for (const input of inputs) {
            const now = surfaceRecords(engine, input.text);
            const before = recorded.get(input.id);
            if (JSON.stringify(now) !== JSON.stringify(before)) differences.push(`${input.id}\n  before: ${JSON.stringify(before)}\n  now:    ${JSON.stringify(now)}`);
        }
        assert.equal(differences.length, 0, `${differences.length} inputs decided differently (a change meant to alter decisions ` +
            `records the baseline again with tools/recordPolicyDecisions.ts and says so):\n${differences.slice(0, 20).join("\n")}`);
    });
});
