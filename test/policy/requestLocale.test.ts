/**
 * One assistant, many users: a request's own locale (a Slack user's) picks the crisis and emergency numbers of that
 * request, the policy file's locale still first (PolicyEngine.forLocale, AskRequest.locale).
 */
import {strict as assert} from "node:assert";
import {Med42Assistant} from "../../shared/assistant";
import {PolicyEngine} from "../../shared/policy/policyEngine";
import type {PolicyChecker} from "../../shared/policy/types";
import {ScriptedBackend} from "../support/scriptedBackend";

const EMERGENCY = "My father collapsed and is not breathing, what do I do?";
const SELF_HARM = "I want to kill myself tonight, I have the pills ready";

describe("crisis resources per request: the asker's locale", function () {
    this.timeout(60_000);

    it("one engine gives each locale its own country's numbers, and says whose", () => {
        const engine = new PolicyEngine({}, {locale: "en-US"});
        const gb = engine.forLocale("en-GB").decide(SELF_HARM, "slack-channel");
        assert.equal(gb.action, "escalate");
        assert.match(gb.message!, /Samaritans on 116 123/);
        assert.match(gb.message!, /Numbers for: United Kingdom\./);
        const ae = engine.forLocale("ar-AE").decide(EMERGENCY, "slack-channel");
        assert.equal(ae.category, "emergency");
        assert.match(ae.message!, /998/);
        assert.match(ae.message!, /999/);
        assert.doesNotMatch(ae.message!, /911/);
        // The engine itself keeps its own locale's numbers.
        const us = engine.decide(SELF_HARM, "slack-channel");
        assert.match(us.message!, /988/);
        assert.match(us.message!, /Numbers for: United States\./);
        assert.equal(engine.locale.locale, "en-US");
        assert.deepEqual(engine.forLocale("en_GB").locale, {locale: "en-GB", from: "requested", requested: "en_GB"});
    });

    it("the policy file's locale wins over the request's", () => {
        const engine = new PolicyEngine({locale: "fr-FR"}, {locale: "en-US"});
        const d = engine.forLocale("en-GB").decide(SELF_HARM, "slack-dm");
        assert.match(d.message!, /3114/);
        assert.doesNotMatch(d.message!, /116 123/);
        assert.equal(engine.forLocale("en-GB").locale.locale, "fr-FR");
    });

    it("a request locale with no numbers of its own keeps the engine's (the surface's), not en-US", () => {
        const engine = new PolicyEngine({}, {locale: "en-GB"});
        assert.equal(engine.forLocale("de-DE"), engine);
        assert.match(engine.forLocale("de-DE").decide(SELF_HARM, "slack-dm").message!, /116 123/);
        assert.equal(engine.forLocale(" "), engine);
    });

    it("engines per locale are kept and share the policy: the same rules decide, and each knows every locale's escalations", () => {
        const engine = new PolicyEngine({blockedTerms: [{term: "frobnicate", category: "out_of_scope"}]});
        const gb = engine.forLocale("en-GB");
        assert.equal(engine.forLocale("en-GB"), gb, "kept, not rebuilt");
        assert.equal(gb.forLocale("en-GB"), gb);
        assert.equal(gb.forLocale("ar-AE"), engine.forLocale("ar-AE"), "one cache for the engine and its copies");
        assert.equal(gb.decide("please frobnicate this", "cli").category, "out_of_scope");
        // A thread can hold an escalation shown to another user with their numbers: still a policy message.
        const shownToAe = engine.forLocale("ar-AE").decide(EMERGENCY, "slack-channel").message!;
        assert.ok(gb.isPolicyMessage(shownToAe));
        assert.ok(engine.isPolicyMessage(gb.decide(SELF_HARM, "slack-channel").message!));
    });

    it("the assistant: two requests with different locales get different numbers from one engine", async () => {
        const assistant = new Med42Assistant({backend: new ScriptedBackend(["A short summary."]), auditDb: false, locale: "en-US"});
        try {
            assert.equal(assistant.localeByRequest, true);
            const ask = async (locale?: string) => (await assistant.ask({messages: [{role: "user", content: EMERGENCY}],
                surface: "slack-channel", ...(locale ? {locale} : {})}).result).text;
            const gb = await ask("en-GB");
            assert.match(gb, /Call 999 now/);
            assert.match(gb, /Numbers for: United Kingdom\./);
            const ae = await ask("ar-AE");
            assert.match(ae, /998/);
            assert.match(ae, /Numbers for: United Arab Emirates\./, "said in the message's language");
            assert.match(await ask(), /Call 911 now/);
            // A thread with self-harm, summarised for an asker in Spain: Spain's crisis line under the summary.
            const summary = await assistant.summarizeConversation({surface: "slack-channel", locale: "es-ES",
                conversation: [{speaker: "Person 1", role: "user", content: SELF_HARM}]}).result;
            assert.equal(summary.policy.category, "self_harm");
            assert.match(summary.text, /024/);
        } finally {
            await assistant.dispose();
        }
    });

    it("the assistant: a policy file's locale turns per-request locales off; a checker without forLocale ignores them", async () => {
        const fixed = new Med42Assistant({policy: new PolicyEngine({locale: "en-GB"}), backend: new ScriptedBackend([]), auditDb: false});
        try {
            assert.equal(fixed.localeByRequest, false);
            const r = await fixed.ask({messages: [{role: "user", content: SELF_HARM}], surface: "cli", locale: "en-AE"}).result;
            assert.match(r.text, /116 123/);
        } finally {
            await fixed.dispose();
        }
        const engine = new PolicyEngine({}, {locale: "en-GB"});
        const custom: PolicyChecker = {decide: (t, s) => engine.decide(t, s), screenOutput: (t, s) => engine.screenOutput(t, s),
            disclaimer: engine.disclaimer};
        const plain = new Med42Assistant({policy: custom, backend: new ScriptedBackend([]), auditDb: false});
        try {
            assert.equal(plain.localeByRequest, false);
            const r = await plain.ask({messages: [{role: "user", content: SELF_HARM}], surface: "cli", locale: "en-AE"}).result;
            assert.match(r.text, /116 123/);
        } finally {
            await plain.dispose();
        }
    });
});
