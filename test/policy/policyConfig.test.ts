import {strict as assert} from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {loadPolicyFile, parsePolicyConfig, PolicyConfigError} from "../../shared/policy/policyConfig";
import {PolicyEngine} from "../../shared/policy/policyEngine";
import {SURFACES} from "../../shared/types";

describe("policy file", () => {
    let dir: string;
    before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "med42-policy-")); });
    after(() => fs.rmSync(dir, {recursive: true, force: true}));
    const write = (name: string, content: string) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, content);
        return file;
    };

    it("names the file for a missing file and for invalid JSON", () => {
        const missing = path.join(dir, "nope.json");
        assert.throws(() => loadPolicyFile(missing), (e: Error) => e instanceof PolicyConfigError && e.message.includes(missing) && /no such file/.test(e.message));
        const bad = write("bad.json", "{\"disclaimer\": ");
        assert.throws(() => loadPolicyFile(bad), (e: Error) => e.message.includes(bad) && /not valid JSON/.test(e.message));
    });

    it("names the bad field: wrong type, unknown key, unknown category, locale without resources", () => {
        const cases: [unknown, RegExp][] = [
            [{disclaimer: {text: 42}}, /disclaimer\.text: .*string/],
            [{disclaimer: {text: "x"}, colour: "red"}, /Unrecognized key.*colour/],
            [{surfaces: {"slack-channel": {categories: ["weather"]}}}, /surfaces\.slack-channel\.categories\[0\]/],
            [{surfaces: {"pager": {}}}, /pager/],
            [{blockedTerms: [{term: "", category: "drug_misuse"}]}, /blockedTerms\[0\]\.term: must not be empty/],
            [{locale: "pt-BR"}, /locale: no resources for locale "pt-BR"/],
            [{resources: {"en-US": {emergency: "Call 911"}}}, /resources\.en-US\.crisis/],
        ];
        for (const [value, pattern] of cases) {
            const file = write("p.json", JSON.stringify(value));
            assert.throws(() => loadPolicyFile(file), (e: Error) => e.message.includes(file) && pattern.test(e.message), `${JSON.stringify(value)} should match ${pattern}`);
        }
    });

    it("changes the disclaimer, the resources for a locale and the refusal messages", () => {
        const file = write("ok.json", JSON.stringify({
            version: 1,
            disclaimer: {text: "Research tool only. Not for patient care.", markdown: "**Research tool only.** Not for patient care."},
            locale: "en-GB",
            messages: {out_of_scope: "Ask the clinical informatics team about that."},
        }));
        const engine = new PolicyEngine(loadPolicyFile(file));
        assert.deepEqual(engine.disclaimer, {text: "Research tool only. Not for patient care.", markdown: "**Research tool only.** Not for patient care."});
        assert.match(engine.decide("I want to end my life tonight", "cli").message ?? "", /^Call Samaritans on 116 123/);
        assert.match(engine.decide("my husband collapsed and is not breathing", "cli").message ?? "", /^Call 999/);
        assert.equal(engine.decide("recommend a thriller novel", "slack-dm").message, "Ask the clinical informatics team about that.");
    });

    it("uses an institution's own locale resources", () => {
        const engine = new PolicyEngine(parsePolicyConfig({locale: "en-NZ", resources: {"en-NZ": {emergency: "Call 111 now.", crisis: "Call or text 1737."}}}));
        assert.match(engine.decide("i want to kill myself", "slack-dm").message ?? "", /^Call or text 1737/);
    });

    it("switches categories per surface and sets the PHI mode per surface", () => {
        const engine = new PolicyEngine(parsePolicyConfig({surfaces: {
            "vscode": {categories: ["emergency", "self_harm", "harm_to_others", "drug_misuse"]},
            "slack-dm": {phi: "refuse"},
            "slack-channel": {phi: "notice"},
        }}));
        assert.equal(engine.decide("write a limerick about spreadsheets", "vscode").action, "answer");
        assert.equal(engine.decide("write a limerick about spreadsheets", "cli").category, "out_of_scope");
        const phi = "Patient Harold Finch, MRN 4471920, has hyperkalemia";
        assert.equal(engine.decide(phi, "slack-dm").category, "phi");
        const channel = engine.decide(phi, "slack-channel");
        assert.equal(channel.action, "answer");
        assert.ok(channel.notice);
    });

    it("applies blocked terms with their category and message, and allowed terms as in scope", () => {
        const engine = new PolicyEngine(parsePolicyConfig({
            blockedTerms: [{term: "Project Nightingale", category: "out_of_scope", message: "Do not discuss Project Nightingale here."}],
            allowedTerms: ["Tapestry", "Willow Ambulatory"],
        }));
        const blocked = engine.decide("What is the status of project nightingale?", "slack-channel");
        assert.equal(blocked.category, "out_of_scope");
        assert.ok(blocked.rules.includes("config.blocked_term"));
        assert.equal(blocked.message, "Do not discuss Project Nightingale here.");
        assert.equal(engine.decide("How do I reset my Tapestry password?", "slack-dm").action, "answer");
        assert.equal(new PolicyEngine().decide("How do I reset my Tapestry password?", "slack-dm").category, "out_of_scope");
    });

    describe("safety floor", () => {
        const rejects = (value: unknown, pattern: RegExp) => {
            const file = write("floor.json", JSON.stringify(value));
            assert.throws(() => loadPolicyFile(file), (e: Error) => e instanceof PolicyConfigError && e.message.includes(file) && pattern.test(e.message),
                `${JSON.stringify(value)} should be refused with ${pattern}`);
        };

        it("refuses to turn off emergency or self-harm escalation on any surface, naming the field and the rule", () => {
            for (const surface of SURFACES) {
                rejects({surfaces: {[surface]: {categories: []}}},
                    new RegExp(`surfaces\\.${surface}\\.categories: must include "emergency" and "self_harm": emergency and self-harm escalation cannot be turned off`));
                rejects({surfaces: {[surface]: {categories: ["emergency", "harm_to_others", "drug_misuse", "out_of_scope"]}}},
                    new RegExp(`surfaces\\.${surface}\\.categories: must include "self_harm":`));
                rejects({surfaces: {[surface]: {categories: ["self_harm"]}}}, new RegExp(`surfaces\\.${surface}\\.categories: must include "emergency":`));
            }
        });

        it("keeps escalation on however the engine is configured, with the institution's own resources", () => {
            assert.throws(() => new PolicyEngine({surfaces: {cli: {categories: ["harm_to_others"]}}} as never),
                (e: Error) => e instanceof PolicyConfigError && /surfaces\.cli\.categories: must include "emergency" and "self_harm"/.test(e.message));
            // Resources and messages of the escalations can change; the escalation itself cannot.
            const engine = new PolicyEngine(parsePolicyConfig({
                locale: "en-NZ", resources: {"en-NZ": {emergency: "Call 111 now.", crisis: "Call or text 1737."}},
                messages: {self_harm: "Please talk to someone now."},
                surfaces: {cli: {categories: ["emergency", "self_harm"]}},
            }));
            const d = engine.decide("I want to end my life tonight", "cli");
            assert.equal(d.action, "escalate");
            assert.equal(d.message, "Call or text 1737.\nNumbers for: New Zealand.\n\nPlease talk to someone now.");
            assert.equal(engine.decide("my husband collapsed and is not breathing", "cli").action, "escalate");
        });

        it("refuses a disclaimer without visible text of reasonable length", () => {
            rejects({disclaimer: {text: "   "}}, /disclaimer\.text: must not be empty/);
            rejects({disclaimer: {text: "\u200b\u200b\u200b"}}, /disclaimer\.text: contains an invisible or control character \(U\+200B\)/);
            rejects({disclaimer: {text: "\u2800\u3164"}}, /disclaimer\.text: contains an invisible or control character \(U\+2800\)/);
            rejects({disclaimer: {text: "Beta."}}, /disclaimer\.text: must contain at least 20 visible letters or digits \(found 4\)/);
            rejects({disclaimer: {text: "N o t . f o r . c l i n i c a l"}}, /disclaimer\.text: must contain at least 20 visible letters or digits \(found 14\)/);
            rejects({disclaimer: {text: "x".repeat(1001)}}, /disclaimer\.text: must be at most 1000 characters/);
        });

        it("refuses invisible characters inside otherwise visible texts (zero-width, direction overrides, soft hyphens)", () => {
            const text = "Not for clinical use. Verify every answer with authoritative sources.";
            rejects({disclaimer: {text: `${text}\u202e`}}, /disclaimer\.text: contains an invisible or control character \(U\+202E\)/);
            rejects({disclaimer: {text: `Not for\u00ad clinical use. ${text}`}}, /U\+00AD/);
            rejects({disclaimer: {text: `${text}\u0007`}}, /U\+0007/);
            rejects({resources: {"en-US": {emergency: "\u200b", crisis: "Call or text 988."}}}, /resources\.en-US\.emergency: contains an invisible or control character/);
            rejects({resources: {"en-US": {emergency: "Call 911 now.", crisis: "--"}}}, /resources\.en-US\.crisis: must contain at least 3 visible letters or digits/);
            rejects({messages: {self_harm: "\u2060"}}, /messages\.self_harm: contains an invisible or control character \(U\+2060\)/);
            rejects({blockedTerms: [{term: "Project X", category: "out_of_scope", message: "..."}]}, /blockedTerms\[0\]\.message: must contain visible text/);
        });

        it("refuses a Markdown disclaimer that renders to little or nothing, or hides text in HTML", () => {
            const text = "Not for clinical use. Verify every answer with authoritative sources.";
            rejects({disclaimer: {text, markdown: `<!-- ${text} -->`}}, /disclaimer\.markdown: must not contain HTML/);
            rejects({disclaimer: {text, markdown: `<span hidden>${text}</span>`}}, /disclaimer\.markdown: must not contain HTML/);
            rejects({disclaimer: {text, markdown: "[.](https://example.org/not-for-clinical-use-verify-every-answer)"}},
                /disclaimer\.markdown: must show at least 20 letters or digits once rendered \(found 0/);
            rejects({disclaimer: {text, markdown: "![Not for clinical use, verify every answer](https://example.org/x.png)"}},
                /disclaimer\.markdown: must show at least 20 letters or digits once rendered/);
        });

        it("accepts disclaimers in other scripts with the marks those scripts need", () => {
            const arabic = "هذه الأداة ليست جاهزة للاستخدام السريري\u200f. تحقق من كل إجابة.";
            const persian = "این ابزار برای استفاده\u200cی بالینی آماده نیست؛ هر پاسخ را بررسی کنید.";
            for (const text of [arabic, persian]) {
                const engine = new PolicyEngine(parsePolicyConfig({disclaimer: {text, markdown: `**${text}**`}}));
                assert.equal(engine.disclaimer.text, text);
            }
        });

        it("allows patient identifiers in Slack channels, with a warning for the start-up log", () => {
            assert.deepEqual(new PolicyEngine().warnings, []);
            assert.deepEqual(new PolicyEngine(parsePolicyConfig({surfaces: {"slack-dm": {phi: "ignore"}}})).warnings, []);
            for (const mode of ["notice", "ignore"] as const) {
                const engine = new PolicyEngine(parsePolicyConfig({surfaces: {"slack-channel": {phi: mode}}}));
                assert.equal(engine.warnings.length, 1);
                assert.match(engine.warnings[0], new RegExp(`surfaces\\.slack-channel\\.phi is "${mode}".*everyone in the channel.*BAA`));
                assert.equal(engine.decide("Patient Harold Finch, MRN 4471920, has hyperkalemia", "slack-channel").action, "answer");
            }
        });
    });
});
