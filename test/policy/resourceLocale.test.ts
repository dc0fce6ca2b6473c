import {strict as assert} from "node:assert";
import {canonicalLocale, DEFAULT_RESOURCES, resolveResourceLocale, systemLocale} from "../../shared/policy/defaultPolicy";
import {BUILT_IN_TRANSLATIONS} from "../../shared/policy/translations";
import {runCli} from "../support/runCli";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {PolicyEngine} from "../../shared/policy/policyEngine";

const SELF_HARM = "I want to kill myself tonight, I have the pills ready";

describe("crisis resources by the user's locale", function () {
    this.timeout(60_000);
    const available = Object.keys(DEFAULT_RESOURCES);

    it("canonicalises locale tags", () => {
        assert.equal(canonicalLocale("en-gb"), "en-GB");
        assert.equal(canonicalLocale("pt_BR"), "pt-BR");
        assert.equal(canonicalLocale("zh-Hant-TW"), "zh-TW");
        assert.equal(canonicalLocale("EN"), "en");
    });

    it("uses the policy file's locale first, else the requested locale's resources, and says why", () => {
        assert.deepEqual(resolveResourceLocale("en-gb", undefined, available), {locale: "en-GB", from: "requested", requested: "en-gb"});
        // VS Code's display language has no region: an institution's en-GB policy keeps its resources.
        assert.deepEqual(resolveResourceLocale("en", "en-GB", available), {locale: "en-GB", from: "policy-file", requested: "en"});
        assert.deepEqual(resolveResourceLocale("en", undefined, available), {locale: "en-US", from: "requested", requested: "en"});
        // No resources for the language yet: the policy file's locale, else the default, with what was asked kept.
        assert.deepEqual(resolveResourceLocale("de", undefined, available), {locale: "en-US", from: "default", requested: "de"});
        assert.deepEqual(resolveResourceLocale("fr", "en-AU", available), {locale: "en-AU", from: "policy-file", requested: "fr"});
        assert.deepEqual(resolveResourceLocale(undefined, undefined, available), {locale: "en-US", from: "default"});
    });

    it("escalations show the resources of the locale in force", () => {
        const gb = new PolicyEngine({}, {locale: "en-GB"});
        assert.equal(gb.locale.locale, "en-GB");
        const d = gb.decide(SELF_HARM, "vscode");
        assert.equal(d.action, "escalate");
        assert.match(d.message ?? "", /Samaritans on 116 123/);
        assert.doesNotMatch(new PolicyEngine().decide(SELF_HARM, "vscode").message ?? "", /Samaritans/);
        // A policy file's own locale and resources are used when the user's language has none.
        const custom = new PolicyEngine({locale: "en-GB"}, {locale: "fr"});
        assert.deepEqual(custom.locale, {locale: "en-GB", from: "policy-file", requested: "fr"});
    });

    it("the policy file's locale wins over the surface's; a country or a bare language finds its resources", () => {
        assert.deepEqual(resolveResourceLocale("en-AU", "en-GB", available), {locale: "en-GB", from: "policy-file", requested: "en-AU"});
        assert.deepEqual(resolveResourceLocale("fr-AE", undefined, available), {locale: "ar-AE", from: "requested", requested: "fr-AE"});
        assert.equal(resolveResourceLocale("ar", undefined, available).locale, "ar-AE");
        assert.equal(resolveResourceLocale("es", undefined, available).locale, "es-ES");
        assert.equal(resolveResourceLocale("fr", undefined, available).locale, "fr-FR");
        assert.equal(resolveResourceLocale("hi", undefined, available).locale, "hi-IN");
        assert.equal(resolveResourceLocale("en-IN", undefined, available).locale, "en-IN");
    });

    it("reads the system locale as POSIX programs do (CLI and Slack bot)", () => {
        assert.equal(systemLocale({LANG: "en_AE.UTF-8"}), "en-AE");
        assert.equal(systemLocale({LANG: "en_US.UTF-8", LC_MESSAGES: "fr_FR.UTF-8"}), "fr-FR");
        assert.equal(systemLocale({LANG: "en_US.UTF-8", LC_MESSAGES: "fr_FR.UTF-8", LC_ALL: "ar_EG.UTF-8"}), "ar-EG");
        assert.equal(systemLocale({LANG: "sr_RS@latin"}), "sr-RS");
        assert.equal(systemLocale({LANG: "C.UTF-8"}), undefined);
        assert.equal(systemLocale({LC_ALL: "POSIX", LANG: "en_GB.UTF-8"}), undefined);
        assert.equal(systemLocale({}), undefined);
        assert.equal(systemLocale({LANG: "not a locale"}), undefined);
    });

    /** The numbers each built-in country must show, for emergencies and for self-harm (sources in docs/policy.md). */
    const NUMBERS: Record<string, {emergency: RegExp[]; crisis: RegExp[]; country: RegExp}> = {
        "en-AE": {emergency: [/998/, /999/], crisis: [/800 4673/], country: /United Arab Emirates/},
        "ar-AE": {emergency: [/998/, /999/], crisis: [/800 4673/], country: /الإمارات/},
        "en-SA": {emergency: [/911/, /997/], crisis: [/911/], country: /Saudi Arabia/},
        "ar-SA": {emergency: [/911/, /997/], crisis: [/911/], country: /السعودية/},
        "en-EG": {emergency: [/123/, /122/], crisis: [/08008880700/], country: /Egypt/},
        "ar-EG": {emergency: [/123/, /122/], crisis: [/08008880700/], country: /مصر/},
        "es-ES": {emergency: [/112/], crisis: [/024/], country: /España/},
        "fr-FR": {emergency: [/\b15\b/, /112/], crisis: [/3114/], country: /France/},
        "hi-IN": {emergency: [/112/], crisis: [/14416/], country: /भारत/},
        "en-IN": {emergency: [/112/], crisis: [/14416/], country: /India/},
        "en-GB": {emergency: [/999/], crisis: [/116 123/], country: /United Kingdom/},
        "en-US": {emergency: [/911/], crisis: [/988/], country: /United States/},
    };

    for (const [locale, expected] of Object.entries(NUMBERS)) {
        it(`${locale}: escalations show its numbers and say whose they are, in the message's language`, () => {
            const engine = new PolicyEngine({}, {locale});
            assert.equal(engine.locale.locale, locale);
            const language = locale.split("-")[0];
            // A message in the locale's language (English for en-*), escalated by the model check where the rules
            // do not read the language yet.
            const question = language === "en" ? "What is gout?" : BUILT_IN_QUESTIONS[language];
            for (const category of ["emergency", "self_harm"] as const) {
                const d = engine.applyModelVerdict(engine.decide(question, "slack-dm"), category, "slack-dm");
                assert.equal(d.category, category);
                for (const n of category === "emergency" ? expected.emergency : expected.crisis) assert.match(d.message!, n, d.message);
                assert.match(d.message!, expected.country);
            }
        });
    }

    it("the line saying whose numbers they are follows the message's language", () => {
        const engine = new PolicyEngine({}, {locale: "en-AE"});
        const ar = engine.applyModelVerdict(engine.decide(BUILT_IN_QUESTIONS.ar, "cli"), "self_harm", "cli");
        assert.match(ar.message!, /800 4673/);
        assert.match(ar.message!, /هذه الأرقام خاصة بـ: الإمارات العربية المتحدة\./);
        assert.ok(ar.message!.includes(BUILT_IN_TRANSLATIONS.ar.self_harm));
        assert.match(engine.decide(SELF_HARM, "cli").message!, /^Call the Mental Support Line on 800 4673.*\nNumbers for: United Arab Emirates\.\n/s);
    });

    it("VS Code: a display language without a region (\"ar\", \"fr\") picks that language's country", () => {
        assert.match(new PolicyEngine({}, {locale: "ar"}).decide(SELF_HARM, "vscode").message!, /800 4673/);
        assert.match(new PolicyEngine({}, {locale: "fr"}).decide(SELF_HARM, "vscode").message!, /3114/);
    });

    it("CLI: the system locale picks the numbers unless the policy file sets a locale, and med42 policy says which", async () => {
        const fr = await runCli(["policy", SELF_HARM], {env: {LANG: "fr_FR.UTF-8"}});
        assert.equal(fr.code, 0, fr.stderr);
        assert.match(fr.stdout, /3114/);
        assert.match(fr.stdout, /^numbers: {2}fr-FR \(the system locale fr-FR\)$/m);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-locale-"));
        const file = path.join(dir, "policy.json");
        fs.writeFileSync(file, JSON.stringify({locale: "en-GB"}));
        const gb = await runCli(["policy", "--policy-file", file, SELF_HARM], {env: {LANG: "fr_FR.UTF-8"}});
        assert.match(gb.stdout, /116 123/);
        assert.match(gb.stdout, /^numbers: {2}en-GB \(the policy file's locale\)$/m);
        const none = await runCli(["policy", SELF_HARM], {env: {LANG: "C.UTF-8"}});
        assert.match(none.stdout, /988/);
        assert.match(none.stdout, /^numbers: {2}en-US \(the default\)$/m);
        fs.rmSync(dir, {recursive: true, force: true});
    });
});

const BUILT_IN_QUESTIONS: Record<string, string> = {
    ar: "ما هي أعراض مرض السكري عند كبار السن؟",
    es: "¿Cuáles son los efectos secundarios de la metformina en adultos mayores?",
    fr: "Quels sont les effets secondaires de la metformine chez les personnes âgées ?",
    hi: "बुज़ुर्गों में मधुमेह के लक्षण क्या हैं?",
};
