/**
 * No policy pattern can be made to take time faster than linear in its input (issue 11: 40 KB of "a-a-a-..." held
 * the PHI guard for seconds, on every decision). Patterns are found in the code, not listed by hand, and checked by
 * recheck's step-counting analysis (no time limits, fixed seed: deterministic). Patterns recheck already found safe
 * with the same parameters are recorded by hash in test/policy/fixtures/redosChecked.json; every other small one, a
 * new or changed pattern above all, is checked here, and a large one not in the ledger fails the test until
 * `npm run check:redos -- --update` has checked and recorded it (minutes each: too slow for every CI run).
 */
import {strict as assert} from "node:assert";
import {checkPatterns, describeVerdict, patternHash, type PolicyPattern, policyPatterns, readLedger} from "../../tools/policyRegexAudit";

/** Unrecorded patterns up to this size are checked live (seconds each); larger ones must be in the ledger. */
const LIVE_CHECK_MAX_CHARS = 1000;

describe("policy patterns: no catastrophic backtracking", function () {
    this.timeout(30 * 60_000);
    let patterns: PolicyPattern[];
    before(() => { patterns = policyPatterns(); });

    it("finds the policy's patterns in its code, literals and composed ones alike", () => {
        assert.ok(patterns.length > 250, `${patterns.length} patterns`);
        const phi = patterns.filter((p) => p.where.startsWith("shared/policy/phi.ts:"));
        assert.ok(phi.some((p) => p.source.includes("@[A-Za-z0-9.-]+")), "the e-mail pattern");
        assert.ok(phi.some((p) => p.source.includes("com|net|org")), "the URL pattern");
        for (const composed of ["rules/selfHarm.js", "rules/emergency.js", "rules/harmToOthers.js", "rules/drugMisuse.js", "rules/injection.js"]) {
            assert.ok(patterns.some((p) => p.where.startsWith(`out/shared/policy/${composed}:`)), `patterns composed in ${composed}`);
        }
    });

    it("the check itself flags the patterns this test is for (the PHI guard's e-mail and URL patterns before the fix)", async () => {
        const before: PolicyPattern[] = [
            {source: "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}", flags: "", where: "1c42b98 phi.ts:56"},
            {source: "\\b(?:https?:\\/\\/|www\\.)[^\\s<>\"'()[\\]]+|\\b[a-z0-9-]+\\.(?:com|net|org|io|me|co|info|biz|us)\\/[^\\s<>\"'()[\\]]+", flags: "i", where: "1c42b98 phi.ts:57"},
        ];
        const verdicts = await checkPatterns(before);
        assert.deepEqual(verdicts.map((v) => v.status), ["vulnerable", "vulnerable"]);
    });

    it("recheck finds no attack string on any of them", async () => {
        const ledger = readLedger();
        const todo = patterns.filter((p) => !ledger.has(patternHash(p)));
        // recheck takes minutes on each composed pattern of several KB (no time limits, so verdicts do not depend on
        // the machine): those are checked once by `npm run check:redos -- --update`, which records them, not here.
        const large = todo.filter((p) => p.source.length > LIVE_CHECK_MAX_CHARS);
        assert.deepEqual(large.map((p) => `${p.where} (${p.source.length} characters)`), [],
            "new or changed large patterns: run `npm run check:redos -- --update` and commit " + "test/policy/fixtures/redosChecked.json");
        const verdicts = await checkPatterns(todo);
        assert.deepEqual(verdicts.filter((v) => v.status !== "safe").map(describeVerdict), []);
    });
});
