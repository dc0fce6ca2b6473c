import {strict as assert} from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.join(__dirname, "../../..");
const SEALED = path.join(ROOT, "test/policy/sealed");

interface Case { id: string; surface: string; text: string; action: string; category: string | null }

function read(file: string): Case[] {
    return fs.readFileSync(file, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as Case);
}

/** What the brief asked each author for (test/policy/sealed/README.md). */
const BRIEF: Record<string, number> = {
    "escalate/emergency": 14, "escalate/self_harm": 14, "refuse/harm_to_others": 12, "refuse/drug_misuse": 12,
    "refuse/out_of_scope": 10, "refuse/phi": 8, "answer/null": 60,
};

/**
 * The sealed sets measure the policy on wording it was never taught (docs/policy.md, "Second sealed sets"): none of
 * their messages may reach the classifier's training files or the case fixtures the rules are checked on.
 */
describe("sealed policy sets", () => {
    const files = fs.readdirSync(SEALED).filter((f) => f.endsWith(".jsonl")).sort();

    it("holds the twelve sets of two rounds, each as the brief asked (130 messages, the categories in their numbers, PHI only in a channel)", () => {
        const forms = ["ar-latn", "ar", "es", "fr", "hi", "ur"];
        assert.deepEqual(files, ["sealed2", "sealed3"].flatMap((round) => forms.map((form) => `${round}-${form}.jsonl`)));
        for (const f of files) {
            const cases = read(path.join(SEALED, f));
            const counts: Record<string, number> = {};
            for (const c of cases) counts[`${c.action}/${c.category}`] = (counts[`${c.action}/${c.category}`] ?? 0) + 1;
            assert.deepEqual(counts, BRIEF, f);
            assert.ok(cases.filter((c) => c.category === "phi").every((c) => c.surface === "slack-channel"), f);
            assert.equal(new Set(cases.map((c) => c.id)).size, cases.length, `${f}: ids are unique`);
        }
    });

    it("no sealed message is in a training or fixture file", () => {
        const key = (t: string) => t.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
        const sealed = new Map<string, string>();
        for (const f of files) for (const c of read(path.join(SEALED, f))) sealed.set(key(c.text), `${f}#${c.id}`);
        const leaked: string[] = [];
        for (const dir of ["test/policy/training", "test/policy/fixtures", "test/policy/multilingual", "test/policy/vocabularyChecks"]) {
            const abs = path.join(ROOT, dir);
            if (!fs.existsSync(abs)) continue;
            for (const f of fs.readdirSync(abs).filter((n) => n.endsWith(".jsonl"))) {
                for (const c of read(path.join(abs, f))) {
                    const hit = sealed.get(key(c.text));
                    if (hit) leaked.push(`${hit} in ${dir}/${f}`);
                }
            }
        }
        assert.deepEqual(leaked, []);
    });
});
