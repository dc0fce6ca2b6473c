import {strict as assert} from "node:assert";
import {execFileSync} from "node:child_process";
import * as path from "node:path";
import {KINDS, LARGE_CHARS, SMALL_CHARS} from "../support/policyScanCount";

/**
 * Every pattern is linear (policyRegexSafety.test.ts), but the rules that combine them can still re-read the whole
 * message once per sentence: 40 KB of "chest pain. " took 14-24 s for one decision that way. This counts the
 * characters the policy's regular expressions are given to scan during one decision (no timing: the count depends
 * only on the code; see test/support/policyScanCount.ts, run in its own process) and checks that doubling the
 * message at most about doubles it.
 */
describe("policy: the work of one decision grows linearly with the message", () => {
    let counts: Record<string, [number, number]>;
    before(() => {
        counts = JSON.parse(execFileSync(process.execPath, [path.join(__dirname, "../support/policyScanCount.js")], {encoding: "utf8"})) as typeof counts;
    });
    for (const name of Object.keys(KINDS)) {
        it(`${name} (${SMALL_CHARS.toLocaleString("en")} → ${LARGE_CHARS.toLocaleString("en")} characters)`, () => {
            const [small, large] = counts[name];
            assert.ok(small > 0, "the count sees the policy's patterns");
            assert.ok(large / small < 2.6, `twice the text scanned ${(large / small).toFixed(2)}× the characters (${small} → ${large}): ` +
                "some rule re-reads the message for every piece of it");
        });
    }
});
