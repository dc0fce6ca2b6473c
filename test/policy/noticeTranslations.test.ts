/**
 * The identifier messages, the blocked-term message and the conversation rule's notices in the message's language
 * (shared/policy/noticeTranslations.ts), with a policy file's own texts over them (`languages.<code>`).
 */
import {strict as assert} from "node:assert";
import {PolicyEngine} from "../../shared/policy/policyEngine";
import {NOTICES} from "../../shared/policy/noticeTranslations";
import {describeKinds} from "../../shared/policy/noticeTranslations";
import {parsePolicyConfig} from "../../shared/policy/policyConfig";

const EMIRATES_ID = "784-1968-6570305-0";
/** The same question with an Emirates ID and a phone number, per language. */
const WITH_IDS: Record<"en" | "ar" | "es" | "fr" | "hi" | "ur", string> = {
    en: `What is the warfarin dose for Emirates ID ${EMIRATES_ID}, phone +971 50 123 4567?`,
    ar: `ما هي جرعة الوارفارين لصاحب رقم الهوية ${EMIRATES_ID} وهاتفه +971 50 123 4567؟`,
    es: `¿Cuál es la dosis de warfarina para el paciente con Emirates ID ${EMIRATES_ID} y teléfono +971 50 123 4567?`,
    fr: `Quelle est la dose de warfarine pour le patient avec l'Emirates ID ${EMIRATES_ID} et le téléphone +971 50 123 4567 ?`,
    hi: `रोगी की वारफेरिन की खुराक क्या है, पहचान संख्या ${EMIRATES_ID} और फ़ोन +971 50 123 4567?`,
    ur: `مریض کی وارفرین کی خوراک کیا ہے، شناختی نمبر ${EMIRATES_ID} اور فون +971 50 123 4567؟`,
};

describe("policy notices in the message's language", () => {
    const engine = new PolicyEngine();

    for (const [lang, text] of Object.entries(WITH_IDS) as [keyof typeof WITH_IDS, string][]) {
        const notices = NOTICES[lang];
        const kinds = describeKinds(["national_id", "phone"], notices);
        it(`${lang}: the identifier refusal in a channel and the notice in a DM name the kinds in ${lang}, never the number`, () => {
            const channel = engine.decide(text, "slack-channel");
            assert.deepEqual([channel.action, channel.category, channel.language?.code], ["refuse", "phi", lang]);
            assert.equal(channel.message, `${notices.phiFound(kinds)} ${notices.phi}`);
            assert.ok(channel.message!.includes(notices.phiKinds.national_id) && channel.message!.includes(notices.phiKinds.phone));
            assert.ok(!channel.message!.includes("6570305"));
            const dm = engine.decide(text, "slack-dm");
            assert.equal(dm.action, "answer");
            assert.equal(dm.notice, notices.phiNotice(kinds));
            assert.ok(engine.isPolicyMessage(channel.message!), "recognised when a thread gives it back");
        });
    }

    it("the translations differ from English and from each other, and every kind has a label in every language", () => {
        const langs = Object.keys(NOTICES) as (keyof typeof NOTICES)[];
        for (const key of ["phi", "blockedTerm", "previousTurnLeftOut"] as const) {
            assert.equal(new Set(langs.map((l) => NOTICES[l][key])).size, langs.length, key);
        }
        for (const l of langs) {
            assert.deepEqual(Object.keys(NOTICES[l].phiKinds).sort(), Object.keys(NOTICES.en.phiKinds).sort(), l);
            assert.ok(NOTICES[l].messagesWithheld(3).includes("3"), l);
        }
        assert.equal(describeKinds(["name", "phone", "email"], NOTICES.ar), "اسم مريض، رقم هاتف وعنوان بريد إلكتروني");
        assert.equal(describeKinds(["name", "name"], NOTICES.es), "un nombre de paciente");
    });

    it("a blocked term gets the blocked-term message in the message's language, recognised when given back", () => {
        const blocking = new PolicyEngine({blockedTerms: [{term: "Nightingale", category: "out_of_scope"}]});
        const cases: [string, string][] = [
            ["Tell me about Nightingale", NOTICES.en.blockedTerm],
            ["¿Qué es el proyecto Nightingale en el hospital?", NOTICES.es.blockedTerm],
            ["Qu'est-ce que le projet Nightingale de l'hôpital ?", NOTICES.fr.blockedTerm],
            ["ما هو مشروع Nightingale في المستشفى؟", NOTICES.ar.blockedTerm],
        ];
        for (const [text, message] of cases) {
            const d = blocking.decide(text, "slack-channel");
            assert.deepEqual([d.action, d.category, d.message], ["refuse", "out_of_scope", message], text);
            assert.ok(d.rules.includes("config.blocked_term"));
            assert.ok(blocking.isPolicyMessage(message));
        }
    });

    it("a policy file replaces them per language; other languages keep theirs", () => {
        const config = parsePolicyConfig({
            blockedTerms: [{term: "Nightingale", category: "out_of_scope"}],
            languages: {
                es: {messages: {phi: "No comparta datos de pacientes en canales."}, notices: {
                    blocked_term: "Bloqueado por el hospital.", phi_notice: "Mejor sin identificadores.",
                    previous_turn_left_out: "Se omitió el mensaje anterior.", messages_withheld: "Se omitieron {count} mensajes.",
                }},
            },
        }, "test");
        const own = new PolicyEngine(config);
        const channel = own.decide(WITH_IDS.es, "slack-channel");
        assert.equal(channel.message, `${NOTICES.es.phiFound(describeKinds(["national_id", "phone"], NOTICES.es))} No comparta datos de pacientes en canales.`);
        assert.equal(own.decide(WITH_IDS.es, "slack-dm").notice,
            `${NOTICES.es.phiFound(describeKinds(["national_id", "phone"], NOTICES.es))} Mejor sin identificadores.`);
        assert.equal(own.decide("¿Qué es el proyecto Nightingale en el hospital?", "cli").message, "Bloqueado por el hospital.");
        assert.equal(own.conversationNotices("es").previousTurnLeftOut, "Se omitió el mensaje anterior.");
        assert.equal(own.conversationNotices("es").messagesWithheld(2), "Se omitieron 2 mensajes.");
        // French is untouched; a language without texts gets English.
        assert.equal(own.decide(WITH_IDS.fr, "slack-channel").message?.endsWith(NOTICES.fr.phi), true);
        assert.equal(own.conversationNotices("de").previousTurnLeftOut, NOTICES.en.previousTurnLeftOut);
    });

    it("an institution's English identifier text stands in languages it did not translate, as for the other messages", () => {
        const own = new PolicyEngine({messages: {phi: "Please use the secure channel."}});
        assert.ok(own.decide(WITH_IDS.ar, "slack-channel").message?.endsWith("Please use the secure channel."));
        assert.ok(own.decide(WITH_IDS.ar, "slack-channel").message?.startsWith(NOTICES.ar.phiFound("").slice(0, 20)));
    });

    it("a policy file's notices are checked like its other texts", () => {
        assert.throws(() => parsePolicyConfig({languages: {es: {notices: {blocked_term: ""}}}}, "test"));
        assert.throws(() => parsePolicyConfig({languages: {es: {notices: {unknown: "x"}}}}, "test"));
    });
});
