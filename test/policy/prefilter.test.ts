/**
 * The literal prefilter (shared/policy/prefilter/) may skip a pattern only on a text the pattern cannot match, for
 * every pattern of the policy (found in its code by tools/policyRegexAudit.ts, so patterns added later are held to
 * it too): checked on every case text in each form the rules read (as given, normalised, folded, each sentence), on
 * the benchmark's adversarial inputs and on seeded random mutations of the cases (case changes, the non-ASCII letters
 * that match ASCII ones under the `i` and `u` flags, inserted, deleted and spliced characters).
 */
import {strict as assert} from "node:assert";
import {analyze, foldText, normalize} from "../../shared/policy/normalize";
import {caseFolded, requiredLiterals} from "../../shared/policy/prefilter/requiredLiterals";
import {LiteralScanner} from "../../shared/policy/prefilter/literalScanner";
import {PrefilteredRegExp, prefilterAllows} from "../../shared/policy/prefilter/prefilteredRegExp";
import {ADVERSARIAL_UNITS, adversarialText} from "../../bench/adversarialInputs";
import {type PolicyPattern, policyPatterns} from "../../tools/policyRegexAudit";
import {baselineInputs} from "../../tools/recordPolicyDecisions";
import {mulberry32} from "../../tools/seededRandom";

/** What a match needs, as sorted clauses of sorted strings (for comparing). */
function clauses(source: string, flags = ""): string[][] {
    return requiredLiterals(source, flags).clauses.map((c) => [...c].sort()).sort((a, b) => a.join().localeCompare(b.join()));
}

describe("policy prefilter: the literals a pattern's matches need", () => {
    it("reads words, alternations and fixed repetitions, and what a positive lookaround needs", () => {
        assert.deepEqual(clauses("\\b(?:chest|head) pain\\b"), [["chest pa", "head pai"]], "cut to 8 code units");
        assert.deepEqual(clauses("ab(?:c|d){2}e"), [["abcce", "abcde", "abdce", "abdde"]]);
        assert.deepEqual(clauses("(?=.*needle)x"), [["needle"], ["x"]].sort((a, b) => a.join().localeCompare(b.join())));
        assert.deepEqual(clauses("[Pp]atient"), [["Patient", "patient"]]);
        assert.deepEqual(clauses("foo\\d+bar"), [[..."0123456789"], ["bar"], ["foo"]], "a digit, as \\d is [0-9] under every flag");
        assert.deepEqual(clauses("[\\d]x"), [[..."0123456789"].map((d) => `${d}x`)]);
        assert.deepEqual(clauses("[\\d.]x"), [["x"]], "eleven characters: too many for a choice of literals");
        assert.deepEqual(clauses("(?:ab)+c"), [["ab"], ["c"]]);
    });

    it("requires nothing where a match may hold none of its words", () => {
        assert.deepEqual(clauses("(?:foo)?"), []);
        assert.deepEqual(clauses("foo|\\w+"), []);
        assert.deepEqual(clauses("(?!foo)bar|baz?"), [["ba", "bar", "baz"]], "\"ba\" alone matches the second alternative");
        assert.deepEqual(clauses("(a)\\1"), [["a"]]);
        assert.deepEqual(clauses("[^x]y|.z"), [["y", "z"]]);
        assert.deepEqual(clauses("[^x]|.z?"), []);
        assert.deepEqual(clauses("(?i:abc)"), [], "an inline modifier is not modelled");
        assert.deepEqual(clauses("(?:x"), [], "a pattern the parser cannot read");
    });

    it("under the i flag, lower-cases ASCII and gives up on other letters (their case variants are not all found by lower-casing)", () => {
        assert.deepEqual(clauses("MRN|Chart", "i"), [["chart", "mrn"]]);
        assert.deepEqual(clauses("σ", "i"), [], "ς matches σ under i, and does not lower-case to it");
        assert.deepEqual(clauses("σ"), [["σ"]]);
        assert.ok(/s/iu.test("\u017f") && caseFolded("\u017f").includes("s"), "LONG S matches s under iu; the folded text has it");
        assert.ok(/k/iu.test("\u212a") && caseFolded("\u212a").includes("k"), "KELVIN SIGN matches k under iu; the folded text has it");
    });

    it("finds every occurrence of overlapping literals in one scan", () => {
        const scanner = new LiteralScanner(["he", "she", "his", "hers", "chest pain", "pain", "é", "😀"]);
        assert.deepEqual([...scanner.scan("ushers")], [1, 1, 0, 1, 0, 0, 0, 0]);
        assert.deepEqual([...scanner.scan("chest pain 😀 café")], [1, 0, 0, 0, 1, 1, 1, 1]);
        assert.deepEqual([...scanner.scan("")], [0, 0, 0, 0, 0, 0, 0, 0]);
    });
});

describe("policy prefilter: PrefilteredRegExp matches as RegExp does", () => {
    const texts = ["Call 555-123-4567 or 555-987-6543 today", "nothing here", "", "CALL 555-000-1111"];
    for (const flags of ["", "g", "gi", "y", "i"]) {
        it(`test, exec, replace, match, search, matchAll and split (flags "${flags}")`, () => {
            const source = "call (\\d{3}-\\d{3}-\\d{4})";
            for (const text of texts) {
                const plain = new RegExp(source, flags);
                const mine = new PrefilteredRegExp(source, flags);
                for (let i = 0; i < 3; i++) {
                    assert.equal(mine.test(text), plain.test(text));
                    assert.equal(mine.lastIndex, plain.lastIndex);
                    assert.deepEqual(mine.exec(text), plain.exec(text));
                    assert.equal(mine.lastIndex, plain.lastIndex);
                }
                mine.lastIndex = plain.lastIndex = 0;
                assert.equal(text.replace(mine, "[$1]"), text.replace(plain, "[$1]"));
                assert.equal(mine.lastIndex, plain.lastIndex);
                assert.equal(text.replace(mine, (m, d: string) => d.split("").reverse().join("")), text.replace(plain, (m, d: string) => d.split("").reverse().join("")));
                assert.equal(text.search(mine), text.search(plain));
                assert.equal(mine.lastIndex, plain.lastIndex);
                assert.deepEqual(text.match(mine), text.match(plain));
                if (flags.includes("g")) assert.deepEqual([...text.matchAll(mine)], [...text.matchAll(plain)]);
                assert.deepEqual(text.split(mine), text.split(plain));
            }
        });
    }
});

describe("policy prefilter: never skips a pattern on a text it matches (every policy pattern)", function () {
    this.timeout(10 * 60_000);
    let patterns: {pattern: PolicyPattern; re: RegExp}[];
    const texts = new Set<string>();
    let corpus: string[] = [];

    before(() => {
        patterns = policyPatterns().map((pattern) => ({pattern, re: new RegExp(pattern.source, pattern.flags)}));
        const cases = baselineInputs().filter((i) => !i.id.startsWith("adversarial#") && !i.id.includes("#joined-")).map((i) => i.text);
        const forms = (text: string) => {
            const a = analyze(text);
            return [text, normalize(text), foldText(text), ...a.sentences, ...a.ownSentences];
        };
        for (const text of cases) for (const form of forms(text)) texts.add(form);
        for (const unit of Object.values(ADVERSARIAL_UNITS)) {
            const text = adversarialText(unit, 3000);
            for (const form of [...forms(text), ...forms(`${text.slice(0, 1500)} I want to kill myself. Pt John Smith MRN 1234567 ${text.slice(1500)}`)]) texts.add(form);
        }
        const random = mulberry32(11);
        const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
        const noise = ["a", "A", "s", "\u017f", "k", "\u212a", "K", "\u0130", "\u03c3", "\u03c2", "\u03a3", " ", ".", "-", "'", "\n", "0", "9", "@", "#", "é", "ي", "ह"];
        for (let n = 0; n < 3000; n++) {
            let text = pick(cases);
            const steps = 1 + Math.floor(random() * 4);
            for (let s = 0; s < steps; s++) {
                const at = Math.floor(random() * (text.length + 1));
                switch (Math.floor(random() * 7)) {
                    case 0: text = text.toUpperCase(); break;
                    case 1: text = [...text].map((c) => (random() < 0.3 ? c.toUpperCase() : c)).join(""); break;
                    case 2: text = text.replace(/s/g, () => (random() < 0.5 ? "\u017f" : "s")).replace(/k/g, () => (random() < 0.5 ? "\u212a" : "k")); break;
                    case 3: text = text.slice(0, at) + pick(noise) + text.slice(at); break;
                    case 4: text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 3)); break;
                    case 5: text = text.slice(0, at) + pick(cases) + text.slice(at); break;
                    default: text = normalize(text);
                }
            }
            texts.add(text);
        }
        corpus = [...texts];
    });

    it("finds the policy's patterns, and the prefilter reads a condition for most of them", () => {
        assert.ok(patterns.length > 250, `${patterns.length} patterns`);
        const withCondition = patterns.filter(({pattern}) => requiredLiterals(pattern.source, pattern.flags).clauses.length > 0);
        assert.ok(withCondition.length > patterns.length / 2, `${withCondition.length} of ${patterns.length} patterns have a condition`);
    });

    it("prefilterAllows(text) || !pattern.test(text), for every pattern and every text of the corpus", () => {
        const wrong: string[] = [];
        let skipped = 0;
        for (const text of corpus) {
            for (const {pattern, re} of patterns) {
                if (prefilterAllows(pattern.source, pattern.flags, text)) continue;
                skipped++;
                re.lastIndex = 0;
                if (re.test(text)) wrong.push(`${pattern.where} /${pattern.source.slice(0, 80)}/${pattern.flags} on ${JSON.stringify(text.slice(0, 120))}`);
            }
        }
        assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} matches the prefilter would have skipped`);
        assert.ok(skipped > corpus.length * patterns.length / 2, `skipped ${skipped} of ${corpus.length * patterns.length}: the prefilter does little`);
    });
});
