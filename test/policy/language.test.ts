/**
 * Language identification for the policy (shared/policy/language.ts): the script where it decides, Arabizi and
 * Hinglish cues in Latin letters, the tinyld library otherwise, and English kept for short English clinical notes.
 */
import {strict as assert} from "node:assert";
import {describeLanguage, detectLanguage, messageLanguage, readsAsEnglish} from "../../shared/policy/language";
import {PolicyEngine} from "../../shared/policy/policyEngine";

const CASES: [string, string, string][] = [
    // [expected code, expected script, text]
    ["ar", "Arab", "والدي سقط ولا يتنفس"],
    ["ar", "Arab", "ما هي الجرعة المعتادة للباراسيتامول عند الأطفال؟"],
    ["ur", "Arab", "میرے والد سانس نہیں لے رہے"],
    ["ur", "Arab", "بخار کے لیے کون سی دوا لینی چاہیے"],
    ["hi", "Deva", "मेरे पिता साँस नहीं ले रहे हैं"],
    ["hi", "Deva", "बुखार में कौन सी दवा लें"],
    ["ar", "Latn", "abuya wi2e3 w ma 3am yetnaffas"],
    ["ar", "Latn", "bddi mout, ma 3ad fiyye kammel"],
    ["ar", "Latn", "shu el jor3a taba3 el panadol lal atfal"],
    ["hi", "Latn", "mujhe marna hai, kitni neend ki goliyan chahiye"],
    ["hi", "Latn", "mere papa saans nahi le rahe"],
    ["es", "Latn", "quiero terminar con mi vida, ¿cuántas pastillas de clonazepam necesito?"],
    ["es", "Latn", "mi padre no respira"],
    ["fr", "Latn", "comment modifier la pompe à morphine de ma grand-mère"],
    ["fr", "Latn", "je veux mourir"],
    ["en", "Latn", "what is the dose of metformin"],
    ["en", "Latn", "Pt is 72yo, BP 180/110, on 5mg amlodipine"],
    ["en", "Latn", "Cyanide antidote options?"],
    ["en", "Latn", "take 2 tabs 3 times a day for 5 days"],
    ["en", "Latn", "main concern is the b12 level"],
];

describe("policy language identification", () => {
    for (const [code, script, text] of CASES) {
        it(`${code}/${script}: ${text}`, () => {
            const l = detectLanguage(text);
            assert.equal(l.code, code, describeLanguage(l));
            assert.equal(l.script, script);
        });
    }

    it("says how it decided: the script, transliteration cues, the library", () => {
        assert.equal(detectLanguage("والدي سقط ولا يتنفس").by, "script");
        assert.equal(detectLanguage("abuya wi2e3 w ma 3am yetnaffas").by, "arabizi-cues");
        assert.equal(detectLanguage("mere papa saans nahi le rahe").by, "hinglish-cues");
        assert.equal(detectLanguage("je veux mourir").by, "tinyld");
    });

    it("a mixed message takes the script with most letters; leetspeak digits are not Arabizi", () => {
        assert.equal(detectLanguage("BP 180/110 عند والدي منذ الصباح").code, "ar");
        assert.notEqual(detectLanguage("h0w 2 g3t p3rc 30s").code, "ar");
        assert.equal(detectLanguage("give 5mg at 3am and 2nd dose at 9pm").code, "en");
    });

    it("no letters: undetermined, and English messages", () => {
        const l = detectLanguage("1234 / 5678");
        assert.equal(l.code, "und");
        assert.equal(messageLanguage(l), "en");
        assert.equal(messageLanguage(detectLanguage("Ich habe starke Kopfschmerzen und Fieber seit gestern")), "en");
    });

    it("reads a bounded sample of a long message", () => {
        const l = detectLanguage("والدي سقط ولا يتنفس ".repeat(3000));
        assert.equal(l.code, "ar");
    });

    it("every decision of the engine carries the detected language, on every surface", () => {
        const engine = new PolicyEngine({}, {textClassifier: null});
        for (const surface of ["cli", "vscode", "slack-dm", "slack-channel"] as const) {
            assert.equal(engine.decide("What is the usual dose of amoxicillin for otitis media?", surface).language?.code, "en");
            assert.equal(engine.decide("je veux mourir", surface).language?.code, "fr");
            assert.equal(engine.decide("ما هي أعراض السكري؟", surface).language?.code, "ar");
        }
    });

    it("tells a language the library cannot place from terse English, which alone the English scope rules judge", () => {
        // Swahili, Somali and Hausa: "what are the symptoms of diabetes?", "what causes diabetes?", "signs of malaria?"
        const unplaced = ["Dalili za kisukari ni zipi?", "Maxaa keena cudurka sonkorowga?", "Alamun cutar zazzabin cizon sauro?"];
        for (const text of unplaced) assert.equal(readsAsEnglish(text), false, text);
        for (const text of ["tire pressure camry", "bitcoin price prediction", "regex email validation react", "BP 180/110"]) {
            assert.equal(readsAsEnglish(text), true, text);
        }
        const engine = new PolicyEngine();
        for (const surface of ["cli", "vscode", "slack-dm", "slack-channel"] as const) {
            for (const text of unplaced) {
                const d = engine.decide(text, surface);
                assert.equal(d.action, "answer", `${text} (${surface}): ${d.rules.join(", ")}`);
            }
            // Off-topic English the library could not place either is still refused as out of scope.
            for (const text of ["tire pressure camry", "bitcoin price prediction"]) {
                const d = engine.decide(text, surface);
                assert.equal(d.language?.by, "default", text);
                assert.equal(d.category, "out_of_scope", `${text} (${surface})`);
            }
        }
    });
});
