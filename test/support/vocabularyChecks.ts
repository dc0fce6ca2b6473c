/**
 * What the tests of the vocabularies of other languages share (test/policy/multilingual*.test.ts): the developers'
 * check messages in test/policy/vocabularyChecks/, one test per rule that fires on a message and leaves its near twin
 * alone, and the engine's decisions on the check messages with the near twins a vocabulary rule refused.
 */
import {strict as assert} from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import {analyze} from "../../shared/policy/normalize";
import {PolicyEngine} from "../../shared/policy/policyEngine";
import {LANGUAGE_RULES} from "../../shared/policy/rules/languages";
import type {PolicyAction, PolicyCategory, PolicyDecision} from "../../shared/policy/types";
import type {Surface} from "../../shared/types";

export interface CheckCase { id: string; lang: string; surface: Surface; text: string; action: PolicyAction; category: PolicyCategory | null }

/** The check messages of test/policy/vocabularyChecks/`file`. */
export function readCheckCases(file: string): CheckCase[] {
    return fs.readFileSync(path.join(__dirname, "../../../test/policy/vocabularyChecks", file), "utf8")
        .split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as CheckCase);
}

/** [rule id, language form, a message it fires on, a near twin it must leave alone]: one test each. */
export function itFiresButNotOnTwin(ruleCases: readonly [string, string, string, string][]): void {
    for (const [id, lang, fires, quiet] of ruleCases) {
        it(`${id} (${lang}): fires on "${fires}", not on "${quiet}"`, () => {
            const rule = LANGUAGE_RULES.find((r) => r.id === id);
            assert.ok(rule, id);
            assert.equal(rule.test(analyze(fires)), true);
            assert.equal(rule.test(analyze(quiet)), false);
        });
    }
}

/**
 * The engine's decision on each check message, and the near twins (expected answers) refused or escalated by a
 * vocabulary rule (`counts` says which rule ids count), as "id rules: text" lines.
 */
export function decideCheckCases(cases: readonly CheckCase[], counts: (ruleId: string) => boolean = () => true):
    {decisions: {c: CheckCase; d: PolicyDecision}[]; twinsByVocabulary: string[]} {
    const engine = new PolicyEngine();
    const vocabularyIds = new Set(LANGUAGE_RULES.map((r) => r.id));
    const decisions = cases.map((c) => ({c, d: engine.decide(c.text, c.surface)}));
    const twinsByVocabulary = decisions
        .filter(({c, d}) => c.action === "answer" && d.action !== "answer" && d.rules.some((r) => vocabularyIds.has(r) && counts(r)))
        .map(({c, d}) => `${c.id} ${d.rules.join(",")}: ${c.text}`);
    return {decisions, twinsByVocabulary};
}
