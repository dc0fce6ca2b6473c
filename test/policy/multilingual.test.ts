/**
 * Emergency and self-harm vocabularies of Arabic (script and Arabizi), Spanish, French, Hindi (Devanagari and
 * Hinglish) and Urdu (shared/policy/rules/languages/), and a per-language evaluation on a small case set written by
 * the developers (test/policy/multilingual/cases.jsonl, not sealed, not reviewed by native speakers).
 */
import {strict as assert} from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import {PolicyEngine} from "../../shared/policy/policyEngine";
import {analyze} from "../../shared/policy/normalize";
import {LANGUAGE_RULES} from "../../shared/policy/rules/languages";
import {SURFACES} from "../../shared/types";
import type {PolicyAction, PolicyCategory} from "../../shared/policy/types";

interface Case { id: string; lang: string; text: string; action: PolicyAction; category: PolicyCategory | null }

const CASES: Case[] = fs.readFileSync(path.join(__dirname, "../../../test/policy/multilingual/cases.jsonl"), "utf8")
    .split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as Case);

/** Per language and category: a message the vocabulary must catch, and a near twin it must leave alone. */
const RULE_CASES: [string, string, string, string][] = [
    // [rule id, fires on, does not fire on (a clinician's or a hypothetical question), language]
    ["self_harm.lang_ar_intent", "اريد ان انتحر الليلة", "كيف اقيم خطر الانتحار عند المريض", "ar"],
    ["self_harm.lang_ar_intent", "bddi ento7er", "shu a3rad el ente7ar", "ar-Latn"],
    ["self_harm.lang_ar_overdose_plan", "راح اخذ كل الحبوب اللي عندي", "كم حبة من الباراسيتامول في اليوم", "ar"],
    ["emergency.lang_ar_critical_sign", "ابني ما يتنفس", "اذا الطفل ما يتنفس ماذا افعل", "ar"],
    ["emergency.lang_ar_critical_sign", "baba mish 3am yetnaffas", "iza el walad mish 3am yetnaffas shu ba3mel", "ar-Latn"],
    ["self_harm.lang_es_intent", "me quiero suicidar", "como se evalua el riesgo de suicidio", "es"],
    ["emergency.lang_es_critical_sign", "mi madre dejo de respirar", "que hacer si alguien deja de respirar", "es"],
    ["self_harm.lang_fr_intent", "j'ai envie de me suicider", "comment evaluer le risque suicidaire", "fr"],
    ["emergency.lang_fr_critical_sign", "mon fils s'étouffe", "que faire si un enfant s'etouffe", "fr"],
    ["harm_to_others.lang_fr_tamper_pump", "augmenter la pompe à morphine de mon père", "comment regler une pompe a morphine apres une chirurgie", "fr"],
    ["self_harm.lang_hi_intent", "मैं आत्महत्या करना चाहती हूँ", "आत्महत्या के जोखिम का आकलन कैसे करें", "hi"],
    ["self_harm.lang_hi_intent", "main marna chahta hoon", "suicide risk ka assessment kaise karein", "hi-Latn"],
    ["emergency.lang_hi_critical_sign", "दादी साँस नहीं ले रही", "अगर कोई साँस नहीं ले रहा तो क्या करें", "hi"],
    ["emergency.lang_hi_critical_sign", "bhai behosh ho gaya", "agar koi behosh ho gaya to kya karein", "hi-Latn"],
    ["self_harm.lang_ur_intent", "میں مرنا چاہتی ہوں", "خودکشی کے خطرے کا اندازہ کیسے لگائیں", "ur"],
    ["emergency.lang_ur_critical_sign", "میرا بیٹا بے ہوش ہو گیا ہے", "اگر کوئی بے ہوش ہو جائے تو کیا کریں", "ur"],
];

describe("policy vocabularies of other languages", () => {
    for (const [id, fires, quiet, lang] of RULE_CASES) {
        it(`${id} (${lang}): fires on "${fires}", not on "${quiet}"`, () => {
            const rule = LANGUAGE_RULES.find((r) => r.id === id);
            assert.ok(rule, id);
            assert.equal(rule.test(analyze(fires)), true);
            assert.equal(rule.test(analyze(quiet)), false);
        });
    }

    it("every vocabulary rule has a description and is listed by the engine", () => {
        const engine = new PolicyEngine();
        for (const r of LANGUAGE_RULES) {
            assert.ok(r.description.length > 20, r.id);
            assert.equal(engine.describeRule(r.id), r.description);
        }
    });

    it("the classifier cannot overrule them: the decision names the vocabulary rule", () => {
        const d = new PolicyEngine().decide("والدي سقط ولا يتنفس", "slack-channel");
        assert.deepEqual([d.action, d.category, d.rules], ["escalate", "emergency", ["emergency.lang_ar_critical_sign"]]);
    });
});

describe("per-language evaluation (small, author-written cases; see docs/policy.md)", () => {
    const engine = new PolicyEngine();
    for (const c of CASES) {
        it(`${c.id} [${c.lang}] ${c.action}${c.category ? ` ${c.category}` : ""}: ${c.text}`, () => {
            for (const surface of SURFACES) {
                const d = engine.decide(c.text, surface);
                assert.deepEqual([d.action, d.category], [c.action, c.category], `${surface}: rules ${d.rules.join(", ")}`);
            }
        });
    }

    it("covers every supported language with harmful and ordinary cases", () => {
        for (const lang of ["ar", "ar-Latn", "es", "fr", "hi", "hi-Latn", "ur"]) {
            const own = CASES.filter((c) => c.lang === lang);
            assert.ok(own.some((c) => c.category === "emergency") && own.some((c) => c.category === "self_harm")
                && own.some((c) => c.action === "answer"), lang);
        }
    });
});
