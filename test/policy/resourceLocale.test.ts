import {strict as assert} from "node:assert";
import {canonicalLocale, DEFAULT_RESOURCES, resolveResourceLocale} from "../../shared/policy/defaultPolicy";
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

    it("uses the requested locale's resources, the policy file's for a bare language, and says why", () => {
        assert.deepEqual(resolveResourceLocale("en-gb", undefined, available), {locale: "en-GB", from: "requested", requested: "en-gb"});
        // VS Code's display language has no region: an institution's en-GB policy keeps its resources.
        assert.deepEqual(resolveResourceLocale("en", "en-GB", available), {locale: "en-GB", from: "policy-file", requested: "en"});
        assert.deepEqual(resolveResourceLocale("en", undefined, available), {locale: "en-US", from: "requested", requested: "en"});
        // No resources for the language yet: the policy file's locale, else the default, with what was asked kept.
        assert.deepEqual(resolveResourceLocale("fr", undefined, available), {locale: "en-US", from: "default", requested: "fr"});
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
});
